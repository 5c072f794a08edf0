"""Text people typed (measure names, data labels, feedback categories, practice and school names) is drawn on
charts as typed: dollar signs are never read as maths, so no chart page fails for anyone."""
import datetime as dt
import pathlib
import re

import pytest

import districtlab
from districtlab.inquiry import models as inquiry
from districtlab.practices import models as practices
from districtlab.visits import models as visits

BAD = r"$\badcmd$"
PROFIT = "Profit $_$"


def test_only_the_shared_chart_module_talks_to_matplotlib():
    """Every chart goes through ``districtlab.core.charts`` (where user text is made plain), none around it."""
    root = pathlib.Path(districtlab.__file__).parent
    imports = re.compile(r"^\s*(import|from)\s+matplotlib\b", re.M)
    direct = sorted(p.relative_to(root).as_posix() for p in root.rglob("*.py") if imports.search(p.read_text()))
    assert direct == ["core/charts.py"]


@pytest.mark.parametrize("chart", ["run", "i", "mr", "p", "g"])
def test_a_measure_named_with_dollar_signs_draws_its_chart(world, chart):
    ctx = dict(district=world.district, author=world.people["teacher"], team=world.team, school=world.host,
               network=world.network, visibility="team")
    problem = inquiry.ProblemOfPractice.objects.create(school_year=world.year, statement="P", **ctx)
    goal = inquiry.YearGoal.objects.create(problem=problem, statement="G", **ctx)
    cycle = inquiry.Cycle.objects.create(goal=goal, title="Turn and talk", **ctx)
    measure = inquiry.Measure.objects.create(cycle=cycle, name=BAD, unit=PROFIT, chart=chart)
    for i, v in enumerate([3, 4, 3, 5, 4, 6, 5, 7]):
        inquiry.DataPoint.objects.create(measure=measure, position=i, label=f"{BAD} {i}", value=v, denominator=10,
                                         part=PROFIT if i < 4 else BAD)
    client = world.client("teacher")
    page = client.get(measure.get_absolute_url())
    assert page.status_code == 200 and "<svg" in page.content.decode()
    download = client.get(f"/inquiry/measures/{measure.pk}/chart.svg")
    assert download.status_code == 200 and download["Content-Type"] == "image/svg+xml"


def test_feedback_trends_draw_a_category_with_dollar_signs(world):
    world.network.name = PROFIT
    world.network.save()
    visit = visits.Meeting.objects.create(district=world.district, school_year=world.year, kind="site_visit",
                                          title="October site visit", date=dt.date(2016, 10, 19),
                                          network=world.network, host=world.host)
    for name, kind in [(BAD, "glow"), (PROFIT, "grow")]:
        category = visits.FeedbackCategory.objects.create(district=world.district, name=name)
        visits.Feedback.objects.create(meeting=visit, kind=kind, category=category, text="Seen",
                                       to_school=world.host, from_school=world.partner)
    r = world.client("facilitator").get(f"/visits/networks/{world.network.pk}/feedback/")
    assert r.status_code == 200 and "<svg" in r.content.decode()


@pytest.fixture
def dollar_practice(world):
    """A practice and schools named with dollar signs, adopted from one school by the other."""
    world.host.name, world.partner.name = BAD, PROFIT
    world.host.save()
    world.partner.save()
    p = practices.Practice.objects.create(
        district=world.district, author=world.people["teacher"], visibility="network", team=world.team,
        school=world.host, network=world.network, name=BAD, kind="routine", description=PROFIT,
        origin_school=world.host)
    v1 = p.versions.get()
    v1.date = dt.date(2016, 9, 12)
    v1.save()
    practices.Adoption.objects.create(practice=p, version=v1, school=world.partner, from_school=world.host,
                                      through="site_visit", date=dt.date(2016, 11, 2))
    return p


def test_a_practice_named_with_dollar_signs_draws_its_lineage(world, dollar_practice):
    r = world.client("facilitator").get(dollar_practice.get_absolute_url())
    assert r.status_code == 200 and "<svg" in r.content.decode()


def test_the_knowledge_flow_draws_schools_named_with_dollar_signs(world, dollar_practice):
    r = world.client("facilitator").get("/practices/flow/")
    assert r.status_code == 200 and r.context["links"] == 1 and "<svg" in r.content.decode()
