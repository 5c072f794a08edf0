"""Planning a network's year of site visits: who hosts each month, on which date, and why a plan is impossible."""
import datetime as dt
from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from districtlab.analysis.rotation import PlanningError, Rotation, Slot, Visit, plan_rotation

d = dt.date
TRIAD = ["P.S. 8", "P.S. 24", "P.S. 41"]


def month(year, number, *days):
    return Slot(f"{d(year, number, 1):%B %Y}", tuple(d(year, number, day) for day in days))


def school_year(first=10, months=8, days=(3, 10, 17)):
    """Candidate dates for ``months`` months from October 2016 (or month ``first``)."""
    return [month(2016 + (first + k - 1) // 12, (first + k - 1) % 12 + 1, *days) for k in range(months)]


def hosts(plan):
    return [v.host for v in plan.visits]


def repeats(plan):
    return sum(a == b for a, b in zip(hosts(plan), hosts(plan)[1:]))


def test_a_triad_over_eight_months_shares_hosting_two_or_three_times_each_never_twice_running():
    plan = plan_rotation(TRIAD, school_year())
    assert [v.slot for v in plan.visits] == ["October 2016", "November 2016", "December 2016", "January 2017",
                                             "February 2017", "March 2017", "April 2017", "May 2017"]
    assert sorted(plan.hosting.values()) == [2, 3, 3]
    assert plan.hosting == {s: hosts(plan).count(s) for s in TRIAD}
    assert repeats(plan) == 0
    assert all(v.date.day == 3 for v in plan.visits)  # every month's first choice
    assert plan.skipped == [] and plan.optimal


def test_the_first_listed_date_is_preferred_not_the_earliest():
    plan = plan_rotation(["P.S. 8"], [Slot("October", (d(2016, 10, 17), d(2016, 10, 3)))])
    assert plan.visits[0].date == d(2016, 10, 17)


def test_a_date_any_school_blocked_is_never_chosen():
    blocked = {"P.S. 24": {d(2016, 10, 3), d(2016, 11, 3)}, "P.S. 41": {d(2016, 10, 10)}}
    plan = plan_rotation(TRIAD, school_year(months=3), blocked=blocked)
    assert [v.date for v in plan.visits] == [d(2016, 10, 17), d(2016, 11, 10), d(2016, 12, 3)]


def test_a_district_holiday_is_never_chosen():
    plan = plan_rotation(TRIAD, school_year(months=3), closed={d(2016, 11, 3), d(2016, 11, 10)})
    assert [v.date for v in plan.visits] == [d(2016, 10, 3), d(2016, 11, 17), d(2016, 12, 3)]


def test_a_month_without_a_date_everyone_can_make_is_skipped_with_the_reason():
    slots = school_year(months=4, days=(5, 12))
    plan = plan_rotation(TRIAD, slots, blocked={"P.S. 8": {d(2016, 11, 5)}, "P.S. 24": {d(2016, 11, 5)},
                                                "P.S. 41": {d(2016, 11, 12)}}, closed={d(2016, 10, 12)})
    assert [v.slot for v in plan.visits] == ["October 2016", "December 2016", "January 2017"]
    assert plan.skipped == [("November 2016", "no date every school can make: Nov 5, 2016 is blocked by "
                                               "P.S. 8, P.S. 24; Nov 12, 2016 is blocked by P.S. 41")]
    assert repeats(plan) == 0 and sorted(plan.hosting.values()) == [1, 1, 1]
    holiday = plan_rotation(TRIAD, [*slots, Slot("June 2017", (d(2017, 6, 8),)), Slot("July 2017", ())],
                            closed={d(2017, 6, 8)})
    assert holiday.skipped == [("June 2017", "no date every school can make: Jun 8, 2017 is a district holiday"),
                               ("July 2017", "no candidate dates")]


def test_too_few_months_for_every_school_to_host_is_a_planning_error_that_says_why():
    quad = [*TRIAD, "P.S. 45"]
    with pytest.raises(PlanningError) as error:
        plan_rotation(quad, school_year(months=4, days=(5,)), closed={d(2016, 12, 5)})
    assert str(error.value) == ("4 schools must each host at least once but only 3 of the 4 visits can be held "
                                "on a date every school can make (none in December 2016)")
    with pytest.raises(PlanningError, match=r"^4 schools must each host at least once but the plan has only 3 "):
        plan_rotation(quad, school_year(months=3))
    with pytest.raises(PlanningError) as error:
        plan_rotation(TRIAD, school_year(months=4), min_hosting={"P.S. 41": 4, "P.S. 8": 0})
    assert str(error.value) == ("the schools must host 5 visits in all (P.S. 41 at least 4 times; P.S. 24 at least "
                                "once) but the plan has only 4 visits")


def test_first_host_hosts_the_first_visit_even_when_the_first_month_is_skipped():
    for school in TRIAD:
        assert hosts(plan_rotation(TRIAD, school_year(), first_host=school))[0] == school
    plan = plan_rotation(TRIAD, school_year(), first_host="P.S. 24", closed={d(2016, 10, day) for day in (3, 10, 17)})
    assert plan.visits[0] == Visit("November 2016", d(2016, 11, 3), "P.S. 24")


def test_first_host_gives_way_only_when_the_other_schools_minimums_need_every_visit():
    plan = plan_rotation(TRIAD, school_year(months=2), min_hosting={"P.S. 8": 0}, first_host="P.S. 8")
    assert plan.hosting == {"P.S. 8": 0, "P.S. 24": 1, "P.S. 41": 1}
    plan = plan_rotation(TRIAD, school_year(months=3), min_hosting={"P.S. 8": 0}, first_host="P.S. 8")
    assert hosts(plan)[0] == "P.S. 8"


def test_min_hosting_lets_a_host_school_host_more_often_and_a_school_host_none():
    quad = ["P.S. 16", *TRIAD]
    plan = plan_rotation(quad, school_year(), min_hosting={"P.S. 16": 3})
    assert plan.hosting["P.S. 16"] >= 3 and all(plan.hosting[s] >= 1 for s in TRIAD)
    # 8 visits, minimums 3+1+1+1: the two extra visits go to two different schools.
    assert sorted(n - (3 if s == "P.S. 16" else 1) for s, n in plan.hosting.items()) == [0, 0, 1, 1]
    assert repeats(plan) == 0
    plan = plan_rotation(quad, school_year(months=3), min_hosting={"P.S. 16": 0})
    assert plan.hosting["P.S. 16"] == 0


def test_a_repeat_is_allowed_only_when_the_minimums_force_it():
    plan = plan_rotation(["A", "B"], school_year(months=4), min_hosting={"A": 3, "B": 0})
    assert plan.hosting == {"A": 3, "B": 1} and repeats(plan) == 1


def test_two_months_offering_only_the_same_date_get_one_visit():
    shared = d(2016, 10, 31)
    slots = [Slot("October", (shared,)), Slot("Halloween", (shared,)), Slot("November", (d(2016, 11, 7), shared))]
    plan = plan_rotation(["A", "B"], slots)
    assert [(v.slot, v.date) for v in plan.visits][1:] == [("November", d(2016, 11, 7))]
    assert plan.visits[0].date == shared and len(plan.skipped) == 1
    other = ({"October", "Halloween"} - {plan.visits[0].slot}).pop()
    assert plan.skipped == [(other, "its dates (Oct 31, 2016) are taken by other visits")]


def test_the_same_input_gives_the_same_plan():
    args = (TRIAD + ["P.S. 16", "P.S. 45"], school_year(months=10, days=(3, 10, 17, 24)))
    kwargs = {"blocked": {"P.S. 16": {d(2016, 10, 3), d(2017, 1, 10)}}, "first_host": "P.S. 45"}
    assert plan_rotation(*args, **kwargs) == plan_rotation(*args, **kwargs)


def test_inconsistent_input_is_a_value_error():
    with pytest.raises(ValueError, match="not in the network: P.S. 99"):
        plan_rotation(TRIAD, school_year(), first_host="P.S. 99")
    with pytest.raises(ValueError, match="not in the network: P.S. 99"):
        plan_rotation(TRIAD, school_year(), min_hosting={"P.S. 99": 1})
    with pytest.raises(ValueError, match="same label"):
        plan_rotation(TRIAD, school_year(months=1) * 2)
    with pytest.raises(ValueError, match="negative"):
        plan_rotation(TRIAD, school_year(), min_hosting={"P.S. 8": -1})
    with pytest.raises(ValueError, match="at least one school"):
        plan_rotation([], school_year())


def test_a_cohort_of_fifteen_over_ten_months_with_five_dates_each_is_planned_to_proved_optimality():
    cohort = [f"P.S. {n}" for n in range(1, 16)]
    slots = school_year(first=9, months=10, days=(5, 9, 13, 17, 21))
    # Each school blocks two dates; every month keeps two that everyone can make.
    blocked = {school: {slots[k % 10].dates[k % 4], slots[(k + 3) % 10].dates[4]} for k, school in enumerate(cohort)}
    plan = plan_rotation(cohort, slots, blocked=blocked, min_hosting={s: 0 for s in cohort[9:]},
                         first_host="P.S. 12")
    assert isinstance(plan, Rotation) and plan.optimal and len(plan.visits) == 10
    assert plan.visits[0].host == "P.S. 12"
    assert sorted(plan.hosting.values()) == [0] * 5 + [1] * 10


# Property tests: dates drawn from a small pool so that slots share dates and blocks and holidays bite.
POOL = [d(2016, 10, 3) + dt.timedelta(days=7 * k) for k in range(10)]
networks = st.integers(1, 5).map(lambda n: [f"S{k}" for k in range(n)])


@st.composite
def plans(draw, shared_dates=True):
    schools = draw(networks)
    n = draw(st.integers(1, 7))
    if shared_dates:
        slots = [Slot(f"slot {k}", tuple(draw(st.lists(st.sampled_from(POOL), max_size=4)))) for k in range(n)]
    else:
        slots = [Slot(f"slot {k}", tuple(POOL[k] + dt.timedelta(days=j) for j in range(draw(st.integers(1, 3)))))
                 for k in range(n)]
    blocked = {s: draw(st.sets(st.sampled_from(POOL), max_size=3)) for s in schools}
    closed = draw(st.sets(st.sampled_from(POOL), max_size=3))
    return schools, slots, blocked, closed


def most_visits(slots, unusable):
    """How many slots can have a visit on a date of their own: by the deficiency form of Hall's theorem, the
    number of slots less the largest shortfall of usable dates of any set of slots."""
    usable = [{day for day in slot.dates if day not in unusable} for slot in slots]
    return len(slots) - max(size - len(set().union(*group))
                            for size in range(len(slots) + 1) for group in combinations(usable, size))


@settings(deadline=None, max_examples=150)
@given(plans(), st.data())
def test_every_plan_keeps_the_rules(case, data):
    schools, slots, blocked, closed = case
    minimum = {s: data.draw(st.integers(0, 2)) for s in schools}
    try:
        plan = plan_rotation(schools, slots, blocked=blocked, closed=closed, min_hosting=minimum)
    except PlanningError:
        assert sum(minimum.values()) > most_visits(slots, set(closed).union(*blocked.values()))
        return
    unusable = set(closed).union(*blocked.values())
    assert all(v.date not in unusable for v in plan.visits)
    assert len({v.date for v in plan.visits}) == len(plan.visits)
    assert all(v.date in next(s for s in slots if s.label == v.slot).dates for v in plan.visits)
    assert all(plan.hosting[s] >= minimum[s] for s in schools)
    labels = [v.slot for v in plan.visits] + [label for label, _ in plan.skipped]
    assert sorted(labels) == sorted(s.label for s in slots)


@settings(deadline=None, max_examples=75)
@given(plans(shared_dates=False), st.integers(0, 2))
def test_equal_minimums_give_balanced_hosting_and_no_repeats_when_there_is_a_choice(case, minimum):
    schools, slots, blocked, closed = case
    try:
        plan = plan_rotation(schools, slots, blocked=blocked, closed=closed,
                             min_hosting=dict.fromkeys(schools, minimum))
    except PlanningError:
        return
    counts = plan.hosting.values()
    assert max(counts) - min(counts) <= 1
    if len(schools) > 1:
        assert repeats(plan) == 0
