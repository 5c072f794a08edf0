"""Tenure derived from positions (seed 002: leadership churn; seed 004: leadership turnover)."""
import datetime as dt
from collections.abc import Iterable

DAYS_PER_YEAR = 365.25


def tenure_years(intervals: Iterable[tuple[dt.date | None, dt.date | None]], as_of: dt.date) -> float:
    """Years covered by the union of ``(start, end)`` intervals up to ``as_of``, overlaps counted once.

    An open ``end`` runs to ``as_of``; an interval without a ``start`` is unknown and adds nothing;
    intervals starting after ``as_of`` add nothing.

    >>> import datetime as dt
    >>> d = dt.date
    >>> tenure_years([(d(2010, 9, 1), d(2012, 9, 1)), (d(2011, 9, 1), None)], as_of=d(2014, 9, 1))
    4.0
    """
    spans = sorted(
        (start, min(end or as_of, as_of)) for start, end in intervals if start is not None and start <= as_of
    )
    days = 0
    cur_start = cur_end = None
    for start, end in spans:
        if cur_end is None or start > cur_end:
            if cur_end is not None:
                days += (cur_end - cur_start).days
            cur_start, cur_end = start, end
        else:
            cur_end = max(cur_end, end)
    if cur_end is not None:
        days += (cur_end - cur_start).days
    return round(days / DAYS_PER_YEAR, 1)
