"""Is a school keeping the program's rhythm? Team-meeting gaps, leaders at site visits, studio sessions.

The rules are data (:class:`Rules`); the defaults are the seeds':

- Seed 004 (NYC Learning Partners Program): the school team has an "expectation to meet every two weeks"
  (lines 3224-3225; "LPP team that meets biweekly (required by LPP)", 3735, set out in the 2016-2017 MOU,
  3766-3768); "program guidance required that principals or assistant principals participate in monthly
  interschool site visits" (4256-4257).
- Seed 000 (Highline studio/residency): "six half day in-services throughout the year" (line 346) with
  "a total of about 11-15 participants at each session" (363-364).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Hashable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Rules:
    """What the program expects; change any of it for another district's program."""

    team_meeting_max_gap_days: int = 14  # "every two weeks" (seed 004)
    leader_at_site_visits: bool = True  # a principal or AP of each school attends the monthly visits (seed 004)
    studio_sessions_per_year: int = 6  # seed 000
    studio_min_participants: int = 11
    studio_max_participants: int = 15

    def __post_init__(self):
        if self.team_meeting_max_gap_days < 0 or self.studio_sessions_per_year < 0:
            raise ValueError("a gap or a number of sessions cannot be negative")
        if self.studio_min_participants > self.studio_max_participants:
            raise ValueError("the fewest studio participants cannot exceed the most")


@dataclass(frozen=True)
class Gap:
    """A stretch without a team meeting longer than the rules allow.

    ``start`` is the last meeting before it (or the start of the period), ``end`` the next meeting (or the
    end of the period), ``days`` the days between them.
    """

    start: dt.date
    end: dt.date
    days: int


def _day(d: dt.date) -> str:
    return f"{d:%b %-d, %Y}"


def _sessions(n: int) -> str:
    return f"{n} studio session" + ("" if n == 1 else "s")


def meeting_gaps(meetings: Iterable[dt.date], *, start: dt.date, until: dt.date, rules: Rules = Rules()) -> list[Gap]:
    """The stretches from ``start`` to ``until`` (both included) in which the team went too long without meeting.

    The days between two consecutive meetings are counted as ``(later - earlier).days``: a meeting on a
    Monday and the next on the Monday two weeks later are 14 days apart, which keeps the rule; 15 days is
    a gap. ``start`` and ``until`` count as the ends of the period: a first meeting more than 14 days after
    ``start`` is a gap, and so is ``until`` more than 14 days after the last meeting (or after ``start``
    when there was none). Meetings on the same day count once; meetings outside the period are ignored;
    ``until`` before ``start`` is an empty period, with no gaps.

    >>> d = dt.date
    >>> meeting_gaps([d(2016, 9, 12), d(2016, 9, 26), d(2016, 10, 11)], start=d(2016, 9, 1), until=d(2016, 10, 25))
    [Gap(start=datetime.date(2016, 9, 26), end=datetime.date(2016, 10, 11), days=15)]
    """
    days = sorted({m for m in meetings if start <= m <= until})
    stops = [start, *days, until] if start <= until else []
    allowed = rules.team_meeting_max_gap_days
    return [Gap(a, b, (b - a).days) for a, b in zip(stops, stops[1:]) if (b - a).days > allowed]


def leaders_absent(visits: Iterable[tuple[Hashable, Collection[Hashable], Collection[Hashable]]], *,
                   rules: Rules = Rules()) -> list[tuple[Hashable, Hashable]]:
    """The (visit, school) pairs where no principal or assistant principal of an expected school came.

    Each visit is ``(visit key, schools expected, schools whose principal or AP attended)``; pairs come in
    the order given. Nothing is flagged when the rules do not ask for a leader at site visits.

    >>> leaders_absent([("Oct 14", ["P.S. 8", "P.S. 24", "P.S. 41"], {"P.S. 41", "P.S. 8"}),
    ...                 ("Nov 18", ["P.S. 8", "P.S. 24", "P.S. 41"], {"P.S. 8", "P.S. 24", "P.S. 41"})])
    [('Oct 14', 'P.S. 24')]
    """
    if not rules.leader_at_site_visits:
        return []
    return [(visit, school) for visit, expected, led in visits for school in expected if school not in led]


def studio_findings(sessions: Iterable[tuple[Hashable, dt.date, int]], *, year_start: dt.date, year_end: dt.date,
                    as_of: dt.date, rules: Rules = Rules()) -> list[str]:
    """Findings in words on a studio's sessions: how many were held against the year's number, and any
    session whose participants were fewer or more than the rules' range.

    Each session is ``(session key, date, participants)``. Only sessions dated in the school year
    (``year_start`` to ``year_end``, both included) and on or before ``as_of`` count as held. The number
    held is a shortfall only from ``year_end`` on; before that the first finding says how many are held so
    far and how many are left.

    >>> d = dt.date
    >>> sessions = [("Studio 1", d(2005, 10, 12), 13), ("Studio 2", d(2005, 11, 16), 9),
    ...             ("Studio 3", d(2006, 1, 18), 16), ("Studio 4", d(2006, 3, 8), 12)]
    >>> for finding in studio_findings(sessions, year_start=d(2005, 9, 1), year_end=d(2006, 6, 30),
    ...                               as_of=d(2006, 2, 1)):
    ...     print(finding)
    3 of 6 studio sessions held so far; 3 left by Jun 30, 2006.
    Studio 2 (Nov 16, 2005) had 9 participants, fewer than the 11-15 expected.
    Studio 3 (Jan 18, 2006) had 16 participants, more than the 11-15 expected.
    >>> studio_findings(sessions, year_start=d(2005, 9, 1), year_end=d(2006, 6, 30), as_of=d(2006, 6, 30))[0]
    'Only 4 of the 6 studio sessions expected were held in the year (2 short).'
    """
    held = sorted((when, str(key), people) for key, when, people in sessions
                  if year_start <= when <= year_end and when <= as_of)
    expected = rules.studio_sessions_per_year
    if as_of >= year_end:
        if len(held) < expected:
            count = f"Only {len(held)} of the {_sessions(expected)} expected were held in the year " \
                    f"({expected - len(held)} short)."
        else:
            count = f"{_sessions(len(held))} held in the year ({expected} expected)."
    else:
        left = max(expected - len(held), 0)
        count = f"{len(held)} of {_sessions(expected)} held so far; " + (
            f"{left} left by {_day(year_end)}." if left else "none left.")
    low, high = rules.studio_min_participants, rules.studio_max_participants
    findings = [count]
    for when, key, people in held:
        if not low <= people <= high:
            side = "fewer" if people < low else "more"
            findings.append(f"{key} ({_day(when)}) had {people} participant{'' if people == 1 else 's'}, "
                            f"{side} than the {low}-{high} expected.")
    return findings
