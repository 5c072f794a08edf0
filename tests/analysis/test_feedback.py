"""Glows and grows across a network's site visits, by month or quarter and by category."""
import datetime as dt

import pytest

from districtlab.analysis.feedback import category_totals, feedback_trends

d = dt.date
ITEMS = [
    (d(2016, 10, 14), "SEL", "glow"),
    (d(2016, 10, 14), "SEL", "glow"),
    (d(2016, 10, 14), "Questioning", "grow"),
    (d(2017, 1, 20), "Questioning", "glow"),
    (d(2016, 12, 9), "SEL", "grow"),
    (d(2016, 12, 9), "Data use", "grow"),
]


def counts(**by_category):
    """{"glow": {...}, "grow": {...}} over the three categories, from category=(glows, grows)."""
    names = ["Data use", "Questioning", "SEL"]
    return {kind: {c: by_category.get(c.replace(" ", "_"), (0, 0))[k] for c in names}
            for k, kind in enumerate(("glow", "grow"))}


def test_months_in_date_order_with_the_empty_months_between():
    assert feedback_trends(ITEMS) == [
        {"period": "2016-10", **counts(SEL=(2, 0), Questioning=(0, 1)), "total": 3},
        {"period": "2016-11", **counts(), "total": 0},
        {"period": "2016-12", **counts(SEL=(0, 1), Data_use=(0, 1)), "total": 2},
        {"period": "2017-01", **counts(Questioning=(1, 0)), "total": 1},
    ]


def test_calendar_quarters_across_the_new_year():
    assert feedback_trends(ITEMS, period="quarter") == [
        {"period": "2016-Q4", **counts(SEL=(2, 1), Questioning=(0, 1), Data_use=(0, 1)), "total": 5},
        {"period": "2017-Q1", **counts(Questioning=(1, 0)), "total": 1},
    ]
    quarters = feedback_trends([(d(2016, 3, 31), "SEL", "glow"), (d(2016, 10, 1), "SEL", "grow")], period="quarter")
    assert [row["period"] for row in quarters] == ["2016-Q1", "2016-Q2", "2016-Q3", "2016-Q4"]


def test_one_item_one_period_and_no_items_no_periods():
    assert feedback_trends([(d(2016, 12, 31), "SEL", "grow")]) == [
        {"period": "2016-12", "glow": {"SEL": 0}, "grow": {"SEL": 1}, "total": 1}]
    assert feedback_trends([]) == [] and feedback_trends(iter(()), period="quarter") == []


def test_category_totals_sorted_by_category():
    assert category_totals(ITEMS) == {"Data use": {"glow": 0, "grow": 1}, "Questioning": {"glow": 1, "grow": 1},
                                      "SEL": {"glow": 2, "grow": 1}}
    assert list(category_totals(ITEMS)) == ["Data use", "Questioning", "SEL"]
    assert category_totals([]) == {}


def test_an_unknown_kind_or_period_is_named():
    with pytest.raises(ValueError, match="'star'"):
        feedback_trends([(d(2016, 10, 14), "SEL", "star")])
    with pytest.raises(ValueError, match="'star'"):
        category_totals([(d(2016, 10, 14), "SEL", "star")])
    with pytest.raises(ValueError, match="'week'"):
        feedback_trends(ITEMS, period="week")
    with pytest.raises(ValueError, match="'year'"):
        feedback_trends([], period="year")
