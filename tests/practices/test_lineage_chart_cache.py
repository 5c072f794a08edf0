"""A practice's lineage graph is drawn once for what it shows: the next request takes the SVG from the cache, and a
new event draws it anew."""
import datetime as dt

import pytest
from django.core.cache import cache

from districtlab.core.charts import chart_key
from districtlab.core.publishing import publications_of
from districtlab.practices import models as m
from districtlab.practices.lineage import drawn_from, lineage
from tests.chart_cache import SENTINEL, empty_cache  # noqa: F401  (the fixture)

@pytest.fixture
def practice(world):
    return m.Practice.objects.create(
        district=world.district, author=world.people["teacher"], visibility="network", team=world.team,
        school=world.host, network=world.network, name="Turn-and-talk anchor chart", kind="routine",
        description="Sentence starters", origin_school=world.host)


def page(world, practice):
    r = world.client("facilitator").get(practice.get_absolute_url())
    assert r.status_code == 200
    return r.content.decode()


def key_of(practice):
    practice.refresh_from_db()
    events = lineage(practice, list(practice.versions.all()), list(publications_of(practice)),
                     list(practice.adoptions.all()), list(practice.conventions.all()))
    return chart_key("lineage", drawn_from(events, practice.name))


def test_the_second_request_draws_nothing(world, practice):
    first = page(world, practice)
    svg = cache.get(key_of(practice))
    assert svg and svg.startswith("<?xml") and svg in first
    cache.set(key_of(practice), SENTINEL)  # a request that drew the chart again would not show this
    again = page(world, practice)
    assert SENTINEL in again and again.replace(SENTINEL, svg).count(svg) == first.count(svg)


def test_a_new_event_draws_it_anew(world, practice):
    page(world, practice)
    before = key_of(practice)
    cache.set(before, SENTINEL)
    m.Adoption.objects.create(practice=practice, version=practice.versions.get(), school=world.partner,
                              from_school=world.host, through="site_visit", date=dt.date(2016, 11, 2))
    after = page(world, practice)
    drawn = cache.get(key_of(practice))
    assert key_of(practice) != before and SENTINEL not in after and drawn and drawn in after
