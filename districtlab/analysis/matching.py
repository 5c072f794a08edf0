"""Matching applicant schools into networks: one host and a few partners around the host's learning focus area.

Seed 004: principals "apply for their school to either be a host school or a partner school, and they state their
intended Learning Focus Area(s)" (lines 3083-3085); "schools with similar intended LFAs and, in most cases, schools
that serve the same grade levels, are put together in networks" (3096-3097); in 2014-15 schools also ranked
criteria such as geographic proximity and named schools they wanted to work with (3097-3104).

The rules (issue 14). A network is one host (role ``host`` or ``either``) and ``partners_min`` to ``partners_max``
partners (role ``partner`` or ``either``); its focus is the host's first focus area. A partner p in a network
hosted by h scores ``w_lfa × (3, 2 or 1 if h's focus is p's first, second or third focus area, else 0) +
w_grade × [same grade band] + w_borough × [same borough]``. A school is in at most one network. Hard constraints:
``want`` pairs and ``keep_together`` groups (a returning network) share one network; ``avoid`` pairs never do;
``pinned`` puts a school in the network of the host named (itself, to host). The objective is lexicographic:
the most schools placed, then the highest total score with that many placed; :attr:`Match.bound` bounds the
score for that count.

The model (OR-Tools CP-SAT) is kept small without losing any solution, so its bounds hold for the problem as
stated:

- *Host groups.* Hosts with the same focus, grade band and borough are interchangeable when no constraint names a
  school, so a group holds them and an integer counts its networks; a group of k networks takes between
  ``k × partners_min`` and ``k × partners_max`` partners, which can always be dealt out k ways. Host-only schools
  host before an ``either`` school of their group does (swapping them changes neither placed count nor score).
  When constraints name schools, each host is its own group.
- *Pools.* A partner is not linked to every host but to at most 16 pools: per focus area it ranks, "that area with
  this grade band and borough", "... grade band", "... borough", "that area"; and the same four without a focus
  area (the last, "any host", scores 0 and keeps every placement possible). A pool feeds every group it describes,
  and a partner's edge to it carries the score the description guarantees. Any assignment is a flow of the same
  score through the pools that describe it exactly, and any flow is an assignment scoring at least as much, so
  both have the same optimum. A partner a constraint names is linked to each host directly instead.

The solve, in two steps. *Placed*: without constraints the most schools any matching places follows from the
role counts (``_most_placed``), and a min-cost flow places that many for hosts chosen by a rule (``_roles``),
which proves it; with constraints CP-SAT maximises it. *Score*, with that many placed: without constraints the
linear relaxation (GLOP) gives the bound, and the flow for the hosting it suggests, rounded, is usually within a
fraction of a percent of it; CP-SAT then searches from the best of those (a hint) until the score is within
``gap`` of the bound (0.5% by default; 0 to prove the best) or ``time_limit`` runs out. For fixed hosts the
problem is a network flow, which a flow solver answers exactly in a fraction of a second and CP-SAT alone only
slowly; choosing the hosts is what the search is for.

CP-SAT runs one worker with a fixed seed, and GLOP and the flow solver are deterministic: the same input gives the
same networks unless the time limit cuts the search short (:attr:`Match.optimal` says whether the result is proved
best). A second worker would make the result depend on thread timing and, on two shared cores, gain little: for
1,800 applicants the search starts within 0.2% of the bound.
"""
from __future__ import annotations

import math
import time
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from ortools.graph.python import min_cost_flow
from ortools.linear_solver import pywraplp
from ortools.sat.python import cp_model

ROLES = ("host", "partner", "either")
HOSTS, PARTNERS = {"host", "either"}, {"partner", "either"}
DEFAULT_WEIGHTS = {"lfa": 10, "grade": 3, "borough": 1}
MAX_WEIGHT = 1000
GAP = 0.005  # half a percent of the score: stop searching once this close to the bound
RANKS = (3, 2, 1)  # what a partner's first, second and third focus area earn when it is the host's focus


@dataclass(frozen=True)
class Applicant:
    """A school's application: its role, grade band, borough and up to three focus areas, most wanted first."""

    school: str
    role: str  # host, partner or either
    grade_band: str
    borough: str
    lfas: tuple[str, ...]


@dataclass(frozen=True)
class Fit:
    """Why a partner scores what it does in its host's network: the three parts of the score."""

    partner: str
    lfa: int
    grade: int
    borough: int

    @property
    def score(self) -> int:
        return self.lfa + self.grade + self.borough


@dataclass(frozen=True)
class Network:
    host: str
    focus: str
    fits: tuple[Fit, ...]  # one per partner, in the order of ``partners``

    @property
    def partners(self) -> list[str]:
        return [f.partner for f in self.fits]

    @property
    def score(self) -> int:
        return sum(f.score for f in self.fits)

    def as_dict(self) -> dict:
        return {"host": self.host, "partners": self.partners, "focus": self.focus, "score": self.score,
                "parts": [{"partner": f.partner, "lfa": f.lfa, "grade": f.grade, "borough": f.borough,
                           "score": f.score} for f in self.fits]}


@dataclass
class Match:
    """The networks formed, the schools left out, and how good the solver proved the result to be."""

    networks: list[Network]
    unplaced: list[str]
    optimal: bool  # both the placed count and the score proved best
    bound: int  # no matching placing this many schools scores more
    seconds: float
    placed: int = field(init=False)
    score: int = field(init=False)

    def __post_init__(self):
        self.placed = sum(1 + len(n.fits) for n in self.networks)
        self.score = sum(n.score for n in self.networks)

    def as_dict(self) -> dict:
        return {"networks": [n.as_dict() for n in self.networks], "unplaced": self.unplaced, "placed": self.placed,
                "score": self.score, "optimal": self.optimal, "bound": self.bound, "seconds": self.seconds}


class MatchingError(ValueError):
    """No matching keeps the hard constraints (or none was found in time); the message says which."""


def check_weights(weights: Mapping[str, int] | None) -> dict[str, int]:
    """The weights to use: ``DEFAULT_WEIGHTS`` with those given in place of theirs, each checked.

    >>> check_weights({"grade": 5})
    {'lfa': 10, 'grade': 5, 'borough': 1}
    >>> check_weights({"size": 2})
    Traceback (most recent call last):
    ...
    ValueError: "size" is not a weight: use lfa, grade or borough.
    """
    weights = dict(weights or {})
    for name, value in weights.items():
        if name not in DEFAULT_WEIGHTS:
            raise ValueError(f'"{name}" is not a weight: use lfa, grade or borough.')
        if type(value) is not int or not 0 <= value <= MAX_WEIGHT:  # bool, float, inf: not a whole number
            raise ValueError(f'The weight {name} must be a whole number from 0 to {MAX_WEIGHT:,}; it is "{value}".')
    return {**DEFAULT_WEIGHTS, **weights}


def fit(host: Applicant, partner: Applicant, weights: Mapping[str, int]) -> Fit:
    """How ``partner`` scores in the network ``host`` hosts, part by part (the formula in the module docstring).

    >>> h = Applicant("P.S. 8", "host", "Elementary", "Bronx", ("Teacher teams",))
    >>> p = Applicant("P.S. 24", "partner", "Elementary", "Queens", ("Literacy", "Teacher teams"))
    >>> f = fit(h, p, DEFAULT_WEIGHTS); (f.lfa, f.grade, f.borough, f.score)
    (20, 3, 0, 23)
    """
    rank = next((r for r, lfa in zip(RANKS, partner.lfas) if lfa == host.lfas[0]), 0)
    return Fit(partner.school, weights["lfa"] * rank, weights["grade"] * (partner.grade_band == host.grade_band),
               weights["borough"] * (partner.borough == host.borough))


def _check(applicants: Sequence[Applicant], partners_min: int, partners_max: int) -> None:
    if not 0 <= partners_min <= partners_max or partners_max < 1:
        raise ValueError(f"A network's partners: the fewest ({partners_min}) must be at least 0 and no more than the "
                         f"most ({partners_max}), and the most at least 1.")
    seen = set()
    for a in applicants:
        if a.role not in ROLES:
            raise ValueError(f'{a.school}: "{a.role}" is not a role: use host, partner or either.')
        if not a.lfas or not a.lfas[0]:
            raise ValueError(f"{a.school}: no focus area.")
        if len(a.lfas) > len(RANKS):
            raise ValueError(f"{a.school}: at most {len(RANKS)} focus areas.")
        if a.school in seen:
            raise ValueError(f"{a.school} applies twice.")
        seen.add(a.school)


def _clusters(want: Iterable[tuple[str, str]], keep_together: Iterable[Collection[str]]) -> list[list[str]]:
    """Schools that must share a network, joined through ``want`` pairs and ``keep_together`` groups."""
    parent: dict[str, str] = {}

    def root(s: str) -> str:
        while parent.setdefault(s, s) != s:
            s = parent[s]
        return s

    for group in [*want, *keep_together]:
        group = list(group)
        for a, b in zip(group, group[1:]):
            parent[root(a)] = root(b)
    clusters: dict[str, list[str]] = {}
    for s in sorted(parent):
        clusters.setdefault(root(s), []).append(s)
    return [c for c in clusters.values() if len(c) > 1]


def _impossible(clusters: list[list[str]], avoid: list[tuple], pinned: dict[str, str], by_school: dict,
                hi: int) -> str | None:
    """Why the constraints contradict each other on their face, in words, or ``None`` (the solver finds the rest)."""
    for cluster in clusters:
        hosts = [s for s in cluster if by_school[s].role == "host"]
        if len(hosts) > 1:
            return f"{' and '.join(hosts[:2])} must share a network but both apply only to host"
        if len(cluster) > hi + 1:
            return f"{', '.join(cluster)} must share a network, larger than a host and {hi} partners"
        for a, b in avoid:
            if a in cluster and b in cluster:
                return f"{a} and {b} must share a network and must not"
        if len({pinned[s] for s in cluster if s in pinned} | set(hosts)) > 1:  # a host-only school hosts its own
            return f"{', '.join(cluster)} must share a network but are pinned to different hosts"
    return None


def match(applicants: Sequence[Applicant], *, partners_min: int = 2, partners_max: int = 3,
          weights: Mapping[str, int] | None = None, time_limit: float = 30.0, gap: float = GAP,
          want: Iterable[tuple[str, str]] = (), avoid: Iterable[tuple[str, str]] = (),
          keep_together: Iterable[Collection[str]] = (), pinned: Mapping[str, str] | None = None) -> Match:
    """Form networks from ``applicants`` (rules, objective and model in the module docstring).

    Parameters
    ----------
    applicants : each school's application; school names are unique.
    partners_min, partners_max : partners per network.
    weights : ``lfa``, ``grade``, ``borough`` (whole numbers); those not given keep ``DEFAULT_WEIGHTS``.
    time_limit : seconds for both solves together; the result says whether it was proved best.
    gap : the search stops once the score is within this fraction of the bound (0: only when proved best).
    want, keep_together : schools that must share a network (pairs; groups such as a returning network).
    avoid : pairs of schools that must not share a network.
    pinned : school → the host whose network it is in (a host pinned to itself hosts).

    Returns
    -------
    Match
        Networks by host name, unplaced schools by name, and the proof: ``optimal``, ``bound``.

    Raises :class:`MatchingError` when the constraints cannot all be kept, ``ValueError`` for inconsistent input.

    A host and four partners; only three fit in a network, and P.S. 5 fits P.S. 1 least:

    >>> a = [Applicant("P.S. 1", "host", "Elementary", "Bronx", ("Literacy",)),
    ...      Applicant("P.S. 2", "partner", "Elementary", "Bronx", ("Literacy",)),
    ...      Applicant("P.S. 3", "partner", "Middle", "Bronx", ("Math", "Literacy")),
    ...      Applicant("P.S. 4", "partner", "Elementary", "Queens", ("Literacy",)),
    ...      Applicant("P.S. 5", "partner", "Middle", "Queens", ("Math",))]
    >>> m = match(a)
    >>> [(n.host, n.partners, n.score) for n in m.networks], m.unplaced, m.placed, m.optimal
    ([('P.S. 1', ['P.S. 2', 'P.S. 3', 'P.S. 4'], 88)], ['P.S. 5'], 4, True)
    """
    started = time.perf_counter()
    weights = check_weights(weights)
    _check(applicants, partners_min, partners_max)
    if not (isinstance(time_limit, (int, float)) and math.isfinite(time_limit) and time_limit > 0):
        raise ValueError(f"The time limit must be a positive number of seconds; it is {time_limit}.")
    if not 0 <= gap < 1:
        raise ValueError(f"The gap is a fraction of the score, from 0 to less than 1; it is {gap}.")
    by_school = {a.school: a for a in applicants}
    want, avoid, keep_together = [tuple(p) for p in want], [tuple(p) for p in avoid], list(keep_together)
    pinned = dict(pinned or {})
    named = {s for group in [*want, *avoid, *keep_together] for s in group} | set(pinned) | set(pinned.values())
    unknown = sorted(named - set(by_school))
    if unknown:
        raise ValueError(f"Not among the applicants: {', '.join(unknown)}.")
    for school, host in pinned.items():
        if by_school[host].role not in HOSTS:
            raise ValueError(f"{school} is pinned to {host}, which does not apply to host.")
        if school != host and by_school[school].role not in PARTNERS:
            raise ValueError(f"{school} is pinned to {host}'s network but does not apply as a partner.")

    why = _impossible(_clusters(want, keep_together), avoid, pinned, by_school, partners_max)
    if why:
        raise MatchingError(f"No matching keeps every constraint: {why}.")
    model = _Model(sorted(applicants, key=lambda a: a.school), named, partners_min, partners_max, weights)
    model.constrain(want, avoid, keep_together, pinned)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = 0
    solver.parameters.linearization_level = 2  # the flow's linear relaxation guides and proves the score
    solver.parameters.max_time_in_seconds = time_limit
    first = _flow_solution(model, *_roles(model)) if not named else None
    if first and first.placed == model.most_placed[0]:  # as many as any matching places: proved
        placed, proved = first.placed, True
    else:
        if first:
            model.hint(first.values)
        model.m.maximize(model.placed)
        status = solver.solve(model.m)
        if status == cp_model.INFEASIBLE:
            raise MatchingError("No matching keeps every constraint: check the schools that must or must not work "
                                "together and those pinned.")
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            raise MatchingError(f"No matching found within {time_limit:g} seconds: allow more time.")
        placed, proved = solver.value(model.placed), status == cp_model.OPTIMAL
        first = _Solution([(v, solver.value(v)) for v in model.variables()], placed, round(
            sum(score * solver.value(x) for _p, _t, score, x in model.links)))
    model.m.add(model.placed == placed)
    if not named:  # the linear relaxation bounds the score; hosting as it suggests often scores better
        bound, only, hosting = _relaxation(model, placed)
        model.m.add(model.score <= bound)
        rounded = _flow_solution(model, only, hosting)
        if rounded and rounded.placed == placed and rounded.score > first.score:
            first = rounded
        if first.score >= bound - gap * bound:  # good enough already: the search would only confirm it
            values = {v.index: value for v, value in first.values}
            return _result(model, lambda v: values[v.index], by_school, proved and first.score == bound, bound,
                           started)
    model.hint(first.values)
    model.m.maximize(model.score)
    solver.parameters.relative_gap_limit = gap
    solver.parameters.max_time_in_seconds = max(time_limit - (time.perf_counter() - started), 0.1)
    status = solver.solve(model.m)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):  # the hint is a solution: only if time ran out
        raise MatchingError(f"No matching found within {time_limit:g} seconds: allow more time.")
    bound = math.floor(solver.best_objective_bound + 1e-6)
    return _result(model, solver.value, by_school, proved and round(solver.objective_value) == bound, bound, started)


def _result(model: _Model, value, by_school: dict, optimal: bool, bound: int, started: float) -> Match:
    networks = model.networks(value)
    placed_schools = {n.host for n in networks} | {p for n in networks for p in n.partners}
    result = Match(networks, sorted(set(by_school) - placed_schools), optimal=optimal, bound=bound,
                   seconds=round(time.perf_counter() - started, 3))
    result.bound = max(bound, result.score)  # the networks may score more than the model counted
    return result


@dataclass
class _Group:
    """Interchangeable hosts: host-only schools, then ``either`` schools, each by name."""

    only: list[Applicant]
    either: list[Applicant]

    @property
    def first(self) -> Applicant:
        return (self.only or self.either)[0]

    @property
    def size(self) -> int:
        return len(self.only) + len(self.either)


class _Model:
    """The CP-SAT model of the module docstring (host groups, pools) and how to read its solutions."""

    def __init__(self, applicants: list[Applicant], named: set[str], lo: int, hi: int, weights: dict[str, int]):
        self.m, self.lo, self.hi, self.weights = cp_model.CpModel(), lo, hi, weights
        groups: dict[object, _Group] = {}
        for a in applicants:
            if a.role in HOSTS:
                key = a.school if named else (a.lfas[0], a.grade_band, a.borough)
                group = groups.setdefault(key, _Group([], []))
                (group.either if a.role == "either" else group.only).append(a)
        self.groups = list(groups.values())
        self.only = []  # per group: how many of its host-only schools host (a literal for one school)
        self.hosting: dict[str, cp_model.IntVar] = {}  # hosting literal of every either school, and a lone host
        for g, group in enumerate(self.groups):
            n = len(group.only)
            self.only.append(self.m.new_bool_var(f"h{g}") if n == 1 else self.m.new_int_var(0, n, f"h{g}"))
            if n == 1:
                self.hosting[group.only[0].school] = self.only[g]
            for e in group.either:
                self.hosting[e.school] = self.m.new_bool_var(f"e_{e.school}")
                if n:  # host-only schools host first
                    self.m.add(self.only[g] == n).only_enforce_if(self.hosting[e.school])
        self.count = [self.only[g] + sum(self.hosting[e.school] for e in group.either)
                      for g, group in enumerate(self.groups)]

        self.partners = [a for a in applicants if a.role in PARTNERS]
        self.links = []  # (partner, target, score, literal); target: a pool, or a group's index (a direct edge)
        dims = [d for d in ("grade", "borough") if weights[d]]
        for p in self.partners:
            if p.school in named:
                targets = [(g, fit(group.first, p, weights).score) for g, group in enumerate(self.groups)
                           if group.first.school != p.school]
            else:
                kinds = [(("lfa", lfa), weights["lfa"] * rank)
                         for rank, lfa in zip(RANKS, dict.fromkeys(p.lfas) if weights["lfa"] else ())]
                targets = [((*kind, fixed), base + sum(weights[d] for d, _v in fixed))
                           for kind, base in [*kinds, (("any",), 0)] for fixed in _fixings(p, dims)]
            mine = [(p, t, score, self.m.new_bool_var(f"x{len(self.links) + i}"))
                    for i, (t, score) in enumerate(targets)]
            self.m.add_at_most_one([x for *_pts, x in mine] + ([self.hosting[p.school]] if p.role == "either" else []))
            self.links += mine

        inflow = [[] for _ in self.groups]
        members: dict[tuple, list] = {}
        for _p, target, _s, x in self.links:
            (inflow[target] if isinstance(target, int) else members.setdefault(target, [])).append(x)
        self.flows = {}  # (pool, group) -> how many of the pool's partners join the group
        for pool, xs in members.items():
            targets = [g for g, group in enumerate(self.groups) if _describes(pool, group.first)]
            for g in targets:
                self.flows[pool, g] = z = self.m.new_int_var(0, hi * self.groups[g].size, f"z{len(self.flows)}")
                inflow[g].append(z)
            self.m.add(sum(xs) == sum(self.flows[pool, g] for g in targets))
        for g in range(len(self.groups)):
            self.m.add(sum(inflow[g]) >= lo * self.count[g])
            self.m.add(sum(inflow[g]) <= hi * self.count[g])
        roles = [a.role for a in applicants]
        self.most_placed = _most_placed(roles.count("host"), roles.count("either"), roles.count("partner"), lo, hi)
        self.placed = self.m.new_int_var(0, self.most_placed[0], "placed")  # its bound is the first proof's
        self.m.add(self.placed == sum(self.count) + sum(x for *_pts, x in self.links))
        self.score = sum(score * x for _p, _t, score, x in self.links if score)

    def variables(self) -> list:
        every = [self.placed, *self.only, *self.hosting.values(), *(x for *_pts, x in self.links),
                 *self.flows.values()]
        return list({v.index: v for v in every}.values())  # a lone host's literal is both ``only`` and ``hosting``

    def hint(self, values: list[tuple]) -> None:
        """Hint ``(variable, value)`` pairs (a variable listed twice keeps its last value)."""
        self.m.clear_hints()
        for v, value in {v.index: (v, value) for v, value in values}.values():
            self.m.add_hint(v, value)

    def constrain(self, want, avoid, keep_together, pinned) -> None:
        """The hard constraints. They name schools, so each host is its own group, with its hosting literal, and
        each school named has a direct edge to each host."""
        at = {group.first.school: g for g, group in enumerate(self.groups)}
        direct = {(p.school, t): x for p, t, _s, x in self.links if isinstance(t, int)}

        def net(school: str, g: int):  # "school is in the network of group g's host" (0: it cannot be)
            return self.hosting[school] if self.groups[g].first.school == school else direct.get((school, g), 0)

        every = range(len(self.groups))
        for a, b in avoid:
            for g in every:
                if not (isinstance(net(a, g), int) or isinstance(net(b, g), int)):
                    self.m.add(net(a, g) + net(b, g) <= 1)
        for cluster in _clusters(want, keep_together):
            for school in cluster:
                self.m.add(sum(net(school, g) for g in every) == 1)
            for a, b in zip(cluster, cluster[1:]):
                for g in every:
                    self.m.add(net(a, g) == net(b, g))
        for school, host in pinned.items():
            self.m.add(net(school, at[host]) == 1)

    def networks(self, value) -> list[Network]:
        """A solution (``value`` of each variable) as networks: each pool's partners dealt to the groups it feeds
        (each to the one it fits best), each group's partners dealt evenly to its hosts, by name."""
        taken: dict[int, list[Applicant]] = {g: [] for g in range(len(self.groups))}
        room: dict[tuple, dict[int, int]] = {}  # pool -> {group: partners it still sends there}
        for (pool, g), z in self.flows.items():
            room.setdefault(pool, {})[g] = value(z)
        for p, target, _s, x in self.links:
            if value(x):
                if isinstance(target, int):
                    g = target
                else:
                    g = max((g for g, n in room[target].items() if n),
                            key=lambda g: (fit(self.groups[g].first, p, self.weights).score, -g))
                    room[target][g] -= 1
                taken[g].append(p)
        networks = []
        for g, group in enumerate(self.groups):
            hosts = group.only[:value(self.only[g])] + [e for e in group.either if value(self.hosting[e.school])]
            size, extra = divmod(len(taken[g]), len(hosts) or 1)
            start = 0
            for i, host in enumerate(hosts):
                share = taken[g][start:start + size + (i < extra)]
                start += len(share)
                networks.append(Network(host.school, host.lfas[0], tuple(fit(host, p, self.weights) for p in share)))
        return sorted(networks, key=lambda n: n.host)


def _fixings(p: Applicant, dims: list[str]) -> list[tuple]:
    """The pools' (dimension, value) fixings that describe ``p``: every subset of ``dims`` set to ``p``'s own."""
    own = {"grade": p.grade_band, "borough": p.borough}
    return [tuple((d, own[d]) for i, d in enumerate(dims) if mask >> i & 1) for mask in range(1 << len(dims))]


def _describes(pool: tuple, host: Applicant) -> bool:
    """Does ``pool`` feed ``host``'s group: the host has the pool's focus area (if any), grade band and borough?"""
    own = {"grade": host.grade_band, "borough": host.borough}
    return (pool[0] == "any" or pool[1] == host.lfas[0]) and all(own[d] == v for d, v in pool[-1])


def _most_placed(host_only: int, either: int, partner_only: int, lo: int, hi: int) -> tuple[int, int, int]:
    """The most schools any matching places, whatever its constraints, and how: ``(placed, host-only schools
    hosting, either schools hosting)``. With ``b`` either schools hosting, the most host-only hosts that the other
    partners can fill is best (each host, and each partner up to ``hi`` per host, is one more school placed).

    >>> _most_placed(host_only=2, either=3, partner_only=3, lo=2, hi=3)  # 2 hosts, 6 partners: all 8
    (8, 2, 0)
    >>> _most_placed(host_only=1, either=3, partner_only=5, lo=2, hi=3)  # 1 + 2 hosts, 6 partners: all 9
    (9, 1, 2)
    """
    best = (0, 0, 0)
    for b in range(either + 1):
        partners = partner_only + either - b
        a = min(host_only, partners // lo - b if lo else host_only)
        if a < 0:
            break
        best = max(best, (a + b + min(partners, hi * (a + b)), -a - b, -b))  # the fewest networks among equals
    return best[0], -best[1] + best[2], -best[2]


def _roles(model: _Model) -> tuple[list[int], set[str]]:
    """Who hosts in a first solution: as many host-only and ``either`` schools as place the most schools
    (``_most_placed``), the host-only schools standing down where fewest partners want their focus area, the
    ``either`` schools hosting where most do."""
    hi, groups = model.hi, model.groups
    _placed, a, b = model.most_placed
    demand: dict[str, int] = {}
    for p in model.partners:
        demand[p.lfas[0]] = demand.get(p.lfas[0], 0) + 1
    only = [len(group.only) for group in groups]
    room = {f: -n for f, n in demand.items()}  # places at hosts of each focus area, less the partners wanting it
    for group, n in zip(groups, only):
        room[group.first.lfas[0]] = room.get(group.first.lfas[0], 0) + hi * n
    while sum(only) > a:
        g = max((g for g, n in enumerate(only) if n), key=lambda g: (room[groups[g].first.lfas[0]], g))
        only[g] -= 1
        room[groups[g].first.lfas[0]] -= hi
    either = sorted((e for group in groups for e in group.either), key=lambda e: e.school)
    hosting: set[str] = set()
    for _ in range(b):
        e = min(either, key=lambda e: room[e.lfas[0]])
        either.remove(e)
        hosting.add(e.school)
        room[e.lfas[0]] += hi
    return only, hosting


def _relaxation(model: _Model, placed: int) -> tuple[int, list[int], set[str]]:
    """The linear relaxation of ``model`` with ``placed`` schools placed, solved by GLOP: a bound on the score (no
    matching placing that many scores more), and the hosting it suggests, rounded (host-only schools per group,
    either schools hosting)."""
    lp = pywraplp.Solver.CreateSolver("GLOP")
    inf = lp.infinity()
    var = {}

    def column(v, upper: float, cost: float = 0):
        if v.index not in var:
            var[v.index] = lp.NumVar(0, upper, "")
            lp.Objective().SetCoefficient(var[v.index], cost)
        return var[v.index]

    def row(low: float, high: float, terms):
        c = lp.Constraint(low, high)
        for v, a in terms:
            c.SetCoefficient(v, c.GetCoefficient(v) + a)

    only = [column(v, len(g.only)) for v, g in zip(model.only, model.groups)]
    hosting = {school: column(v, 1) for school, v in model.hosting.items()}
    links = [(p, t, column(x, 1, score)) for p, t, score, x in model.links]
    flows = {key: column(z, model.hi * model.groups[key[1]].size) for key, z in model.flows.items()}
    count = [[(only[g], 1), *((hosting[e.school], 1) for e in group.either)] for g, group in enumerate(model.groups)]
    mine: dict[str, list] = {p.school: [] for p in model.partners}
    inflow: list[list] = [[] for _ in model.groups]
    pools: dict[tuple, list] = {}
    for p, t, x in links:
        mine[p.school].append((x, 1))
        (inflow[t] if isinstance(t, int) else pools.setdefault(t, [])).append((x, 1))
    for (pool, g), z in flows.items():
        pools[pool].append((z, -1))
        inflow[g].append((z, 1))
    for p in model.partners:
        row(-inf, 1, mine[p.school] + ([(hosting[p.school], 1)] if p.role == "either" else []))
    for terms in pools.values():
        row(0, 0, terms)
    for g in range(len(model.groups)):
        row(0, inf, inflow[g] + [(v, -model.lo * a) for v, a in count[g]])
        row(-inf, 0, inflow[g] + [(v, -model.hi * a) for v, a in count[g]])
    row(placed, placed, [term for c in count for term in c] + [(x, 1) for _p, _t, x in links])
    lp.Objective().SetMaximization()
    if lp.Solve() != lp.OPTIMAL:
        raise MatchingError("The relaxation could not be solved.")  # pragma: no cover  (it has a solution)
    bound = math.floor(lp.Objective().Value() + 1e-6)
    # Round: as many hosts as the relaxation has in all, the host places it fills most (a group's k-th host-only
    # school hosts to the extent its count exceeds k - 1), each group's hosts host-only schools first.
    places = [(min(max(v.solution_value() - k, 0), 1), 1, g, None) for g, v in enumerate(only)
              for k in range(len(model.groups[g].only))]
    places += [(hosting[e.school].solution_value(), 0, g, e.school) for g, group in enumerate(model.groups)
               for e in group.either]
    total = round(sum(value for value, *_rest in places))
    chosen = sorted(places, key=lambda place: place[:2], reverse=True)[:total]
    hosts = [0] * len(model.groups)
    for _value, _kind, g, _school in chosen:
        hosts[g] += 1
    rounded = [min(n, len(group.only)) for n, group in zip(hosts, model.groups)]
    either = sorted((place for place in chosen if place[3]), key=lambda place: place[:1], reverse=True)
    hosting_schools, room = set(), [n - k for n, k in zip(hosts, rounded)]
    for _value, _kind, g, school in either:
        if room[g]:
            hosting_schools.add(school)
            room[g] -= 1
    return bound, rounded, hosting_schools


@dataclass
class _Solution:
    values: list[tuple]  # (variable, value)
    placed: int
    score: int


def _flow_solution(model: _Model, only: list[int], hosting: set[str]) -> _Solution | None:
    """The best placement of partners for the hosts given (``only`` host-only schools per group, the ``either``
    schools ``hosting``), as values of the model's variables: a min-cost flow, exact and fast for fixed hosts.

    Source → each partner (1) → its pools (the link's score) → the groups they feed → sink, with a group taking
    between ``lo`` and ``hi`` partners per host, and a bypass from source to sink for partners left out; each
    placement is worth more than any total of scores, so the flow places as many as it can, then scores best."""
    count = [n + sum(e.school in hosting for e in group.either) for n, group in zip(only, model.groups)]
    partners = [p for p in model.partners if p.school not in hosting]
    pools = sorted({t for _p, t, _s, _x in model.links if not isinstance(t, int)})
    source, sink = 0, 1
    names = [("p", p.school) for p in partners] + [("pool", t) for t in pools] + [
        ("g", g) for g in range(len(model.groups))]
    node = {name: 2 + i for i, name in enumerate(names)}
    worth = 1 + len(partners) * max((s for _p, _t, s, _x in model.links), default=0)
    tails, heads, caps, costs, arcs = [], [], [], [], []

    def arc(tail, head, cap, cost, key=None):
        tails.append(tail), heads.append(head), caps.append(cap), costs.append(cost), arcs.append(key)

    for p in partners:
        arc(source, node["p", p.school], 1, 0)
    values: list[tuple] = [(x, 0) for p, _t, _s, x in model.links if p.school in hosting]
    for p, t, s, x in model.links:
        if p.school not in hosting:
            arc(node["p", p.school], node["g", t] if isinstance(t, int) else node["pool", t], 1, -worth - s, x)
    for (pool, g), z in model.flows.items():
        arc(node["pool", pool], node["g", g], model.hi * count[g], 0, z)
    for g, k in enumerate(count):
        arc(node["g", g], sink, (model.hi - model.lo) * k, 0)
    arc(source, sink, len(partners), 0)
    flow = min_cost_flow.SimpleMinCostFlow()
    ids = flow.add_arcs_with_capacity_and_unit_cost(np.array(tails), np.array(heads), np.array(caps),
                                                    np.array(costs))
    low = [model.lo * k for k in count]
    supplies = [len(partners), sum(low) - len(partners), *[0] * (len(node) - len(low)), *[-n for n in low]]
    flow.set_nodes_supplies(np.arange(len(supplies)), np.array(supplies))
    values += [(v, int(n)) for v, n in zip(model.only, only)]
    values += [(model.hosting[e.school], int(e.school in hosting)) for group in model.groups for e in group.either]
    if flow.solve() != flow.OPTIMAL:  # too few partners to fill these hosts' networks
        return None
    amounts = flow.flows(ids)
    values += [(key, int(a)) for key, a in zip(arcs, amounts) if key is not None]
    placed = sum(count) + len(partners) - int(amounts[-1])  # less the bypass
    values.append((model.placed, placed))
    return _Solution(values, placed, -int(flow.optimal_cost()) - worth * (placed - sum(count)))


