"""Glows and grows across a network's site visits: what visitors praised and what they asked to change, over time.

Seed 004: at site visits the hosting school team received feedback "as “data” to be analyzed in
subsequent school team meetings" (lines 6018-6019); at P.S. 24 observers' notes went on "separate charts
for “grows” and “glows”" (6032-6033). Each item of feedback here is a glow or a grow with a category
(the lens or focus it speaks to); the counts are by calendar month or calendar quarter.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable

KINDS = ("glow", "grow")
PERIODS = ("month", "quarter")


def _checked(items: Iterable[tuple[dt.date, str, str]]) -> list[tuple[dt.date, str, str]]:
    items = list(items)
    for _, _, kind in items:
        if kind not in KINDS:
            raise ValueError(f"unknown kind of feedback {kind!r}: expected 'glow' or 'grow'")
    return items


def _period_index(d: dt.date, period: str) -> int:
    return d.year * 12 + d.month - 1 if period == "month" else d.year * 4 + (d.month - 1) // 3


def _period_label(index: int, period: str) -> str:
    if period == "month":
        return f"{index // 12}-{index % 12 + 1:02}"
    return f"{index // 4}-Q{index % 4 + 1}"


def feedback_trends(items: Iterable[tuple[dt.date, str, str]], *, period: str = "month") -> list[dict]:
    """Glows and grows per category in each calendar month (``"2016-10"``) or quarter (``"2016-Q4"``).

    ``items`` are ``(visit date, category, kind)`` with kind ``"glow"`` or ``"grow"``. One dict per period
    from the first item's to the last item's, in date order, periods without feedback included; each
    lists every category met anywhere in ``items``, sorted, under both kinds (0 where none), and the
    period's total. No items, no periods. An unknown kind or period raises ``ValueError`` naming it.

    >>> d = dt.date
    >>> rows = feedback_trends([(d(2016, 10, 14), "SEL", "glow"), (d(2016, 10, 14), "Questioning", "grow"),
    ...                         (d(2016, 12, 9), "SEL", "grow")])
    >>> for row in rows:
    ...     print(row)
    {'period': '2016-10', 'glow': {'Questioning': 0, 'SEL': 1}, 'grow': {'Questioning': 1, 'SEL': 0}, 'total': 2}
    {'period': '2016-11', 'glow': {'Questioning': 0, 'SEL': 0}, 'grow': {'Questioning': 0, 'SEL': 0}, 'total': 0}
    {'period': '2016-12', 'glow': {'Questioning': 0, 'SEL': 0}, 'grow': {'Questioning': 0, 'SEL': 1}, 'total': 1}
    >>> [row["period"] for row in feedback_trends([(d(2016, 12, 9), "SEL", "grow"), (d(2017, 4, 3), "SEL", "glow")],
    ...                                           period="quarter")]
    ['2016-Q4', '2017-Q1', '2017-Q2']
    """
    if period not in PERIODS:
        raise ValueError(f"unknown period {period!r}: expected 'month' or 'quarter'")
    items = _checked(items)
    if not items:
        return []
    counts = Counter((_period_index(when, period), kind, category) for when, category, kind in items)
    categories = sorted({category for _, category, _ in items})
    indexes = [_period_index(when, period) for when, _, _ in items]
    rows = []
    for index in range(min(indexes), max(indexes) + 1):
        row = {"period": _period_label(index, period)}
        row.update({kind: {c: counts[index, kind, c] for c in categories} for kind in KINDS})
        row["total"] = sum(sum(row[kind].values()) for kind in KINDS)
        rows.append(row)
    return rows


def category_totals(items: Iterable[tuple[dt.date, str, str]]) -> dict[str, dict[str, int]]:
    """Glows and grows per category over all the items, categories sorted.

    >>> d = dt.date
    >>> category_totals([(d(2016, 10, 14), "SEL", "glow"), (d(2016, 12, 9), "SEL", "grow"),
    ...                  (d(2017, 1, 20), "Questioning", "grow")])
    {'Questioning': {'glow': 0, 'grow': 1}, 'SEL': {'glow': 1, 'grow': 1}}
    """
    counts = Counter((category, kind) for _, category, kind in _checked(items))
    return {c: {kind: counts[c, kind] for kind in KINDS} for c in sorted({c for c, _ in counts})}
