"""Cronbach's alpha (``districtlab.analysis.reliability``): a published worked example to every digit it prints, the
rules for missing answers and for what cannot be computed, and properties alpha has whatever the answers."""
import math

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from districtlab.analysis.reliability import complete_cases, cronbach_alpha, reverse

# Denis DJ, *Applied Univariate, Bivariate, and Multivariate Statistics*, Wiley, 2016, the section on Cronbach's
# alpha ("As a very small-scale example, suppose we have a test having only five items..."): the scores of ten
# people on five items, and the SPSS output printed for them (RELIABILITY ... /MODEL=ALPHA /SUMMARY=TOTAL). The text
# was read at https://livelib.biz/read_928329/p38 and https://livelib.biz/read_928329/p39 (the book's pages online).
DENIS_ITEMS = ["Item_1", "Item_2", "Item_3", "Item_4", "Item_5"]
DENIS = [
    [10, 12, 15, 11, 12],
    [12, 18, 12, 12, 1],
    [8, 16, 14, 14, 4],
    [6, 8, 16, 8, 6],
    [4, 7, 8, 7, 5],
    [6, 6, 3, 7, 3],
    [3, 4, 6, 5, 8],
    [7, 3, 7, 9, 9],
    [8, 9, 4, 10, 10],
    [9, 5, 6, 11, 12],
]
# As printed: "Reliability Statistics" and the "Item-Total Statistics" columns "Corrected Item-Total Correlation" and
# "Cronbach's Alpha if Item Deleted", three decimals.
DENIS_PRINTED = {
    "alpha": 0.633, "standardized_alpha": 0.691, "n": 10, "items": DENIS_ITEMS,
    "item_total": {"Item_1": 0.712, "Item_2": 0.558, "Item_3": 0.512, "Item_4": 0.796, "Item_5": -0.228},
    "alpha_if_deleted": {"Item_1": 0.478, "Item_2": 0.476, "Item_3": 0.507, "Item_4": 0.445, "Item_5": 0.824},
}
# The book then drops item 5 and prints the four items' alpha and standardized alpha.
DENIS_WITHOUT_ITEM_5 = {"alpha": 0.824, "standardized_alpha": 0.863}
PRINTED = 0.0005  # three decimals


def as_printed(result: dict) -> dict:
    """``result`` (``Reliability.as_dict()``) to three decimals, as the book prints it (rounding half away from 0)."""
    def three(v):
        return math.copysign(math.floor(abs(v) * 1000 + 0.5) / 1000, v) if isinstance(v, float) else v

    return {k: {i: three(v) for i, v in value.items()} if isinstance(value, dict) else three(value)
            for k, value in result.items()}


def test_the_published_worked_example_to_every_printed_digit():
    """Denis (2016): alpha 0.633, standardized 0.691, each item's corrected item-total correlation and alpha if
    deleted, for the ten people's scores printed in the book."""
    assert as_printed(cronbach_alpha(DENIS, DENIS_ITEMS).as_dict()) == DENIS_PRINTED


def test_the_published_example_without_its_weak_item():
    """Denis (2016): with item 5 dropped, alpha rises to 0.824 (as its alpha if deleted said) and the standardized
    alpha is 0.863."""
    result = cronbach_alpha([row[:4] for row in DENIS], DENIS_ITEMS[:4])
    assert (result.alpha, result.standardized_alpha) == pytest.approx(
        (DENIS_WITHOUT_ITEM_5["alpha"], DENIS_WITHOUT_ITEM_5["standardized_alpha"]), abs=PRINTED)


def test_a_respondent_with_a_missing_answer_is_left_out():
    with_gaps = [*DENIS, [None, 3, 4, 5, 6], [1, 2, float("nan"), 4, 5]]
    result = cronbach_alpha(with_gaps, DENIS_ITEMS)
    assert result.n == 10
    assert result == cronbach_alpha(DENIS, DENIS_ITEMS)
    assert complete_cases(with_gaps).tolist() == [[float(v) for v in row] for row in DENIS]


def test_a_constant_item_has_no_correlations_but_alpha_still_counts_it():
    """Items (1,1,1), (3,4,5), (2,3,5): variances 0, 1 and 7/3, totals 6, 8, 11 with variance 19/3, so
    alpha = 3/2 × (1 − (10/3)/(19/3)) = 27/38. The constant item correlates with nothing: no standardized alpha
    and no item-total correlation for it. Without it the totals vary as before: alpha 2 × (1 − (10/3)/(19/3)) = 18/19.
    """
    result = cronbach_alpha([[1, 3, 2], [1, 4, 3], [1, 5, 5]], ["same", "up", "upper"])
    assert result.alpha == pytest.approx(27 / 38)
    assert result.standardized_alpha is None
    assert result.item_total["same"] is None and result.item_total["up"] is not None
    assert result.alpha_if_deleted["same"] == pytest.approx(18 / 19)


def test_two_items_have_no_alpha_if_deleted():
    """Items (1,2,3,4) and (2,1,3,4), each of variance 5/3; totals 3, 3, 6, 8 of variance 6: alpha 2 × (1 − (10/3)/6)
    = 8/9. One item alone has no alpha."""
    result = cronbach_alpha([[1, 2], [2, 1], [3, 3], [4, 4]])
    assert result.items == ("item 1", "item 2")
    assert result.alpha == pytest.approx(8 / 9)
    assert result.alpha_if_deleted == {"item 1": None, "item 2": None}


@pytest.mark.parametrize("rows,items,message", [
    ([[1], [2], [3]], None, "Cronbach's alpha needs at least 2 items; there is 1 item."),
    ([[1, 2]], None, "needs at least 2 respondents who answered every item; there is 1 respondent."),
    ([[1, 2], [None, 3], [4, None]], None, "there is 1 respondent (2 left out for a missing answer)."),
    ([], ["a", "b"], "there are 0 respondents."),
    ([[1, 2], [2, 1], [3, 0]], None, "Every respondent used (3) has the same total score"),
    ([[0.1, 0.2], [0.3, 0.0], [0.2, 0.1]], None, "has the same total score"),  # 0.1 + 0.2 is 0.3, rounding apart
    ([[1, 2], [2]], None, "The rows are not a table of numbers"),
    ([[1, "many"], [2, 3]], None, "The rows are not a table of numbers"),
    ([[1, float("inf")], [2, 3]], None, "A value is infinite"),
    ([[1, 2], [2, 3]], ["a"], "1 item name for 2 columns"),
    ([[1, 2], [2, 3]], ["a", "a"], 'The item "a" is named twice'),
])
def test_what_cannot_be_computed_is_said(rows, items, message):
    with pytest.raises(ValueError) as caught:
        cronbach_alpha(rows, items)
    assert message in str(caught.value)


def test_reverse_coding():
    assert [reverse(v, top=5) for v in (1, 2, 3, 4, 5)] == [5, 4, 3, 2, 1]
    assert [reverse(v, top=4, bottom=0) for v in (0, 1, 4)] == [4, 3, 0]
    assert np.isnan(reverse(np.array([np.nan]), top=5)).all()


# Answers on a 5-point scale: 3 to 25 respondents, 2 to 6 items.
likert = st.integers(2, 6).flatmap(
    lambda k: st.lists(st.lists(st.integers(1, 5), min_size=k, max_size=k), min_size=3, max_size=25))
SAME = {"rel": 1e-9, "abs": 1e-9}


def computed(rows, items=None):
    """The analysis of ``rows``; the example is discarded when alpha cannot be computed (every total the same)."""
    try:
        return cronbach_alpha(rows, items)
    except ValueError:
        assume(False)


def figures(result) -> list:
    """Every figure of a result, in item order, ``None`` kept (to compare two results approximately)."""
    return [result.alpha, result.standardized_alpha, *result.item_total.values(), *result.alpha_if_deleted.values()]


def same(a: list, b: list) -> bool:
    return all((x is None and y is None) or (x is not None and y is not None and x == pytest.approx(y, **SAME))
               for x, y in zip(a, b, strict=True))


@given(likert, st.randoms(use_true_random=False))
def test_the_order_of_respondents_does_not_matter(rows, random):
    shuffled = rows[:]
    random.shuffle(shuffled)
    assert same(figures(computed(rows)), figures(computed(shuffled)))


@given(likert, st.randoms(use_true_random=False))
def test_the_order_of_items_does_not_matter(rows, random):
    k = len(rows[0])
    names = [f"q{j}" for j in range(k)]
    order = list(range(k))
    random.shuffle(order)
    first = computed(rows, names)
    second = computed([[row[j] for j in order] for row in rows], [names[j] for j in order])
    assert same([first.alpha, first.standardized_alpha], [second.alpha, second.standardized_alpha])
    for kind in ("item_total", "alpha_if_deleted"):
        assert same([getattr(first, kind)[n] for n in names], [getattr(second, kind)[n] for n in names])


@given(likert, st.integers(-100, 100), st.data())
def test_adding_a_constant_to_an_item_changes_nothing(rows, constant, data):
    j = data.draw(st.integers(0, len(rows[0]) - 1))
    shifted = [[v + constant if i == j else v for i, v in enumerate(row)] for row in rows]
    assert same(figures(computed(rows)), figures(computed(shifted)))


@given(likert, st.sampled_from([0.5, 2, 7]))
def test_rescaling_every_item_alike_changes_nothing(rows, factor):
    assert same(figures(computed(rows)), figures(computed([[v * factor for v in row] for row in rows])))


@given(st.integers(-10, 10), st.integers(1, 10), st.integers(-10, 10))
def test_reversing_twice_gives_the_answer_back(bottom, span, answer):
    top = bottom + span
    assert reverse(reverse(answer, top, bottom), top, bottom) == answer
    assert bottom <= reverse(min(max(answer, bottom), top), top, bottom) <= top


@given(likert)
def test_alpha_is_at_most_1_and_correlations_within_minus_1_and_1(rows):
    result = computed(rows)
    assert result.alpha <= 1 + 1e-12
    assert all(-1 <= r <= 1 for r in result.item_total.values() if r is not None)


@given(likert)
def test_standardized_alpha_is_the_alpha_of_z_scores(rows):
    data = np.array(rows, dtype=float)
    sd = data.std(axis=0, ddof=1)
    assume((sd > 0).all())
    result = computed(rows)
    assert result.standardized_alpha == pytest.approx(computed((data - data.mean(axis=0)) / sd).alpha, **SAME)


@given(likert)
def test_alpha_if_deleted_is_the_alpha_of_the_other_items(rows):
    assume(len(rows[0]) >= 3)
    result = computed(rows)
    for j, name in enumerate(result.items):
        others = [row[:j] + row[j + 1:] for row in rows]
        try:
            alone = cronbach_alpha(others).alpha
        except ValueError:  # the others' total does not vary: no alpha without this item
            alone = None
        assert same([result.alpha_if_deleted[name]], [alone])


@given(likert, st.lists(st.integers(0, 5), min_size=1, max_size=5))
def test_respondents_with_a_missing_answer_change_nothing(rows, gaps):
    k = len(rows[0])
    partial = [[None if i == gap % k else 3 for i in range(k)] for gap in gaps]
    first, second = computed(rows), computed(rows + partial)
    assert second.n == first.n == len(rows)
    assert same(figures(first), figures(second))
