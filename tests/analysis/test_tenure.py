import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from districtlab.analysis.tenure import tenure_years

d = dt.date


def test_overlapping_positions_count_once():
    # 2010-09-01..2012-09-01 and 2011-09-01..open, as of 2014-09-01: four years, not five.
    assert tenure_years([(d(2010, 9, 1), d(2012, 9, 1)), (d(2011, 9, 1), None)], d(2014, 9, 1)) == 4.0


def test_gaps_are_not_tenure():
    spans = [(d(2010, 9, 1), d(2011, 9, 1)), (d(2013, 9, 1), d(2014, 9, 1))]
    assert tenure_years(spans, d(2020, 1, 1)) == 2.0


def test_future_and_unknown_starts_add_nothing():
    assert tenure_years([(None, d(2012, 1, 1)), (d(2030, 1, 1), None)], d(2020, 1, 1)) == 0.0


dates = st.dates(min_value=d(1990, 1, 1), max_value=d(2030, 1, 1))


@given(st.lists(st.tuples(dates, st.one_of(st.none(), dates)), max_size=6), dates)
def test_tenure_is_bounded_by_the_span_and_order_free(intervals, as_of):
    intervals = [(s, e) for s, e in intervals if e is None or e >= s]
    years = tenure_years(intervals, as_of)
    assert years >= 0
    assert years == tenure_years(list(reversed(intervals)), as_of)
    starts = [s for s, _ in intervals if s <= as_of]
    if starts:
        assert years <= round((as_of - min(starts)).days / 365.25, 1) + 0.05
