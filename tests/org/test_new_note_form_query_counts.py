"""Writing a note asks the same queries, and sends a page of the same size, in a district three times the size: the
team, school and network a note is about are chosen by typing, never listed (issue 13)."""
from django.test import Client

from tests.query_counts import assert_flat, queries, sizes  # noqa: F401  (the fixture)


def test_the_note_form_does_not_grow_with_the_district(sizes):
    def page(world):
        c = Client()
        c.force_login(world.user)
        queries(c, "/notes/new/")
        body = c.get("/notes/new/").content
        return queries(c, "/notes/new/"), body.count(b"<option"), len(body)

    (small_q, small_options, small_bytes), (large_q, large_options, large_bytes) = (page(w) for w in sizes)
    assert (small_q, small_options) == (large_q, large_options)
    assert abs(small_bytes - large_bytes) < 100, (small_bytes, large_bytes)


def test_team_suggestions_ask_the_same_queries_in_a_district_three_times_the_size(sizes):
    assert_flat(sizes, lambda world: {"team suggestions": "/choose/team/?field=team&team=P.S."})
