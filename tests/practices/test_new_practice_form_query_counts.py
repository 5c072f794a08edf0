"""Adding or editing a practice asks the same queries, and sends a page of the same size, in a district three times
the size: the schools, teams and networks a practice is about are chosen by typing, never listed (issue 13)."""
import pytest
from django.test import Client

from districtlab.practices import models as m
from tests.query_counts import queries, sizes  # noqa: F401  (the fixture)


def page(world, url):
    """(queries, <option>s, bytes) of ``url`` for the central office of ``world``, asked once first to warm caches."""
    c = Client()
    c.force_login(world.user)
    queries(c, url)
    asked = queries(c, url)
    body = c.get(url).content
    return asked, body.count(b"<option"), len(body)


@pytest.mark.parametrize("which", ["new", "edit"])
def test_the_practice_form_does_not_grow_with_the_district(sizes, which):
    def url(world):
        if which == "new":
            return "/practices/practices/new/"
        practice = m.Practice.objects.create(  # the central office's own draft, about a team, school and network
            district=world.district, author=world.user.person, name="Routine", kind="routine", description="x",
            origin_school=world.schools[0], team=world.teams[0], school=world.schools[0],
            network=world.district.networks.first())
        practice.origin_people.add(*world.people[:2])
        return f"/practices/practices/{practice.pk}/edit/"

    (small_q, small_options, small_bytes), (large_q, large_options, large_bytes) = (page(w, url(w)) for w in sizes)
    assert (small_q, small_options) == (large_q, large_options)
    assert abs(small_bytes - large_bytes) < 100, (small_bytes, large_bytes)  # names differ by a digit or two
