"""What a measure's page and its chart download show: the analysis of its points, drawn within a fixed bound.

The work a measure's page does is bounded whatever the measure's size: at most ``series.MAX_POINTS`` points are
analysed (a measure holds no more), and the chart and the table of its numbers show at most ``SHOWN`` points,
the latest ones. Centre lines, limits and signals are always those of the whole series; when points are left
out of the drawing the page says so, and the CSV download has every point. The chart is drawn once for its data
and then taken from the cache (``core.charts.cached_svg``).
"""
from dataclasses import dataclass, field

from districtlab.analysis.runchart import run_chart
from districtlab.analysis.spc import control_chart
from districtlab.core.charts import cached_svg

from .charts import chart_svg
from .series import MAX_POINTS

SHOWN = 300  # points drawn on a measure's chart and listed in its table: the latest ones


@dataclass
class MeasureChart:
    total: int = 0  # points analysed
    parts: list[dict] = field(default_factory=list)  # the parts with a point shown, each with its whole analysis
    error: str = ""  # why the chart cannot be drawn, in plain words
    svg: str = ""

    @property
    def shown(self) -> int:
        return sum(len(p["points"]) for p in self.parts)

    @property
    def windowed(self) -> bool:
        return self.shown < self.total


def analyse(measure, xs, ys, ns, parts) -> list[dict]:
    """The run chart or control chart of a measure's points, per part (plain dicts)."""
    if measure.chart == "run":
        return [part.as_dict() for part in run_chart(xs, ys, parts)]
    return [part.as_dict() for part in control_chart(xs, ys, measure.chart, ns, parts)]


def latest(parts: list[dict], limit: int) -> list[dict]:
    """The parts holding the latest ``limit`` points, those points only (each part's figures are kept whole).

    >>> parts = [{"part": "a", "points": [1, 2, 3]}, {"part": "b", "points": [4, 5]}]
    >>> latest(parts, 3)
    [{'part': 'a', 'points': [3]}, {'part': 'b', 'points': [4, 5]}]
    """
    out, room = [], limit
    for part in reversed(parts):
        if room <= 0:
            break
        points = part["points"][-room:]
        room -= len(points)
        out.append({**part, "points": points})
    return out[::-1]


def measure_chart(measure, draw: bool = True) -> MeasureChart:
    """``measure``'s analysis and (``draw``) its SVG chart, from its latest ``MAX_POINTS`` points at most."""
    rows = list(measure.points.order_by("-position").values_list("label", "value", "denominator", "part")
                [:MAX_POINTS])[::-1]
    result = MeasureChart(total=len(rows))
    if not rows:
        return result
    xs, ys, ns, parts = (list(column) for column in zip(*rows))
    try:
        result.parts = latest(analyse(measure, xs, ys, ns, parts), SHOWN)
    except ValueError as exc:
        result.error = str(exc)
        return result
    if draw:
        result.svg = cached_svg("measure", drawn_from(result.parts, measure),
                                lambda: chart_svg(result.parts, measure.name, measure.unit))
    return result


def drawn_from(parts: list[dict], measure) -> list:
    """What a measure's chart is drawn from (the key of its cached SVG): its kind, the parts shown with their
    points, limits and signals, the title and the unit."""
    return [measure.chart, parts, measure.name, measure.unit]
