"""The compliance page reads the district's check as stored, "as of" when it was made, filtered to the networks
each viewer follows (a facilitator: their own): the check is made once in the first request, then again by a
background job (on the real queues, the database's and Redis's) when a record it reads changes or someone asks."""
import datetime as dt

import pytest

from districtlab.jobs.models import Analysis, Job
from districtlab.org import models as org
from districtlab.visits import models as m
from tests.core.queues import queue  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db(transaction=True)
CHECKING = "Checking every network against the program&#x27;s rules"


def team_meetings(world, team, *days):
    for day in days:
        m.Meeting.objects.create(district=world.district, school_year=world.year, kind="team_meeting",
                                 title="Team meeting", date=day, team=team, status="held")


@pytest.fixture
def checked(world, settings):
    """P.S. 7 (the facilitator's triad) and P.S. 40 (another network's) each went 15 days without a team meeting."""
    settings.DISTRICTLAB_ANALYTICS_MAX_AGE = 300
    other = org.Network.objects.create(district=world.district, school_year=world.year, name="Other pair",
                                       kind="pair")
    far = org.School.objects.create(district=world.district, name="P.S. 40")
    org.NetworkMembership.objects.create(network=other, school=far, role="host")
    far_team = org.Team.objects.create(district=world.district, school=far, school_year=world.year,
                                       kind="school_team", name="P.S. 40 LPP team")
    team_meetings(world, world.team, dt.date(2016, 9, 7), dt.date(2016, 9, 22))
    team_meetings(world, far_team, dt.date(2016, 9, 7), dt.date(2016, 9, 22))
    return far_team


def compliance(world, role):
    r = world.client(role).get("/visits/compliance/")
    assert r.status_code == 200
    return r


def test_a_facilitator_sees_only_their_networks_from_the_one_district_check(world, queue, checked):
    central, facilitator = compliance(world, "central"), compliance(world, "facilitator")
    assert Analysis.objects.filter(kind="compliance").count() == 1 and not Job.objects.exists()
    assert {name for name, _ in central.context["cadence"]} == {"P.S. 7", "P.S. 40"}
    assert {name for name, _ in facilitator.context["cadence"]} == {"P.S. 7"}
    assert central.context["unrecorded"] == facilitator.context["unrecorded"] == ["P.S. 8"]
    assert "P.S. 40" not in facilitator.content.decode() and "1 network ·" in facilitator.content.decode()
    assert "2 networks ·" in central.content.decode()
    assert world.client("teacher").get("/visits/compliance/").status_code == 403


def test_the_check_is_read_as_of_when_it_was_made_and_made_again_when_a_meeting_changes(world, queue, checked):
    first = compliance(world, "central")
    assert "As of " in first.content.decode() and CHECKING not in first.content.decode()
    assert [(g.start, g.end, g.days) for g in dict(first.context["cadence"])["P.S. 40"]][0] == (
        dt.date(2016, 9, 7), dt.date(2016, 9, 22), 15)
    team_meetings(world, checked, dt.date(2016, 9, 15))  # the gap is closed
    stale = compliance(world, "central")
    assert "P.S. 40" in dict(stale.context["cadence"]) and f"{CHECKING}:</strong> waiting for a worker" in (
        stale.content.decode())
    queue()
    again = compliance(world, "central")
    gaps = [(g.start, g.end) for g in dict(again.context["cadence"]).get("P.S. 40", [])]
    assert (dt.date(2016, 9, 7), dt.date(2016, 9, 22)) not in gaps and CHECKING not in again.content.decode()


def test_refresh_asks_for_a_new_check(world, queue, checked):
    compliance(world, "facilitator")
    analysis = Analysis.objects.get()
    r = world.client("facilitator").post(f"/jobs/analyses/{analysis.pk}/refresh/", {"next": "/visits/compliance/"})
    assert r.status_code == 302 and r["Location"] == "/visits/compliance/"
    assert f"{CHECKING}:</strong> waiting for a worker" in compliance(world, "facilitator").content.decode()
    queue()
    assert Job.objects.get().status == Job.Status.DONE
    assert CHECKING not in compliance(world, "central").content.decode()
