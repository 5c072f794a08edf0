"""The one place every chart DistrictLab draws goes through (measures, feedback trends, lineage, knowledge flow).

Charts are drawn on the server with matplotlib as SVG. Names, labels, categories and titles on a chart are
what people typed; matplotlib would read text between dollar signs as maths (``Profit $_$`` or
``$\\badcmd$`` fails to draw and took the page down). Here, and only here, that is turned off: text on a
chart is always shown as typed, never read as markup.
"""
import io

import matplotlib

matplotlib.use("Agg")
matplotlib.rcParams["text.parse_math"] = False  # for every Text made from now on: user text is never maths

from matplotlib.figure import Figure  # noqa: E402
from matplotlib.text import Text  # noqa: E402

PLAIN = {"text.parse_math": False}


def figure(width: float, height: float) -> Figure:
    """A new figure, ``width`` by ``height`` inches at 100 dpi (no pyplot state: safe in any request)."""
    with matplotlib.rc_context(PLAIN):
        return Figure(figsize=(width, height), dpi=100)


def to_svg(fig: Figure) -> str:
    """Lay ``fig`` out and return it as SVG text, every text on it shown as typed (never as maths).

    >>> fig = figure(3, 2)
    >>> ax = fig.subplots()
    >>> _ = ax.set_title(r"Profit $_$ and $\\badcmd$")
    >>> svg = to_svg(fig)
    >>> svg.startswith("<?xml") and "Profit $_$" in svg
    True
    """
    with matplotlib.rc_context(PLAIN):  # tick labels are made while drawing: they read this
        for text in fig.findobj(Text):
            text.set_parse_math(False)
        fig.tight_layout()
        buf = io.StringIO()
        fig.savefig(buf, format="svg", metadata={"Date": None})
    return buf.getvalue()
