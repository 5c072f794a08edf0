"""Query counts at two sizes: a synthetic district and one three times its size (``districtlab.demo.synthetic``),
side by side in the test database, each signed into by its own central office. A page whose number of queries is
the same in both asks a fixed number whatever the district's size."""
import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from districtlab.demo.synthetic import build, build_practices

SMALL = 6  # schools: two triads a year
LARGE = 3 * SMALL


@pytest.fixture
def sizes(db):
    """The small and the large district, each with a practice from every school."""
    built = build(SMALL, tag=" S", username="small"), build(LARGE, tag=" L", username="large")
    for world in built:
        build_practices(world)
    return built


def queries(client, url):
    """The number of queries one request for ``url`` asks (it must answer 200)."""
    with CaptureQueriesContext(connection) as ctx:
        r = client.get(url)
    assert r.status_code == 200, (url, r.status_code)
    return len(ctx.captured_queries)


def counts(world, urls):
    """``{label: queries}`` for the central office of ``world``; ``urls(world)`` gives ``{label: url}``, each asked
    once first so that Django's own caches (content types, sessions) are warm."""
    c = Client()
    c.force_login(world.user)
    asked = urls(world)
    for url in asked.values():
        queries(c, url)
    return {label: queries(c, url) for label, url in asked.items()}


def assert_flat(sizes, urls):
    small, large = (counts(world, urls) for world in sizes)
    assert small == large, {label: (small[label], large[label]) for label in small if small[label] != large[label]}
