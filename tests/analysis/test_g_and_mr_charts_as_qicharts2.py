"""G and MR charts read as the reference implementation (qicharts2) and Provost & Murray read them.

- G chart: the limits come from the mean m (m ± 3·sqrt(m(m+1))), but g data are skewed, so the centre line drawn
  and used for the runs analysis is the median of the data.
- MR chart: moving ranges are autocorrelated, so an MR chart never reports a runs signal; its runs numbers are
  still given.
"""
import math

from districtlab.analysis.spc import control_chart


def test_g_chart_centre_line_is_the_median_and_its_limits_come_from_the_mean():
    # y = 1, 2, 3, 10, 24: mean 8, median 3; sigma = sqrt(8 * 9) = 8.4853; UCL = 8 + 25.4558; LCL = max(0, 8 - 25.46)
    part = control_chart(range(5), [1, 2, 3, 10, 24], chart="g")[0]
    assert part.cl == 3
    assert all(p["cl"] == 3 for p in part.points)
    assert round(part.points[0]["ucl"], 4) == round(8 + 3 * math.sqrt(72), 4) == 33.4558
    assert part.points[0]["lcl"] == 0.0
    d = part.as_dict()
    assert (d["cl"], round(d["ucl"], 4), d["lcl"]) == (3, 33.4558, 0.0)


def test_g_chart_runs_are_read_around_the_median():
    # Around the median 3: below, below, on it (not useful), above, above -> 4 useful points, one crossing.
    # (Around the mean 8 all five would be useful.)
    part = control_chart(range(5), [1, 2, 3, 10, 24], chart="g")[0]
    assert (part.runs.n_useful, part.runs.longest_run, part.runs.n_crossings) == (4, 2, 1)


def test_g_chart_sigma_signals_still_use_the_mean_limits():
    # Nineteen 2s and one 60: mean 4.9, UCL = 4.9 + 3·sqrt(4.9·5.9) = 20.9; the median 2 is the centre line.
    ys = [2] * 19 + [60]
    part = control_chart(range(20), ys, chart="g")[0]
    assert part.cl == 2
    assert round(part.points[0]["ucl"], 3) == round(4.9 + 3 * math.sqrt(4.9 * 5.9), 3)
    assert [p["sigma_signal"] for p in part.points] == [False] * 19 + [True]


def test_mr_chart_reports_its_runs_numbers_but_no_runs_signal():
    # y = 0, 1, 3, 6, ..., 55: moving ranges 1, 2, ..., 10, centre line 5.5: five below then five above, one
    # crossing (fewer than the 2 Anhøj asks of 10 useful points) -- a runs signal on any other chart.
    ys = [0, 1, 3, 6, 10, 15, 21, 28, 36, 45, 55]
    part = control_chart(range(11), ys, chart="mr")[0]
    assert part.cl == 5.5
    assert (part.runs.n_useful, part.runs.longest_run, part.runs.n_crossings, part.runs.n_crossings_min) == (
        10, 5, 1, 2)
    assert part.runs.runs_signal  # the arithmetic of the rules is unchanged...
    d = part.as_dict()
    assert d["runs_signal"] is False  # ...but an MR chart does not report it
    assert (d["longest_run"], d["n_crossings"]) == (5, 1)


def test_the_same_values_on_an_i_chart_still_give_a_runs_signal():
    ys = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]  # a steady climb: one crossing of the mean
    assert control_chart(range(11), ys, chart="i")[0].as_dict()["runs_signal"] is True


def test_json_keys_are_unchanged():
    keys = set(control_chart(range(5), [1, 2, 3, 10, 24], chart="g")[0].as_dict())
    assert keys == {"part", "chart", "n_obs", "n_useful", "cl", "lcl", "ucl", "limits_vary", "longest_run",
                    "longest_run_max", "n_crossings", "n_crossings_min", "runs_signal", "sigma_signal", "points"}
