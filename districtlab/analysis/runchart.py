"""Run charts: is a measure changing, judged by runs around the median (no distribution assumed).

Two rule sets, applied per *part* (the median is rebased after a change: "after change idea 2"):

- **Anhøj rules** (default). Anhøj J, Olesen AV (2014) "Run charts revisited: a simulation study of run
  chart rules for detection of non-random variation in health care processes", PLoS ONE 9(11): e113825.
  Points on the median are not useful. Signal when the longest run of useful points on one side of the
  median is longer than ``round(log2(n_useful) + 3)``, or when the line crosses the median fewer times
  than the 5th percentile of Binomial(n_useful - 1, 0.5).
- **IHI rules** (option). Perla RJ, Provost LP, Murray SK (2011) "The run chart: a simple analytical tool
  for learning from variation in healthcare processes", BMJ Qual Saf 20:46-51. Shift: six or more
  consecutive points on one side of the median (points on the median neither break nor add to it).
  Trend: five or more consecutive points all going up or all going down (repeated values neither make nor
  break it). Runs: too few or too many runs for the number of useful points, from the exact
  Swed-Eisenhart distribution of runs, 2.5% in each tail (for 20 useful points, 10 above and 10 below:
  6 runs or fewer, or 16 or more, as in the published tables); checked from 10 useful points on. Astronomical point: a point whose distance from
  the median is more than three times the series' scaled median absolute deviation (our operational
  reading of "blatantly different", which the paper leaves to judgement).
"""
from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from statistics import median
from typing import TypeVar

T = TypeVar("T")


def _binom_cdf(k: int, n: int) -> float:
    return sum(math.comb(n, i) for i in range(k + 1)) / 2**n


EXACT_UP_TO = 2000  # binom_quantile sums exact integers up to this n (time grows with n²), floats above


def binom_quantile(p: float, n: int) -> int:
    """Smallest k with P(X <= k) >= p for X ~ Binomial(n, 0.5) (R's ``qbinom(p, n, 0.5)``).

    >>> binom_quantile(0.05, 9), binom_quantile(0.05, 19)
    (2, 6)
    """
    if n <= 0:
        return 0
    if n > EXACT_UP_TO:  # the same sum in floating point, from where its terms start to count
        start = max(0, math.floor(n / 2 - 20 * math.sqrt(n)))  # below: less than 1e-80 of the total
        log_half, cumulative = n * math.log(0.5), 0.0
        for k in range(start, n + 1):
            cumulative += math.exp(math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1) + log_half)
            if cumulative >= p:
                return k
        return n
    total, cumulative, term = 2**n, 0, 1  # term = C(n, k), built up step by step
    for k in range(n + 1):
        cumulative += term
        if cumulative / total >= p:
            return k
        term = term * (n - k) // (k + 1)
    return n


def sides(values: Sequence[float], centre: float) -> list[int]:
    """+1 above, -1 below, 0 on the centre line, for each value."""
    return [(v > centre) - (v < centre) for v in values]


def longest_run(signs: Sequence[int]) -> int:
    """Longest run of useful points (non-zero signs) on one side; zeros are skipped.

    >>> longest_run([1, 1, 0, 1, -1, -1])
    3
    """
    useful = [s for s in signs if s]
    best = run = 0
    previous = None
    for s in useful:
        run = run + 1 if s == previous else 1
        previous = s
        best = max(best, run)
    return best


def crossings(signs: Sequence[int]) -> int:
    """How many times the useful points cross the centre line.

    >>> crossings([1, 0, -1, -1, 1])
    2
    """
    useful = [s for s in signs if s]
    return sum(1 for a, b in zip(useful, useful[1:]) if a != b)


@dataclass
class RunsAnalysis:
    """Anhøj's runs analysis of one part of a series around a centre line."""

    n_obs: int
    n_useful: int
    longest_run: int
    longest_run_max: int
    n_crossings: int
    n_crossings_min: int

    @property
    def runs_signal(self) -> bool:
        return self.n_useful > 0 and (self.longest_run > self.longest_run_max
                                      or self.n_crossings < self.n_crossings_min)


def anhoej(values: Sequence[float], centre: float) -> RunsAnalysis:
    """Anhøj rules for ``values`` around ``centre`` (the median for run charts, the centre line for SPC).

    >>> a = anhoej([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], centre=5.5)
    >>> (a.n_useful, a.longest_run, a.longest_run_max, a.n_crossings, a.n_crossings_min, a.runs_signal)
    (10, 5, 6, 1, 2, True)
    """
    signs = sides(values, centre)
    n_useful = sum(1 for s in signs if s)
    return RunsAnalysis(
        n_obs=len(values),
        n_useful=n_useful,
        longest_run=longest_run(signs),
        longest_run_max=round(math.log2(n_useful) + 3) if n_useful else 0,
        n_crossings=crossings(signs),
        n_crossings_min=binom_quantile(0.05, n_useful - 1) if n_useful else 0,
    )


# --- IHI rules -------------------------------------------------------------------------------------

def shifts(values: Sequence[float], centre: float, length: int = 6) -> list[bool]:
    """Per point: is it part of a shift (``length`` or more useful points in a row on one side)?"""
    signs = sides(values, centre)
    flags = [False] * len(values)
    run: list[int] = []
    for i, s in enumerate(signs):
        if s == 0:
            continue
        if run and signs[run[-1]] != s:
            run = []
        run.append(i)
        if len(run) >= length:
            for j in run:
                flags[j] = True
    return flags


def trends(values: Sequence[float], length: int = 5) -> list[bool]:
    """Per point: is it part of a trend (``length`` or more points all going up, or all going down)?

    Repeated values neither make nor break a trend.
    """
    flags = [False] * len(values)
    kept = [i for i, v in enumerate(values) if i == 0 or v != values[i - 1]]
    run = [kept[0]] if kept else []
    direction = 0
    for a, b in zip(kept, kept[1:]):
        step = (values[b] > values[a]) - (values[b] < values[a])
        if step == direction:
            run.append(b)
        else:
            run = [a, b]
            direction = step
        if len(run) >= length:
            for j in run:
                flags[j] = True
    return flags


def _runs_pmf(r: int, n1: int, n2: int) -> float:
    """P(R = r) runs among n1 + n2 two-kind points in random order (Swed & Eisenhart 1943)."""
    total = math.comb(n1 + n2, n1)
    if r < 2:
        return 0.0
    if r % 2 == 0:
        k = r // 2
        return 2 * math.comb(n1 - 1, k - 1) * math.comb(n2 - 1, k - 1) / total
    k = (r - 1) // 2
    return (math.comb(n1 - 1, k) * math.comb(n2 - 1, k - 1) + math.comb(n1 - 1, k - 1) * math.comb(n2 - 1, k)) / total


def runs_limits(n1: int, n2: int, alpha: float = 0.025) -> tuple[int, int]:
    """Fewest and most runs that are not a signal for n1 points above and n2 below (``alpha`` in each tail).

    >>> runs_limits(10, 10)
    (7, 15)
    """
    if n1 == 0 or n2 == 0:
        return 1, 1
    most = 2 * min(n1, n2) + (n1 != n2)
    cumulative, low = 0.0, 1
    for r in range(2, most + 1):
        cumulative += _runs_pmf(r, n1, n2)
        if cumulative > alpha:
            low = r
            break
    cumulative, high = 0.0, most
    for r in range(most, 1, -1):
        cumulative += _runs_pmf(r, n1, n2)
        if cumulative > alpha:
            high = r
            break
    return low, high


def astronomical(values: Sequence[float], centre: float) -> list[bool]:
    """Points further from the median than 3 × 1.4826 × MAD (our reading of "blatantly different")."""
    if not values:
        return []
    mad = median(abs(v - centre) for v in values) * 1.4826
    return [mad > 0 and abs(v - centre) > 3 * mad for v in values]


# --- the chart ---------------------------------------------------------------------------------------

@dataclass
class RunChartPart:
    part: str
    median: float
    runs: RunsAnalysis
    points: list[dict] = field(default_factory=list)
    ihi: dict | None = None

    @property
    def signal(self) -> bool:
        if self.ihi is not None:
            return any(self.ihi[k] for k in ("shift", "trend", "runs", "astronomical"))
        return self.runs.runs_signal

    def as_dict(self) -> dict:
        out = {"part": self.part, "n_obs": self.runs.n_obs, "n_useful": self.runs.n_useful, "median": self.median,
               "longest_run": self.runs.longest_run, "longest_run_max": self.runs.longest_run_max,
               "n_crossings": self.runs.n_crossings, "n_crossings_min": self.runs.n_crossings_min,
               "runs_signal": self.runs.runs_signal, "signal": self.signal, "points": self.points}
        if self.ihi is not None:
            out["ihi"] = self.ihi
        return out


def _new_part(label: str, seen: set[str]) -> str:
    """``label`` starting a part: a label may not come back after another part."""
    if label in seen:
        raise ValueError(f'Part "{label}" appears again after another part: parts must be consecutive.')
    seen.add(label)
    return label


def consecutive(labelled: Iterable[tuple[object, T]]) -> Iterator[tuple[str, list[T]]]:
    """Group ``(label, item)`` pairs, in order, into parts of consecutive items with the same label, as
    ``split_parts`` does (``None`` is the label ``""``), handing each part over as the next begins: a file of
    any length is read part by part.

    >>> list(consecutive([("a", 1), ("a", 2), (None, 3)]))
    [('a', [1, 2]), ('', [3])]
    """
    seen: set[str] = set()
    label, items = None, []
    for given, item in labelled:
        given = "" if given is None else str(given)
        if given != label:
            if items:
                yield label, items
            label, items = _new_part(given, seen), []
        items.append(item)
    if items:
        yield label, items


def split_parts(xs: Sequence, ys: Sequence[float], parts: Sequence | None) -> list[tuple[str, list, list]]:
    """Consecutive points with the same part label form one part (a label may not come back later).

    Linear in the points: each part's label is looked up once among those before it, and its points sliced.
    """
    n = min(len(xs), len(ys))
    xs, ys = list(xs)[:n], list(ys)[:n]
    if parts is None:
        return [("", xs, ys)] if n else []
    labels = ["" if p is None else str(p) for p in parts][:n]
    starts = [0] + [i for i in range(1, len(labels)) if labels[i] != labels[i - 1]] if labels else []
    seen: set[str] = set()
    return [(_new_part(labels[a], seen), xs[a:b], ys[a:b]) for a, b in zip(starts, starts[1:] + [len(labels)])]


def run_chart(xs: Sequence, ys: Sequence[float], parts: Sequence | None = None, rules: str = "anhoej") -> list[RunChartPart]:
    """A run chart of ``ys`` (at ``xs``), one median and one analysis per part.

    ``rules`` is ``"anhoej"`` (default) or ``"ihi"``; Anhøj's numbers are always reported.

    >>> [p.runs.runs_signal for p in run_chart(range(12), [3, 4, 3, 5, 4, 3, 9, 10, 9, 11, 10, 12])]
    [True]
    >>> parts = run_chart(range(12), [3, 4, 3, 5, 4, 3, 9, 10, 9, 11, 10, 12], parts=["before"] * 6 + ["after"] * 6)
    >>> [(p.part, p.median, p.runs.runs_signal) for p in parts]
    [('before', 3.5, False), ('after', 10.0, False)]
    """
    if rules not in ("anhoej", "ihi"):
        raise ValueError(f'Unknown rules "{rules}": use anhoej or ihi.')
    if len(xs) != len(ys):
        raise ValueError("x and y must have the same length.")
    result = []
    for label, px, py in split_parts(xs, ys, parts):
        centre = median(py)
        runs = anhoej(py, centre)
        part = RunChartPart(label, centre, runs)
        flags = {}
        if rules == "ihi":
            signs = sides(py, centre)
            n_runs = crossings(signs) + 1 if runs.n_useful else 0
            low, high = runs_limits(signs.count(1), signs.count(-1))
            flags = {"shift": shifts(py, centre), "trend": trends(py), "astronomical": astronomical(py, centre)}
            part.ihi = {"shift": any(flags["shift"]), "trend": any(flags["trend"]),
                        "astronomical": any(flags["astronomical"]), "n_runs": n_runs, "runs_min": low,
                        "runs_max": high, "runs": runs.n_useful >= 10 and not low <= n_runs <= high}
        for i, (x, y) in enumerate(zip(px, py)):
            point = {"x": x, "y": y, "cl": centre, "lcl": None, "ucl": None, "sigma_signal": False}
            for name, values in flags.items():
                point[name] = values[i]
            part.points.append(point)
        result.append(part)
    return result
