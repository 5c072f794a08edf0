"""Benchmark: matching applicants into networks (``districtlab.analysis.matching.match``, what ``districtlab match``
and the web app run), issue 14's goals.

- 1,800 synthetic applicants (a fixed seed): a quarter host, a fifth either, the rest partners; one to three of 16
  focus areas, some far more wanted than others; four grade bands and five boroughs in roughly New York's
  proportions; partners 2-3, default weights and time limit. Goal: under 30 s, with the score within 1% of the
  proved bound.
- 12 and 30 applicants, solved to a proof (``gap=0``). Goal: each under 1 s, and proved optimal.

Beside wall time is CPU time (one solver thread: what the match takes when nothing else runs on the machine).

Run: .venv/bin/python bench/matching.py [--applicants N] [--seed S]
"""
import argparse
import logging
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import figures  # noqa: E402
from districtlab.analysis.matching import Applicant, match  # noqa: E402

logging.getLogger("districtlab.request").setLevel(logging.WARNING)  # nothing here serves requests; kept quiet anyway
LARGE_SECONDS, GAP_PERCENT, SMALL_SECONDS = 30, 1, 1
ROLES = {"host": 25, "partner": 55, "either": 20}
GRADE_BANDS = {"Elementary": 45, "Middle": 25, "High": 20, "K-8": 10}
BOROUGHS = {"Bronx": 22, "Brooklyn": 32, "Manhattan": 18, "Queens": 23, "Staten Island": 5}
FOCUS_AREAS = [f"Focus area {i}" for i in range(1, 17)]
FOCUS_WEIGHTS = [1 / rank for rank in range(1, 17)]  # the most wanted area is chosen 16 times as often as the last


def applicants(n: int, seed: int = 2016) -> list[Applicant]:
    """``n`` synthetic applications, the same for the same seed."""
    rng = random.Random(seed)

    def one(table: dict) -> str:
        return rng.choices(list(table), list(table.values()))[0]

    result = []
    for i in range(n):
        wanted = rng.choices([1, 2, 3], [20, 30, 50])[0]
        lfas: list[str] = []
        while len(lfas) < wanted:
            area = rng.choices(FOCUS_AREAS, FOCUS_WEIGHTS)[0]
            if area not in lfas:
                lfas.append(area)
        result.append(Applicant(f"School {i + 1:04d}", one(ROLES), one(GRADE_BANDS), one(BOROUGHS), tuple(lfas)))
    return result


def timed(schools: list[Applicant], **options):
    wall, cpu = time.perf_counter(), time.process_time()
    result = match(schools, **options)
    return result, time.perf_counter() - wall, time.process_time() - cpu


def line(name: str, value: float, unit: str, goal: float, at_least: bool = False) -> figures.Figure:
    return figures.measured("matching", name, value, unit, goal, at_least)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--applicants", type=int, default=1800)
    parser.add_argument("--seed", type=int, default=2016)
    figures.json_argument(parser)
    args = parser.parse_args(argv)
    results = []
    for n in (12, 30):
        result, wall, cpu = timed(applicants(n, args.seed), gap=0)
        results += [line(f"{n} applicants: seconds", wall, "s", SMALL_SECONDS),
                    line(f"{n} applicants: CPU seconds", cpu, "s", SMALL_SECONDS),
                    line(f"{n} applicants: proved optimal (1 yes, 0 no)", int(result.optimal), "", 1, True)]
    n = args.applicants
    result, wall, cpu = timed(applicants(n, args.seed))
    gap = 100 * (result.bound - result.score) / result.bound if result.bound else 0.0
    print(f"{n:,} applicants: {result.placed:,} placed in {len(result.networks):,} networks, score "
          f"{result.score:,}, bound {result.bound:,}" + (" (proved optimal)" if result.optimal else ""))
    results += [line(f"{n:,} applicants: seconds", wall, "s", LARGE_SECONDS),
                line(f"{n:,} applicants: CPU seconds", cpu, "s", LARGE_SECONDS),
                line(f"{n:,} applicants: gap to the proved bound", gap, "%", GAP_PERCENT)]
    return figures.finish(results, args.json)


if __name__ == "__main__":
    sys.exit(main())
