"""Long series: the runs analysis stays exact and its work grows linearly, not with the square of the length."""
import math

import pytest

from districtlab.analysis import runchart
from districtlab.analysis.runchart import binom_quantile, split_parts


def exact_quantile(p, n):
    """R's qbinom(p, n, 0.5) from exact integers (the definition)."""
    total, cumulative = 2**n, 0
    for k in range(n + 1):
        cumulative += math.comb(n, k)
        if cumulative / total >= p:
            return k
    return n


@pytest.mark.parametrize("n", [1, 9, 19, 100, 1999, 2000, 2001, 2500, 4001])
def test_the_crossings_bound_matches_the_exact_binomial_quantile(n):
    assert binom_quantile(0.05, n) == exact_quantile(0.05, n)


def test_above_the_exact_range_the_float_sum_is_used_and_agrees():
    n = runchart.EXACT_UP_TO + 999
    assert binom_quantile(0.05, n) == exact_quantile(0.05, n)
    assert binom_quantile(0.05, 100_000) == 49_740  # R: qbinom(0.05, 1e5, 0.5)


def test_many_parts_are_split_once_each():
    labels = [str(i // 2) for i in range(20_000)]  # 10,000 parts of two points
    parts = split_parts(range(20_000), [1.0] * 20_000, labels)
    assert len(parts) == 10_000 and parts[-1][0] == "9999"
    with pytest.raises(ValueError, match='Part "0" appears again'):
        split_parts(range(3), [1, 2, 3], ["0", "1", "0"])
