"""The signatures (who has not signed the MOU) and graduation pages page in the database: a page of 25 schools asks the
same queries and builds the same records whether the district places 80 schools or three times as many."""
import datetime as dt
from collections import Counter

import pytest
from django.db import connection
from django.db.models.signals import post_init
from django.test.utils import CaptureQueriesContext

from districtlab.core.roles import PositionKind
from districtlab.matching import models as m
from districtlab.matching.views.agreements import PAGE
from districtlab.org import models as org

AGREEMENT = "We meet every month."


@pytest.fixture
def grow(world):
    """``grow(n)`` adds ``n`` schools to the district: each in a network this year (every third one for three years
    in a row, so it graduates), applying to the 2017-18 call, placed, with a principal and a team member who have both
    signed in every other school (the other half is still missing both signatures)."""
    d = world.district
    for name, start in (("2014-15", 2014), ("2015-16", 2015)):
        org.SchoolYear.objects.create(district=d, name=name, start=dt.date(start, 9, 1), end=dt.date(start + 1, 6, 30))
    nxt = org.SchoolYear.objects.create(district=d, name="2017-18", start=dt.date(2017, 9, 1), end=dt.date(2018, 6, 30))
    call = m.Call.objects.create(district=d, school_year=nxt, title="Learning Partners 2017-18", agreement=AGREEMENT,
                                 opens=dt.date(2017, 2, 1), closes=dt.date(2017, 3, 15), years_before_graduation=3)
    nxt_network = org.Network.objects.create(district=d, school_year=nxt, name="Next cohort", kind="cohort")
    years = list(org.SchoolYear.objects.filter(district=d, start__lt=nxt.start).order_by("start"))
    networks = [org.Network.objects.create(district=d, school_year=y, name=f"Cohort {y.name}", kind="cohort")
                for y in years]
    made = Counter()

    def add(n):
        for _ in range(n):
            i = made["schools"] = made["schools"] + 1
            school = org.School.objects.create(district=d, name=f"School {i:03}", grade_band="Middle")
            for network in networks if i % 3 == 0 else networks[-1:]:
                org.NetworkMembership.objects.create(network=network, school=school, role="partner")
            principal = org.Person.objects.create(district=d, name=f"Principal {i:03}")
            org.Position.objects.create(person=principal, district=d, school=school, kind=PositionKind.PRINCIPAL)
            member = org.Person.objects.create(district=d, name=f"Teacher {i:03}")
            application = m.Application.objects.create(call=call, school=school, role="partner", status="submitted",
                                                       decision="accepted", returning="continue" if i % 2 else "")
            application.team.add(member)
            placement = m.Placement.objects.create(application=application, network=nxt_network)
            for person in (principal, member) if i % 2 else ():
                m.Signature.objects.create(placement=placement, person=person, text=AGREEMENT)
    return call, add


def asked(client, url):
    """(queries, records built) for one request of ``url``."""
    built = Counter()

    def count(sender, **kwargs):
        built[sender.__name__] += 1

    post_init.connect(count, weak=False)
    try:
        with CaptureQueriesContext(connection) as ctx:
            r = client.get(url)
    finally:
        post_init.disconnect(count)
    assert r.status_code == 200, url
    assert len(r.context["rows"]) == PAGE, url
    return len(ctx.captured_queries), dict(built)


def test_a_page_costs_the_same_whatever_the_number_of_schools(world, grow):
    call, add = grow
    c = world.client("central")
    urls = [f"/program/calls/{call.pk}/signatures/", f"/program/calls/{call.pk}/signatures/?show=unsigned",
            f"/program/calls/{call.pk}/graduation/", f"/program/calls/{call.pk}/graduation/?show=continuing&page=2"]
    add(80)
    for url in urls:
        asked(c, url)  # Django's own caches warm
    small = {url: asked(c, url) for url in urls}
    add(160)
    large = {url: asked(c, url) for url in urls}
    assert small == large
    assert all(built.get("Placement", 0) <= PAGE and built.get("School", 0) <= 2 * PAGE
               for _, built in large.values()), large


def test_the_counts_are_of_the_whole_district_not_the_page(world, grow):
    call, add = grow
    add(60)
    c = world.client("central")
    text = c.get(f"/program/calls/{call.pk}/signatures/").content.decode()
    assert "60 schools placed · 30 with every signature · 60 of 120 people signed" in text
    unsigned = c.get(f"/program/calls/{call.pk}/signatures/?show=unsigned&page=2")
    assert unsigned.context["paginator"].count == 30
    assert all(r.unsigned for r in unsigned.context["rows"])
    graduation = c.get(f"/program/calls/{call.pk}/graduation/")
    text = graduation.content.decode()
    # the world's P.S. 7 and P.S. 8 are in this year's network too
    assert "62 schools in the program in 2016-17: 20 graduate; of those that may continue or leave, 30" in text
    rows = graduation.context["rows"]
    assert [r.graduates for r in rows] == [True] * 20 + [False] * 5
    assert all(r.years == 3 for r in rows[:20]) and rows[20].years == 1
