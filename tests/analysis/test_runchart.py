"""Run chart rules, checked against values derived by hand from their published definitions."""
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from districtlab.analysis.runchart import anhoej, binom_quantile, run_chart, runs_limits, shifts, trends


@pytest.mark.parametrize("n_useful,longest_max,crossings_min", [
    # round(log2(n) + 3) and the 5th percentile of Binomial(n - 1, 0.5), worked out by hand; for n = 50:
    # P(X <= 18) = 0.0427 < 0.05 <= P(X <= 19) = 0.0762 with X ~ Binomial(49, 0.5)
    (10, 6, 2), (12, 7, 3), (20, 7, 6), (30, 8, 10), (50, 9, 19),
])
def test_anhoej_limits_match_the_published_table(n_useful, longest_max, crossings_min):
    values = [(-1) ** i for i in range(n_useful)]  # alternating: all useful around 0
    a = anhoej(values, 0)
    assert (a.n_useful, a.longest_run_max, a.n_crossings_min) == (n_useful, longest_max, crossings_min)


def test_binomial_quantile_by_hand():
    # Binomial(9, 0.5): P(X<=1) = 10/512 = 0.0195 < 0.05 <= P(X<=2) = 46/512 = 0.0898
    assert binom_quantile(0.05, 9) == 2
    assert binom_quantile(0.05, 0) == 0


def test_points_on_the_median_are_not_useful():
    # median 5; the two 5s are neither above nor below
    a = anhoej([4, 5, 6, 5, 7, 3], centre=5)
    assert (a.n_obs, a.n_useful, a.longest_run, a.n_crossings) == (6, 4, 2, 2)


def test_a_shift_is_a_signal_and_rebasing_per_part_removes_it():
    before, after = [3, 4, 3, 5, 4, 3, 4, 3], [9, 10, 9, 11, 10, 12, 11, 10]
    whole = run_chart(range(16), before + after)[0]
    assert whole.median == 7.0 and whole.runs.longest_run == 8 and whole.runs.runs_signal
    parts = run_chart(range(16), before + after, parts=["before"] * 8 + ["after change idea 2"] * 8)
    assert [(p.part, p.median, p.runs.runs_signal) for p in parts] == [
        ("before", 3.5, False), ("after change idea 2", 10.0, False)]


def test_parts_must_be_consecutive():
    with pytest.raises(ValueError, match="appears again"):
        run_chart(range(4), [1, 2, 3, 4], parts=["a", "b", "a", "a"])


def test_ihi_shift_needs_six_and_skips_points_on_the_median():
    centre = 0
    assert not any(shifts([1, 1, 1, 1, 1, -1], centre))
    assert shifts([1, 1, 0, 1, 1, 1, 1, -1], centre) == [True, True, False, True, True, True, True, False]


def test_ihi_trend_needs_five_and_ignores_repeats():
    assert not any(trends([1, 2, 3, 4, 3]))
    assert trends([1, 2, 2, 3, 4, 5, 1]) == [True, True, False, True, True, True, False]
    assert all(trends([9, 8, 7, 6, 5]))


def test_ihi_runs_limits_are_the_swed_eisenhart_table():
    # 10 above, 10 below: P(R <= 6) = 0.019 and P(R <= 7) = 0.051, so 6 or fewer runs (or 16 or more) signal
    assert runs_limits(10, 10) == (7, 15)
    chart = run_chart(range(20), [1, 2] * 10, rules="ihi")[0]  # alternating: 20 runs, too many
    assert chart.ihi["n_runs"] == 20 and chart.ihi["runs"] and chart.signal


def test_ihi_astronomical_point():
    chart = run_chart(range(10), [5, 6, 5, 6, 5, 6, 5, 6, 5, 60], rules="ihi")[0]
    assert chart.ihi["astronomical"] and chart.points[-1]["astronomical"] and not chart.points[0]["astronomical"]


series = st.lists(st.integers(-50, 50), min_size=1, max_size=60)


@given(series)
def test_reversing_the_series_keeps_the_runs(values):
    centre = sorted(values)[len(values) // 2]
    forward, backward = anhoej(values, centre), anhoej(values[::-1], centre)
    assert (forward.longest_run, forward.n_crossings, forward.n_useful) == (
        backward.longest_run, backward.n_crossings, backward.n_useful)


@given(series, st.integers(-100, 100), st.integers(1, 5))
def test_runs_analysis_ignores_units(values, shift, scale):
    a = run_chart(range(len(values)), values)[0]
    b = run_chart(range(len(values)), [v * scale + shift for v in values])[0]
    assert b.median == a.median * scale + shift
    assert (a.runs.longest_run, a.runs.n_crossings, a.runs.runs_signal) == (
        b.runs.longest_run, b.runs.n_crossings, b.runs.runs_signal)


@given(series)
def test_run_counts_are_consistent(values):
    a = run_chart(range(len(values)), values)[0].runs
    assert 0 <= a.n_crossings <= max(a.n_useful - 1, 0)
    assert a.longest_run <= a.n_useful
    if a.n_useful:
        assert a.longest_run >= math.ceil(a.n_useful / (a.n_crossings + 1))
