"""Shewhart control charts, per part, with 3-sigma limits, sigma signals and runs signals.

Charts (``chart`` argument) and the published rule each follows:

- ``i`` individuals and ``mr`` moving ranges: Montgomery DC, *Introduction to Statistical Quality Control*
  (7th ed.), 6.4. Sigma = average moving range / 1.128, with moving ranges above 3.267 × their average left
  out of that average first (Provost LP, Murray SK, *The Health Care Data Guide*, 2011, ch. 5; as qicharts2).
  MR chart: CL = average moving range, UCL = 3.267 × CL, LCL = 0. Successive moving ranges share a point, so
  they are autocorrelated and runs around their centre line mean nothing: an MR chart reports its runs numbers
  but never a runs signal (as qicharts2 does).
- ``xbar`` and ``s`` for subgroups (several y per x): pooled S̄ = sqrt(Σ(nᵢ−1)sᵢ² / Σ(nᵢ−1)); Xbar limits
  x̿ ± A3(nᵢ)·S̄; S limits B3(nᵢ)·S̄ and B4(nᵢ)·S̄, with c4-based constants (Montgomery 6.3), so limits vary
  with subgroup size.
- ``p`` proportions (y events of n): p̄ = Σy/Σn, limits p̄ ± 3·sqrt(p̄(1−p̄)/nᵢ), within [0, 1].
- ``u`` rates (y events per n units): ū = Σy/Σn, limits ū ± 3·sqrt(ū/nᵢ), not below 0.
- ``c`` counts: c̄ ± 3·sqrt(c̄), not below 0.
- ``pp`` and ``up``: Laney's P′ and U′ for large denominators (Laney DB, "Improved control charts for
  attributes", *Quality Engineering* 14(4), 2002): the p/u sigma of each point times σz, the average
  moving range of the standardised values zᵢ divided by 1.128.
- ``t`` time between rare events: an I chart of y^(1/3.6), limits transformed back (Nelson LS, "A control
  chart for parts-per-million nonconforming items", *J Qual Technol* 26, 1994; Provost & Murray ch. 7).
- ``g`` opportunities between rare events: limits from the mean m, UCL = m + 3·sqrt(m(m+1)), LCL = max(0, m −
  3·sqrt(m(m+1))) (Benneyan JC, "Number-between g-type statistical quality control charts", *Health Care
  Manag Sci* 4, 2001); the centre line drawn, and used for the runs analysis, is the median of the data,
  since g data are skewed (Provost & Murray ch. 7; as qicharts2).

Each point is flagged when it falls outside its limits (``sigma_signal``); each part gets Anhøj's runs
analysis around its centre line (``analysis.runchart.anhoej``).
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from statistics import fmean, median

from .runchart import RunsAnalysis, anhoej, split_parts

CHARTS = ("i", "mr", "xbar", "s", "p", "pp", "u", "up", "c", "t", "g")
NEEDS_N = {"p", "pp", "u", "up"}
D2 = 1.128  # d2 for moving ranges of two
D4 = 3.267  # D4 for moving ranges of two


def c4(n: float) -> float:
    """The c4 bias constant for a standard deviation from a subgroup of n.

    >>> round(c4(5), 4)
    0.94
    """
    return math.sqrt(2 / (n - 1)) * math.exp(math.lgamma(n / 2) - math.lgamma((n - 1) / 2))


def moving_ranges(values: Sequence[float]) -> list[float]:
    """|yᵢ − yᵢ₋₁| for i ≥ 1."""
    return [abs(b - a) for a, b in zip(values, values[1:])]


def screened_average_mr(values: Sequence[float]) -> float:
    """Average moving range, leaving out moving ranges above 3.267 × the first average.

    >>> screened_average_mr([10, 12, 11, 13, 12, 40])  # ranges 2, 1, 2, 1, 28: the 28 is left out
    1.5
    """
    mr = moving_ranges(values)
    if not mr:
        return 0.0
    amr = fmean(mr)
    kept = [r for r in mr if r <= D4 * amr]
    return fmean(kept) if kept else amr


@dataclass
class ChartPart:
    part: str
    chart: str
    points: list[dict]
    runs: RunsAnalysis
    cl: float | None = None
    limits_constant: bool = True
    notes: list[str] = field(default_factory=list)

    @property
    def runs_signal(self) -> bool:
        """Anhøj's runs signal, except on an MR chart (moving ranges are autocorrelated)."""
        return self.chart != "mr" and self.runs.runs_signal

    def as_dict(self) -> dict:
        first = next((p for p in self.points if p["ucl"] is not None), self.points[0] if self.points else {})
        constant = {"cl": self.cl, "lcl": first.get("lcl"), "ucl": first.get("ucl")} if self.limits_constant \
            else {"cl": self.cl, "lcl": None, "ucl": None}
        return {"part": self.part, "chart": self.chart, "n_obs": self.runs.n_obs, "n_useful": self.runs.n_useful,
                **constant, "limits_vary": not self.limits_constant,
                "longest_run": self.runs.longest_run, "longest_run_max": self.runs.longest_run_max,
                "n_crossings": self.runs.n_crossings, "n_crossings_min": self.runs.n_crossings_min,
                "runs_signal": self.runs_signal,
                "sigma_signal": any(p["sigma_signal"] for p in self.points), "points": self.points}


def _point(x, y, cl, lcl, ucl, **extra) -> dict:
    signal = y is not None and ucl is not None and (y > ucl or (lcl is not None and y < lcl))
    return {"x": x, "y": y, "cl": cl, "lcl": lcl, "ucl": ucl, "sigma_signal": bool(signal), **extra}


def _i(xs, ys):
    cl = fmean(ys)
    sigma = screened_average_mr(ys) / D2
    return cl, [_point(x, y, cl, cl - 3 * sigma, cl + 3 * sigma) for x, y in zip(xs, ys)]


def _mr(xs, ys):
    mr = moving_ranges(ys)
    cl = fmean(mr) if mr else 0.0
    points = [_point(xs[0], None, cl, None, None)]
    points += [_point(x, r, cl, 0.0, D4 * cl) for x, r in zip(xs[1:], mr)]
    return cl, points


def _subgroups(xs, ys):
    groups: dict = {}
    for x, y in zip(xs, ys):
        groups.setdefault(x, []).append(y)
    return groups


def _pooled_s(groups) -> float:
    num = sum((len(g) - 1) * _var(g) for g in groups.values() if len(g) > 1)
    den = sum(len(g) - 1 for g in groups.values() if len(g) > 1)
    if den == 0:
        raise ValueError("Xbar and S charts need subgroups: several rows with the same x.")
    return math.sqrt(num / den)


def _var(g):
    m = fmean(g)
    return sum((v - m) ** 2 for v in g) / (len(g) - 1)


def _xbar(xs, ys):
    groups = _subgroups(xs, ys)
    s_bar = _pooled_s(groups)
    grand = fmean(ys)
    points = []
    for x, g in groups.items():
        n = len(g)
        if n < 2:
            points.append(_point(x, fmean(g), grand, None, None, n=n))
            continue
        a3 = 3 / (c4(n) * math.sqrt(n))
        points.append(_point(x, fmean(g), grand, grand - a3 * s_bar, grand + a3 * s_bar, n=n))
    return grand, points


def _s(xs, ys):
    groups = _subgroups(xs, ys)
    s_bar = _pooled_s(groups)
    points = []
    for x, g in groups.items():
        n = len(g)
        if n < 2:
            points.append(_point(x, None, s_bar, None, None, n=n))
            continue
        k = 3 * math.sqrt(1 - c4(n) ** 2) / c4(n)
        points.append(_point(x, math.sqrt(_var(g)), s_bar, max(0.0, 1 - k) * s_bar, (1 + k) * s_bar, n=n))
    return s_bar, points


def _attribute(xs, ys, ns, kind: str, laney: bool):
    if any(n is None or n <= 0 for n in ns):
        raise ValueError(f"{kind.upper()} charts need a denominator n above 0 on every row.")
    if kind == "p" and any(y > n for y, n in zip(ys, ns)):
        raise ValueError("For a P chart y (events) cannot be more than n (cases).")
    centre = sum(ys) / sum(ns)
    sigmas = [math.sqrt(centre * (1 - centre) / n) if kind == "p" else math.sqrt(centre / n) for n in ns]
    rates = [y / n for y, n in zip(ys, ns)]
    factor = 1.0
    if laney:
        z = [(r - centre) / s if s else 0.0 for r, s in zip(rates, sigmas)]
        factor = fmean(moving_ranges(z)) / D2 if len(z) > 1 else 1.0
    points = []
    for x, r, s, n in zip(xs, rates, sigmas, ns):
        lcl = max(0.0, centre - 3 * s * factor)
        ucl = centre + 3 * s * factor
        if kind == "p":
            ucl = min(1.0, ucl)
        points.append(_point(x, r, centre, lcl, ucl, n=n))
    return centre, points


def _c(xs, ys):
    cl = fmean(ys)
    return cl, [_point(x, y, cl, max(0.0, cl - 3 * math.sqrt(cl)), cl + 3 * math.sqrt(cl)) for x, y in zip(xs, ys)]


def _t(xs, ys):
    if any(y < 0 for y in ys):
        raise ValueError("T charts take times between events: y cannot be negative.")
    transformed = [y ** (1 / 3.6) for y in ys]
    cl_t = fmean(transformed)
    sigma = screened_average_mr(transformed) / D2
    cl, lcl, ucl = cl_t ** 3.6, max(0.0, cl_t - 3 * sigma) ** 3.6, (cl_t + 3 * sigma) ** 3.6
    return cl, [_point(x, y, cl, lcl, ucl) for x, y in zip(xs, ys)]


def _g(xs, ys):
    if any(y < 0 for y in ys):
        raise ValueError("G charts take counts of opportunities between events: y cannot be negative.")
    mean = fmean(ys)
    s = math.sqrt(mean * (mean + 1))
    cl = median(ys)  # the centre line; the limits are the mean's
    return cl, [_point(x, y, cl, max(0.0, mean - 3 * s), mean + 3 * s) for x, y in zip(xs, ys)]


# chart -> f(xs, ys, ns) returning (centre line, points)
CHART_RULES = {
    "i": lambda xs, ys, ns: _i(xs, ys), "mr": lambda xs, ys, ns: _mr(xs, ys),
    "xbar": lambda xs, ys, ns: _xbar(xs, ys), "s": lambda xs, ys, ns: _s(xs, ys),
    "c": lambda xs, ys, ns: _c(xs, ys), "t": lambda xs, ys, ns: _t(xs, ys), "g": lambda xs, ys, ns: _g(xs, ys),
    "p": lambda xs, ys, ns: _attribute(xs, ys, ns, "p", laney=False),
    "pp": lambda xs, ys, ns: _attribute(xs, ys, ns, "p", laney=True),
    "u": lambda xs, ys, ns: _attribute(xs, ys, ns, "u", laney=False),
    "up": lambda xs, ys, ns: _attribute(xs, ys, ns, "u", laney=True),
}


def control_chart(xs: Sequence, ys: Sequence[float], chart: str = "i", ns: Sequence[float] | None = None,
                  parts: Sequence | None = None) -> list[ChartPart]:
    """A control chart of ``ys`` at ``xs`` (with denominators ``ns`` for p/u charts), one per part.

    >>> round(control_chart([1, 2, 3, 4], [2, 4, 2, 4], chart="c")[0].points[0]["ucl"], 3)  # 3 + 3·√3
    8.196
    >>> part = control_chart(range(8), [10, 12, 11, 13, 12, 11, 12, 30])[0]
    >>> part.cl, round(part.points[0]["lcl"], 3), round(part.points[0]["ucl"], 3)
    (13.875, 10.329, 17.421)
    >>> [p["sigma_signal"] for p in part.points]
    [True, False, False, False, False, False, False, True]
    """
    if chart not in CHARTS:
        raise ValueError(f'Unknown chart "{chart}": use one of {", ".join(CHARTS)}.')
    if chart in NEEDS_N and ns is None:
        raise ValueError(f"A {chart} chart needs a denominator column n.")
    ns = list(ns) if ns is not None else [None] * len(ys)
    if not (len(xs) == len(ys) == len(ns)):
        raise ValueError("x, y and n must have the same length.")
    result = []
    index = 0
    for label, px, py in split_parts(xs, ys, parts):
        pn = ns[index:index + len(py)]
        index += len(py)
        if not py:
            continue
        if chart in ("i", "mr", "t") and len(py) < 2:
            raise ValueError(f'Part "{label or "all"}" has {len(py)} point: a {chart} chart needs at least 2.')
        cl, points = CHART_RULES[chart](px, py, pn)
        plotted = [p["y"] for p in points if p["y"] is not None]
        constant = len({(p["lcl"], p["ucl"]) for p in points if p["ucl"] is not None}) <= 1
        result.append(ChartPart(label, chart, points, anhoej(plotted, cl), cl, constant))
    return result
