"""Knowledge flow: who learned from whom, who spans boundaries, which schools are silos, how far a practice spread.

Pure functions over plain data (no Django): callers hand in only the links the viewer may count. A learning
:class:`Link` is dated and directed: its ``source`` hosted, taught, coached or shared, its ``target`` learned
(an adoption, a site visit hosted and attended, a share-out, coaching...). The same functions serve links
between schools, between teams and between people. numpy and pandas do the counting and a compiled Brandes
(:mod:`districtlab.analysis.brandes`) the paths, so a district the size of New York's ("the city's over 1,800
schools", seed 004 line 143) with a million links takes seconds (``bench/knowledge_flow.py``).

The rules are the seeds':

- **Boundary spanning** (seed 002): "Individuals generally participate in multiple practice communities and
  networks and thus potentially serve as conduits for new insights, knowledge, and innovations between
  communities" (line 148); districts spread innovations through "boundary-spanning" mechanisms, "positions and
  roles that work between levels of the system" (289). Hence :func:`boundary_spanners` (people in several
  teams or networks) and :func:`betweenness` (people or schools on the paths between others).
- **Silos**: "the 'siloing' that often occurs within specific communities of practice" (seed 002, line 366);
  "formal links between traditionally siloed schools" (seed 004, line 2985). :func:`silos`.
- **Spread, seed to scale**: "improvement on a small scale that could then be spread across school
  communities" (seed 004, line 3034); "spread innovations beyond the initial schools in which they were
  developed" (seed 001, line 228); practices "conventionalized at broader levels of the system" (seed 000,
  line 697). :func:`spread_curve`.
- **Little's (1990) continuum**: "Storytelling and scanning," "Aid and assistance," "Sharing," and "Joint
  work" (seed 004, lines 2616-2618); across schools "all networks in the sample engaged in the sharing of ideas
  and resources. Some additionally provided direct aid and assistance ... a small number actually engaged in
  joint work" (3302-3306); aid and assistance is help asked for when needed, joint work taking responsibility
  for another school's improvement (4292-4297). :func:`collaboration_type`.
- **Sharing quality** (seed 001, line 174): "Teams initially presented what practices they had piloted,
  offering little reflection on the outcomes ... members began not only reporting on what they had implemented
  but evidence of their challenges and successes." :func:`sharing_quality`.
- **Tool alignment** (seed 001): schools "steal ideas from them and then tweak them to fit our own campus needs"
  (line 188); localized tools "were not always compatible with what was developed at other schools" (152)
  until "school teams coalesced on a more common set of tools" (204). :func:`tool_alignment`.
"""
from __future__ import annotations

import datetime as dt
import operator
import os
from collections.abc import Hashable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from types import MappingProxyType

import numpy as np
import pandas as pd

LINK_COLUMNS = ("source", "target", "date", "kind", "weight")
COLLABORATION_LEVELS = ("storytelling and scanning", "aid and assistance", "sharing", "joint work")

DateLike = dt.date | str | pd.Timestamp | None


@dataclass(frozen=True)
class Link:
    """A dated, directed learning link: ``source`` taught, hosted, coached or shared; ``target`` learned.

    ``kind`` says how ("adoption", "site_visit", "share_out", "coaching", ...); ``weight`` how much it
    counts (1 by default; two links between the same pair weigh 2).
    """

    source: Hashable
    target: Hashable
    date: dt.date
    kind: str
    weight: float = 1.0


# -- links ---------------------------------------------------------------------------------------------------

def _bad(what: str, label, field_: str, problem: str) -> ValueError:
    return ValueError(f"{what} row {label}: {field_} {problem}")


def _table(data, what: str, columns: tuple[str, ...], *, record: type | None = None, required: int | None = None,
           defaults: Mapping[str, object] = MappingProxyType({})) -> pd.DataFrame:
    """``data`` as a DataFrame with ``columns``: from a DataFrame (other columns dropped), or from ``record``
    objects or tuples of the first ``required`` (all by default) or more ``columns``; the rest take ``defaults``.
    A missing column, or a row of the wrong shape, is a ValueError naming it; missing values in the first
    ``required`` columns too."""
    required = len(columns) if required is None else required
    if isinstance(data, pd.DataFrame):
        for column in columns[:required]:
            if column not in data.columns:
                raise ValueError(f"{what}: no {column!r} column (expected {', '.join(columns)})")
        frame = data.loc[:, [c for c in columns if c in data.columns]].copy()
        for column in columns:
            if column not in frame.columns:
                frame[column] = defaults[column]
    else:
        rows = list(data)
        for i, row in enumerate(rows):
            if not (record is not None and isinstance(row, record)
                    or isinstance(row, tuple) and required <= len(row) <= len(columns)):
                optional = f"[, {', '.join(columns[required:])}]" if required < len(columns) else ""
                shape = f"({', '.join(columns[:required])}{optional})"
                raise ValueError(f"{what} row {i}: expected {f'a {record.__name__} or ' if record else ''}{shape}, "
                                 f"got {row!r}")
        records = sum(isinstance(row, record) for row in rows) if record is not None else 0
        shortest = min((len(row) for row in rows if isinstance(row, tuple)), default=len(columns))

        def values(j: int, name: str) -> list:  # one column at a time, in C when the rows are all alike
            if records == len(rows):
                return list(map(operator.attrgetter(name), rows))
            if records == 0 and j < shortest:
                return list(map(operator.itemgetter(j), rows))
            return [getattr(row, name) if not isinstance(row, tuple) else row[j] if j < len(row) else defaults[name]
                    for row in rows]

        frame = pd.DataFrame({c: pd.Series(values(j, c), dtype=object) for j, c in enumerate(columns)})
    for column in columns[:required]:
        missing = frame[column].isna()
        if missing.any():
            raise _bad(what, missing.idxmax(), column, "is missing")
    return frame


def _dates(values: pd.Series, what: str) -> pd.Series:
    """Days as ``datetime64[s]`` at midnight; a ValueError names the first row that is not a date."""
    if pd.api.types.is_datetime64_any_dtype(values.dtype):
        out = values
    else:  # dates, datetimes and ISO strings alike, each parsed on its own
        out = pd.to_datetime(values, errors="coerce", format="mixed")
    if isinstance(out.dtype, pd.DatetimeTZDtype):
        out = out.dt.tz_localize(None)
    missing = out.isna()
    if missing.any():
        label = missing.idxmax()
        raise _bad(what, label, "date", f"is not a date (got {values.loc[label]!r})")
    return out.dt.normalize().astype("datetime64[s]")


def links_frame(links: Iterable[Link | tuple] | pd.DataFrame) -> pd.DataFrame:
    """The links as a DataFrame with columns ``source, target, date, kind, weight``, checked.

    Takes :class:`Link` objects, ``(source, target, date, kind[, weight])`` tuples, or a DataFrame with those
    columns (``weight`` optional, 1 by default; other columns dropped) — the fast way in at scale. Dates become
    days (``datetime64``). A ValueError names the row (its position in a list, its label in a DataFrame) and
    the field: a missing source or target, a date that is not one, an empty kind, a weight that is not a
    positive number.

    >>> links_frame([Link("P.S. 8", "P.S. 24", dt.date(2016, 10, 14), "site_visit"),
    ...              ("P.S. 8", "P.S. 41", "2016-10-14", "site_visit", 2)])
       source   target       date        kind  weight
    0  P.S. 8  P.S. 24 2016-10-14  site_visit     1.0
    1  P.S. 8  P.S. 41 2016-10-14  site_visit     2.0
    >>> links_frame([("P.S. 8", "P.S. 24", "2016-10-14", "site_visit", 0)])
    Traceback (most recent call last):
    ...
    ValueError: links row 0: weight must be a positive number (got 0)
    """
    what = "links"
    frame = _table(links, what, LINK_COLUMNS, record=Link, required=4, defaults={"weight": 1.0})
    if not all(pd.api.types.is_integer_dtype(frame[end]) for end in ("source", "target")):  # ids stay numbers
        frame[["source", "target"]] = frame[["source", "target"]].astype(object)
    frame["date"] = _dates(frame["date"], what)
    kind = frame["kind"]
    codes, kinds = pd.factorize(kind)  # a handful of kinds: check each once, not each row
    empty = [i for i, name in enumerate(kinds) if not str(name).strip()]
    bad = (codes == -1) | np.isin(codes, empty)
    if bad.any():
        bad = pd.Series(bad, index=frame.index)
        label = bad.idxmax()
        raise _bad(what, label, "kind", f"is empty (got {kind.loc[label]!r})")
    frame["kind"] = kind.astype(str)
    weight = pd.to_numeric(frame["weight"], errors="coerce").astype(float)
    bad = ~(np.isfinite(weight) & (weight > 0))
    if bad.any():
        label = bad.idxmax()
        raise _bad(what, label, "weight", f"must be a positive number (got {frame['weight'].loc[label]!r})")
    frame["weight"] = weight
    return frame.reset_index(drop=True)


def _day(value: DateLike, name: str) -> pd.Timestamp | None:
    if value is None:
        return None
    try:
        day = pd.Timestamp(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} is not a date (got {value!r})") from None
    return day.tz_localize(None).normalize() if day.tzinfo else day.normalize()


def in_period(frame: pd.DataFrame, start: DateLike = None, end: DateLike = None) -> pd.DataFrame:
    """The rows of ``frame`` (any frame with a ``date`` column) dated from ``start`` to ``end``, both included.

    Either bound may be ``None`` (open); bounds are days, so a link on the ``end`` day counts whatever its time.
    ``end`` before ``start`` is an empty period.

    >>> frame = links_frame([("A", "B", "2016-09-30", "coaching"), ("A", "B", "2016-10-01", "coaching"),
    ...                      ("A", "B", "2016-10-31", "coaching"), ("A", "B", "2016-11-01", "coaching")])
    >>> in_period(frame, dt.date(2016, 10, 1), dt.date(2016, 10, 31))["date"].dt.strftime("%b %-d").tolist()
    ['Oct 1', 'Oct 31']
    """
    first, last = _day(start, "start"), _day(end, "end")
    keep = np.ones(len(frame), dtype=bool)
    if first is not None:
        keep &= (frame["date"] >= first).to_numpy()
    if last is not None:
        keep &= (frame["date"] < last + pd.Timedelta(days=1)).to_numpy()
    return frame.loc[keep]


@dataclass(frozen=True)
class _Graph:
    """Links aggregated per ordered pair, with nodes as integer codes into ``nodes``."""

    nodes: pd.Index
    source: np.ndarray  # codes
    target: np.ndarray
    weight: np.ndarray  # summed link weights
    links: np.ndarray  # number of links
    kinds: np.ndarray | None  # object array of sorted tuples of kinds (None when not asked for)


def _graph(links, nodes: Iterable[Hashable] = (), start: DateLike = None, end: DateLike = None, *,
           kinds: bool = False) -> _Graph:
    frame = in_period(links_frame(links), start, end)
    listed = pd.unique(pd.Series(list(nodes), dtype=object))
    ends = np.column_stack([frame["source"].to_numpy(), frame["target"].to_numpy()])
    if ends.dtype.kind == "i" and pd.api.types.infer_dtype(listed) in ("integer", "empty"):  # ids: no objects
        every = np.concatenate([listed.astype(np.int64), ends.ravel()])
    else:
        every = np.concatenate([listed.astype(object), ends.astype(object).ravel()])
    codes, labels = pd.factorize(every)  # in order of appearance
    labels = pd.Index(labels, name="node", dtype=object, tupleize_cols=False)
    source, target = codes[len(listed)::2], codes[len(listed) + 1::2]
    flow = source != target  # learning from oneself is not a flow
    frame, source, target = frame.loc[flow], source[flow], target[flow]
    edge, keys = pd.factorize(source.astype(np.int64) * max(len(labels), 1) + target)
    size = len(keys)
    weight = np.bincount(edge, weights=frame["weight"].to_numpy(), minlength=size)
    count = np.bincount(edge, minlength=size)
    width = max(len(labels), 1)
    if not kinds:
        return _Graph(labels, (keys // width).astype(np.int64), (keys % width).astype(np.int64), weight, count, None)
    kind_code, kind_names = pd.factorize(frame["kind"], sort=True)
    has = np.zeros((size, len(kind_names)), dtype=bool)
    for k in range(len(kind_names)):
        has[:, k] = np.bincount(edge[kind_code == k], minlength=size) > 0
    kinds = np.empty(size, dtype=object)
    if size:  # each pair's set of kinds, as a tuple built once per distinct set
        if len(kind_names) <= 62:
            which, masks = pd.factorize(has.astype(np.int64) @ (np.int64(1) << np.arange(len(kind_names))))
            combos = (masks[:, None] >> np.arange(len(kind_names))) & 1 == 1
        else:
            combos, which = np.unique(has, axis=0, return_inverse=True)
        names = np.empty(len(combos), dtype=object)
        names[:] = [tuple(kind_names[row]) for row in combos]
        kinds[:] = names[which.ravel()]
    return _Graph(labels, (keys // width).astype(np.int64), (keys % width).astype(np.int64), weight,
                  count, kinds)


# -- who learned from whom -----------------------------------------------------------------------------------

def school_graph(links, *, start: DateLike = None, end: DateLike = None) -> pd.DataFrame:
    """Who learned from whom: one row per ordered pair (``source`` taught, ``target`` learned) in the period.

    Columns ``source, target, weight`` (the links' weights summed), ``links`` (how many) and ``kinds`` (a
    sorted tuple of the kinds of link). Links from a school to itself are dropped. Rows go heaviest first,
    ties in the order the pairs first appear. ``start`` and ``end`` as in :func:`in_period`.

    A triad where P.S. 8 hosts P.S. 24 and P.S. 41 twice and P.S. 41 shares out to P.S. 24 once:

    >>> d = dt.date
    >>> links = [Link("P.S. 8", "P.S. 24", d(2016, 10, 14), "site_visit"),
    ...          Link("P.S. 8", "P.S. 41", d(2016, 10, 14), "site_visit"),
    ...          Link("P.S. 8", "P.S. 24", d(2016, 11, 18), "site_visit"),
    ...          Link("P.S. 8", "P.S. 41", d(2016, 11, 18), "coaching"),
    ...          Link("P.S. 41", "P.S. 24", d(2016, 12, 9), "share_out")]
    >>> school_graph(links)
        source   target  weight  links                   kinds
    0   P.S. 8  P.S. 24     2.0      2           (site_visit,)
    1   P.S. 8  P.S. 41     2.0      2  (coaching, site_visit)
    2  P.S. 41  P.S. 24     1.0      1            (share_out,)
    """
    g = _graph(links, start=start, end=end, kinds=True)
    order = np.argsort(-g.weight, kind="stable")
    return pd.DataFrame({
        "source": g.nodes.take(g.source[order]).to_numpy(dtype=object),
        "target": g.nodes.take(g.target[order]).to_numpy(dtype=object),
        "weight": g.weight[order], "links": g.links[order], "kinds": g.kinds[order],
    })


def strength(links, *, nodes: Iterable[Hashable] = (), start: DateLike = None, end: DateLike = None) -> pd.DataFrame:
    """Per node (school, team or person): how much it learned and taught in the period.

    ``in_strength`` and ``out_strength`` sum the weights of the links it received and gave; ``in_degree`` and
    ``out_degree`` count the distinct nodes it learned from and taught. Self-links are dropped. Rows are the
    ``nodes`` listed (in their order, with zeros when they have no links) and then every other node in the
    order it first appears in the links.

    >>> d = dt.date
    >>> links = [("P.S. 8", "P.S. 24", d(2016, 10, 14), "site_visit"),
    ...          ("P.S. 8", "P.S. 41", d(2016, 10, 14), "site_visit"),
    ...          ("P.S. 8", "P.S. 24", d(2016, 11, 18), "site_visit"),
    ...          ("P.S. 8", "P.S. 41", d(2016, 11, 18), "coaching"),
    ...          ("P.S. 41", "P.S. 24", d(2016, 12, 9), "share_out")]
    >>> strength(links, nodes=["P.S. 8", "P.S. 24", "P.S. 41", "P.S. 1"])  # doctest: +NORMALIZE_WHITESPACE
             in_strength  out_strength  in_degree  out_degree
    node
    P.S. 8           0.0           4.0          0           2
    P.S. 24          3.0           0.0          2           0
    P.S. 41          2.0           1.0          1           1
    P.S. 1           0.0           0.0          0           0
    """
    g = _graph(links, nodes, start, end)
    n = len(g.nodes)
    return pd.DataFrame({
        "in_strength": np.bincount(g.target, weights=g.weight, minlength=n),
        "out_strength": np.bincount(g.source, weights=g.weight, minlength=n),
        "in_degree": np.bincount(g.target, minlength=n),
        "out_degree": np.bincount(g.source, minlength=n),
    }, index=g.nodes)


def betweenness(links, *, nodes: Iterable[Hashable] = (), start: DateLike = None, end: DateLike = None,
                top: int | None = None, weighted: bool = True, sample: int | None = None,
                seed: int = 0, workers: int | None = None) -> pd.Series:
    """How often each node lies on the shortest learning paths between two others (boundary spanning, seed 002).

    Brandes' betweenness on the directed graph of :func:`school_graph` (compiled, with igraph's rule for ties:
    :mod:`districtlab.analysis.brandes`), normalised by
    ``(n - 1)(n - 2)``, the number of ordered pairs of other nodes, so it runs from 0 to 1. With ``weighted``
    a pair's summed weight is a closeness: the length of an edge is ``1 / weight``, so a path through
    often-linked schools is shorter; without it every edge has length 1. Nodes listed in ``nodes`` count even
    without links. Highest first (ties in order of appearance); ``top`` keeps the first ``top``. ``sample``
    estimates instead of computing exactly: paths from that many source nodes drawn at random (``seed``),
    scaled by ``n / sample`` (Brandes and Pich's pivots, as networkx's ``k``). A large graph's sources are
    shared among ``workers`` threads (by default one per processor this process may use; 1: no other thread).

    On a path A → B → C, only B is between two others (A to C), one of the two ordered pairs not involving it:

    >>> d = dt.date(2016, 10, 14)
    >>> betweenness([("A", "B", d, "coaching"), ("B", "C", d, "coaching")])
    node
    B    0.5
    A    0.0
    C    0.0
    Name: betweenness, dtype: float64
    """
    if sample is not None and sample < 1:
        raise ValueError(f"sample must be a positive number of source nodes (got {sample})")
    g = _graph(links, nodes, start, end)
    n = len(g.nodes)
    values = np.zeros(n)
    if n > 2 and len(g.source):
        lengths = (1.0 / g.weight) if weighted else np.ones(len(g.weight))  # without weights: hops
        if sample is not None and sample < n:
            sources = np.random.default_rng(seed).choice(n, sample, replace=False)
            values = _brandes(g.source, g.target, lengths, n, sources, workers, hops=not weighted) * (n / sample)
        else:
            values = _brandes(g.source, g.target, lengths, n, np.arange(n), workers, hops=not weighted)
        values = values / ((n - 1) * (n - 2))
    out = pd.Series(values, index=g.nodes, name="betweenness")
    out = out.iloc[np.argsort(-values, kind="stable")]
    return out if top is None else out.iloc[:top]


SHARE_ABOVE = 20_000_000  # links times sources: below this (a fraction of a second), one thread does it all
ROUNDS = 8  # sources run in rounds; after each, the links a round showed to be on no shortest path are dropped


def _brandes(source: np.ndarray, target: np.ndarray, lengths: np.ndarray, n: int, sources: np.ndarray,
             workers: int | None, *, hops: bool = False) -> np.ndarray:
    """Unnormalised betweenness of nodes ``0 .. n - 1`` from the shortest paths leaving ``sources``, over the links
    ``source[i] → target[i]`` of length ``lengths[i]`` (distinct pairs; with ``hops``, all 1): Brandes' algorithm
    compiled (:mod:`districtlab.analysis.brandes`), the sources dealt in turn to ``workers`` threads sharing the
    graph (by default one per processor this process may use, when the graph is large). Each source's contributions
    are its own, so the parts add up to the whole. Links that a shorter path beats are dropped first (those beaten
    by two links) and after each round of sources (those the round's paths beat), which changes no score."""
    from districtlab.analysis import brandes  # compiled on first use (and cached on disk), not on import

    order = np.argsort(source.astype(np.int64) * n + target, kind="stable")  # each node's out-links together
    source, target, lengths = source[order], target[order].astype(np.uint32), lengths[order].astype(np.float64)
    if workers is None:
        workers = len(os.sched_getaffinity(0)) if len(source) * len(sources) > SHARE_ABOVE else 1
    workers = max(1, min(workers, len(sources)))
    tol = 1e-9 * (n * float(lengths.max()) + 1)  # far above rounding and igraph's 1e-10: no tie is lost
    total = np.zeros(n)
    with ThreadPoolExecutor(workers) as pool:  # the kernels release the GIL: threads share the arrays
        def share(kernel, parts, *args):
            return [f.result() for f in [pool.submit(kernel, *part, *args) for part in parts]]

        indptr = np.searchsorted(source, np.arange(n + 1))
        keep = np.ones(len(target), dtype=bool)
        cuts = np.linspace(0, n, workers + 1).astype(np.int64)
        share(brandes.essential, [(indptr, target, lengths, n, tol, cuts[i], cuts[i + 1]) for i in range(workers)],
              keep)
        rounds = np.array_split(sources, ROUNDS if len(sources) >= 8 * ROUNDS else 1)
        for batch in rounds:
            if not keep.all():
                source, target, lengths = source[keep], target[keep], lengths[keep]
                indptr = np.searchsorted(source, np.arange(n + 1))
                keep = np.ones(len(target), dtype=bool)
            parts = [(indptr, target, lengths, batch[i::workers]) for i in range(workers)]
            total += sum(share(brandes.betweenness, parts, n, tol, keep, hops))
    return total


def boundary_spanners(memberships: Iterable[tuple[Hashable, Hashable]] | pd.DataFrame, *,
                      min_groups: int = 2) -> pd.DataFrame:
    """People who belong to at least ``min_groups`` teams or networks: potential conduits between them (seed 002).

    ``memberships`` are ``(person, group)`` pairs (or a DataFrame with columns ``person, group``); a repeated
    pair counts once. One row per such person, most groups first (ties in order of appearance), with
    ``groups`` (how many) and ``group_list`` (a tuple in order of appearance). For the people or schools
    that lie between others in the links, see :func:`betweenness`.

    >>> boundary_spanners([("Lea", "Oak Park studio"), ("Lea", "Principals' meeting"), ("Caryn", "Oak Park studio"),
    ...                    ("Lea", "Oak Park studio"), ("Sheryl", "Oak Park studio"), ("Sheryl", "Design team")])
       person  groups                              group_list
    0     Lea       2  (Oak Park studio, Principals' meeting)
    1  Sheryl       2          (Oak Park studio, Design team)
    """
    if min_groups < 1:
        raise ValueError(f"min_groups must be at least 1 (got {min_groups})")
    frame = _table(memberships, "memberships", ("person", "group"))
    frame = frame.drop_duplicates()
    grouped = frame.groupby("person", sort=False)["group"].agg(tuple)
    out = pd.DataFrame({"person": grouped.index.to_numpy(dtype=object), "groups": grouped.map(len).to_numpy(),
                        "group_list": grouped.to_numpy()})
    out = out.loc[out["groups"] >= min_groups]
    return out.iloc[np.argsort(-out["groups"].to_numpy(), kind="stable")].reset_index(drop=True)


def silos(nodes: Iterable[Hashable], links, *, start: DateLike = None, end: DateLike = None) -> dict[str, list]:
    """The ``nodes`` (schools or teams) with no learning in or out in the period, in the order listed.

    ``no_incoming``: learned from no one; ``no_outgoing``: no one learned from them; ``isolated``: both, so an
    isolated node is in all three lists. Self-links do not count; links with nodes not listed count for the
    listed end.

    >>> d = dt.date(2016, 10, 14)
    >>> silos(["P.S. 8", "P.S. 24", "P.S. 41", "P.S. 1"], [("P.S. 8", "P.S. 24", d, "site_visit"),
    ...       ("P.S. 24", "P.S. 41", d, "share_out"), ("P.S. 1", "P.S. 1", d, "share_out")])
    {'no_incoming': ['P.S. 8', 'P.S. 1'], 'no_outgoing': ['P.S. 41', 'P.S. 1'], 'isolated': ['P.S. 1']}
    """
    nodes = list(dict.fromkeys(nodes))
    g = _graph(links, nodes, start, end)
    listed = len(nodes)
    incoming = np.bincount(g.target, minlength=len(g.nodes))[:listed] > 0
    outgoing = np.bincount(g.source, minlength=len(g.nodes))[:listed] > 0
    return {"no_incoming": [x for x, has in zip(nodes, incoming) if not has],
            "no_outgoing": [x for x, has in zip(nodes, outgoing) if not has],
            "isolated": [x for x, i, o in zip(nodes, incoming, outgoing) if not (i or o)]}


# -- spread, collaboration, sharing, tools ---------------------------------------------------------------------

def _periods(dates: pd.Series, freq: str) -> pd.Series:
    try:
        return dates.dt.to_period(freq)
    except (TypeError, ValueError, AttributeError):
        raise ValueError(f"freq {freq!r} is not a period such as 'M' (month), 'Q' (quarter) or 'Y' (year)") from None


def _period_range(first: pd.Period, last: pd.Period, freq: str) -> pd.PeriodIndex:
    return pd.period_range(first, last, freq=freq) if first <= last else pd.PeriodIndex([], freq=freq)


def spread_curve(adoptions: Iterable[tuple[Hashable, dt.date]] | pd.DataFrame, *,
                 origin: tuple[Hashable, dt.date] | None = None, freq: str = "M", until: DateLike = None,
                 total: int | None = None) -> pd.DataFrame:
    """Seed to scale: how many schools use a practice, period by period.

    ``adoptions`` are ``(school, date)`` pairs for one practice (or a DataFrame with columns ``school, date``).
    A school counts once, from its first adoption. ``origin``, the ``(school, date)`` where the practice began,
    counts that school from that date (or from an earlier adoption). One row per period (``freq``: ``"M"``
    month, ``"Q"`` quarter, ``"Y"`` year) from the first date given to the last, repeat adoptions included (or
    to ``until``, after which adoptions are ignored), periods with none included: ``period``, ``new`` (schools
    that started), ``cumulative`` and ``schools`` (a tuple of the new ones, by date); with ``total`` (the
    district's schools) also ``share``, the cumulative share of them.

    >>> d = dt.date
    >>> spread_curve([("P.S. 24", d(2016, 11, 2)), ("P.S. 41", d(2016, 11, 20)), ("P.S. 24", d(2016, 12, 5)),
    ...               ("P.S. 1", d(2017, 1, 9))], origin=("P.S. 8", d(2016, 9, 15)), total=10)
        period  new  cumulative             schools  share
    0  2016-09    1           1           (P.S. 8,)    0.1
    1  2016-10    0           1                  ()    0.1
    2  2016-11    2           3  (P.S. 24, P.S. 41)    0.3
    3  2016-12    0           3                  ()    0.3
    4  2017-01    1           4           (P.S. 1,)    0.4
    """
    frame = _table(adoptions, "adoptions", ("school", "date"))
    if origin is not None:
        if not (isinstance(origin, tuple) and len(origin) == 2) or origin[0] is None:
            raise ValueError(f"origin: expected (school, date), got {origin!r}")
        _day(origin[1], "origin: the date")
        frame = pd.concat([pd.DataFrame({"school": [origin[0]], "date": [origin[1]]}, index=["origin"],
                                        dtype=object), frame])
    frame["date"] = _dates(frame["date"], "adoptions")
    if total is not None and total <= 0:
        raise ValueError(f"total must be a positive number of schools (got {total})")
    last_day = _day(until, "until")
    if last_day is not None:
        frame = frame.loc[frame["date"] <= last_day]
    first = frame.sort_values("date", kind="stable").drop_duplicates("school")
    first = first.assign(period=_periods(first["date"], freq))
    columns = ["period", "new", "cumulative", "schools"] + (["share"] if total else [])
    if first.empty and last_day is None:
        return pd.DataFrame(columns=columns)
    start = first["period"].iloc[0] if len(first) else pd.Period(last_day, freq)
    stop = pd.Period(last_day if last_day is not None else frame["date"].max(), freq)
    periods = _period_range(start, stop, freq)
    schools = first.groupby("period", sort=False)["school"].agg(tuple).reindex(periods)
    out = pd.DataFrame({"period": periods, "schools": [s if isinstance(s, tuple) else () for s in schools]})
    out["new"] = out["schools"].map(len)
    out["cumulative"] = out["new"].cumsum()
    if total:
        out["share"] = out["cumulative"] / total
    return out.loc[:, columns]


@dataclass(frozen=True)
class CollaborationRule:
    """How a network's recorded interactions place it on Little's continuum; the rule is data and shown.

    ``kinds`` maps each kind of interaction to its level in :data:`COLLABORATION_LEVELS`. A network is at the
    highest level for which at least ``min_interactions`` of its mapped interactions, and at least
    ``min_share`` of them, are at that level or above (joint work also counts as sharing, and so on down the
    continuum). A level's own name ("joint work") is always a kind of that level; other kinds not in ``kinds``
    are counted as unmapped and place nothing.
    """

    kinds: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({
        # Little's first level; DistrictLab's default puts a site visit on its own here (looking at another
        # school's practice), and what a visit led to is recorded as interactions of their own
        "storytelling": "storytelling and scanning", "scanning": "storytelling and scanning",
        "site_visit": "storytelling and scanning",
        # seed 004: "direct aid and assistance to help each other solve problems" (3304), asked for when needed
        # (4292-4294)
        "aid": "aid and assistance", "assistance": "aid and assistance", "coaching": "aid and assistance",
        # seed 004: "the sharing of ideas and resources" (3302-3303)
        "sharing": "sharing", "share_out": "sharing", "adoption": "sharing",
        # seed 004: "collaboratively worked to solve common problems and work towards common goals" (3305-3306)
        "joint_work": "joint work",
    }))
    min_interactions: int = 1
    min_share: float = 0.0

    def __post_init__(self):
        for kind, level in self.kinds.items():
            if level not in COLLABORATION_LEVELS:
                raise ValueError(f"rule: kind {kind!r} maps to {level!r}, "
                                 f"not one of {', '.join(COLLABORATION_LEVELS)}")
        if self.min_interactions < 1:
            raise ValueError(f"rule: min_interactions must be at least 1 (got {self.min_interactions})")
        if not 0 <= self.min_share <= 1:
            raise ValueError(f"rule: min_share must be between 0 and 1 (got {self.min_share})")

    def describe(self) -> str:
        """The rule in words, as a page shows it: the threshold, then the kinds counted at each level.

        >>> rule = CollaborationRule({"share_out": "sharing", "joint_work": "joint work"}, min_interactions=2)
        >>> print(rule.describe())
        The highest level on Little's continuum reached by at least 2 interactions at that level or above.
        Sharing: share-out. Joint work: joint work. A level's own name counts as that level.
        """
        share = f" and at least {self.min_share:.0%} of the network's interactions" if self.min_share else ""
        words = {level: ", ".join(kind_label(k) for k, v in self.kinds.items() if v == level)
                 for level in COLLABORATION_LEVELS if level in self.kinds.values()}
        kinds = " ".join(f"{level[0].upper()}{level[1:]}: {listed}." for level, listed in words.items())
        return (f"The highest level on Little's continuum reached by at least {self.min_interactions} "
                f"interaction{'' if self.min_interactions == 1 else 's'}{share} at that level or above.\n{kinds}"
                f"{' ' if kinds else ''}A level's own name counts as that level.")


DEFAULT_RULE = CollaborationRule()

#: The kinds of link and interaction that DistrictLab records, in words (pages never show the codes).
KIND_LABELS = MappingProxyType({
    "site_visit": "site visit", "share_out": "share-out", "joint_work": "joint work",
    "studio_session": "studio session",
})


def kind_label(kind: str) -> str:
    """A kind of link or interaction in words: ``kind_label("site_visit")`` is ``"site visit"``.

    >>> [kind_label(k) for k in ("site_visit", "adoption", "peer_review")]
    ['site visit', 'adoption', 'peer review']
    """
    return KIND_LABELS.get(kind, str(kind).replace("_", " "))


def collaboration_type(interactions: Iterable[tuple[Hashable, str]] | pd.DataFrame, *,
                       rule: CollaborationRule = DEFAULT_RULE) -> pd.DataFrame:
    """Each network's collaboration on Little's continuum, from the kinds of interaction recorded (seed 004).

    ``interactions`` are ``(network, kind)`` pairs (or a DataFrame with columns ``network, kind``). One row per
    network in order of appearance, indexed by network: ``level`` (``None`` when no level is reached), the
    interactions at each level (columns named by :data:`COLLABORATION_LEVELS`), ``unmapped`` (kinds the rule
    does not place) and ``rule``, the reason in words.

    >>> out = collaboration_type([("Triad 1", "share_out"), ("Triad 1", "joint_work"), ("Triad 2", "site_visit"),
    ...                           ("Triad 2", "coaching"), ("Triad 2", "coaching"), ("Quad 3", "email")],
    ...                          rule=CollaborationRule(min_interactions=2))
    >>> out["level"].tolist()
    ['sharing', 'aid and assistance', None]
    >>> print(out.loc["Triad 1", "rule"])
    sharing: 2 of 2 interactions at sharing or above (the rule asks for at least 2); joint work: 1
    """
    frame = _table(interactions, "interactions", ("network", "kind"))
    networks = pd.Index(pd.unique(frame["network"]), name="network", dtype=object, tupleize_cols=False)
    level = frame["kind"].map({**{name: name for name in COLLABORATION_LEVELS}, **rule.kinds})
    counts = (frame.assign(level=level).groupby(["network", "level"], sort=False).size().unstack(fill_value=0)
              .reindex(index=networks, columns=list(COLLABORATION_LEVELS), fill_value=0).astype(int))
    unmapped = frame.loc[level.isna().to_numpy(), "network"].value_counts(sort=False)
    asks = f"at least {rule.min_interactions}" + (f" and {rule.min_share:.0%}" if rule.min_share else "")
    levels, reasons = [], []
    for row in counts.to_numpy():
        mapped = int(row.sum())
        above = np.cumsum(row[::-1])[::-1]  # interactions at each level or above
        placed = [i for i in range(len(row)) if above[i] >= rule.min_interactions and mapped
                  and above[i] / mapped >= rule.min_share]
        plural = "" if mapped == 1 else "s"
        if not placed:
            levels.append(None)
            reasons.append(f"no level: {mapped} interaction{plural} on the continuum (the rule asks for {asks})")
            continue
        i = placed[-1]
        levels.append(COLLABORATION_LEVELS[i])
        reason = (f"{COLLABORATION_LEVELS[i]}: {above[i]} of {mapped} interaction{plural} at {COLLABORATION_LEVELS[i]}"
                  f" or above (the rule asks for {asks})")
        higher = [f"{COLLABORATION_LEVELS[j]}: {row[j]}" for j in range(i + 1, len(row)) if row[j]]
        reasons.append(reason + ("; " + ", ".join(higher) if higher else ""))
    out = counts.copy()
    out.insert(0, "level", pd.Series(levels, index=networks, dtype=object))
    out["unmapped"] = unmapped.reindex(networks, fill_value=0).astype(int).to_numpy()
    out["rule"] = reasons
    return out


@dataclass(frozen=True)
class ShareOut:
    """A school team's share-out at a district meeting and what it reported beyond what was implemented."""

    date: dt.date
    evidence: bool = False
    challenges: bool = False
    successes: bool = False
    school: Hashable = None


QUALITY_FLAGS = ("evidence", "challenges", "successes")


def sharing_quality(shareouts: Iterable[ShareOut | tuple] | pd.DataFrame, *, freq: str = "Q") -> pd.DataFrame:
    """Share-outs period by period: reporting only what was implemented, or with evidence, challenges, successes.

    Seed 001 (line 174): teams first presented "what practices they had piloted, offering little reflection on
    the outcomes", then reported "not only ... what they had implemented but evidence of their challenges and
    successes". ``shareouts`` are :class:`ShareOut` objects, ``(date, evidence, challenges, successes)``
    tuples, or a DataFrame with those columns. One row per period (``freq`` as in :func:`spread_curve`) from the
    first share-out's to the last's, empty periods included: ``share_outs``; ``implemented_only`` (none of the
    three), ``partial`` (one or two), ``full`` (evidence, challenges and successes); how many reported each;
    and ``full_share``, the share of the period's share-outs that were full (NaN with none).

    >>> d = dt.date
    >>> out = sharing_quality([(d(2013, 10, 2), False, False, False), (d(2013, 11, 6), False, False, False),
    ...                        (d(2014, 3, 5), True, True, False), (d(2014, 4, 2), True, True, True),
    ...                        ShareOut(d(2014, 5, 7), evidence=True, challenges=True, successes=True)])
    >>> print(out[["period", "share_outs", "implemented_only", "partial", "full", "full_share"]].to_string())
       period  share_outs  implemented_only  partial  full  full_share
    0  2013Q4           2                 2        0     0         0.0
    1  2014Q1           1                 0        1     0         0.0
    2  2014Q2           2                 0        0     2         1.0
    """
    frame = _table(shareouts, "shareouts", ("date", *QUALITY_FLAGS), record=ShareOut)
    frame["date"] = _dates(frame["date"], "shareouts")
    for flag in QUALITY_FLAGS:
        ok = frame[flag].map(lambda v: isinstance(v, (bool, np.bool_)))
        if not ok.all():
            label = (~ok).idxmax()
            raise _bad("shareouts", label, flag, f"must be True or False (got {frame[flag].loc[label]!r})")
        frame[flag] = frame[flag].astype(bool)
    reported = frame[list(QUALITY_FLAGS)].sum(axis=1)
    frame["implemented_only"] = reported == 0
    frame["partial"] = (reported > 0) & (reported < 3)
    frame["full"] = reported == 3
    frame["period"] = _periods(frame["date"], freq)
    names = ["share_outs", "implemented_only", "partial", "full", *QUALITY_FLAGS]
    if frame.empty:
        return pd.DataFrame(columns=["period", *names, "full_share"])
    periods = _period_range(frame["period"].min(), frame["period"].max(), freq)
    grouped = frame.groupby("period")
    out = pd.DataFrame({"share_outs": grouped.size()}).join(
        grouped[["implemented_only", "partial", "full", *QUALITY_FLAGS]].sum())
    out = out.reindex(periods, fill_value=0).astype(int)
    out["full_share"] = out["full"] / out["share_outs"].where(out["share_outs"] > 0)
    out = out.rename_axis("period").reset_index()
    return out.loc[:, ["period", *names, "full_share"]]


@dataclass(frozen=True)
class ToolUse:
    """A school uses ``tool`` for a core ``element`` of the shared design; ``derived_from`` the tool it tweaked."""

    school: Hashable
    element: str
    tool: Hashable
    derived_from: Hashable = None


def _ancestors(tool, parents: Mapping) -> list:
    """The tools ``tool`` was derived from, nearest first."""
    chain = [tool]
    while chain[-1] in parents:
        chain.append(parents[chain[-1]])
        if chain[-1] in chain[:-1]:
            raise ValueError(f"uses: tools derived from each other in a circle ({' <- '.join(map(str, chain))})")
    return chain[1:]


def tool_alignment(elements: Iterable[str], uses: Iterable[ToolUse | tuple] | pd.DataFrame, *,
                   reference: Mapping[str, Hashable] | None = None) -> pd.DataFrame:
    """For each core element of a shared design, how many schools use the same tool or one derived from it.

    ``uses`` are :class:`ToolUse` objects, ``(school, element, tool, derived_from)`` tuples, or a DataFrame with
    those columns; ``derived_from`` is the tool a school tweaked into its own ("steal ideas ... and then tweak
    them", seed 001 line 188), ``None`` when not derived. Derivation is followed at any remove. The element's
    ``tool`` is ``reference[element]`` when given (the design's own tool), otherwise the tool whose family (it and
    the tools derived from it) the most schools use, ties going to the tool more schools use as it is, then to
    the first named. Each school using the element counts once, as ``same`` (it uses that tool), else
    ``derived`` (a tool derived from it), else ``different``. Rows follow ``elements``; an element no school uses
    has no tool and zeros. A use of an element not listed, a tool given two origins, or derivations in a circle
    is a ValueError.

    >>> out = tool_alignment(["Growth mindset", "Behavioral reflection form"], [
    ...     ("Desert Grove", "Behavioral reflection form", "Think It Out", None),
    ...     ("Valley", "Behavioral reflection form", "Valley reflection", "Think It Out"),
    ...     ("Forest Glen", "Behavioral reflection form", "Advisory reflection", None),
    ...     ("Desert Grove", "Growth mindset", "Day-two mini-lessons", None),
    ...     ("Valley", "Growth mindset", "PLC lesson", None)])
    >>> print(out.to_string())  # doctest: +NORMALIZE_WHITESPACE
                                                tool  schools  same  derived  different
    element
    Growth mindset              Day-two mini-lessons        2     1        0          1
    Behavioral reflection form          Think It Out        3     1        1          1
    """
    elements = list(dict.fromkeys(elements))
    frame = _table(uses, "uses", ("school", "element", "tool", "derived_from"), record=ToolUse, required=3,
                   defaults={"derived_from": None})
    unknown = ~frame["element"].isin(elements)
    if unknown.any():
        label = unknown.idxmax()
        raise _bad("uses", label, "element", f"{frame['element'].loc[label]!r} is not one of the core elements")
    parents: dict = {}
    for label, tool, parent in frame.loc[frame["derived_from"].notna(), ["tool", "derived_from"]].itertuples():
        if parent == tool:
            raise _bad("uses", label, "derived_from", f"names the tool itself ({tool!r})")
        if parents.setdefault(tool, parent) != parent:
            raise _bad("uses", label, "derived_from", f"{parent!r} contradicts an earlier row ({parents[tool]!r})")
    lineage = {tool: _ancestors(tool, parents) for tool in pd.unique(frame["tool"])}
    reference = dict(reference or {})
    out = []
    for element in elements:
        rows = frame.loc[frame["element"] == element]
        schools = {}  # school -> tools, in order of appearance
        for school, tool in zip(rows["school"], rows["tool"]):
            schools.setdefault(school, []).append(tool)
        tool = reference.get(element)
        if tool is None and schools:
            family, direct, order = {}, {}, {}
            for tools in schools.values():
                for root in {([t, *lineage[t]])[-1] for t in tools}:
                    family[root] = family.get(root, 0) + 1
                for t in set(tools):
                    direct[t] = direct.get(t, 0) + 1
                for t in tools:
                    order.setdefault(([t, *lineage[t]])[-1], len(order))
            tool = min(family, key=lambda r: (-family[r], -direct.get(r, 0), order[r]))
        same = derived = 0
        for tools in schools.values():
            if tool in tools:
                same += 1
            elif any(tool in lineage.get(t, ()) for t in tools):
                derived += 1
        out.append({"element": element, "tool": tool, "schools": len(schools), "same": same, "derived": derived,
                    "different": len(schools) - same - derived})
    columns = ["element", "tool", "schools", "same", "derived", "different"]
    return pd.DataFrame({c: pd.Series([row[c] for row in out], dtype=object if c in ("element", "tool") else int)
                         for c in columns}).set_index("element")  # object: None where no school uses the element
