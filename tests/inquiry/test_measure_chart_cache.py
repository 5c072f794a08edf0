"""A measure's chart is drawn once for its data: the next request takes the SVG from the cache, and new data, a new
name or unit draw it anew."""
import re

import pytest
from django.core.cache import cache

from districtlab.core.charts import chart_key
from districtlab.inquiry import models as m
from districtlab.inquiry.measure_chart import drawn_from, measure_chart
from tests.chart_cache import SENTINEL, empty_cache  # noqa: F401  (the fixture)
from tests.inquiry.test_enter_measure_data import fill, measure, post  # noqa: F401  (the fixture)


def key_of(measure):
    measure.refresh_from_db()
    return chart_key("measure", drawn_from(measure_chart(measure, draw=False).parts, measure))


def page(world, measure):
    """The measure's page, its per-request form tokens taken out."""
    r = world.client("teacher").get(measure.get_absolute_url())
    assert r.status_code == 200
    return re.sub(r'name="csrfmiddlewaretoken" value="\w+"', "", r.content.decode())


def test_the_second_request_draws_nothing(world, measure):
    fill(measure, 400, part=lambda i: f"Phase {i // 50}")
    first = page(world, measure)
    key = key_of(measure)
    svg = cache.get(key)
    assert svg and svg.startswith("<?xml") and svg in first
    assert page(world, measure) == first  # the same page again
    cache.set(key, SENTINEL)  # what the drawing would make is replaced: a request that draws would not show this
    again = page(world, measure)
    assert SENTINEL in again and again == first.replace(svg, SENTINEL)


def test_the_svg_download_shares_the_cached_chart(world, measure):
    fill(measure, 30)
    page(world, measure)
    cache.set(key_of(measure), SENTINEL)
    r = world.client("teacher").get(f"/inquiry/measures/{measure.pk}/chart.svg")
    assert r.status_code == 200 and r.content.decode() == SENTINEL


@pytest.mark.parametrize("change", ["point", "name", "unit"])
def test_what_the_chart_shows_changing_draws_it_anew(world, measure, change):
    fill(measure, 30)
    page(world, measure)
    before = key_of(measure)
    cache.set(before, SENTINEL)
    if change == "point":
        assert post(world.client("teacher"), measure, pasted="Day 30\t99").status_code == 302
    else:
        m.Measure.objects.filter(pk=measure.pk).update(**{change: "Students explaining aloud"})
    after = page(world, measure)
    drawn = cache.get(key_of(measure))
    assert key_of(measure) != before and SENTINEL not in after and drawn and drawn in after
