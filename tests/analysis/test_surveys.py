"""Survey analysis (``districtlab.analysis.surveys``): intervals as scipy.stats' t-tests give them, effect sizes
worked by hand, and the rules for missing answers, proration and small groups."""
import math

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from scipy import stats

from districtlab.analysis.surveys import (distribution, independent_change, paired_change, scale_score, summary,
                                          suppress)

# Ten teachers' confidence (1..7) before and after a coaching cycle, keyed by teacher.
BEFORE = {"t1": 3, "t2": 4, "t3": 2, "t4": 5, "t5": 4, "t6": 3, "t7": 6, "t8": 2, "t9": 4, "t10": 3}
AFTER = {"t1": 5, "t2": 4, "t3": 4, "t4": 6, "t5": 5, "t6": 3, "t7": 6, "t8": 5, "t9": 3, "t10": 5}
LIKERT = st.lists(st.integers(1, 5), min_size=2, max_size=30)


@pytest.mark.parametrize("confidence", [0.90, 0.95, 0.99])
def test_the_paired_interval_is_scipys(confidence):
    keys = list(BEFORE)
    expected = stats.ttest_rel([AFTER[k] for k in keys], [BEFORE[k] for k in keys])
    change = paired_change(BEFORE, AFTER, confidence)
    interval = expected.confidence_interval(confidence)
    assert (change.ci_low, change.ci_high) == pytest.approx((interval.low, interval.high), rel=1e-12)
    assert (change.n, change.df, change.mean_change) == (10, expected.df, pytest.approx(1.0))
    assert (change.mean_before, change.mean_after) == pytest.approx((3.6, 4.6))


@pytest.mark.parametrize("confidence", [0.90, 0.95, 0.99])
def test_the_welch_interval_and_df_are_scipys(confidence):
    before, after = list(BEFORE.values()), [5, 6, 4, 7, 5, 6, 6]
    expected = stats.ttest_ind(after, before, equal_var=False)
    change = independent_change(before, after, confidence)
    interval = expected.confidence_interval(confidence)
    assert (change.ci_low, change.ci_high) == pytest.approx((interval.low, interval.high), rel=1e-12)
    assert change.df == pytest.approx(expected.df, rel=1e-12)
    assert (change.n_before, change.n_after) == (10, 7)


@given(LIKERT, st.data())
def test_any_paired_likert_answers_give_scipys_interval(before, data):
    after = data.draw(st.lists(st.integers(1, 5), min_size=len(before), max_size=len(before)))
    changes = np.subtract(after, before)
    assume(np.ptp(changes) > 0)
    interval = stats.ttest_rel(after, before).confidence_interval()
    change = paired_change(dict(enumerate(before)), dict(enumerate(after)))
    assert (change.ci_low, change.ci_high) == pytest.approx((interval.low, interval.high), rel=1e-9, abs=1e-12)


@pytest.mark.filterwarnings("ignore:Precision loss")  # scipy's, when one group's answers are all the same
@given(LIKERT, LIKERT)
def test_any_two_groups_of_likert_answers_give_scipys_welch_interval(before, after):
    assume(np.ptp(before) > 0 or np.ptp(after) > 0)
    interval = stats.ttest_ind(after, before, equal_var=False).confidence_interval()
    change = independent_change(before, after)
    assert (change.ci_low, change.ci_high) == pytest.approx((interval.low, interval.high), rel=1e-9, abs=1e-12)


def test_cohens_d_z_by_hand():
    """Changes 1, 2, 3, 2: mean 2, squared deviations 1 + 0 + 1 + 0 = 2, sd √(2/3), d_z = 2 / √(2/3) = √6.
    The interval: 2 ± t(0.975, 3) · √(2/3)/2 = 2 ± 3.182446 × 0.408248 = 2 ± 1.299228."""
    change = paired_change({"a": 1, "b": 2, "c": 3, "d": 4}, {"a": 2, "b": 4, "c": 6, "d": 6})
    assert change.effect_size == pytest.approx(math.sqrt(6))
    assert change.sd_change == pytest.approx(math.sqrt(2 / 3))
    assert (change.ci_low, change.ci_high) == pytest.approx((0.700772, 3.299228), abs=1e-6)
    assert change.effect_size_name == "Cohen's d_z"


def test_hedges_g_and_welch_df_by_hand():
    """Before 1, 2, 3: mean 2, variance 1. After 2, 4, 6, 8: mean 5, variance (9 + 1 + 1 + 9)/3 = 20/3.
    Welch: s²/n are 1/3 and 5/3, se² = 2, df = 2² / ((1/3)²/2 + (5/3)²/3) = 4 / (1/18 + 25/27) = 216/53.
    Pooled variance (2·1 + 3·20/3) / 5 = 22/5, d = 3 / √4.4, J = 1 − 3/(4·7 − 9) = 16/19, g = 3/√4.4 · 16/19."""
    change = independent_change([1, 2, 3], [2, 4, 6, 8])
    assert change.mean_change == 3
    assert change.df == pytest.approx(216 / 53)
    assert change.effect_size == pytest.approx(3 / math.sqrt(4.4) * 16 / 19)
    assert (change.sd_before, change.sd_after) == pytest.approx((1, math.sqrt(20 / 3)))
    assert change.effect_size_name == "Hedges' g"


def test_only_respondents_with_both_answers_are_paired():
    change = paired_change({"a": 1, "b": 2, "c": 3, "gone": 5, "skipped": None, "blank": float("nan")},
                           {"a": 2, "b": 4, "c": 3, "new": 1, "skipped": 4, "blank": 2})
    assert change.n == 3
    assert (change.mean_before, change.mean_after, change.mean_change) == pytest.approx((2, 3, 1))
    assert change == paired_change({"a": 1, "b": 2, "c": 3}, {"a": 2, "b": 4, "c": 3})


def test_a_change_without_spread_has_no_effect_size_and_an_interval_of_width_0():
    same = paired_change({"a": 0.1, "b": 0.2, "c": 1.0}, {"a": 0.2, "b": 0.1 + 0.2, "c": 1.1})  # each up 0.1 ± rounding
    assert (same.sd_change, same.effect_size) == (0.0, None)
    assert same.ci_low == same.ci_high == same.mean_change == pytest.approx(0.1)
    flat = independent_change([3, 3, 3], [4, 4])
    assert (flat.df, flat.effect_size, flat.ci_low, flat.ci_high) == (None, None, 1.0, 1.0)


def test_changes_that_cannot_be_computed_say_why():
    with pytest.raises(ValueError, match="at least 2 respondents with a value both before and after; there is 1"):
        paired_change({"a": 1, "b": 2}, {"a": 2, "c": 3})
    with pytest.raises(ValueError, match="at least 2 values in each; there is 1 value before and 3 values after"):
        independent_change([1, None], [1, 2, 3])
    with pytest.raises(ValueError, match="between 0 and 1"):
        paired_change(BEFORE, AFTER, confidence=95)
    with pytest.raises(ValueError, match="'high' is not a number"):
        independent_change([1, 2, "high"], [1, 2])
    with pytest.raises(ValueError, match="infinite"):
        independent_change([1, 2, math.inf], [1, 2])


def test_a_distribution_counts_blank_answers_as_missing_and_unknown_ones_as_other():
    d = distribution(["agree", "disagree", "", None, float("nan"), "Agree", "agree", "unsure"],
                     options=["agree", "unsure", "disagree"])
    assert (d.n, d.missing, d.other) == (5, 3, 1)  # "Agree" is not an option: options match exactly
    assert list(d.counts.items()) == [("agree", 2), ("unsure", 1), ("disagree", 1)]
    assert d.shares == {"agree": 0.4, "unsure": 0.2, "disagree": 0.2}


def test_a_multiple_choice_distribution_counts_respondents_per_option():
    d = distribution([["math", "art"], ["art", "art"], [], ["", None], ["cooking"], "math", None],
                     options=["math", "art", "music"])
    # four respondents chose something (one only an option not listed); ["art", "art"] is one respondent's art
    assert (d.n, d.missing, d.other) == (4, 3, 1)
    assert d.counts == {"math": 2, "art": 2, "music": 0}
    assert d.shares == {"math": 0.5, "art": 0.5, "music": 0.0}


def test_a_distribution_of_numbers_and_of_nothing():
    assert distribution([1, 2.0, 2, 5], options=[1, 2, 3, 4]).counts == {1: 1, 2: 2, 3: 0, 4: 0}
    nobody = distribution([None, " "], options=["yes", "no"])
    assert (nobody.n, nobody.missing, nobody.shares) == (0, 2, {"yes": None, "no": None})
    with pytest.raises(ValueError, match="'yes' is listed twice"):
        distribution(["yes"], options=["yes", "no", "yes"])


def test_a_scale_score_is_prorated_when_at_least_half_the_items_are_answered():
    four, five = [False] * 4, [False] * 5
    assert scale_score([2, 4, None, None], four, top=5) == 3.0  # 2 of 4: half
    assert scale_score([2, 4, None, None, None], five, top=5) is None  # 2 of 5: less than half
    assert scale_score([2, 4, 3, None, float("nan")], five, top=5) == 3.0
    ten = [False] * 10
    assert scale_score([1] * 7 + [None] * 3, ten, top=5, min_share=0.7) == 1.0  # 7 of 10 is 0.7, not less
    assert scale_score([1] * 6 + [None] * 4, ten, top=5, min_share=0.7) is None
    assert scale_score([1, None], [False, False], top=5, min_share=1) is None


def test_a_scale_score_turns_reverse_coded_items():
    # 1..5: 1 turns to 5 and 2 to 4, so (5 + 4 + 3) / 3 = 4; on 0..4, 0 turns to 4 and (4 + 4) / 2 = 4
    assert scale_score([1, 4, 3], [True, False, False], top=5) == 4.0
    assert scale_score([1, 2, None], [True, True, False], top=5) == 4.5
    assert scale_score([0, 4], [True, False], top=4, bottom=0) == 4.0


def test_a_scale_score_refuses_what_it_cannot_score():
    with pytest.raises(ValueError, match="2 reverse-coding flags for 3 items"):
        scale_score([1, 2, 3], [False, True], top=5)
    with pytest.raises(ValueError, match="The answer 6 is off the scale from 1 to 5"):
        scale_score([6, 2], [True, False], top=5)
    with pytest.raises(ValueError, match="above 0 and at most 1"):
        scale_score([1, 2], [False, False], top=5, min_share=0)
    with pytest.raises(ValueError, match="at least 1 item"):
        scale_score([], [], top=5)


def test_a_summary_leaves_missing_values_out():
    # 2, 4, 4, 4, 5, 5, 7, 9: mean 5, squared deviations 9+1+1+1+0+0+4+16 = 32, sd √(32/7)
    s = summary([2, 4, None, 4, 4, 5, float("nan"), 5, 7, 9])
    assert (s.n, s.mean, s.median, s.minimum, s.maximum) == (8, 5.0, 4.5, 2.0, 9.0)
    assert s.sd == pytest.approx(math.sqrt(32 / 7))
    assert summary([3.5]).sd is None and summary([3.5]).mean == 3.5
    assert summary([]).n == 0


def test_small_groups_are_suppressed_without_a_total_and_one_more_with_it():
    groups = {"6th": [1] * 20, "7th": [2] * 9, "8th": [3] * 4, "staff": [4] * 9}
    alone = suppress(groups, minimum=5, total_shown=False)
    assert (list(alone.shown), alone.suppressed) == (["6th", "7th", "staff"], ["8th"])
    # with the total shown, total − 6th − 7th − staff would be the 8th graders': hide the smallest shown group too
    # (7th and staff both have 9; the first is taken)
    protected = suppress(groups, minimum=5)
    assert (list(protected.shown), protected.suppressed) == (["6th", "staff"], ["7th", "8th"])
    assert protected.shown["6th"] is groups["6th"]


def test_two_suppressed_groups_or_an_empty_one_need_no_complement():
    two = suppress({"a": [1] * 10, "b": [1, 2], "c": [3], "d": [1] * 6}, minimum=5)
    assert two.suppressed == ["b", "c"]
    # an empty group is hidden, but subtraction reveals nothing about it; the group of 2 still needs a complement
    assert suppress({"a": [1] * 10, "b": [], "d": [1] * 6}, minimum=5).suppressed == ["b"]
    assert suppress({"a": [1] * 10, "b": [], "c": [2, 2], "d": [1] * 6}, minimum=5).suppressed == ["b", "c", "d"]


def test_missing_answers_do_not_count_towards_a_groups_size():
    groups = {"a": [1, 2, None, "", float("nan")], "b": ["yes", "no", "no"], "c": [1, 2, 3, 4]}
    assert suppress(groups, minimum=3, total_shown=False).suppressed == ["a"]
    with pytest.raises(ValueError, match="whole number of at least 1"):
        suppress(groups, minimum=0)
