from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from districtlab.analysis.reported_values import parse_reported_value


@pytest.mark.parametrize("text,number,low,high,percent", [
    ("73", Decimal("73"), Decimal("73"), Decimal("73"), False),
    ("22%", Decimal("22"), Decimal("22"), Decimal("22"), True),
    ("1,250", Decimal("1250"), Decimal("1250"), Decimal("1250"), False),
    ("40-60%", None, Decimal("40"), Decimal("60"), True),
    ("700-1200", None, Decimal("700"), Decimal("1200"), False),
    (">80%", None, Decimal("80"), None, True),
    ("<5", None, None, Decimal("5"), False),
    ("~640", None, None, None, False),
    ("approximately 17,700", None, None, None, False),
    ("Over 50%", None, Decimal("50"), None, True),
    ("n/a", None, None, None, False),
])
def test_reported_values_keep_their_meaning(text, number, low, high, percent):
    value = parse_reported_value(text)
    assert (value.text, value.number, value.low, value.high) == (text, number, low, high)
    assert value.percent is percent


@pytest.mark.parametrize("text,problem", [("lots", "not a reported value"), ("60-40%", "larger than its second")])
def test_unreadable_values_are_refused_with_the_reason(text, problem):
    with pytest.raises(ValueError, match=problem):
        parse_reported_value(text)


@given(st.integers(0, 10_000), st.integers(0, 10_000))
def test_a_range_never_becomes_a_point(a, b):
    low, high = sorted((a, b))
    value = parse_reported_value(f"{low}-{high}")
    assert value.number is None and value.low == low and value.high == high
