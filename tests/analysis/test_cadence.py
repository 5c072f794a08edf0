"""Keeping the program's rhythm: team-meeting gaps, a leader at every site visit, the studio's sessions."""
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from districtlab.analysis.cadence import Gap, Rules, leaders_absent, meeting_gaps, studio_findings

d = dt.date
START, UNTIL = d(2016, 9, 1), d(2016, 10, 31)


def gaps(meetings, start=START, until=UNTIL, rules=Rules()):
    return meeting_gaps(meetings, start=start, until=until, rules=rules)


def test_fourteen_days_between_meetings_keeps_the_rule_and_fifteen_is_a_gap():
    assert gaps([d(2016, 9, 15), d(2016, 9, 29), d(2016, 10, 13), d(2016, 10, 27)]) == []
    assert gaps([d(2016, 9, 15), d(2016, 9, 30), d(2016, 10, 14), d(2016, 10, 28)]) == [
        Gap(d(2016, 9, 15), d(2016, 9, 30), 15)]


def test_the_start_and_the_end_of_the_period_count_as_edges():
    assert gaps([d(2016, 9, 15), d(2016, 9, 29), d(2016, 10, 13)], until=d(2016, 10, 27)) == []
    assert gaps([d(2016, 9, 16), d(2016, 9, 30), d(2016, 10, 14)], until=d(2016, 10, 29)) == [
        Gap(START, d(2016, 9, 16), 15), Gap(d(2016, 10, 14), d(2016, 10, 29), 15)]


def test_no_meetings_at_all_is_one_gap_if_the_period_is_longer_than_the_limit():
    assert gaps([]) == [Gap(START, UNTIL, 60)]
    assert gaps([], until=d(2016, 9, 15)) == []
    assert gaps([], until=d(2016, 9, 16)) == [Gap(START, d(2016, 9, 16), 15)]


def test_until_before_start_has_no_gaps_and_meetings_outside_the_period_are_ignored():
    assert gaps([d(2016, 9, 10)], start=UNTIL, until=START) == []
    assert gaps([], start=START, until=START) == []
    assert gaps([d(2016, 8, 25), d(2016, 11, 3)], until=d(2016, 9, 20)) == [Gap(START, d(2016, 9, 20), 19)]


def test_two_meetings_on_one_day_count_once():
    assert gaps([d(2016, 9, 14), d(2016, 9, 14), d(2016, 9, 30)], until=d(2016, 9, 30)) == [
        Gap(d(2016, 9, 14), d(2016, 9, 30), 16)]


def test_february_29_is_a_day_like_any_other():
    leap, common = [d(2016, 2, 15), d(2016, 3, 1)], [d(2017, 2, 15), d(2017, 3, 1)]
    assert meeting_gaps(leap, start=leap[0], until=leap[1]) == [Gap(leap[0], leap[1], 15)]
    assert meeting_gaps(common, start=common[0], until=common[1]) == []
    assert meeting_gaps([d(2016, 2, 29)], start=d(2016, 2, 15), until=d(2016, 3, 14)) == []


def test_the_limit_is_the_districts_to_set():
    monthly = [d(2016, 9, 1), d(2016, 10, 1), d(2016, 10, 31)]
    assert len(gaps(monthly)) == 2
    assert gaps(monthly, rules=Rules(team_meeting_max_gap_days=30)) == []


@given(st.lists(st.dates(d(2016, 1, 1), d(2017, 12, 31)), max_size=30), st.dates(d(2016, 1, 1), d(2017, 12, 31)),
       st.integers(0, 400), st.integers(1, 40))
def test_every_gap_is_longer_than_the_limit_and_lies_between_meetings_or_the_period_edges(meetings, start, length,
                                                                                          limit):
    until = start + dt.timedelta(days=length)
    found = meeting_gaps(meetings, start=start, until=until, rules=Rules(team_meeting_max_gap_days=limit))
    edges = {start, until, *meetings}
    for gap in found:
        assert gap.days == (gap.end - gap.start).days > limit
        assert {gap.start, gap.end} <= edges and start <= gap.start < gap.end <= until
        assert not any(gap.start < m < gap.end for m in meetings)
    # Meetings every `limit` days leave no gap.
    every = [start + k * dt.timedelta(days=limit) for k in range(length // limit + 2)]
    assert meeting_gaps(every, start=start, until=until, rules=Rules(team_meeting_max_gap_days=limit)) == []


OCT = ["P.S. 8", "P.S. 24", "P.S. 41"]


def test_a_school_without_its_principal_or_ap_at_a_visit_is_named():
    visits = [("Oct 14", OCT, {"P.S. 8", "P.S. 41"}), ("Nov 18", OCT, set(OCT)), ("Dec 9", OCT, {"P.S. 24", "Other"})]
    assert leaders_absent(visits) == [("Oct 14", "P.S. 24"), ("Dec 9", "P.S. 8"), ("Dec 9", "P.S. 41")]
    assert leaders_absent(visits, rules=Rules(leader_at_site_visits=False)) == []
    assert leaders_absent([]) == []


YEAR = {"year_start": d(2005, 9, 1), "year_end": d(2006, 6, 30)}


def sessions(*counts, first=d(2005, 10, 5)):
    """One studio session a month from ``first`` with these participant counts."""
    return [(f"Session {k + 1}", d(first.year + (first.month + k - 1) // 12, (first.month + k - 1) % 12 + 1, 5), n)
            for k, n in enumerate(counts)]


def test_before_the_end_of_the_year_the_count_is_progress_not_a_shortfall():
    assert studio_findings(sessions(12, 13), as_of=d(2005, 12, 1), **YEAR) == [
        "2 of 6 studio sessions held so far; 4 left by Jun 30, 2006."]
    assert studio_findings(sessions(12, 13, 11, 15, 14, 12), as_of=d(2006, 6, 29), **YEAR) == [
        "6 of 6 studio sessions held so far; none left."]
    assert studio_findings([], as_of=d(2005, 8, 1), **YEAR) == [
        "0 of 6 studio sessions held so far; 6 left by Jun 30, 2006."]


def test_a_session_after_as_of_is_not_yet_held():
    assert studio_findings(sessions(12, 13, 9), as_of=d(2005, 12, 4), **YEAR) == [
        "2 of 6 studio sessions held so far; 4 left by Jun 30, 2006."]


def test_from_the_end_of_the_year_a_shortfall_is_a_finding():
    assert studio_findings(sessions(12, 13, 11, 15, 14), as_of=d(2006, 6, 30), **YEAR) == [
        "Only 5 of the 6 studio sessions expected were held in the year (1 short)."]
    assert studio_findings(sessions(12, 13, 11, 15, 14, 12), as_of=d(2006, 8, 1), **YEAR) == [
        "6 studio sessions held in the year (6 expected)."]
    assert studio_findings(sessions(12), as_of=d(2006, 7, 1), **YEAR, rules=Rules(studio_sessions_per_year=1)) == [
        "1 studio session held in the year (1 expected)."]


def test_sessions_outside_the_year_do_not_count():
    outside = [("Summer", d(2005, 8, 31), 12), ("Next year", d(2006, 7, 1), 3)]
    assert studio_findings(outside, as_of=d(2006, 7, 2), **YEAR) == [
        "Only 0 of the 6 studio sessions expected were held in the year (6 short)."]


def test_participants_outside_eleven_to_fifteen_are_named_and_the_edges_are_fine():
    found = studio_findings(sessions(11, 15, 10, 16, 1), as_of=d(2006, 3, 1), **YEAR)
    assert found[1:] == ["Session 3 (Dec 5, 2005) had 10 participants, fewer than the 11-15 expected.",
                         "Session 4 (Jan 5, 2006) had 16 participants, more than the 11-15 expected.",
                         "Session 5 (Feb 5, 2006) had 1 participant, fewer than the 11-15 expected."]
    wider = Rules(studio_min_participants=8, studio_max_participants=20)
    assert studio_findings(sessions(10, 16), as_of=d(2006, 3, 1), **YEAR, rules=wider)[1:] == []


def test_rules_that_contradict_themselves_are_refused():
    with pytest.raises(ValueError):
        Rules(studio_min_participants=16, studio_max_participants=15)
    with pytest.raises(ValueError):
        Rules(team_meeting_max_gap_days=-1)
