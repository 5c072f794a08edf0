"""A practice's lineage: origin → versions → publications → adoptions → conventions, as a timeline and a graph."""
import datetime as dt
from dataclasses import dataclass

from districtlab.core.charts import cached_svg, figure, to_svg


@dataclass(frozen=True)
class Event:
    date: dt.date
    phase: str  # origin, version, publication, adoption, convention (seed 000's Vygotsky Space, read onto events)
    text: str
    school: str = ""  # the lane on the graph
    from_school: str = ""  # an adoption's source lane


def lineage(practice, versions, publications, adoptions, conventions) -> list[Event]:
    """Every event in the practice's life, in date order."""
    origin = practice.origin_school.name if practice.origin_school else ""
    events = []
    for v in versions:
        when = v.date or practice.created.date()
        if v.number == 1:
            events.append(Event(when, "origin", f"{practice.name} begins{' at ' + origin if origin else ''}", origin))
        else:
            events.append(Event(when, "version", f"Version {v.number}: {v.what_changed}",
                                v.school.name if v.school else origin))
    for p in publications:
        where = f" ({p.where})" if p.where else ""
        events.append(Event(p.at.date(), "publication", f"Shared with {p.get_to_level_display().lower()}{where}",
                            origin))
    for a in adoptions:
        how = f"adapted as version {a.adapted_as.number}" if a.adapted_as else "as it was"
        source = a.from_school.name if a.from_school else ""
        events.append(Event(a.date, "adoption", f"{a.school} adopted it {how}{' from ' + source if source else ''}, "
                                                f"through {a.get_through_display().lower()}; now: "
                                                f"{a.get_status_display().lower()}",
                            a.school.name, source))
    for c in conventions:
        events.append(Event(c.date, "convention", f"{c.get_level_display()} convention: {c.title}",
                            c.school.name if c.school else "The district"))
    return sorted(events, key=lambda e: (e.date, ["origin", "version", "publication", "adoption", "convention"]
                                         .index(e.phase)))


MARKERS = {"origin": ("o", "C0"), "version": ("s", "C1"), "publication": ("^", "C2"), "adoption": ("D", "C3"),
           "convention": ("*", "C4")}


def marker_rows(events: list[Event], lanes: dict[str, int]) -> list[float]:
    """Where each event's marker sits across its lane: events of one lane too close in time to tell apart
    (the same day, or within 1/80 of the whole timeline) are spread across the lane instead of drawn on top
    of each other.

    >>> d = dt.date(2016, 9, 12)
    >>> marker_rows([Event(d, "origin", "", "A"), Event(d, "publication", "", "A"), Event(d, "origin", "", "B")],
    ...             {"A": 0, "B": 1})
    [-0.1, 0.1, 1.0]
    """
    if not events:
        return []
    dates = [e.date for e in events]
    close = max(dt.timedelta(days=1), (max(dates) - min(dates)) / 80)
    rows = [0.0] * len(events)
    by_lane: dict[str, list[int]] = {}
    for i, e in enumerate(events):
        by_lane.setdefault(e.school or "—", []).append(i)
    for lane, indexes in by_lane.items():
        indexes.sort(key=lambda i: events[i].date)
        clusters = [[indexes[0]]]
        for i in indexes[1:]:
            if events[i].date - events[clusters[-1][-1]].date < close:
                clusters[-1].append(i)
            else:
                clusters.append([i])
        for cluster in clusters:
            gap = min(0.2, 0.7 / len(cluster))
            for k, i in enumerate(cluster):
                rows[i] = round(lanes[lane] + (k - (len(cluster) - 1) / 2) * gap, 3)
    return rows


def lineage_svg(events: list[Event], title: str) -> str:
    """The lineage graph, drawn once for what it shows and then taken from the cache (``cached_svg``)."""
    return cached_svg("lineage", drawn_from(events, title), lambda: draw_lineage(events, title))


def drawn_from(events: list[Event], title: str) -> dict:
    """Everything ``draw_lineage`` reads (not the events' texts): the lineage graph's cache key."""
    return {"events": [(e.date, e.phase, e.school, e.from_school) for e in events], "title": title}


def draw_lineage(events: list[Event], title: str) -> str:
    """One lane per school (the district last), events along time, arrows for adoptions from school to school.

    >>> e = [Event(dt.date(2014, 3, 1), "origin", "Begins", "A"), Event(dt.date(2014, 8, 1), "adoption", "B took it",
    ...      "B", "A")]
    >>> svg = draw_lineage(e, "Think It Out")
    >>> svg.startswith("<?xml") and "Think It Out" in svg
    True
    """
    lanes = list(dict.fromkeys(e.school or "—" for e in events if e.school != "The district"))
    if any(e.school == "The district" for e in events):
        lanes.append("The district")
    y = {lane: i for i, lane in enumerate(lanes)}
    at = dict(zip(map(id, events), marker_rows(events, y)))
    fig = figure(8, 1.2 + 0.5 * len(lanes))
    ax = fig.subplots()
    for phase, (marker, colour) in MARKERS.items():
        points = [e for e in events if e.phase == phase]
        if points:
            ax.scatter([e.date for e in points], [at[id(e)] for e in points], marker=marker, color=colour,
                       s=60, label=phase, zorder=3)
    for e in events:
        if e.phase == "adoption" and e.from_school in y:
            ax.annotate("", xy=(e.date, at[id(e)]), xytext=(e.date, y[e.from_school]),
                        arrowprops={"arrowstyle": "->", "color": "C3"})
    ax.set_yticks(range(len(lanes)), lanes, fontsize=8)
    ax.set_ylim(-0.6, len(lanes) - 0.4)
    ax.invert_yaxis()
    ax.tick_params(axis="x", labelsize=8)
    ax.set_title(f"Lineage: {title}", fontsize=10)
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    fig.autofmt_xdate()
    return to_svg(fig)


def school_graph_svg(edges, title: str, limit: int = 60) -> str:
    """Who learned from whom: schools as points, arrows from the school that taught to the one that learned,
    thicker for more links; the ``limit`` heaviest pairs (a Kamada-Kawai layout from igraph, deterministic).

    >>> import pandas as pd
    >>> svg = school_graph_svg(pd.DataFrame({"source": ["A"], "target": ["B"], "weight": [2.0]}), "Triad")
    >>> svg.startswith("<?xml") and "Triad" in svg
    True
    """
    import igraph

    edges = edges.head(limit)
    names = list(dict.fromkeys([*edges["source"], *edges["target"]]))
    index = {n: i for i, n in enumerate(names)}
    graph = igraph.Graph(n=len(names), edges=[(index[s], index[t]) for s, t in zip(edges["source"], edges["target"])],
                         directed=True)
    layout = graph.layout_kamada_kawai() if len(names) > 1 else [(0.0, 0.0)]
    fig = figure(8, 5)
    ax = fig.subplots()
    top = float(edges["weight"].max()) if len(edges) else 1.0
    for s, t, w in zip(edges["source"], edges["target"], edges["weight"]):
        (x1, y1), (x2, y2) = layout[index[s]], layout[index[t]]
        ax.annotate("", xy=(x2, y2), xytext=(x1, y1), arrowprops={
            "arrowstyle": "-|>", "color": "C0", "alpha": 0.6, "lw": 0.8 + 2.5 * float(w) / top,
            "shrinkA": 8, "shrinkB": 8})
    ax.scatter([p[0] for p in layout], [p[1] for p in layout], s=80, color="C1", zorder=3)
    for name, (x, y) in zip(names, layout):
        ax.annotate(name, (x, y), xytext=(4, 4), textcoords="offset points", fontsize=7)
    ax.set_axis_off()
    ax.set_title(f"Who learned from whom: {title}", fontsize=10)
    return to_svg(fig)
