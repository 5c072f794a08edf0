"""A network's year of site visits: which school hosts each month's visit, and on which date.

Seed 004: school teams "engage in monthly interschool site visits, rotating to visit all schools in the
network multiple times" (lines 168-169); the school teams "from all schools in a triad or quad visit one
school" (3227-3229). So every school of the network attends every visit, and the hosting rotates: by
default each school hosts at least once in the plan's year; a network may ask more of a school (a host
school, say) or less (a school that joined late) with ``min_hosting``.

The plan is solved with OR-Tools CP-SAT. Hard rules:

- a date is usable only if it is not a district holiday (``closed``) and no school of the network has
  blocked it (everyone attends);
- each slot (a month, say) gets at most one visit, and as many slots get a visit as can (exactly one in
  every slot with a usable date, unless two slots offer the same date and only it); no two visits share
  a date;
- each school hosts at least ``min_hosting.get(school, 1)`` times;
- a visit already ``planned`` keeps its slot, its date and its own host (none, when no host is recorded): it
  counts toward its host's hosting, and no other visit takes its date.

Among the plans that keep those rules the objective is lexicographic, most important first:

1. ``first_host``, if given, hosts the first slot that has a usable date (the network asked for it; it
   gives way only when no plan can have it, e.g. when the other schools' minimums need every visit);
2. balanced hosting: the fewest visits any school hosts beyond its minimum, at most (and then, at least,
   as many as possible), so the extra visits are shared as evenly as they can be;
3. the fewest times one school hosts two visits in a row (adjacent slots; a slot without a usable date
   is left out, so November and January are adjacent when December has no date);
4. the earliest-listed candidate dates (the sum of their positions in each slot's list).

The tiers are weighted so that each outweighs everything below it, and solved in one run with one worker
and a fixed seed, so the same input gives the same plan (unless ``time_limit`` cuts the search short, which
:attr:`Rotation.optimal` reports; a cohort of 15 schools over 10 months takes a few hundredths of a second).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Hashable, Mapping, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Slot:
    """One visit to place, e.g. a month: its label and its candidate dates, most preferred first."""

    label: str  # "October 2016"
    dates: tuple[dt.date, ...]


@dataclass(frozen=True)
class Visit:
    """One planned site visit: the slot it fills, its date and the school that hosts it."""

    slot: str
    date: dt.date
    host: Hashable | None  # None only for a visit already planned with no host recorded
    planned: bool = False  # already planned before this plan (kept as it is), not proposed by it


@dataclass
class Rotation:
    """The plan: visits in slot order, the slots left without a visit and why, and each school's count."""

    visits: list[Visit]
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (slot label, why)
    hosting: dict[Hashable, int] = field(default_factory=dict)
    optimal: bool = True  # False when the time limit ran out before the solver proved the plan best


class PlanningError(ValueError):
    """No plan keeps the rules; the message says why in words a facilitator understands."""


def _day(d: dt.date) -> str:
    return f"{d:%b %-d, %Y}"


def _times(n: int) -> str:
    return {1: "once", 2: "twice"}.get(n, f"{n} times")


def _visits(n: int) -> str:
    return f"{n} visit" + ("" if n == 1 else "s")


def _names(schools: Sequence[Hashable]) -> str:
    return ", ".join(str(s) for s in schools)


def _why_unusable(slot: Slot, network: Sequence[Hashable], blocked: Mapping[Hashable, Collection[dt.date]],
                  closed: Collection[dt.date]) -> str:
    """Why none of a slot's candidate dates can be used, date by date."""
    if not slot.dates:
        return "no candidate dates"
    reasons = []
    for d in dict.fromkeys(slot.dates):
        if d in closed:
            reasons.append(f"{_day(d)} is a district holiday")
        else:
            reasons.append(f"{_day(d)} is blocked by {_names([s for s in network if d in blocked.get(s, ())])}")
    return "no date every school can make: " + "; ".join(reasons)


def _max_visits(usable: dict[int, list[dt.date]]) -> int:
    """How many slots can get a visit on a date of their own (a maximum bipartite matching, Kuhn's method)."""
    taken: dict[dt.date, int] = {}

    def place(i: int, seen: set[dt.date]) -> bool:
        for d in usable[i]:
            if d not in seen:
                seen.add(d)
                if d not in taken or place(taken[d], seen):
                    taken[d] = i
                    return True
        return False

    return sum(place(i, set()) for i in usable)


def _must_host(schools: Sequence[Hashable], m: int) -> str:
    if len(schools) == 1:
        return f"{schools[0]} must host at least {_times(m)}"
    return f"{len(schools)} schools must each host at least {_times(m)}"


def _shortfall(schools: Sequence[Hashable], minimum: dict[Hashable, int], possible: int, slots: int,
               no_date: list[str]) -> str:
    """Why the schools' minimums cannot all be met: they add up to more visits than can be held."""
    total = sum(minimum.values())
    groups: dict[int, list[Hashable]] = {}
    for s in schools:
        if minimum[s]:
            groups.setdefault(minimum[s], []).append(s)
    if len(groups) == 1:
        (m, group), = groups.items()
        who = _must_host(group, m) + (f" ({total} visits)" if m > 1 else "")
    else:
        who = f"the schools must host {total} visits in all (" + "; ".join(
            f"{_names(group)} at least {_times(m)}" for m, group in sorted(groups.items(), reverse=True)) + ")"
    if possible == slots:
        return f"{who} but the plan has only {_visits(slots)}"
    why = f"{who} but only {possible} of the {_visits(slots)} can be held on a date every school can make"
    return why + (f" (none in {', '.join(no_date)})" if no_date else "")


def plan_rotation(schools: Sequence[Hashable], slots: Sequence[Slot], *,
                  blocked: Mapping[Hashable, Collection[dt.date]] | None = None,
                  closed: Collection[dt.date] = (), min_hosting: Mapping[Hashable, int] | None = None,
                  first_host: Hashable | None = None,
                  planned: Mapping[str, tuple[dt.date, Hashable | None]] | None = None,
                  time_limit: float = 10.0) -> Rotation:
    """Plan who hosts each slot's site visit and on which date (rules and objective in the module docstring).

    ``schools`` are the network's schools; ``slots`` are in calendar order, each with its candidate dates
    most preferred first; ``blocked`` maps a school to the dates it cannot make (schools outside the
    network are ignored); ``closed`` are district holidays; ``planned`` maps a slot's label to the visit
    already planned in it, ``(date, host)`` (host None when none is recorded): that slot keeps it, with its own
    host, and the hosting counts include it. Raises :class:`PlanningError` when the schools' minimums cannot all
    be met, and ``ValueError`` for inconsistent input.

    A triad over four months; P.S. 8 cannot make Nov 7 and Dec 12 is a holiday:

    >>> d = dt.date
    >>> months = [Slot("Oct", (d(2016, 10, 3), d(2016, 10, 17))), Slot("Nov", (d(2016, 11, 7), d(2016, 11, 14))),
    ...           Slot("Dec", (d(2016, 12, 12),)), Slot("Jan", (d(2017, 1, 9),))]
    >>> plan = plan_rotation(["P.S. 8", "P.S. 24", "P.S. 41"], months, blocked={"P.S. 8": {d(2016, 11, 7)}},
    ...                      closed={d(2016, 12, 12)}, first_host="P.S. 41")
    >>> [(v.slot, v.date.isoformat(), v.host) for v in plan.visits]
    [('Oct', '2016-10-03', 'P.S. 41'), ('Nov', '2016-11-14', 'P.S. 8'), ('Jan', '2017-01-09', 'P.S. 24')]
    >>> plan.skipped
    [('Dec', 'no date every school can make: Dec 12, 2016 is a district holiday')]
    >>> plan_rotation(["A", "B", "C", "D"], months[:3], closed={d(2016, 12, 12)})
    Traceback (most recent call last):
    ...
    districtlab.analysis.rotation.PlanningError: 4 schools must each host at least once but only 2 of the 3 \
visits can be held on a date every school can make (none in Dec)

    October's visit is already planned at P.S. 24: it stays, and P.S. 24's hosting counts it.

    >>> plan = plan_rotation(["P.S. 8", "P.S. 24"], [months[0], months[3]],
    ...                      planned={"Oct": (d(2016, 10, 5), "P.S. 24")})
    >>> [(v.slot, v.host, v.planned) for v in plan.visits], plan.hosting
    ([('Oct', 'P.S. 24', True), ('Jan', 'P.S. 8', False)], {'P.S. 8': 1, 'P.S. 24': 1})
    """
    schools = list(schools)
    blocked = blocked or {}
    min_hosting = min_hosting or {}
    if not schools:
        raise ValueError("a rotation needs at least one school")
    if len(set(schools)) != len(schools):
        raise ValueError("a school is listed twice")
    if len({s.label for s in slots}) != len(slots):
        raise ValueError("two slots have the same label")
    planned = dict(planned or {})
    unknown = [s for s in [*min_hosting, first_host, *(h for _d, h in planned.values())]
               if s is not None and s not in schools]
    if unknown:
        raise ValueError(f"not in the network: {_names(unknown)}")
    if set(planned) - {s.label for s in slots}:
        raise ValueError(f"planned in no slot of the plan: {_names(sorted(set(planned) - {s.label for s in slots}))}")
    fixed = {i: planned[slot.label] for i, slot in enumerate(slots) if slot.label in planned}
    hosted_already = {s: sum(h == s for _d, h in fixed.values()) for s in schools}
    minimum = {s: min_hosting.get(s, 1) for s in schools}
    if any(m < 0 for m in minimum.values()):
        raise ValueError("a school's minimum hosting cannot be negative")

    closed = set(closed)
    unusable = closed.union(*(blocked.get(s, ()) for s in schools), (d for d, _h in fixed.values()))
    usable: dict[int, list[dt.date]] = {}  # slot index -> its usable dates, in order of preference
    skipped: dict[int, str] = {}
    for i, slot in enumerate(slots):
        if i in fixed:
            continue
        dates = [d for d in dict.fromkeys(slot.dates) if d not in unusable]
        if dates:
            usable[i] = dates
        else:
            skipped[i] = _why_unusable(slot, schools, blocked, closed)
    possible = _max_visits(usable)
    needed = {s: max(minimum[s] - hosted_already[s], 0) for s in schools}  # hosting still to plan
    if sum(needed.values()) > possible:
        raise PlanningError(_shortfall(schools, needed, possible, len(slots) - len(fixed),
                                       [slots[i].label for i in skipped]))

    from ortools.sat.python import cp_model  # here, not at the top: it loads pandas too (most of a second)

    m = cp_model.CpModel()
    host = {(i, s): m.new_bool_var(f"host_{i}_{k}") for i in usable for k, s in enumerate(schools)}
    on = {(i, d): m.new_bool_var(f"on_{i}_{d}") for i, dates in usable.items() for d in dates}
    for i, dates in usable.items():
        m.add(sum(host[i, s] for s in schools) == sum(on[i, d] for d in dates))
        m.add(sum(on[i, d] for d in dates) <= 1)
    m.add(sum(on.values()) == possible)
    for d in {d for dates in usable.values() for d in dates}:
        m.add(sum(on[i, d] for i in usable if (i, d) in on) <= 1)

    top = len(usable) + len(fixed)
    most, least = m.new_int_var(0, top, "most_extra"), m.new_int_var(0, top, "least_extra")
    for s in schools:
        hosted = sum(host[i, s] for i in usable) + hosted_already[s]
        m.add(hosted >= minimum[s])
        m.add(hosted - minimum[s] <= most)
        m.add(hosted - minimum[s] >= least)

    order = sorted(usable)
    visited = sorted([*usable, *fixed])  # every slot with a visit, planned or to plan
    repeats = []
    for a, b in zip(visited, visited[1:]):
        if a in fixed or b in fixed:  # next to a planned visit: its host hosting again is a repeat
            free, (_date, kept) = (b, fixed[a]) if a in fixed else (a, fixed[b])
            if free in usable and kept is not None:
                repeats.append(host[free, kept])
            continue
        for s in schools:
            r = m.new_bool_var(f"repeat_{a}_{b}_{len(repeats)}")
            m.add(r >= host[a, s] + host[b, s] - 1)
            repeats.append(r)
    lateness = sum(rank * on[i, d] for i, dates in usable.items() for rank, d in enumerate(dates))
    first_free = first_host is not None and order and visited[0] == order[0]  # not already a planned visit
    missed_first = 1 - host[order[0], first_host] if first_free else 0

    # Lexicographic tiers as weights: each weight exceeds the largest possible total of the tiers below it.
    w_repeat = sum(len(dates) - 1 for dates in usable.values()) + 1
    w_least = w_repeat * max(len(visited), 1)
    w_most = w_least * (top + 1)
    w_first = w_most * (top + 1)
    m.minimize(w_most * most - w_least * least + w_first * missed_first + w_repeat * sum(repeats) + lateness)

    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = 0
    solver.parameters.max_time_in_seconds = time_limit
    status = solver.solve(m)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raise PlanningError(f"no plan found within {time_limit:g} seconds")

    visits, skipped_out = [], []
    for i, slot in enumerate(slots):
        if i in fixed:
            visits.append(Visit(slot.label, fixed[i][0], fixed[i][1], planned=True))
            continue
        if i in skipped:
            skipped_out.append((slot.label, skipped[i]))
            continue
        chosen = [d for d in usable[i] if solver.value(on[i, d])]
        if not chosen:  # another slot needed the only dates this one offers
            skipped_out.append((slot.label, f"its dates ({', '.join(_day(d) for d in usable[i])}) "
                                            "are taken by other visits"))
            continue
        visits.append(Visit(slot.label, chosen[0], next(s for s in schools if solver.value(host[i, s]))))
    hosting = {s: sum(v.host == s for v in visits) for s in schools}
    return Rotation(visits, skipped_out, hosting, optimal=status == cp_model.OPTIMAL)
