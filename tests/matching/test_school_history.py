"""A school's history in the program: every application it made and every network it belonged to, by year."""
import datetime as dt

import pytest

from districtlab.matching import models as m
from districtlab.org import models as org


@pytest.fixture
def history(world):
    """P.S. 7 applied to the 2016-17 call (accepted, placed in the triad) and has a draft for 2017-18."""
    d = world.district
    earlier = m.Call.objects.create(district=d, school_year=world.year, title="Learning Partners 2016-17",
                                    opens=dt.date(2016, 2, 1), closes=dt.date(2016, 3, 1))
    other_lfa = org.LearningFocusArea.objects.create(district=d, name="Student voice")
    accepted = m.Application.objects.create(
        call=earlier, school=world.host, role="host", status="submitted", decision="accepted",
        decision_reason="Strong team, ready to host.", lfa_1=world.lfa, lfa_2=other_lfa)
    m.Placement.objects.create(application=accepted, network=world.network)
    nxt = org.SchoolYear.objects.create(district=d, name="2017-18", start=dt.date(2017, 9, 1), end=dt.date(2018, 6, 30))
    later = m.Call.objects.create(district=d, school_year=nxt, title="Learning Partners 2017-18",
                                  opens=dt.date(2017, 2, 1), closes=dt.date(2017, 3, 1))
    m.Application.objects.create(call=later, school=world.host, role="either", status="draft",
                                 returning="continue")
    return accepted


def url(school):
    return f"/program/schools/{school.pk}/history/"


def test_the_principal_sees_every_application_and_network(world, history):
    r = world.client("principal").get(url(world.host))
    assert r.status_code == 200
    text = r.content.decode()
    for shown in ("Learning Partners 2016-17", "1. Teacher growth &amp; teams", "2. Student voice", "Accepted",
                  "Strong team, ready to host.", "Learning Partners 2017-18", "Draft", "Growth triad", "2016-17"):
        assert shown in text, shown
    assert [a.call.title for a in r.context["applications"]] == ["Learning Partners 2017-18",
                                                                 "Learning Partners 2016-17"]
    assert [(ms.network.name, ms.get_role_display()) for ms in r.context["memberships"]] == [("Growth triad", "Host")]


def test_central_office_sees_what_was_submitted_not_a_draft(world, history):
    r = world.client("central").get(url(world.host))
    assert r.status_code == 200
    assert [a.call.title for a in r.context["applications"]] == ["Learning Partners 2016-17"]
    assert "Learning Partners 2017-18" not in r.content.decode()


def test_the_school_page_links_to_it_for_those_who_may_see_it(world, history):
    link = f'href="{url(world.host)}"'
    for role in ("principal", "teacher", "central", "facilitator"):
        assert link in world.client(role).get(world.host.get_absolute_url()).content.decode(), role
    for role in ("researcher", "partner"):
        page = world.client(role).get(world.host.get_absolute_url())
        assert page.status_code != 200 or link not in page.content.decode(), role


@pytest.mark.parametrize("role,status", [("teacher", 200), ("facilitator", 200), ("admin", 200), ("coach", 403),
                                         ("partner", 403), ("researcher", 403), ("outsider", 404)])
def test_who_sees_a_schools_history(world, history, role, status):
    assert world.client(role).get(url(world.host)).status_code == status


def test_a_school_with_no_history_says_so(world, history):
    r = world.client("coach").get(url(world.partner))  # the coach's own school
    text = r.content.decode()
    assert r.status_code == 200
    assert "No application from this school yet." in text and "Growth triad" in text


def test_wrong_ids_are_not_found(world, history):
    c = world.client("central")
    assert c.get("/program/schools/999999/history/").status_code == 404
    elsewhere = org.School.objects.create(district=world.other_district, name="Far away")
    assert c.get(url(elsewhere)).status_code == 404
