"""Control charts, checked against hand calculations and the tabulated constants."""
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from districtlab.analysis.spc import CHART_RULES, CHARTS, c4, control_chart


def limits(point):
    return round(point["lcl"], 4), round(point["ucl"], 4)


def test_every_chart_has_a_rule():
    assert set(CHART_RULES) == set(CHARTS)


def test_c4_and_the_derived_constants_match_the_tables():
    # Montgomery, Appendix VI: c4(2)=0.7979, c4(5)=0.9400, c4(10)=0.9727; A3(5)=1.427; B3(6)=0.030, B4(6)=1.970
    assert [round(c4(n), 4) for n in (2, 5, 10)] == [0.7979, 0.94, 0.9727]
    assert round(3 / (c4(5) * math.sqrt(5)), 3) == 1.427
    k = 3 * math.sqrt(1 - c4(6) ** 2) / c4(6)
    assert (round(1 - k, 3), round(1 + k, 3)) == (0.03, 1.97)


def test_i_chart_by_hand():
    # mean 13.875; moving ranges 2,1,2,1,1,1,18 average 26/7 = 3.714; 18 > 3.267*3.714 is screened out;
    # average of the rest 8/6; sigma = 1.3333/1.128 = 1.1820; limits 13.875 ± 3.5461
    part = control_chart(range(8), [10, 12, 11, 13, 12, 11, 12, 30])[0]
    assert part.cl == 13.875 and limits(part.points[0]) == (10.3289, 17.4211)
    assert [p["sigma_signal"] for p in part.points] == [True] + [False] * 6 + [True]


def test_mr_chart_by_hand():
    part = control_chart(range(5), [1, 3, 2, 6, 5], chart="mr")[0]
    # ranges 2, 1, 4, 1: CL 2, UCL 3.267 * 2
    assert part.points[0]["y"] is None and [p["y"] for p in part.points[1:]] == [2, 1, 4, 1]
    assert part.cl == 2 and limits(part.points[1]) == (0, 6.534)


def test_p_chart_limits_vary_with_the_denominator():
    # p-bar = 10/100; n=20: sqrt(.1*.9/20) = .067082 -> UCL .301246, LCL 0; n=40: .047434 -> .242302, 0
    part = control_chart(range(4), [2, 3, 1, 4], chart="p", ns=[20, 30, 10, 40])[0]
    assert part.cl == 0.1 and not part.limits_constant
    assert limits(part.points[0]) == (0, 0.3012) and limits(part.points[3]) == (0, 0.2423)
    assert part.as_dict()["ucl"] is None and part.as_dict()["limits_vary"]


def test_u_and_c_charts_by_hand():
    u = control_chart(range(3), [4, 6, 10], chart="u", ns=[2, 3, 5])[0]  # u-bar = 20/10 = 2
    assert u.cl == 2 and limits(u.points[0]) == (0, 2 + 3 * 1.0)  # sqrt(2/2) = 1
    c = control_chart(range(4), [2, 4, 2, 4], chart="c")[0]  # c-bar 3, 3 ± 3*sqrt(3)
    assert limits(c.points[0]) == (0, round(3 + 3 * math.sqrt(3), 4))


def test_laney_p_prime_widens_limits_by_sigma_z():
    ys, ns = [50, 80, 40, 90], [1000, 1000, 1000, 1000]
    p = control_chart(range(4), ys, chart="p", ns=ns)[0]
    pp = control_chart(range(4), ys, chart="pp", ns=ns)[0]
    # p-bar .065, sigma .0077957; z = -1.9241, 1.9241, -3.2068, 3.2068; average |dz| = (3.8482+5.1309+6.4136)/3
    sigma_z = (3.8482 + 5.1309 + 6.4136) / 3 / 1.128
    assert round(pp.points[0]["ucl"] - 0.065, 4) == round((p.points[0]["ucl"] - 0.065) * sigma_z, 4)


def test_xbar_and_s_charts_by_hand():
    xs = [1, 1, 1, 2, 2, 2, 3, 3, 3]
    ys = [1, 2, 3, 2, 3, 4, 3, 4, 5]  # every subgroup s = 1, so S-bar = 1; grand mean 3
    xbar = control_chart(xs, ys, chart="xbar")[0]
    assert xbar.cl == 3 and [p["y"] for p in xbar.points] == [2, 3, 4]
    assert limits(xbar.points[0]) == (round(3 - 1.9544, 4), round(3 + 1.9544, 4))  # A3(3) = 1.954
    s = control_chart(xs, ys, chart="s")[0]
    assert s.cl == 1 and limits(s.points[0]) == (0, 2.5682)  # B3(3) = 0, B4(3) = 2.568
    with pytest.raises(ValueError, match="subgroups"):
        control_chart([1, 2], [1, 2], chart="xbar")


def test_t_and_g_charts_for_rare_events():
    days = [30, 45, 20, 60, 35, 50]
    t = control_chart(range(6), days, chart="t")[0]
    assert round(t.cl, 6) == round((sum(d ** (1 / 3.6) for d in days) / 6) ** 3.6, 6)
    g = control_chart(range(3), [10, 20, 30], chart="g")[0]  # mean 20, sigma sqrt(20*21)
    assert limits(g.points[0]) == (0, round(20 + 3 * math.sqrt(420), 4))


def test_parts_rebase_the_limits():
    parts = control_chart(range(12), [5, 6, 5, 6, 5, 6, 9, 10, 9, 10, 9, 10], parts=["a"] * 6 + ["b"] * 6)
    assert [p.cl for p in parts] == [5.5, 9.5]
    assert not any(pt["sigma_signal"] for p in parts for pt in p.points)


@pytest.mark.parametrize("kwargs,problem", [
    ({"chart": "zz"}, "Unknown chart"), ({"chart": "p"}, "needs a denominator"),
    ({"chart": "p", "ns": [1, 0]}, "above 0"), ({"chart": "p", "ns": [1, 1], "ys": [2, 1]}, "cannot be more than n"),
    ({"chart": "g", "ys": [-1, 2]}, "cannot be negative"),
])
def test_bad_input_is_named(kwargs, problem):
    ys = kwargs.pop("ys", [1, 2])
    with pytest.raises(ValueError, match=problem):
        control_chart([1, 2], ys, **kwargs)


values = st.lists(st.floats(-1000, 1000, allow_nan=False, allow_infinity=False), min_size=2, max_size=40)


@given(values, st.floats(0.5, 10), st.floats(-100, 100))
def test_i_chart_signals_ignore_units(ys, scale, shift):
    a = control_chart(range(len(ys)), ys)[0]
    b = control_chart(range(len(ys)), [y * scale + shift for y in ys])[0]
    for pa, pb in zip(a.points, b.points):
        if abs(pa["y"] - pa["ucl"]) > 1e-6 * (1 + abs(pa["y"])) and abs(pa["y"] - pa["lcl"]) > 1e-6 * (1 + abs(pa["y"])):
            assert pa["sigma_signal"] == pb["sigma_signal"]


@given(st.lists(st.integers(0, 50), min_size=1, max_size=30), st.lists(st.integers(1, 60), min_size=30, max_size=30))
def test_p_chart_limits_contain_the_centre_and_stay_in_0_1(events, cases):
    ns = cases[: len(events)]
    ys = [min(e, n) for e, n in zip(events, ns)]
    for p in control_chart(range(len(ys)), ys, chart="p", ns=ns)[0].points:
        assert 0 <= p["lcl"] <= p["cl"] <= p["ucl"] <= 1
