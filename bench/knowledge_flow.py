"""Benchmark: knowledge-flow analytics (``districtlab.analysis.knowledge_flow``) on a synthetic NYC-scale district.

Builds 1,800 schools (NYC's "over 1,800 schools", seed 004 line 143) in 600 triads across five boroughs and a
million dated learning links over three school years: site visits from each triad's host to its partners
(40%), share-outs within the borough (30%), coaching within the borough (15%) and adoptions from anywhere in
the district (15%). ``--uniform`` draws every link between two schools at random instead, the worst case for
the graph (about 860,000 distinct pairs). Then times each function on the whole period and on one school year,
from a DataFrame of links, and ``links_frame`` from a list of a million ``Link`` objects.

Goal (this machine: 2 cores), medians at this size, in either shape of district: reading the links, the school
graph, strengths, silos and a spread curve each under 2 s; betweenness (exact, weighted or by hops, or estimated
from 200 sampled sources) under 8 s.
Run: .venv/bin/python bench/knowledge_flow.py [--schools N] [--links N] [--repeat N] [--uniform]
"""
import argparse
import datetime as dt
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from districtlab.analysis import knowledge_flow as kf  # noqa: E402

KINDS = ("site_visit", "share_out", "coaching", "adoption")


def build(n_schools: int, n_links: int, uniform: bool, seed: int = 2016) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    schools = np.array([f"P.S. {i}" for i in range(n_schools)], dtype=object)
    first = np.datetime64("2014-09-01")
    days = rng.integers(0, 3 * 365, n_links)
    if uniform:
        source = rng.integers(0, n_schools, n_links)
        target = (source + rng.integers(1, n_schools, n_links)) % n_schools
        kind = rng.integers(0, len(KINDS), n_links)
    else:
        kind = rng.choice(len(KINDS), n_links, p=[0.40, 0.30, 0.15, 0.15])
        borough = np.arange(n_schools) % 5  # school i is in borough i % 5; triad t holds 3t, 3t+1, 3t+2
        source = rng.integers(0, n_schools, n_links)
        target = rng.integers(0, n_schools, n_links)
        visit = kind == 0
        triad = rng.integers(0, n_schools // 3, n_links)
        source[visit] = 3 * triad[visit]  # the triad's host
        target[visit] = 3 * triad[visit] + rng.integers(1, 3, visit.sum())  # one of its two partners
        local = (kind == 1) | (kind == 2)
        home = borough[source[local]]
        in_borough = (n_schools - home + 4) // 5  # schools home, home + 5, home + 10 ... below n_schools
        target[local] = home + 5 * (rng.random(local.sum()) * in_borough).astype(np.int64)
    return pd.DataFrame({"source": schools[source], "target": schools[target],
                         "date": first + days.astype("timedelta64[D]"), "kind": np.array(KINDS, dtype=object)[kind],
                         "weight": 1.0})


def timed(label: str, call, repeat: int, goal: float) -> bool:
    """Print the median of ``repeat`` runs against its goal; True when within it."""
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        runs.append(time.perf_counter() - started)
    median = statistics.median(runs)
    print(f"{label:<48} {median:7.2f} s  (goal < {goal:g} s) {'ok' if median < goal else 'OVER GOAL'}")
    return median < goal


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schools", type=int, default=1800)
    parser.add_argument("--links", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--uniform", action="store_true", help="links between random pairs (the worst case)")
    args = parser.parse_args(argv)
    frame = build(args.schools, args.links, args.uniform)
    schools = [f"P.S. {i}" for i in range(args.schools)]
    year = {"start": dt.date(2016, 9, 1), "end": dt.date(2017, 6, 30)}
    pairs = len(kf.school_graph(frame))
    print(f"{args.schools:,} schools, {len(frame):,} links, {pairs:,} distinct pairs "
          f"({'uniform' if args.uniform else 'triads and boroughs'}); median of {args.repeat} runs")
    results = [
        timed("links_frame (DataFrame)", lambda: kf.links_frame(frame), args.repeat, 2),
        timed("school_graph", lambda: kf.school_graph(frame), args.repeat, 2),
        timed("school_graph, 2016-17", lambda: kf.school_graph(frame, **year), args.repeat, 2),
        timed("strength", lambda: kf.strength(frame, nodes=schools), args.repeat, 2),
        timed("silos, 2016-17", lambda: kf.silos(schools, frame, **year), args.repeat, 2),
        timed("betweenness (hops)", lambda: kf.betweenness(frame, weighted=False), args.repeat, 8),
        timed("betweenness (weighted, 200 sampled sources)", lambda: kf.betweenness(frame, sample=200),
              args.repeat, 8),
        timed("betweenness (weighted), 2016-17", lambda: kf.betweenness(frame, **year), args.repeat, 8),
        timed("betweenness (weighted)", lambda: kf.betweenness(frame, nodes=schools), args.repeat, 8),
    ]
    links = [kf.Link(*row) for row in frame.itertuples(index=False)]
    results.append(timed(f"links_frame (list of {len(links):,} Link)", lambda: kf.links_frame(links), args.repeat, 2))
    adoptions = frame.loc[frame["kind"] == "adoption", ["target", "date"]].rename(columns={"target": "school"})
    results.append(timed("spread_curve (every adoption as one practice)",
                         lambda: kf.spread_curve(adoptions, total=args.schools), args.repeat, 2))
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
