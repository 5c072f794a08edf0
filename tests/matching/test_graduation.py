"""The graduation page of a call: which schools in the program this year graduate and which may continue."""
import datetime as dt

import pytest

from districtlab.matching import models as m
from districtlab.org import models as org


@pytest.fixture
def call(world):
    """P.S. 7 hosted a network in 2014-15, 2015-16 and 2016-17 (it graduates); P.S. 8 joined in 2016-17 and answers
    "continue" in its application to the 2017-18 call."""
    d = world.district
    for name, start in (("2014-15", 2014), ("2015-16", 2015)):
        year = org.SchoolYear.objects.create(district=d, name=name, start=dt.date(start, 9, 1),
                                             end=dt.date(start + 1, 6, 30))
        network = org.Network.objects.create(district=d, school_year=year, name=f"Triad {name}", kind="triad")
        org.NetworkMembership.objects.create(network=network, school=world.host, role="host")
    nxt = org.SchoolYear.objects.create(district=d, name="2017-18", start=dt.date(2017, 9, 1), end=dt.date(2018, 6, 30))
    call = m.Call.objects.create(district=d, school_year=nxt, title="Learning Partners 2017-18",
                                 opens=dt.date(2017, 2, 1), closes=dt.date(2017, 3, 15), years_before_graduation=3)
    m.Application.objects.create(call=call, school=world.partner, role="partner", status="submitted",
                                 returning="continue")
    return call


def url(call, query=""):
    return f"/program/calls/{call.pk}/graduation/{query}"


def rows(response):
    return [(r.school.name, r.years, r.graduates, r.application.returning if r.application else None)
            for r in response.context["rows"]]


def test_central_office_sees_who_graduates_and_who_continues(world, call):
    r = world.client("central").get(url(call))
    assert r.status_code == 200
    assert rows(r) == [("P.S. 7", 3, True, None), ("P.S. 8", 1, False, "continue")]
    text = r.content.decode()
    assert "2 schools in the program in 2016-17: 1 graduates" in text
    assert "<strong>Graduates</strong>" in text and "May continue" in text and "Continuing" in text
    assert "No application yet" in text


def test_the_number_of_years_is_the_calls(world, call):
    call.years_before_graduation = 4
    call.save()
    assert rows(world.client("central").get(url(call)))[0] == ("P.S. 7", 3, False, None)


def test_filters(world, call):
    c = world.client("facilitator")
    assert [row[0] for row in rows(c.get(url(call, "?show=graduating")))] == ["P.S. 7"]
    assert [row[0] for row in rows(c.get(url(call, "?show=continuing")))] == ["P.S. 8"]
    for query in ("?show=%3Cscript%3E", "?page=abc", "?page=-1"):
        assert c.get(url(call, query)).status_code == 200


def test_a_draft_answer_is_the_schools_own_until_submitted(world, call):
    m.Application.objects.filter(school=world.partner).update(status="draft")
    assert rows(world.client("central").get(url(call)))[1] == ("P.S. 8", 1, False, None)


def test_a_school_that_missed_a_year_starts_counting_again(world, call):
    org.NetworkMembership.objects.filter(school=world.host, network__school_year__name="2015-16").delete()
    assert rows(world.client("central").get(url(call)))[0] == ("P.S. 7", 1, False, None)


def test_the_first_year_has_nobody_to_graduate(world):
    first = m.Call.objects.create(district=world.district, school_year=world.year, title="The first call",
                                  opens=dt.date(2016, 2, 1), closes=dt.date(2016, 3, 1))
    r = world.client("central").get(url(first))
    assert r.status_code == 200 and "There is no school year before 2016-17" in r.content.decode()


@pytest.mark.parametrize("role,status", [("admin", 200), ("principal", 403), ("teacher", 403), ("coach", 403),
                                         ("partner", 404), ("researcher", 404), ("outsider", 404)])
def test_who_sees_it(world, call, role, status):
    assert world.client(role).get(url(call)).status_code == status


def test_a_wrong_call_is_not_found(world, call):
    assert world.client("central").get("/program/calls/999999/graduation/").status_code == 404
