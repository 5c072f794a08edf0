"""Team suggestions (the note form's team, and every other form's) ask the same queries in a district three times
the size (the form pages themselves: tests/core/test_form_pages_do_not_grow.py)."""
from tests.query_counts import assert_flat, sizes  # noqa: F401  (the fixture)


def test_team_suggestions_ask_the_same_queries_in_a_district_three_times_the_size(sizes):
    assert_flat(sizes, lambda world: {"team suggestions": "/choose/team/?field=team&team=P.S."})
