"""Every role × rung × inquiry page: a team's inquiry is seen exactly as far as it has been shared."""
import pytest

from districtlab.inquiry import models as m

from ..conftest import ROLES

IN_DISTRICT = set(ROLES) - {"outsider"}
AUDIENCE = {
    "private": {"teacher"},
    "team": {"teacher", "principal"},
    "school": {"teacher", "principal"},
    "network": {"teacher", "principal", "coach", "facilitator"},
    "district": IN_DISTRICT,
}


@pytest.mark.parametrize("rung", list(AUDIENCE))
def test_who_sees_a_teams_inquiry(world, rung):
    ctx = dict(district=world.district, author=world.people["teacher"], team=world.team, school=world.host,
               network=world.network, visibility=rung)
    problem = m.ProblemOfPractice.objects.create(school_year=world.year, statement="SECRET-PROBLEM", **ctx)
    goal = m.YearGoal.objects.create(problem=problem, statement="G", **ctx)
    cycle = m.Cycle.objects.create(goal=goal, title="SECRET-CYCLE", **ctx)
    measure = m.Measure.objects.create(cycle=cycle, name="SECRET-MEASURE")
    m.DataPoint.objects.create(measure=measure, position=0, label="W1", value=1)
    pages = [problem.get_absolute_url(), cycle.get_absolute_url(), measure.get_absolute_url(),
             f"/inquiry/measures/{measure.pk}/data.csv"]
    for role in ROLES:
        client = world.client(role)
        for url in pages:
            status = client.get(url).status_code
            assert status == (200 if role in AUDIENCE[rung] else 404), (rung, role, url, status)
        listing = client.get(f"/inquiry/schools/{world.host.pk}/").content.decode()
        if role != "outsider":
            assert ("SECRET-PROBLEM" in listing) == (role in AUDIENCE[rung]), (rung, role)
