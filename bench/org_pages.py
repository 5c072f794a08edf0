"""Benchmark: the busiest organisation and Cycles of Learning pages and API lists on a synthetic NYC-scale district.

Builds, in a throwaway SQLite database, 1,800 schools (about NYC's 1,800+, seed 004 ~143), 600
triads across three school years, a school team per school with six members, two positions per person,
five demographic values per school and year, and for every school a problem of practice, a year-long
goal and two cycles (shared with the district), and for every network eight monthly site visits with
attendance and feedback plus every team's fortnightly meetings; then times each page as a central-office user.

Goal (this machine: 2 cores): every page and API list below answers in under 500 ms at this size.
Run: .venv/bin/python bench/org_pages.py [--schools N]
"""
import argparse
import datetime as dt
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
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from districtlab.inquiry import models as inquiry  # noqa: E402
from districtlab.org import models as m  # noqa: E402
from districtlab.visits import models as visits  # noqa: E402

GOAL_MS = 500


def build(n_schools: int):
    d = m.District.objects.create(name="Synthetic City", short_name="SYN", synthetic=True)
    years = [m.SchoolYear.objects.create(district=d, name=f"{y}-{(y + 1) % 100:02d}", start=dt.date(y, 9, 1),
                                         end=dt.date(y + 1, 6, 30)) for y in (2014, 2015, 2016)]
    d.current_school_year = years[-1]
    d.save()
    lfa = m.LearningFocusArea.objects.create(district=d, name="Supportive environment")
    schools = m.School.objects.bulk_create(
        m.School(district=d, name=f"P.S. {i}", grades="K-5", grade_band="Elementary", region=f"Region {i % 5}",
                 synthetic=True) for i in range(n_schools))
    m.Demographic.objects.bulk_create(
        m.Demographic(school=s, school_year=y, measure=k, value="40-60%", low=40, high=60)
        for s in schools for y in years for k in ("% ELL", "% SWD", "% Poverty", "% Black", "% Hispanic"))
    people = m.Person.objects.bulk_create(
        m.Person(district=d, name=f"Person {i}", synthetic=True) for i in range(n_schools * 6))
    m.Position.objects.bulk_create(
        m.Position(person=p, district=d, school=schools[i // 6], kind="teacher", start=dt.date(2014, 9, 1))
        for i, p in enumerate(people))
    m.Position.objects.bulk_create(
        m.Position(person=p, district=d, school=schools[(i // 6 + 1) % n_schools], kind="coach",
                   start=dt.date(2010, 9, 1), end=dt.date(2014, 6, 30)) for i, p in enumerate(people))
    teams = m.Team.objects.bulk_create(
        m.Team(district=d, school=s, school_year=years[-1], kind="school_team", name=f"{s.name} team") for s in schools)
    m.TeamMembership.objects.bulk_create(
        m.TeamMembership(team=teams[i // 6], person=p) for i, p in enumerate(people))
    for y in years:
        networks = m.Network.objects.bulk_create(
            m.Network(district=d, school_year=y, name=f"Triad {j} {y.name}", kind="triad", focus_area=lfa)
            for j in range(n_schools // 3))
        m.NetworkMembership.objects.bulk_create(
            m.NetworkMembership(network=networks[i // 3], school=s, role="host" if i % 3 == 0 else "partner")
            for i, s in enumerate(schools[: len(networks) * 3]))
    build_inquiry(d, years[-1], schools, teams, people)
    build_visits(d, years[-1], teams, people)
    user = get_user_model().objects.create_user("bench", password="x")
    central = m.Person.objects.create(district=d, name="Central", user=user)
    m.Position.objects.create(person=central, district=d, kind="program_director")
    return d, schools[0], teams[0], people[0], user


def build_inquiry(d, year, schools, teams, people):
    """Every school team's problem, goal and two cycles, shared with the district."""
    ctx = [dict(district=d, team=t, school=s, author=people[i * 6], visibility="district")
           for i, (s, t) in enumerate(zip(schools, teams))]
    problems = inquiry.ProblemOfPractice.objects.bulk_create(
        inquiry.ProblemOfPractice(school_year=year, statement=f"Problem {i}", **c) for i, c in enumerate(ctx))
    goals = inquiry.YearGoal.objects.bulk_create(
        inquiry.YearGoal(problem=p, statement=f"Goal {i}", **c) for i, (p, c) in enumerate(zip(problems, ctx)))
    inquiry.Cycle.objects.bulk_create(
        inquiry.Cycle(goal=g, title=f"Cycle {k}", stage=stage, started=start, ended=end, **c)
        for g, c in zip(goals, ctx) for k, (stage, start, end) in enumerate([
            ("share", dt.date(2016, 10, 3), dt.date(2016, 12, 16)),
            ("implement", dt.date(2017, 1, 9), dt.date(2017, 3, 31))]))


def build_visits(d, year, teams, people):
    """Eight monthly site visits per network (two people from each school attending, two feedback items each) and
    every school team's fortnightly meetings."""
    networks = list(m.Network.objects.filter(school_year=year).prefetch_related("memberships"))
    meetings = visits.Meeting.objects.bulk_create(
        visits.Meeting(district=d, school_year=year, kind="site_visit", title=f"Visit {k} of {n.name}",
                       date=dt.date(2016, 10, 5) + dt.timedelta(weeks=4 * k), network=n, status="held",
                       host_id=n.memberships.all()[k % 3].school_id)
        for n in networks for k in range(8))
    category = visits.FeedbackCategory.objects.create(district=d, name="SEL")
    visits.Feedback.objects.bulk_create(
        visits.Feedback(meeting=v, kind=kind, category=category, text=f"{kind} at {v.title}")
        for v in meetings for kind in ("glow", "grow"))
    team_of = {t.school_id: i for i, t in enumerate(teams)}
    visits.Attendance.objects.bulk_create(
        visits.Attendance(meeting=v, person=people[team_of[ms.school_id] * 6 + j], school_id=ms.school_id,
                          leader=j == 0, attended=True)
        for v in meetings for ms in v.network.memberships.all() for j in range(2))
    visits.Meeting.objects.bulk_create(
        visits.Meeting(district=d, school_year=year, kind="team_meeting", title="Team meeting", team=t, status="held",
                       date=dt.date(2016, 9, 7) + dt.timedelta(weeks=2 * k)) for t in teams for k in range(18))


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
    d, school, team, person, user = build(args.schools)
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
