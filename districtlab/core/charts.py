"""The one place every chart DistrictLab draws goes through (measures, feedback trends, lineage, knowledge flow).

Charts are drawn on the server with matplotlib as SVG. Names, labels, categories and titles on a chart are
what people typed; matplotlib would read text between dollar signs as maths (``Profit $_$`` or
``$\\badcmd$`` fails to draw and took the page down). Here, and only here, that is turned off: text on a
chart is always shown as typed, never read as markup.
"""
from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import io
import json
import os
import random
import re
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.cache import cache

if TYPE_CHECKING:
    from matplotlib.figure import Figure

PLAIN = {"text.parse_math": False}
VERSION = 1  # of the drawings: raise it when a chart's look changes, and every cached chart is drawn anew
CACHE_SECONDS = 7 * 24 * 3600  # a chart is kept by its data, so it is never stale: this only frees the room
PRUNE_CHANCE = 0.01  # of a new drawing's also removing the files nobody read for CACHE_SECONDS


@functools.cache
def _matplotlib():
    """matplotlib, set up to draw without a display and never to read text as maths: loaded on the first drawing,
    not when the project starts (it takes most of a second), and never for a chart the cache already has."""
    import matplotlib

    matplotlib.use("Agg")
    matplotlib.rcParams["text.parse_math"] = False  # for every Text made from now on: user text is never maths
    import matplotlib.figure
    import matplotlib.text
    return matplotlib


@functools.cache
def _matplotlib_version() -> str:
    return importlib.metadata.version("matplotlib")


def chart_key(kind: str, data) -> str:
    """The cache key of a ``kind`` of chart drawn from ``data`` (everything the drawing reads, JSON-able).

    >>> chart_key("measure", [1, 2]) == chart_key("measure", [1, 2]) != chart_key("measure", [1, 3])
    True
    """
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), default=str)
    return f"chart:{kind}:{VERSION}:{_matplotlib_version()}:{hashlib.sha256(text.encode()).hexdigest()}"


def cached_svg(kind: str, data, draw: Callable[[], str]) -> str:
    """The SVG ``draw()`` makes from ``data``, drawn once: later requests for the same data take it from the cache.

    The cache is the process's own unless Redis is configured, and ``districtlab serve`` runs several processes
    (each replaced now and then): so a drawing is also kept as a file named by its key (``chart_file``), which
    every process of the server reads before drawing again. A lineage graph costs hundreds of milliseconds of CPU
    to draw and a few to read."""
    key = chart_key(kind, data)
    svg = cache.get(key)
    if svg is None:
        svg = _read_file(key)
        if svg is None:
            svg = draw()
            _write_file(key, svg)
        cache.set(key, svg, CACHE_SECONDS)
    return svg


def chart_file(key: str) -> Path:
    """Where the drawing of ``key`` is kept: ``DISTRICTLAB_CHART_DIR``, one file per key, named by its digest (the
    key names the kind of chart, its data and the drawing's version, so a file never goes stale; files unread for
    ``CACHE_SECONDS`` are removed)."""
    return Path(settings.DISTRICTLAB_CHART_DIR) / f"{hashlib.sha256(key.encode()).hexdigest()}.svg"


def _read_file(key: str) -> str | None:
    path = chart_file(key)
    try:
        svg = path.read_text(encoding="utf-8")
        os.utime(path)  # read now: kept for another CACHE_SECONDS
    except OSError:
        return None
    return svg


def _write_file(key: str, svg: str) -> None:
    """Keep ``svg`` for the other processes: written aside, then renamed, so nobody reads half a file; a directory
    that cannot be written to only means the next process draws again."""
    path = chart_file(key)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, suffix=".part",
                                         delete=False) as part:
            part.write(svg)
        os.replace(part.name, path)
        if random.random() < PRUNE_CHANCE:
            prune_chart_files()
    except OSError:
        return


def prune_chart_files(now: float | None = None) -> int:
    """Remove the drawings nobody read for ``CACHE_SECONDS`` (and parts left by a process that stopped midway);
    how many were removed."""
    limit = (time.time() if now is None else now) - CACHE_SECONDS
    removed = 0
    for path in Path(settings.DISTRICTLAB_CHART_DIR).glob("*.*"):
        try:
            if path.stat().st_mtime < limit:
                path.unlink()
                removed += 1
        except OSError:
            continue
    return removed


def figure(width: float, height: float) -> Figure:
    """A new figure, ``width`` by ``height`` inches at 100 dpi (no pyplot state: safe in any request)."""
    matplotlib = _matplotlib()
    with matplotlib.rc_context(PLAIN):
        return matplotlib.figure.Figure(figsize=(width, height), dpi=100)


def to_svg(fig: Figure) -> str:
    """Lay ``fig`` out and return it as SVG text, every text on it shown as typed (never as maths).

    >>> fig = figure(3, 2)
    >>> ax = fig.subplots()
    >>> _ = ax.set_title(r"Profit $_$ and $\\badcmd$")
    >>> svg = to_svg(fig)
    >>> svg.startswith("<?xml") and "Profit $_$" in svg
    True
    """
    matplotlib = _matplotlib()
    with matplotlib.rc_context(PLAIN):  # tick labels are made while drawing: they read this
        for text in fig.findobj(matplotlib.text.Text):
            text.set_parse_math(False)
        fig.tight_layout()
        buf = io.StringIO()
        fig.savefig(buf, format="svg", metadata={"Date": None})
    return presentation_attributes(buf.getvalue())


STYLE = re.compile(r'(<[a-zA-Z][^<>]*?) style="([^"]*)"')
DEFAULTS = re.compile(r'\s*<style type="text/css">\*\{([^{}]*)\}</style>')


def _attributes(declarations: str) -> str:
    pairs = (d.split(":", 1) for d in declarations.split(";") if d.strip())
    return "".join(f' {name.strip()}="{value.strip()}"' for name, value in pairs)


def presentation_attributes(svg: str) -> str:
    """``svg`` with its inline styles as SVG attributes, which a Content-Security-Policy without inline styles
    allows: each ``style="fill: #fff"`` becomes ``fill="#fff"``, and the defaults matplotlib puts in a ``<style>``
    element (``*{stroke-linejoin: round}``) go on the ``<svg>`` element, whence every element inherits them.

    >>> presentation_attributes('<svg a="1"><defs><style type="text/css">*{stroke-linecap: butt}</style></defs>'
    ...                         '<path d="M 0 0" style="fill: #ffffff; stroke-width: 0.8"/></svg>')
    '<svg stroke-linecap="butt" a="1"><defs></defs><path d="M 0 0" fill="#ffffff" stroke-width="0.8"/></svg>'
    """
    if defaults := DEFAULTS.search(svg):
        svg = svg[:defaults.start()] + svg[defaults.end():]
        svg = svg.replace("<svg ", f"<svg{_attributes(defaults[1])} ", 1)
    return STYLE.sub(lambda m: m[1] + _attributes(m[2]), svg)
