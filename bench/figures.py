"""What every benchmark reports: figures beside their goals, and the ratio to the last recorded run.

Each ``bench/*.py`` script collects ``Figure``s, prints them with ``show`` and, given ``--json PATH``, writes them
there for ``bench/run.py``, which runs every benchmark and compares each figure with ``bench/recorded.json`` (the
last run recorded with ``bench/run.py --record``).
"""
import argparse
import json
from dataclasses import asdict, dataclass
from pathlib import Path

RECORDED = Path(__file__).resolve().parent / "recorded.json"


@dataclass(frozen=True)
class Figure:
    """One measured figure: ``value`` in ``unit`` against ``goal`` (a ceiling, or a floor when ``at_least``)."""

    bench: str
    name: str
    value: float
    unit: str
    goal: float
    at_least: bool = False

    @property
    def key(self) -> str:
        return f"{self.bench}: {self.name}"

    @property
    def met(self) -> bool:
        return self.value >= self.goal if self.at_least else self.value < self.goal


def recorded() -> dict[str, float]:
    """The last recorded value of every figure, by key (empty before the first record)."""
    return json.loads(RECORDED.read_text()) if RECORDED.exists() else {}


def line(figure: Figure, last: dict[str, float] | None = None) -> str:
    """``figure`` as one line: value, goal, met or not, and the ratio to its last recorded value."""
    goal = f"{'>=' if figure.at_least else '<'} {figure.goal:,g} {figure.unit}"
    before = (last or {}).get(figure.key)
    ratio = f"{figure.value / before:5.2f}x last" if before else "  (no record)"
    verdict = "ok" if figure.met else "OVER GOAL" if not figure.at_least else "UNDER GOAL"
    return f"{figure.name:<60} {figure.value:>10,.2f} {figure.unit:<7} {goal:<16} {verdict:<10} {ratio}"


def show(figures: list[Figure], last: dict[str, float] | None = None) -> None:
    last = recorded() if last is None else last
    for figure in figures:
        print(line(figure, last), flush=True)


def measured(bench: str, name: str, value: float, unit: str, goal: float, at_least: bool = False) -> Figure:
    """A figure, printed as soon as it is measured."""
    figure = Figure(bench, name, value, unit, goal, at_least)
    show([figure])
    return figure


def finish(found: list[Figure], path: Path | None, *, shown: bool = True) -> int:
    """The end of a benchmark: the figures printed (unless ``shown`` already), written for ``bench/run.py``, and its
    exit code (1 when a goal is missed)."""
    if not shown:
        show(found)
    write(found, path)
    missed = [f for f in found if not f.met]
    print("\nGoals: " + ("all met." if not missed else f"{len(missed)} of {len(found)} missed."))
    return 1 if missed else 0


def json_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", type=Path, help="also write the figures to this file (for bench/run.py)")


def write(figures: list[Figure], path: Path | None) -> None:
    if path:
        path.write_text(json.dumps([asdict(f) for f in figures]))


def read(path: Path) -> list[Figure]:
    return [Figure(**f) for f in json.loads(path.read_text())] if path.exists() else []
