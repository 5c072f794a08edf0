"""Where a school stands: the step reached, the two-cycle expectation and overdue steps, on edge dates."""
import datetime as dt

from districtlab.analysis.completion import CycleFact, Expectation, standings

START, END = dt.date(2016, 9, 1), dt.date(2017, 6, 30)
DUE = dt.date(2016, 11, 10)  # ten weeks after the start


def one(problems=(), goals=(), cycles=(), as_of=END, expect=Expectation()):
    return standings(["A"], problems, goals, cycles, year_start=START, year_end=END, as_of=as_of, expect=expect)["A"]


def test_no_cycle_is_overdue_only_after_the_first_cycle_date():
    assert one(["A"], ["A"], as_of=DUE).overdue == []
    assert one(["A"], as_of=DUE + dt.timedelta(days=1)).overdue == [
        "No year-long goal yet; a first cycle was due by Nov 10, 2016"]
    assert one(["A"], ["A"], as_of=DUE + dt.timedelta(days=1)).overdue == [
        "No cycle yet; a first cycle was due by Nov 10, 2016"]


def test_a_cycle_is_overdue_the_day_after_its_own_end_unless_its_lessons_are_shared():
    late = CycleFact("A", "Exit tickets", "reflect", START, dt.date(2017, 1, 31))
    assert one(cycles=[late], as_of=dt.date(2017, 1, 31)).overdue == []
    assert one(cycles=[late], as_of=dt.date(2017, 2, 1)).overdue == [
        "“Exit tickets” was to end Jan 31, 2017 and is still at Reflect and adjust"]
    shared = CycleFact("A", "Exit tickets", "share", START, dt.date(2017, 1, 31))
    assert one(cycles=[shared], as_of=dt.date(2017, 5, 1)).overdue == []


def test_the_two_cycle_expectation_is_counted_at_the_end_of_the_year_and_can_be_changed():
    cycle = CycleFact("A", "One", "share")
    assert one(cycles=[cycle], as_of=dt.date(2017, 6, 29)).overdue == []
    assert one(cycles=[cycle]).overdue == [] and not one(cycles=[cycle]).meets_expectation  # short, not overdue
    assert one(cycles=[cycle, cycle]).meets_expectation
    assert not one(cycles=[cycle, cycle], expect=Expectation(cycles_per_year=3)).meets_expectation


def test_a_later_cycle_in_planning_does_not_lower_the_step_reached():
    s = one(["A"], ["A"], [CycleFact("A", "First", "share"), CycleFact("A", "Second", "plan")])
    assert (s.reached, s.cycles, s.shared) == ("share", 2, 1)


def test_dates_outside_the_year_are_read_at_its_edges_and_other_schools_are_ignored():
    assert one(as_of=dt.date(2030, 1, 1)).overdue == one(as_of=END).overdue
    assert one(as_of=dt.date(2000, 1, 1)).overdue == []
    assert one(cycles=[CycleFact("Z", "Elsewhere", "plan")]).cycles == 0
