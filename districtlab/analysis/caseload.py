"""Facilitators' caseloads: which facilitator supports which network, within how many networks and schools each takes.

Seed 004: a facilitator supports three or four networks (~174), six to ten schools (~3546), and works in the
boroughs their schools are in. The district sets the two limits (a call's ``networks_per_facilitator`` and
``schools_per_facilitator``); a facilitator "covers" the boroughs of the schools in the networks they support now.

The rule (issue 14). Each network gets at most one facilitator; a facilitator takes at most ``networks_per``
networks and at most ``schools_per`` schools in all. The objective is lexicographic: first the most networks with
a facilitator, then the most schools whose borough their facilitator covers. A network no facilitator can take
(every caseload full) is left *unassigned* for central office to find someone.

The model is an assignment with two capacities per facilitator (a generalised assignment problem), solved by
OR-Tools CP-SAT with one worker and a fixed seed, so the same input gives the same answer unless the time limit
cuts the search short. It starts from a greedy answer (largest networks first, each to the facilitator with room who
covers most of its schools, then the least loaded), which it keeps if the search finds nothing better in time.
"""
from __future__ import annotations

import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from ortools.sat.python import cp_model


@dataclass(frozen=True)
class Group:
    """A network to support: a key, and the borough of each of its schools (one entry per school)."""

    key: str
    boroughs: tuple[str, ...]

    @property
    def size(self) -> int:
        return len(self.boroughs)


@dataclass(frozen=True)
class Facilitator:
    """A facilitator: a key, and the boroughs they cover."""

    key: str
    boroughs: frozenset[str]


@dataclass
class Caseloads:
    """Which facilitator supports each network, the networks left without one, and whether that is proved best."""

    assigned: dict[str, str]  # network key → facilitator key
    unassigned: list[str]
    covered: int  # schools whose borough their facilitator covers
    optimal: bool

    def load(self, facilitator: str) -> int:
        """How many networks ``facilitator`` supports."""
        return sum(f == facilitator for f in self.assigned.values())


def assign_facilitators(networks: Sequence[Group], facilitators: Sequence[Facilitator], *, networks_per: int,
                        schools_per: int, time_limit: float = 10.0) -> Caseloads:
    """Give each network a facilitator within every facilitator's caseload (the rule in the module docstring).

    Parameters
    ----------
    networks : the networks, each with the borough of each school; keys are unique.
    facilitators : who may facilitate, each with the boroughs they cover; keys are unique.
    networks_per : the most networks one facilitator supports.
    schools_per : the most schools one facilitator supports (a network larger than this gets nobody).
    time_limit : seconds for the solver; :attr:`Caseloads.optimal` says whether the answer is proved best.

    Returns
    -------
    Caseloads
        ``assigned`` (network → facilitator), ``unassigned`` networks in the order given, ``covered``, ``optimal``.

    Raises ``ValueError`` for repeated keys or a limit that is not a whole number of at least 0.

    Notes
    -----
    Seed 004 ~174 (three to four networks each), ~3546 (six to ten schools each).

    Examples
    --------
    Two Bronx networks and one in Queens; Ana covers the Bronx, Ben Queens, and each takes at most two networks
    and six schools:

    >>> nets = [Group("N1", ("Bronx", "Bronx", "Bronx")), Group("N2", ("Bronx", "Bronx", "Queens")),
    ...         Group("N3", ("Queens", "Queens", "Queens", "Queens"))]
    >>> people = [Facilitator("Ana", frozenset({"Bronx"})), Facilitator("Ben", frozenset({"Queens"}))]
    >>> c = assign_facilitators(nets, people, networks_per=2, schools_per=6)
    >>> c.assigned, c.unassigned, c.covered, c.optimal
    ({'N1': 'Ana', 'N2': 'Ana', 'N3': 'Ben'}, [], 9, True)

    With one network each, somebody goes without:

    >>> assign_facilitators(nets, people, networks_per=1, schools_per=6).unassigned
    ['N2']
    """
    for name, value in (("networks_per", networks_per), ("schools_per", schools_per)):
        if type(value) is not int or value < 0:
            raise ValueError(f"{name} must be a whole number of at least 0; it is {value!r}.")
    if not (isinstance(time_limit, (int, float)) and math.isfinite(time_limit) and time_limit > 0):
        raise ValueError(f"The time limit must be a positive number of seconds; it is {time_limit}.")
    _unique("network", [n.key for n in networks])
    _unique("facilitator", [f.key for f in facilitators])
    model = cp_model.CpModel()
    x: dict[tuple[int, int], cp_model.IntVar] = {}
    fits = {}
    for i, n in enumerate(networks):
        if n.size > schools_per:
            continue
        for j, f in enumerate(facilitators):
            x[i, j] = model.NewBoolVar("")
            fits[i, j] = sum(b in f.boroughs for b in n.boroughs)
    for i in range(len(networks)):
        model.AddAtMostOne(v for (a, _j), v in x.items() if a == i)
    for j in range(len(facilitators)):
        mine = [(i, v) for (i, b), v in x.items() if b == j]
        model.Add(sum(v for _i, v in mine) <= networks_per)
        model.Add(sum(networks[i].size * v for i, v in mine) <= schools_per)
    worth = 1 + sum(n.size for n in networks)  # one more network beats any number of covered schools
    model.Maximize(sum((worth + fits[k]) * v for k, v in x.items()))
    first = _greedy(networks, facilitators, fits, networks_per, schools_per)
    for k, v in x.items():
        model.AddHint(v, first.get(k[0]) == k[1])
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = 0
    solver.parameters.max_time_in_seconds = time_limit
    status = solver.Solve(model)
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        chosen = [k for k, v in x.items() if solver.Value(v)]
    else:  # nothing found in time: the greedy answer stands
        chosen = list(first.items())
    if sum(worth + fits[k] for k in first.items()) > sum(worth + fits[k] for k in chosen):
        chosen = list(first.items())  # pragma: no cover  (the search starts from it)
    assigned = {networks[i].key: facilitators[j].key for i, j in chosen}
    return Caseloads(assigned, [n.key for n in networks if n.key not in assigned], sum(fits[k] for k in chosen),
                     status == cp_model.OPTIMAL)


def _greedy(networks, facilitators, fits, networks_per, schools_per) -> dict[int, int]:
    """A first answer: the largest networks first, each to the facilitator with room who covers most of its
    schools (then the least loaded, then the first)."""
    load = [[0, 0] for _ in facilitators]
    out = {}
    for i in sorted(range(len(networks)), key=lambda i: (-networks[i].size, i)):
        room = [j for j in range(len(facilitators)) if (i, j) in fits and load[j][0] < networks_per
                and load[j][1] + networks[i].size <= schools_per]
        if room:
            j = max(room, key=lambda j: (fits[i, j], -load[j][0], -j))
            out[i] = j
            load[j][0] += 1
            load[j][1] += networks[i].size
    return out


def covers(boroughs_by_network: Collection[Collection[str]]) -> frozenset[str]:
    """The boroughs a facilitator covers: those of every school in the networks they support now.

    >>> sorted(covers([("Bronx", "Queens"), ("Bronx",)]))
    ['Bronx', 'Queens']
    """
    return frozenset(b for boroughs in boroughs_by_network for b in boroughs if b)


def _unique(what: str, keys: list[str]) -> None:
    seen = set()
    for key in keys:
        if key in seen:
            raise ValueError(f"The {what} {key} is given twice.")
        seen.add(key)
