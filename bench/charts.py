"""Benchmark: run charts and control charts at scale, from the command line and on a measure's page.

- The ``districtlab spc FILE --chart i --json`` and ``districtlab runchart FILE --json`` commands, as whole
  processes, on a file of 10,000 series (10,000 parts of 24 monthly points: 240,000 rows, about 6 MB): wall time
  and peak memory (``/usr/bin/time -v``). Goal: each under 5 s and 300 MB.
- ``split_parts`` on 100,000 labels, each its own part (the worst case for the rule that a part may not come
  back; comparing each label with every earlier part took hours). Goal: under 1 s, in a process holding the
  whole project (its 200,000 list objects make Python's garbage collector the larger share).
- A measure's page with 10,000 points (a measure's most; a run chart in one part, and an I chart in 1,429 parts
  of seven), in a throwaway SQLite database: a request that draws the chart (the cache emptied before it) and
  one that takes it from the cache, medians of N. Goal: each under 300 ms.

The machine is shared: beside each command's wall time is its CPU time, which is what it takes when nothing else
runs.

Run: .venv/bin/python bench/charts.py [--repeat N]
"""
import argparse
import datetime as dt
import logging
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.pop("DATABASE_URL", None)
os.environ.pop("REDIS_URL", None)
os.environ["DISTRICTLAB_DATA_DIR"] = tempfile.mkdtemp(prefix="districtlab-bench-")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "districtlab.settings")

import django  # noqa: E402

django.setup()
logging.getLogger("districtlab.request").setLevel(logging.WARNING)  # a line per request would drown the figures
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

import figures  # noqa: E402
from districtlab.analysis.runchart import split_parts  # noqa: E402
from districtlab.inquiry import models as inquiry  # noqa: E402
from districtlab.inquiry.series import MAX_POINTS  # noqa: E402
from districtlab.org import models as m  # noqa: E402

CLI_SECONDS, CLI_MB, SPLIT_SECONDS, PAGE_MS = 5, 300, 1, 300
SERIES, MONTHS = 10_000, 24


def line(label: str, value: float, unit: str, goal: float) -> figures.Figure:
    return figures.measured("charts", label, value, unit, goal)


def series_file(folder: str) -> Path:
    """10,000 series of 24 monthly values each, one part a series: ``x,y,part``."""
    rng = random.Random(2016)
    path = Path(folder) / "series.csv"
    with path.open("w") as f:
        f.write("x,y,part\n")
        for s in range(SERIES):
            level = rng.uniform(20, 80)
            f.writelines(f"{2015 + i // 12}-{i % 12 + 1:02d},{rng.gauss(level, 8):.2f},School {s}\n"
                         for i in range(MONTHS))
    return path


def run_timed(args: list[str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak memory (MB) of one run of ``args``, its output thrown away."""
    started = time.perf_counter()
    done = subprocess.run(["/usr/bin/time", "-v", *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          text=True, check=True)
    seconds = time.perf_counter() - started

    def figure(name):
        return float(re.search(rf"{re.escape(name)}: ([\d.]+)", done.stderr)[1])

    cpu = figure("User time (seconds)") + figure("System time (seconds)")
    return seconds, cpu, figure("Maximum resident set size (kbytes)") / 1024


def commands(repeat: int) -> list[figures.Figure]:
    districtlab = str(Path(sys.executable).parent / "districtlab")
    path = series_file(tempfile.mkdtemp(prefix="districtlab-bench-"))
    print(f"\nA file of {SERIES:,} series ({SERIES * MONTHS:,} rows, {path.stat().st_size / 1_048_576:.1f} MB), "
          f"median of {repeat} runs:")
    results = []
    for name, args in (("spc --chart i --json", ["spc", str(path), "--chart", "i", "--json"]),
                       ("runchart --json", ["runchart", str(path), "--json"])):
        runs = [run_timed([districtlab, *args]) for _ in range(repeat)]
        results.append(line(f"districtlab {name}: time", statistics.median(r[0] for r in runs), "s", CLI_SECONDS))
        results.append(line(f"districtlab {name}: CPU time (its time on an idle machine)",
                            statistics.median(r[1] for r in runs), "s", CLI_SECONDS))
        results.append(line(f"districtlab {name}: peak memory", statistics.median(r[2] for r in runs), "MB", CLI_MB))
    return results


def splitting(repeat: int) -> list[figures.Figure]:
    labels = [f"School {i}" for i in range(100_000)]
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        split_parts(range(len(labels)), [1.0] * len(labels), labels)
        runs.append(time.perf_counter() - started)
    return [line("split_parts, 100,000 labels (100,000 parts)", statistics.median(runs), "s", SPLIT_SECONDS)]


def measure_with_points(cycle, chart: str, part) -> inquiry.Measure:
    measure = inquiry.Measure.objects.create(cycle=cycle, name=f"Minutes on task ({chart} chart)", unit="minutes",
                                             chart=chart)
    rng = random.Random(chart)
    inquiry.DataPoint.objects.bulk_create(
        inquiry.DataPoint(measure=measure, position=i, label=f"Day {i}", value=round(rng.gauss(30, 5), 1),
                          part=part(i)) for i in range(MAX_POINTS))
    return measure


def pages(repeat: int) -> list[figures.Figure]:
    setup_test_environment()
    call_command("migrate", verbosity=0)
    d = m.District.objects.create(name="Synthetic City", short_name="SYN", synthetic=True)
    year = m.SchoolYear.objects.create(district=d, name="2016-17", start=dt.date(2016, 9, 1), end=dt.date(2017, 6, 30))
    d.current_school_year = year
    d.save()
    school = m.School.objects.create(district=d, name="P.S. 1", grades="K-5", synthetic=True)
    user = get_user_model().objects.create_user("bench.teacher")
    person = m.Person.objects.create(district=d, user=user, name="Teacher", synthetic=True)
    m.Position.objects.create(person=person, district=d, school=school, kind="teacher", start=dt.date(2014, 9, 1))
    team = m.Team.objects.create(district=d, school=school, school_year=year, kind="school_team", name="Team")
    m.TeamMembership.objects.create(team=team, person=person, role="member")
    where = {"district": d, "author": person, "team": team, "school": school, "visibility": "team"}
    problem = inquiry.ProblemOfPractice.objects.create(school_year=year, statement="Students talk", **where)
    goal = inquiry.YearGoal.objects.create(problem=problem, statement="Every student explains", **where)
    cycle = inquiry.Cycle.objects.create(goal=goal, title="Turn and talk", **where)
    client = Client()
    client.force_login(user)
    print(f"\nA measure's page with {MAX_POINTS:,} points, median of {repeat} requests:")
    results = []
    for chart, part, shape in (("run", lambda i: "", "run chart, one part"),
                               ("i", lambda i: f"Phase {i // 7}", "I chart, 1,429 parts")):
        url = measure_with_points(cycle, chart, part).get_absolute_url()
        drawn, cached = [], []
        for _ in range(repeat):
            cache.clear()
            for runs in (drawn, cached):  # the first request draws the chart, the second takes it from the cache
                started = time.perf_counter()
                assert client.get(url).status_code == 200
                runs.append((time.perf_counter() - started) * 1000)
        results.append(line(f"measure page, {shape}: chart drawn", statistics.median(drawn), "ms", PAGE_MS))
        results.append(line(f"measure page, {shape}: chart cached", statistics.median(cached), "ms", PAGE_MS))
    return results


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    figures.json_argument(parser)
    args = parser.parse_args(argv)
    results = commands(args.repeat) + splitting(args.repeat) + pages(max(args.repeat, 5))
    return figures.finish(results, args.json)


if __name__ == "__main__":
    sys.exit(main())
