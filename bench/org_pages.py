"""Benchmark: every busy page and API list on synthetic districts of 180, 1,800 and 5,400 schools (and 18,000).

For each size, in a throwaway database of its own (SQLite, or PostgreSQL with ``--postgres``), builds with
``districtlab.demo.synthetic`` that many schools (New York has over 1,800), three school years of triads (a
facilitator for every four), a school team of six per school, two positions per person, five demographic values per
school and year, for every school a problem of practice, a year-long goal and two cycles (shared with the district),
and for every network eight monthly site visits with attendance and feedback plus every team's fortnightly
meetings, and the year's participant survey (everyone invited, three answers from each school) with an outcome of
four indicators (``build_evaluation``); then times each page as a central-office user (median of ``--repeat`` after one warm-up request of every
page; on PostgreSQL the planner's statistics are then taken, as autovacuum would within a minute of the bulk writes).

Goals (issue 13; this machine: 2 cores): every page under 100 ms at 1,800 schools, and at most 1.5 times slower at
5,400 schools than at 180 (nothing grows with the district). ``--huge`` adds 18,000 schools (ten New Yorks) on
PostgreSQL, against the same 100 ms.
Run: .venv/bin/python bench/org_pages.py [--sizes 180,1800,5400] [--postgres] [--huge] [--repeat N] [--json FILE]
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

import figures  # noqa: E402

PAGE_MS, GROWTH, BASE, TARGET, BIG = 100, 1.5, 180, 1800, 5400
HUGE = 18_000
PG_SERVER = "postgres://postgres@127.0.0.1:5432"


def urls(world, evaluation) -> dict[str, str]:
    """What a program director opens, named for people; every page exists at every size (page 2 of a list).
    Downloads are in ``bench/imports.py`` (above a size they are prepared in the background)."""
    from districtlab.org import models as m
    from districtlab.visits import models as visits
    d, school, team, person = world.district, world.schools[0], world.teams[0], world.people[0]
    network = m.Network.objects.filter(school_year=d.current_school_year).first()
    return {
        "home": "/", "schools": "/schools/", "schools, hosts of 2016-17, page 2":
        "/schools/?year=2016-17&network_role=host&page=2", "networks of 2016-17": "/networks/?year=2016-17",
        "people search": "/people/?q=Person 1", "teams": "/teams/", "district": d.get_absolute_url(),
        "school": school.get_absolute_url(), "team": team.get_absolute_url(), "person": person.get_absolute_url(),
        "API schools, page 2": "/api/schools/?page=2", "API people": "/api/people/",
        "API network memberships": "/api/network-memberships/?returning=false",
        "Cycles of Learning progress": "/inquiry/progress/",
        "API cycles progress": "/api/cycles-progress/", "API cycles, page 2": "/api/cycles/?page=2",
        "a school's cycles": f"/inquiry/schools/{school.pk}/", "a network's cycles": f"/inquiry/networks/{network.pk}/",
        "visits": "/visits/", "visit compliance": "/visits/compliance/",
        "a visit": f"/visits/{visits.Meeting.objects.filter(network=network).first().pk}/",
        "a network's feedback": f"/visits/networks/{network.pk}/feedback/", "API meetings, page 2": "/api/meetings/?page=2",
        "practice library": "/practices/",
        **evaluation_urls(world, school, network, *evaluation),
    }


def evaluation_urls(world, school, network, survey, outcome) -> dict[str, str]:
    """Issue 15's pages: a district survey (three responses a school), its results, an outcome and the reports."""
    year = world.district.current_school_year
    return {"a survey": survey.get_absolute_url(), "its results": f"/surveys/{survey.pk}/results/",
            "its results by network": f"/surveys/{survey.pk}/results/?by=network",
            "an outcome": outcome.get_absolute_url(), "a school's report": f"/surveys/reports/school/{school.pk}/{year.pk}/",
            "a network's report": f"/surveys/reports/network/{network.pk}/",
            "the program's report": f"/surveys/reports/program/{year.pk}/"}


def measure(schools: int, repeat: int) -> dict[str, float]:
    """Median milliseconds of every page at ``schools`` schools, in this process's (throwaway) database."""
    import logging

    import django
    django.setup()
    logging.getLogger("districtlab.request").setLevel(logging.WARNING)  # a line per request would drown the figures
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    from districtlab.demo.synthetic import build, build_evaluation

    setup_test_environment()
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    world = build(schools)
    evaluation = build_evaluation(world)
    print(f"  built {schools:,} schools in {time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)
    client = Client()
    client.force_login(world.user)
    pages = urls(world, evaluation)
    for url in pages.values():
        response = client.get(url)  # warm: caches, and the stored analyses a dashboard reads
        assert response.status_code == 200, (url, response.status_code)
    if connection.vendor == "postgresql":  # what autovacuum does within a minute of the bulk writes: the planner's
        with connection.cursor() as cursor:  # statistics, without which it plans for a near-empty table
            cursor.execute("ANALYZE")
    medians = {}
    for name, url in pages.items():
        samples = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            response = client.get(url)
            samples.append((time.perf_counter() - t0) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        medians[name] = statistics.median(samples)
    return medians


def in_own_database(schools: int, repeat: int, postgres: bool) -> dict[str, float]:
    """Run ``measure`` in a child process with a database of its own (dropped afterwards)."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env["DISTRICTLAB_DATA_DIR"] = tempfile.mkdtemp(prefix="districtlab-bench-")
    env["DJANGO_SETTINGS_MODULE"] = "districtlab.settings"
    name = f"districtlab_bench_{uuid.uuid4().hex[:8]}"
    if postgres:
        _psql(f'CREATE DATABASE "{name}"')
        env["DATABASE_URL"] = f"{PG_SERVER}/{name}"
    try:
        out = subprocess.run([sys.executable, __file__, "--one", str(schools), "--repeat", str(repeat)], env=env,
                             check=True, stdout=subprocess.PIPE, text=True).stdout
    finally:
        if postgres:
            _psql(f'DROP DATABASE IF EXISTS "{name}"')
    return json.loads(out)


def _psql(sql: str) -> None:
    import psycopg
    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        conn.execute(sql)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=f"{BASE},{TARGET},{BIG}", help="numbers of schools, comma-separated")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--postgres", action="store_true", help="on PostgreSQL at 127.0.0.1:5432 instead of SQLite")
    parser.add_argument("--huge", action="store_true", help=f"also {HUGE:,} schools on PostgreSQL")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # the child process: one size, JSON out
    figures.json_argument(parser)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(measure(args.one, args.repeat)))
        return 0
    backend = "PostgreSQL" if args.postgres else "SQLite"
    sizes = [int(s) for s in args.sizes.split(",")]
    runs = {n: in_own_database(n, args.repeat, args.postgres) for n in sizes}
    print(f"{'median ms, by number of schools':<50}" + "".join(f"{n:>10,}" for n in sizes))
    for name in runs[sizes[0]]:
        print(f"{name:<50}" + "".join(f"{runs[n][name]:>10.1f}" for n in sizes))
    found = []
    for name in runs[sizes[0]]:
        if TARGET in runs:
            found.append(figures.Figure("org_pages", f"{name} at {TARGET:,} schools, {backend}",
                                        runs[TARGET][name], "ms", PAGE_MS))
        if BASE in runs and BIG in runs:
            found.append(figures.Figure("org_pages", f"{name}: {BIG:,} / {BASE} schools, {backend}",
                                        runs[BIG][name] / runs[BASE][name], "times", GROWTH))
    if args.huge:
        huge = in_own_database(HUGE, args.repeat, postgres=True)
        found += [figures.Figure("org_pages", f"{name} at {HUGE:,} schools, PostgreSQL", ms, "ms", PAGE_MS)
                  for name, ms in huge.items()]
    return figures.finish(found, args.json, shown=False)


if __name__ == "__main__":
    sys.exit(main())
