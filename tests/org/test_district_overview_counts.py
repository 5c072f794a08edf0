"""The district overview's whole-district counts are computed once per change to what they count, and a change
shows at once."""
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from districtlab.org import models as m


def overview(client, district):
    with CaptureQueriesContext(connection) as ctx:
        r = client.get(district.get_absolute_url())
    assert r.status_code == 200
    page = " ".join(r.content.decode().split())
    return int(re.search(r"(\d+) schools?</a>", page)[1]), len(ctx.captured_queries)


@pytest.fixture
def kept(settings):
    """Counts kept for five minutes (the tests' default, 0, keeps nothing), and nothing kept for the next test."""
    settings.DISTRICTLAB_ANALYTICS_MAX_AGE = 300
    cache.clear()
    yield
    cache.clear()


def test_counts_are_kept_until_what_they_count_changes(world, kept):
    client = world.client("central")
    first, asked_first = overview(client, world.district)
    again, asked_again = overview(client, world.district)
    assert first == again == 2 and asked_again < asked_first  # the counts came from the cache
    m.School.objects.create(district=world.district, name="P.S. 9")
    after, asked_after = overview(client, world.district)
    assert after == 3 and asked_after == asked_first  # a new school: counted again at once
    world.district.schools.get(name="P.S. 9").delete()
    assert overview(client, world.district)[0] == 2  # and a school gone
