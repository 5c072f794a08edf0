"""The progress dashboard counts every school in the program and calls overdue only what is late.

A school team with no network (SOAR works in school implementation teams) is on the dashboard with its cycles;
a school with nothing recorded is "no record yet", apart and not behind; a school that has begun its inquiry is
overdue only when a date has passed (its team's own end date, or the first-cycle date); one long cycle is short
of the two-cycle expectation, not overdue; the summary is counted from the same rows as the list.
"""
import csv
import datetime as dt
import io

from django.db import connection
from django.test.utils import CaptureQueriesContext

from districtlab.inquiry import models as m
from districtlab.org import models as org


def record(world, school, *, year=None, team=None, network=None, cycles=(), goal=True, visibility="district"):
    """A school team's problem of practice (and goal and cycles) for the year, shared as ``visibility``."""
    ctx = dict(district=world.district, author=world.people["teacher"], team=team, school=school, network=network,
               visibility=visibility)
    problem = m.ProblemOfPractice.objects.create(school_year=year or world.year, statement=f"Problem at {school}",
                                                 **ctx)
    if goal:
        goal = m.YearGoal.objects.create(problem=problem, statement=f"Goal at {school}", **ctx)
        for title, stage, ended in cycles:
            m.Cycle.objects.create(goal=goal, title=title, stage=stage, ended=ended, **ctx)
    return problem


def school_team(world, name, year=None):
    school = org.School.objects.create(district=world.district, name=name)
    team = org.Team.objects.create(district=world.district, school=school, school_year=year or world.year,
                                   kind="implementation_team", name=f"{name} school implementation team")
    return school, team


def progress_json(world, query=""):
    r = world.client("central").get(f"/api/cycles-progress/{query}")
    assert r.status_code == 200, r.content[:300]
    body = r.json()
    return body["summary"], {s["school_name"]: s for s in body["schools"]}


def row_of(body, school):
    start = body.index(f">{school}<")
    return body[start:body.index("</tr>", start)]


def test_a_school_team_outside_any_network_is_on_the_dashboard_with_its_cycles(world):
    desert, team = school_team(world, "Desert Grove High School")
    record(world, desert, team=team, cycles=[("Grade reflection", "reflect", None), ("Think it out", "share", None)])
    school_team(world, "Forest Glen High School")  # a team this year, nothing recorded
    school_team(world, "Last Year High School", year=org.SchoolYear.objects.create(
        district=world.district, name="2015-16", start=dt.date(2015, 9, 1), end=dt.date(2016, 6, 30)))
    summary, schools = progress_json(world)
    assert set(schools) == {"P.S. 7", "P.S. 8", "Desert Grove High School", "Forest Glen High School"}
    desert_row = schools["Desert Grove High School"]
    assert (desert_row["step_reached"], desert_row["cycles"], desert_row["cycles_shared"]) == ("share", 2, 1)
    assert desert_row["meets_expectation"] and desert_row["networks"] == [] and desert_row["overdue"] == []
    assert schools["Forest Glen High School"]["step_reached"] == "none"
    assert (summary["schools"], summary["cycles"], summary["no_record"]) == (4, 2, 3)
    body = world.client("central").get("/inquiry/progress/").content.decode()
    assert "<td>Reflect and adjust</td>" not in row_of(body, "Desert Grove High School")
    assert "<td>Share lessons</td><td>2</td><td>1</td>" in row_of(body, "Desert Grove High School")
    # narrowed to a network, only that network's schools
    _summary, in_network = progress_json(world, f"?network={world.network.pk}")
    assert set(in_network) == {"P.S. 7", "P.S. 8"}


def test_no_record_is_apart_and_not_behind_but_a_school_that_began_without_a_cycle_is_overdue(world):
    record(world, world.host, team=world.team, network=world.network, goal=False)  # a problem, no goal, no cycle
    summary, schools = progress_json(world)
    assert schools["P.S. 7"]["overdue"] == ["No year-long goal yet; a first cycle was due by Nov 10, 2016"]
    assert schools["P.S. 8"]["step_reached"] == "none" and schools["P.S. 8"]["overdue"] == []
    assert (summary["overdue"], summary["no_record"], summary["with_record"]) == (1, 1, 1)
    body = world.client("central").get("/inquiry/progress/").content.decode()
    assert body.index(">P.S. 7<") < body.index("No record yet (1 school)") < body.index(">P.S. 8<")
    partner = row_of(body, "P.S. 8")
    assert "<td>No record yet</td>" in partner and 'class="error"' not in partner
    assert "<h2>1</h2><p>with no record yet (not counted as behind)</p>" in body.replace("\n  ", "")


def test_one_long_shared_cycle_falls_short_of_two_but_is_not_overdue(world):
    record(world, world.host, team=world.team, network=world.network,
           cycles=[("Teacher-led professional learning", "share", dt.date(2017, 3, 31))])
    summary, schools = progress_json(world)
    assert schools["P.S. 7"]["overdue"] == [] and not schools["P.S. 7"]["meets_expectation"]
    assert (summary["overdue"], summary["meeting"], summary["cycles_expected"]) == (0, 0, 2)
    host = row_of(world.client("central").get("/inquiry/progress/").content.decode(), "P.S. 7")
    assert "<td>no</td>" in host and host.rstrip().endswith("<td>—</td>")  # the year is over: no; nothing overdue


def test_while_the_year_is_under_way_only_passed_dates_are_overdue(world):
    today = dt.date.today()
    year = org.SchoolYear.objects.create(district=world.district, name="This year",
                                         start=today - dt.timedelta(days=100), end=today + dt.timedelta(days=200))
    network = org.Network.objects.create(district=world.district, school_year=year, name="This year's triad",
                                         kind="triad")
    late, on_time, quiet = (org.School.objects.create(district=world.district, name=n) for n in ("P.S. 1", "P.S. 2",
                                                                                                 "P.S. 3"))
    for school in (late, on_time, quiet):
        org.NetworkMembership.objects.create(network=network, school=school, role="partner")
    record(world, late, year=year, network=network,
           cycles=[("Exit tickets", "implement", today - dt.timedelta(days=1))])
    record(world, on_time, year=year, network=network, cycles=[("Turn and talk", "reflect", today)])
    summary, schools = progress_json(world, f"?year={year.pk}")
    due = today - dt.timedelta(days=1)
    assert schools["P.S. 1"]["overdue"] == [f"“Exit tickets” was to end {due:%b %-d, %Y} and is still at Implement"]
    assert schools["P.S. 2"]["overdue"] == [] and schools["P.S. 3"]["overdue"] == []
    assert (summary["overdue"], summary["no_record"]) == (1, 1)
    body = world.client("central").get(f"/inquiry/progress/?year={year.pk}").content.decode()
    assert "<td>not yet</td>" in row_of(body, "P.S. 2")  # one cycle so far, the year is not over


def test_the_summary_is_counted_from_the_same_rows_as_the_list_and_the_export(world):
    record(world, world.host, team=world.team, network=world.network,
           cycles=[("One", "share", None), ("Two", "plan", dt.date(2017, 1, 1))])
    desert, team = school_team(world, "Desert Grove High School")
    record(world, desert, team=team, goal=False)
    summary, schools = progress_json(world)
    rows = list(csv.DictReader(io.StringIO(world.client("central").get("/inquiry/progress.csv").content.decode())))
    assert summary["schools"] == len(schools) == len(rows) == 3
    assert summary["reached"] == {step: sum(s["step_reached"] == step for s in schools.values())
                                  for step in summary["reached"]}
    assert summary["overdue"] == sum(bool(s["overdue"]) for s in schools.values()) == sum(
        bool(r["overdue"]) for r in rows) == 2
    assert summary["meeting"] == sum(s["meets_expectation"] for s in schools.values()) == 1
    assert summary["cycles"] == sum(int(r["cycles"]) for r in rows) == 2
    assert summary["no_record"] == sum(r["step_reached"] == "No record yet" for r in rows) == 1


def test_the_whole_program_costs_the_same_number_of_queries_however_many_schools(world):
    record(world, world.host, team=world.team, network=world.network, cycles=[("One", "share", None)])
    school, team = school_team(world, "Late school")  # an overdue step at both sizes: its title is read either way
    record(world, school, team=team, cycles=[("Late", "implement", dt.date(2017, 1, 1))])

    def queries(url):
        with CaptureQueriesContext(connection) as ctx:
            assert world.client("central").get(url).status_code == 200
        return len(ctx)

    urls = ["/inquiry/progress/", "/inquiry/progress.csv", "/api/cycles-progress/"]
    [queries(url) for url in urls]  # the first visits make the district's count (once) and meet the job's bookkeeping
    few = [queries(url) for url in urls]
    for i in range(8):
        school, team = school_team(world, f"Team school {i}")
        if i % 2:
            record(world, school, team=team, cycles=[(f"Cycle {i}", "implement", dt.date(2017, 1, 1))])
    assert [queries(url) for url in urls] == few
    assert progress_json(world)[0]["schools"] == 11
