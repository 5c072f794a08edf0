"""Benchmark: the busiest organisation and Cycles of Learning pages and API lists on a synthetic NYC-scale district.

Builds (with ``districtlab.demo.synthetic``), in a throwaway SQLite database, 1,800 schools (about NYC's
1,800+, seed 004 ~143), 600 triads across three school years (a facilitator for every four), a school team per
school with six members, two positions per person, five demographic values per school and year, and for every school a
problem of practice, a year-long goal and two cycles (shared with the district), and for every network eight
monthly site visits with attendance and feedback plus every team's fortnightly meetings; then times each page as a
central-office user.

Goal (this machine: 2 cores): every page and API list below answers in under 500 ms at this size.
Run: .venv/bin/python bench/org_pages.py [--schools N]
"""
import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.pop("DATABASE_URL", None)
os.environ["DISTRICTLAB_DATA_DIR"] = tempfile.mkdtemp(prefix="districtlab-bench-")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "districtlab.settings")

import django  # noqa: E402

django.setup()
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from districtlab.demo.synthetic import build  # noqa: E402
from districtlab.org import models as m  # noqa: E402
from districtlab.visits import models as visits  # noqa: E402

GOAL_MS = 500


def time_url(client, url, repeat=5):
    client.get(url)  # warm
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        r = client.get(url)
        samples.append((time.perf_counter() - start) * 1000)
        assert r.status_code == 200, (url, r.status_code)
    return statistics.median(samples)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--schools", type=int, default=1800)
    args = parser.parse_args()
    setup_test_environment()
    call_command("migrate", verbosity=0)
    t0 = time.perf_counter()
    world = build(args.schools)
    d, school, team, person, user = world.district, world.schools[0], world.teams[0], world.people[0], world.user
    print(f"Built {args.schools} schools in {time.perf_counter() - t0:.1f} s "
          f"({m.Person.objects.count()} people, {m.NetworkMembership.objects.count()} network memberships)")
    client = Client()
    client.force_login(user)
    urls = ["/", "/schools/", "/schools/?year=2016-17&network_role=host&page=5", "/networks/?year=2016-17",
            "/people/?q=Person 1", "/teams/", d.get_absolute_url(), school.get_absolute_url(),
            team.get_absolute_url(), person.get_absolute_url(), "/api/schools/?page=10", "/api/people/",
            "/api/network-memberships/?returning=false", "/inquiry/progress/", "/inquiry/progress.csv",
            "/api/cycles-progress/", "/api/cycles/?page=5", f"/inquiry/schools/{school.pk}/",
            f"/inquiry/networks/{m.Network.objects.filter(school_year=d.current_school_year).first().pk}/",
            "/visits/", "/visits/compliance/", f"/visits/{visits.Meeting.objects.first().pk}/",
            f"/visits/networks/{m.Network.objects.filter(school_year=d.current_school_year).first().pk}/feedback/",
            "/api/meetings/?page=3"]
    slow = []
    print(f"{'page':<50} {'median ms':>10}")
    for url in urls:
        ms = time_url(client, url)
        flag = "" if ms < GOAL_MS else "  over goal"
        slow += [url] if flag else []
        print(f"{url:<50} {ms:>10.1f}{flag}")
    t0 = time.perf_counter()
    client.get(f"/transfer/export/networks.csv?district={d.pk}")
    print(f"{'export networks (all years)':<50} {(time.perf_counter() - t0) * 1000:>10.1f}")
    print(f"\nGoal: every page under {GOAL_MS} ms. " + ("Met." if not slow else f"Missed on: {', '.join(slow)}"))
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
