"""A synthetic district at any size, for the benchmarks (``bench/org_pages.py``) and the query-count tests.

``build(n)`` makes ``n`` schools (three school years of triads), a school team of six per school, two positions per
person, five demographic values per school and year, for every school a problem of practice, a year-long goal and two
cycles (shared with the district), for every network eight monthly site visits with attendance and feedback plus
every team's fortnightly meetings, and a central-office sign-in. Everything is tagged synthetic. Rows are written in
bulk, so a benchmark-size district takes seconds; names carry ``tag`` so several districts can share a database.
"""
import datetime as dt
from dataclasses import dataclass

from django.contrib.auth import get_user_model

from districtlab.inquiry import models as inquiry
from districtlab.org import models as m
from districtlab.practices import models as practices
from districtlab.visits import models as visits


@dataclass
class Synthetic:
    district: m.District
    schools: list
    teams: list
    people: list
    user: object  # central office (program director)


def build(n_schools: int, *, tag: str = "", username: str = "bench", password: str = "x") -> Synthetic:
    """A district of ``n_schools`` (see the module's docstring), signed into by ``username``."""
    d = m.District.objects.create(name=f"Synthetic City{tag}", short_name=f"SYN{tag}", synthetic=True)
    years = [m.SchoolYear.objects.create(district=d, name=f"{y}-{(y + 1) % 100:02d}", start=dt.date(y, 9, 1),
                                         end=dt.date(y + 1, 6, 30)) for y in (2014, 2015, 2016)]
    d.current_school_year = years[-1]
    d.save()
    lfa = m.LearningFocusArea.objects.create(district=d, name="Supportive environment")
    schools = m.School.objects.bulk_create(
        m.School(district=d, name=f"P.S. {i}{tag}", grades="K-5", grade_band="Elementary", region=f"Region {i % 5}",
                 synthetic=True) for i in range(n_schools))
    m.Demographic.objects.bulk_create(
        m.Demographic(school=s, school_year=y, measure=k, value="40-60%", low=40, high=60)
        for s in schools for y in years for k in ("% ELL", "% SWD", "% Poverty", "% Black", "% Hispanic"))
    people = m.Person.objects.bulk_create(
        m.Person(district=d, name=f"Person {i}{tag}", synthetic=True) for i in range(n_schools * 6))
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
            m.Network(district=d, school_year=y, name=f"Triad {j} {y.name}{tag}", kind="triad", focus_area=lfa)
            for j in range(n_schools // 3))
        m.NetworkMembership.objects.bulk_create(
            m.NetworkMembership(network=networks[i // 3], school=s, role="host" if i % 3 == 0 else "partner")
            for i, s in enumerate(schools[: len(networks) * 3]))
        m.Network.facilitators.through.objects.bulk_create(  # a facilitator for every four networks
            m.Network.facilitators.through(network=n, person=people[j // 4 * 72]) for j, n in enumerate(networks))
    build_inquiry(d, years[-1], schools, teams, people)
    build_visits(d, years[-1], teams, people)
    user = get_user_model().objects.create_user(username, password=password)
    central = m.Person.objects.create(district=d, name=f"Central{tag}", user=user, synthetic=True)
    m.Position.objects.create(person=central, district=d, kind="program_director")
    return Synthetic(d, schools, teams, people, user)


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


def build_practices(world: Synthetic):
    """A practice from every school (shared with the district), adopted by the next school as it was."""
    schools, people = world.schools, world.people
    for i, school in enumerate(schools):
        practice = practices.Practice.objects.create(
            district=world.district, author=people[i * 6], name=f"Routine {i}", kind="routine", description="x",
            visibility="district", origin_school=school, synthetic=True)
        practices.Adoption.objects.create(practice=practice, version=practice.versions.get(),
                                          school=schools[(i + 1) % len(schools)], from_school=school,
                                          through="site_visit", date=dt.date(2016, 11, 1), synthetic=True)


def build_evaluation(world: Synthetic, per_school: int = 3):
    """The current year's participant survey (two scales of three agreement statements, a written question), open,
    with every person invited and ``per_school`` submitted responses from each school, and an outcome measured by
    each kind of indicator. Returns (survey, outcome)."""
    from districtlab.evaluation import models as e

    d, year = world.district, world.district.current_school_year
    survey = e.Survey.objects.create(district=d, school_year=year, title="Participant survey", synthetic=True,
                                     mode=e.Survey.Mode.ANONYMOUS, status=e.Survey.Status.OPEN)
    section = e.Section.objects.create(survey=survey, number=1, title="Your year")
    matrix = e.Item.objects.create(section=section, number=1, kind="matrix", prompt="How far do you agree?",
                                   options="Strongly disagree\nDisagree\nNeither\nAgree\nStrongly agree",
                                   statements="\n".join(f"Statement {i}" for i in range(1, 7)))
    written = e.Item.objects.create(section=section, number=2, kind="long", prompt="What would you change?")
    for name, rows in (("Collaboration", (1, 2, 3)), ("Leadership", (4, 5, 6))):
        scale = e.Scale.objects.create(survey=survey, name=name)
        e.ScaleItem.objects.bulk_create(e.ScaleItem(scale=scale, item=matrix, row=row, reverse=row == 3)
                                        for row in rows)
    e.Invitation.objects.bulk_create(e.Invitation(survey=survey, person=p, role="teacher", answered=i % 2 == 0)
                                     for i, p in enumerate(world.people))
    networks = dict(m.NetworkMembership.objects.filter(network__school_year=year).values_list("school_id",
                                                                                             "network_id"))
    e.Response.objects.bulk_create(
        e.Response(survey=survey, school=school, network_id=networks.get(school.pk), role="teacher", synthetic=True,
                   submitted_on=year.end, answers={
                       **{f"{matrix.pk}.{row}": 1 + (i * 7 + j * 3 + row) % 5 for row in range(1, 7)},
                       **({str(written.pk): f"Answer {j}"} if j == 0 else {})})
        for i, school in enumerate(world.schools) for j in range(per_school))
    outcome = e.Outcome.objects.create(district=d, number=1, name="A culture of collaboration")
    e.Indicator.objects.bulk_create([
        e.Indicator(outcome=outcome, measure="cycles", target=80), e.Indicator(outcome=outcome, measure="adoptions"),
        e.Indicator(outcome=outcome, measure="visits", target=8),
        e.Indicator(outcome=outcome, measure="scale", survey_title=survey.title, scale_name="Collaboration")])
    return survey, outcome
