"""``plan_rotation`` with visits already planned: each keeps its slot, date and own host, and counts for it."""
import datetime as dt

import pytest

from districtlab.analysis.rotation import Slot, plan_rotation

d = dt.date
MONTHS = [Slot("Oct", (d(2016, 10, 12), d(2016, 10, 19))), Slot("Nov", (d(2016, 11, 9), d(2016, 11, 16))),
          Slot("Dec", (d(2016, 12, 14),)), Slot("Jan", (d(2017, 1, 11),)), Slot("Feb", (d(2017, 2, 8),))]
TRIAD = ["P.S. 23", "P.S. 24", "P.S. 45"]


def test_a_planned_visit_keeps_its_host_and_counts_for_it():
    plan = plan_rotation(TRIAD, MONTHS, min_hosting={"P.S. 23": 2}, first_host="P.S. 23",
                         planned={"Feb": (d(2017, 2, 1), "P.S. 24")})
    feb = plan.visits[-1]
    assert (feb.slot, feb.date, feb.host, feb.planned) == ("Feb", d(2017, 2, 1), "P.S. 24", True)
    assert not any(v.planned for v in plan.visits[:-1])
    assert plan.hosting == {s: sum(v.host == s for v in plan.visits) for s in TRIAD}
    assert plan.hosting["P.S. 23"] == 2 and plan.hosting["P.S. 45"] >= 1 and plan.visits[0].host == "P.S. 23"


def test_a_planned_visit_without_a_host_counts_for_nobody():
    plan = plan_rotation(TRIAD, MONTHS, planned={"Jan": (d(2017, 1, 11), None)})
    jan = next(v for v in plan.visits if v.slot == "Jan")
    assert jan.host is None and jan.planned and sum(plan.hosting.values()) == len(MONTHS) - 1


def test_a_planned_visits_date_is_not_given_to_another_month():
    months = [Slot("A", (d(2017, 3, 8), d(2017, 3, 15))), Slot("B", (d(2017, 3, 8),))]
    plan = plan_rotation(["X"], months, planned={"A": (d(2017, 3, 8), "X")})
    assert [v.date for v in plan.visits] == [d(2017, 3, 8)]
    assert plan.skipped[0][0] == "B"


def test_planned_hosting_can_meet_a_minimum():
    plan = plan_rotation(["X", "Y"], MONTHS[:2], planned={"Oct": (d(2016, 10, 5), "X")})
    assert [(v.host, v.planned) for v in plan.visits] == [("X", True), ("Y", False)]


@pytest.mark.parametrize("planned, message", [({"Mar": (d(2017, 3, 1), "P.S. 23")}, "planned in no slot"),
                                              ({"Oct": (d(2016, 10, 5), "P.S. 99")}, "not in the network")])
def test_planned_visits_that_do_not_fit_are_refused(planned, message):
    with pytest.raises(ValueError, match=message):
        plan_rotation(TRIAD, MONTHS, planned=planned)
