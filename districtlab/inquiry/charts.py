"""Charts drawn on the server as SVG (they work in pages, exports and PDF alike).

Input is the plain output of ``analysis.runchart``/``analysis.spc`` (``as_dict()`` per part); the chart
shows the centre line and limits per part, a break between parts, and signals in a second colour.
"""
import io

import matplotlib

matplotlib.use("Agg")
from matplotlib.figure import Figure  # noqa: E402

INK, MUTED, SIGNAL, LIMIT = "#1b1f24", "#4a5560", "#b3261e", "#0b5cad"


def chart_svg(parts: list[dict], title: str, unit: str = "") -> str:
    """An SVG line chart of one measure: points, centre line, limits, parts and signals.

    >>> svg = chart_svg([{"part": "", "points": [{"x": "a", "y": 1, "cl": 1, "lcl": None, "ucl": None,
    ...                                          "sigma_signal": False}], "runs_signal": False}], "Demo")
    >>> svg.startswith("<?xml") and "Demo" in svg
    True
    """
    fig = Figure(figsize=(8, 3.2), dpi=100)
    ax = fig.add_subplot()
    index = 0
    labels = []
    for part in parts:
        points = part["points"]
        xs = list(range(index, index + len(points)))
        ys = [p["y"] for p in points]
        labels += [str(p["x"]) for p in points]
        plotted = [(x, y) for x, y in zip(xs, ys) if y is not None]
        if plotted:
            ax.plot([x for x, _ in plotted], [y for _, y in plotted], color=INK, marker="o", markersize=4,
                    linewidth=1.2)
        run_colour = SIGNAL if part.get("runs_signal") else MUTED
        ax.step(xs, [p["cl"] for p in points], where="mid", color=run_colour, linewidth=1.5)
        for key in ("lcl", "ucl"):
            values = [p[key] for p in points]
            if any(v is not None for v in values):
                ax.step(xs, [v if v is not None else float("nan") for v in values], where="mid", color=LIMIT,
                        linewidth=1, linestyle="--")
        flagged = [(x, p["y"]) for x, p in zip(xs, points) if p.get("sigma_signal") and p["y"] is not None]
        if flagged:
            ax.scatter([x for x, _ in flagged], [y for _, y in flagged], color=SIGNAL, s=40, zorder=3)
        if part.get("part"):
            ax.annotate(part["part"], (index, 0.98), xycoords=("data", "axes fraction"), va="top", fontsize=8,
                        color=MUTED)
        if index:
            ax.axvline(index - 0.5, color=MUTED, linewidth=0.8, linestyle=":")
        index += len(points)
    step = max(1, len(labels) // 12)
    ax.set_xticks(range(0, len(labels), step), labels[::step], rotation=30, ha="right", fontsize=8)
    ax.set_ylabel(unit, fontsize=9)
    ax.set_title(title, fontsize=10, loc="left")
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    buf = io.StringIO()
    fig.savefig(buf, format="svg", metadata={"Date": None})
    return buf.getvalue()
