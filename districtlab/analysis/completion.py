"""Where each school stands in its Cycles of Learning: the step reached, its cycles, the expectation, overdue steps.

Pure functions over plain data (no Django): callers hand in only the records the viewer may count, so a
private draft counts for nobody but its author.

The expectation is seed 004's: "schools were encouraged to complete at least two cycles each year"
(lines 5452-5453). The pacing was free ("flexibility in the pacing and number of cycles, with some schools
engaging in one or two long cycles", 3341-3342), so what a program director calls *overdue* is a step whose
date has passed at a school that is documenting its Cycles of Learning here: a cycle past the end date its
team gave it and not yet at "share lessons", or no cycle yet by the first-cycle date. A school short of the
two cycles at the end of the year has not met the expectation (``meets_expectation``); it is not overdue.

A school with no record at all (no problem of practice, goal or cycle the viewer may count) is "no record
yet": it may be documenting elsewhere (seed 004's networks kept their CoL in shared Google Drive folders,
lines 3299-3301), so it is shown apart and never counted as behind.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field

# The steps of the CoL in order: preliminary work (problem, year-long goal), then a cycle's stages.
STEPS = ("none", "problem", "goal", "plan", "implement", "reflect", "share")
STEP_LABELS = {"none": "No record yet", "problem": "Problem of practice", "goal": "Year-long goal", "plan": "Plan",
               "implement": "Implement", "reflect": "Reflect and adjust", "share": "Share lessons"}


@dataclass(frozen=True)
class Expectation:
    """What a district expects of each school team in a year."""

    cycles_per_year: int = 2  # seed 004, lines 5452-5453
    first_cycle_weeks: int = 10  # DistrictLab's default: a first cycle under way ten weeks into the year

    def first_cycle_due(self, year_start: dt.date) -> dt.date:
        return year_start + dt.timedelta(weeks=self.first_cycle_weeks)

    def rules(self, year_start: dt.date, year_end: dt.date) -> list[str]:
        """The rules in words, as the dashboard shows them."""
        return [
            f"At least {self.cycles_per_year} cycles in the year (“schools were encouraged to complete at least two "
            f"cycles each year”), counted at the end of the year ({year_end:%b %-d, %Y}). The pacing and the number "
            "of cycles are the school's own, so a school with fewer has not met the expectation but is not overdue.",
            "Overdue: a cycle past the end date its team gave it and not yet at “Share lessons”, or a school "
            f"that has begun its inquiry here with no cycle by {self.first_cycle_due(year_start):%b %-d, %Y} "
            f"({self.first_cycle_weeks} weeks into the year).",
            "No record yet: nothing for this year is shared with you from that school. It may keep its Cycles of "
            "Learning somewhere else, so it is not counted as behind.",
        ]


@dataclass(frozen=True)
class CycleFact:
    school: Hashable
    title: str
    stage: str  # plan, implement, reflect or share
    started: dt.date | None = None
    ended: dt.date | None = None  # the team's planned or actual end
    key: Hashable = None  # the caller's name for the cycle (its record's id, say)

    @property
    def late_words(self) -> str:
        """What an overdue cycle shows: its title, or "A cycle" where the viewer may count it but not read it."""
        name = f"“{self.title}”" if self.title else "A cycle"
        return f"{name} was to end {self.ended:%b %-d, %Y} and is still at {STEP_LABELS[self.stage]}"


@dataclass
class Standing:
    school: Hashable
    reached: str = "none"
    cycles: int = 0
    shared: int = 0  # cycles that reached "share lessons"
    meets_expectation: bool = False
    overdue: list[str] = field(default_factory=list)
    late: list[CycleFact] = field(default_factory=list)  # the overdue cycles (their words end ``overdue``)

    @property
    def reached_label(self) -> str:
        return STEP_LABELS[self.reached]

    @property
    def has_record(self) -> bool:
        """Has the school a problem of practice, goal or cycle (that the viewer may count) this year?"""
        return self.reached != "none"


def standings(schools: Iterable[Hashable], problems: Iterable[Hashable], goals: Iterable[Hashable],
              cycles: Iterable[CycleFact], *, year_start: dt.date, year_end: dt.date, as_of: dt.date,
              expect: Expectation = Expectation()) -> dict[Hashable, Standing]:
    """Each school's standing ``as_of`` a date (clipped to the school year).

    ``problems`` and ``goals`` name the school of each problem of practice and year-long goal.

    >>> d = dt.date
    >>> out = standings(["A", "B", "C"], ["A", "B"], ["A"], [
    ...     CycleFact("A", "Turn and talk", "share", d(2016, 10, 3), d(2016, 11, 18)),
    ...     CycleFact("A", "Exit tickets", "implement", d(2017, 1, 9), d(2017, 3, 1))],
    ...     year_start=d(2016, 9, 1), year_end=d(2017, 6, 30), as_of=d(2017, 4, 1))
    >>> [(s.school, s.reached, s.cycles, s.meets_expectation) for s in out.values()]
    [('A', 'share', 2, True), ('B', 'problem', 0, False), ('C', 'none', 0, False)]
    >>> out["A"].overdue
    ['“Exit tickets” was to end Mar 1, 2017 and is still at Implement']
    >>> out["B"].overdue
    ['No year-long goal yet; a first cycle was due by Nov 10, 2016']
    >>> out["C"].overdue, out["C"].reached_label  # nothing recorded: shown apart, not behind
    ([], 'No record yet')
    """
    as_of = min(max(as_of, year_start), year_end)
    out = {school: Standing(school) for school in schools}
    for school in problems:
        if school in out:
            out[school].reached = max(out[school].reached, "problem", key=STEPS.index)
    for school in goals:
        if school in out:
            out[school].reached = max(out[school].reached, "goal", key=STEPS.index)
    for c in cycles:
        standing = out.get(c.school)
        if standing is None:
            continue
        standing.cycles += 1
        standing.shared += c.stage == "share"
        standing.reached = max(standing.reached, c.stage, key=STEPS.index)
        if c.ended and c.ended < as_of and c.stage != "share":
            standing.late.append(c)
            standing.overdue.append(c.late_words)
    due = expect.first_cycle_due(year_start)
    for standing in out.values():
        standing.meets_expectation = standing.cycles >= expect.cycles_per_year
        if standing.has_record and standing.cycles == 0 and as_of > due:
            missing = "No year-long goal yet" if standing.reached == "problem" else "No cycle yet"
            standing.overdue.insert(0, f"{missing}; a first cycle was due by {due:%b %-d, %Y}")
    return out


def summary(rows: Iterable[Standing]) -> dict:
    """Counts for the dashboard's headline, from the same standings as its list (so they always agree).

    ``schools`` = ``with_record`` + ``no_record``; ``with_cycle`` + ``without_cycle`` = ``schools``; ``meeting``
    counts schools with at least the expected cycles, ``overdue`` schools with an overdue step, ``shared`` the
    cycles that reached "share lessons", ``reached`` schools by step reached ("none" is no record yet).

    >>> summary([Standing("A", "share", 2, 1, True), Standing("B", "problem", overdue=["x"]), Standing("C")])
    {'schools': 3, 'with_record': 2, 'no_record': 1, 'with_cycle': 1, 'without_cycle': 2, 'meeting': 1, \
'overdue': 1, 'cycles': 2, 'shared': 1, \
'reached': {'none': 1, 'problem': 1, 'goal': 0, 'plan': 0, 'implement': 0, 'reflect': 0, 'share': 1}}
    """
    rows = list(rows)
    reached = Counter(r.reached for r in rows)
    with_cycle = sum(r.cycles > 0 for r in rows)
    return {
        "schools": len(rows), "with_record": len(rows) - reached["none"], "no_record": reached["none"],
        "with_cycle": with_cycle, "without_cycle": len(rows) - with_cycle,
        "meeting": sum(r.meets_expectation for r in rows), "overdue": sum(bool(r.overdue) for r in rows),
        "cycles": sum(r.cycles for r in rows), "shared": sum(r.shared for r in rows),
        "reached": {step: reached[step] for step in STEPS},
    }
