"""Program outcomes and their indicators, read from the district's records: completed cycles, adoptions across
schools, site visits held and survey scales, by year, by network and by school, from only what the viewer counts."""
import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from districtlab.core.permissions import actor_for
from districtlab.evaluation import actions, indicators
from districtlab.evaluation import models as e
from districtlab.inquiry import models as inquiry
from districtlab.org import models as org
from districtlab.practices import models as practices
from districtlab.visits import models as visits

from .conftest import make_survey
from .test_surveys import submit_as

pytestmark = pytest.mark.django_db
M = e.Indicator.Measure


def outcome(world, *measured):
    made = e.Outcome.objects.create(district=world.district, number=1, name="Capacity for improvement")
    return made, [e.Indicator.objects.create(outcome=made, **fields) for fields in measured]


def completed_cycles(world, school, count, visibility="team"):
    where = {"district": world.district, "author": world.people["teacher"], "team": world.team, "school": school,
             "visibility": visibility}
    problem = inquiry.ProblemOfPractice.objects.create(**where, school_year=world.year, statement="Talk")
    goal = inquiry.YearGoal.objects.create(**where, problem=problem, statement="Explain")
    for i in range(count):
        inquiry.Cycle.objects.create(**where, goal=goal, title=f"Cycle {i}", stage="share")


def text(response):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_completed_cycles_are_a_share_of_the_network_schools(world):
    _, (cycles,) = outcome(world, {"measure": M.CYCLES, "target": 50})
    completed_cycles(world, world.host, 2)
    completed_cycles(world, world.partner, 1)  # one short of the expected two
    reading = indicators.read(cycles, actor_for(world.users["central"]), world.year)
    assert (reading.value, reading.schools, reading.met) == (50.0, 2, True)
    assert [(g.name, g.value) for g in reading.groups] == [("Growth triad", 50.0)]


def test_a_private_cycle_is_not_counted(world):
    _, (cycles,) = outcome(world, {"measure": M.CYCLES})
    completed_cycles(world, world.host, 2, visibility="private")
    assert indicators.read(cycles, actor_for(world.users["central"]), world.year).value == 0
    assert indicators.read(cycles, actor_for(world.users["teacher"]), world.year).value == 50  # the author's own


def test_adoptions_and_visits_count_only_across_schools_in_the_year(world):
    _, (adopted, held) = outcome(world, {"measure": M.ADOPTIONS}, {"measure": M.VISITS, "target": 2})
    practice = practices.Practice.objects.create(
        district=world.district, author=world.people["teacher"], name="Anchor chart", kind="routine",
        description="d", origin_school=world.host, visibility="district")
    version = practice.versions.get()
    for school, day in ((world.partner, dt.date(2016, 11, 2)), (world.host, dt.date(2016, 11, 3)),
                        (world.partner, dt.date(2015, 5, 1))):  # its own school, and a year before: not counted
        practices.Adoption.objects.create(practice=practice, version=version, school=school, through="site_visit",
                                          date=day)
    for status, day in (("held", dt.date(2016, 10, 5)), ("planned", dt.date(2017, 3, 1)),
                        ("held", dt.date(2016, 12, 1))):
        visits.Meeting.objects.create(district=world.district, school_year=world.year, kind="site_visit",
                                      title="Visit", date=day, network=world.network, host=world.host, status=status)
    central = actor_for(world.users["central"])
    assert indicators.read(adopted, central, world.year).value == 1
    reading = indicators.read(held, central, world.year, network=world.network)
    assert (reading.value, reading.met) == (2, True)
    assert [(g.name, g.value) for g in reading.groups] == [("P.S. 7", 2), ("P.S. 8", 0)]  # school by school


def test_a_survey_scale_indicator_holds_back_small_groups(world):
    made = make_survey(world)
    actions.open_survey(made.survey)
    actions.invite(made.survey)
    submit_as(made, ["teacher", "principal", "coach"], [(4, 4, 2), (5, 4, 1), (3, 3, 3)])
    _, (scale,) = outcome(world, {"measure": M.SCALE, "survey_title": made.survey.title, "scale_name": "Improvement",
                                  "target": 4})
    reading = indicators.read(scale, actor_for(world.users["central"]), world.year, network=world.network)
    assert round(reading.value, 2) == 3.89 and reading.met is False  # (4 + 4.67 + 3) / 3, under the target of 4
    assert [(g.name, g.value, g.held_back) for g in reading.groups] == [("P.S. 7", None, True),
                                                                        ("P.S. 8", None, True)]


def test_the_outcome_page_reads_each_year_and_draws_its_chart(world):
    made, _ = outcome(world, {"measure": M.CYCLES, "target": 50}, {"measure": M.VISITS})
    org.SchoolYear.objects.create(district=world.district, name="2015-16", start=dt.date(2015, 9, 1),
                                  end=dt.date(2016, 6, 30))
    completed_cycles(world, world.host, 2)
    page = world.client("central").get(made.get_absolute_url())
    assert page.status_code == 200 and page.content.decode().count("<svg") == 2
    shown = text(page)
    assert "2015-16 — 0 —" in shown and "2016-17 50% 2 met" in shown
    assert world.client("teacher").get(made.get_absolute_url()).status_code == 200  # the program's aims are open
    assert world.client("outsider").get(made.get_absolute_url()).status_code == 404
    assert world.client("teacher").get("/surveys/outcomes/new/").status_code == 403
    bad = world.client("central").get(f"{made.get_absolute_url()}?year=99999999999999999999&network=x%00")
    assert bad.status_code == 200


def test_the_outcome_page_asks_the_same_queries_at_two_sizes(world):
    made, _ = outcome(world, {"measure": M.CYCLES}, {"measure": M.ADOPTIONS}, {"measure": M.VISITS})
    c = world.client("central")

    def asked():
        c.get(made.get_absolute_url())
        with CaptureQueriesContext(connection) as ctx:
            c.get(made.get_absolute_url())
        return len(ctx.captured_queries)

    before = asked()
    for i in range(12):
        school = org.School.objects.create(district=world.district, name=f"Extra {i}")
        network = org.Network.objects.create(district=world.district, school_year=world.year, name=f"Triad {i}",
                                             kind="triad", focus_area=world.lfa)
        org.NetworkMembership.objects.create(network=network, school=school, role="host")
        completed_cycles(world, school, 2)
    assert asked() == before


def test_a_measure_schools_report_is_read_as_reported(world):
    _, (attendance,) = outcome(world, {"measure": M.SCHOOL, "school_measure": "Attendance rate", "target": 90})
    org.Demographic.objects.create(school=world.host, school_year=world.year, measure="Attendance rate", value="92%")
    org.Demographic.objects.create(school=world.partner, school_year=world.year, measure="Attendance rate",
                                   value="80-90%")
    reading = indicators.read(attendance, actor_for(world.users["central"]), world.year, network=world.network)
    assert reading.value == 88.5 and reading.met is False  # (92 + 85) / 2: a range read at its middle
    assert [(g.name, g.shown) for g in reading.groups] == [("P.S. 7", "92%"), ("P.S. 8", "80-90%")]
    bad = e.Indicator(outcome=attendance.outcome, measure=M.SCHOOL)
    with pytest.raises(Exception, match="Name the schools' measure"):
        bad.full_clean()


def test_the_years_networks_are_shown_a_page_at_a_time(world):
    made, _ = outcome(world, {"measure": M.VISITS})
    for i in range(25):
        network = org.Network.objects.create(district=world.district, school_year=world.year, name=f"Triad {i:02}",
                                             kind="triad", focus_area=world.lfa)
        org.NetworkMembership.objects.create(network=network, school=org.School.objects.create(
            district=world.district, name=f"Extra {i}"), role="host")
    c = world.client("central")
    first = c.get(made.get_absolute_url()).content.decode()  # by name: Growth triad, then Triad 00 to Triad 23
    assert "Growth triad" in first and "Triad 23" in first and "Triad 24" not in first and "1–25 of 26" in first
    second = c.get(made.get_absolute_url(), {"page": 2}).content.decode()
    assert "Triad 24" in second and "Triad 00" not in second


def test_a_scale_with_no_statements_yet_reads_as_nothing(world):
    made = make_survey(world)
    empty = e.Scale.objects.create(survey=made.survey, name="Not built yet")
    actions.open_survey(made.survey)
    actions.invite(made.survey)
    submit_as(made, ["teacher", "principal", "coach"], [(4, 4, 2), (5, 4, 1), (3, 3, 3)])
    _, (scale,) = outcome(world, {"measure": M.SCALE, "survey_title": made.survey.title, "scale_name": empty.name})
    assert indicators.read(scale, actor_for(world.users["central"]), world.year).value is None
    e.SurveyEvidence.objects.create(survey=made.survey, scale=empty, network=world.network)
    page = world.client("central").get(world.network.get_absolute_url())
    assert page.status_code == 200 and "held back (fewer than 3 respondents)" in page.content.decode()
    assert world.client("central").get(f"/surveys/reports/network/{world.network.pk}/").status_code == 200
