"""Charts drawn on the server as SVG (they work in pages, exports and PDF alike).

Input is the plain output of ``analysis.runchart``/``analysis.spc`` (``as_dict()`` per part); the chart
shows the centre line and limits per part, a break between parts, and signals in a second colour.
"""
from districtlab.core.charts import figure, to_svg

INK, MUTED, SIGNAL, LIMIT = "#1b1f24", "#4a5560", "#b3261e", "#0b5cad"
LIMIT_STYLE = {"color": LIMIT, "linewidth": 1, "linestyle": "--"}
NAN = float("nan")
MAX_PART_NAMES = 12  # part names written on the chart; with more parts they are in the table only


# What a control chart plots, when it is not the measured value itself (then the axis says the measure's unit).
PLOTTED = {"p": "proportion", "pp": "proportion", "u": "rate per unit of n", "up": "rate per unit of n",
           "mr": "moving range", "s": "standard deviation", "xbar": "subgroup mean"}


def y_label(chart: str, unit: str) -> str:
    """The y axis of a chart: what is plotted, and the measure's unit beside it.

    >>> y_label("p", "groups"), y_label("run", "minutes"), y_label("mr", "")
    ('proportion (groups)', 'minutes', 'moving range')
    """
    plotted = PLOTTED.get(chart)
    if plotted is None:
        return unit
    return f"{plotted} ({unit})" if unit else plotted


def chart_svg(parts: list[dict], title: str, unit: str = "") -> str:
    """An SVG line chart of one measure: points, centre line, limits, parts and signals.

    >>> svg = chart_svg([{"part": "", "points": [{"x": "a", "y": 1, "cl": 1, "lcl": None, "ucl": None,
    ...                                          "sigma_signal": False}], "runs_signal": False}], "Demo")
    >>> svg.startswith("<?xml") and "Demo" in svg
    True
    """
    fig = figure(8, 3.2)
    ax = fig.add_subplot()
    # One line per kind, parts kept apart by a NaN between them: the drawing's size does not grow with parts.
    line_x, line_y, flagged_x, flagged_y, step_x, labels, separators, names = [], [], [], [], [], [], [], []
    steps = {"plain": [], "signal": [], "lcl": [], "ucl": []}
    index = 0
    for part in parts:
        points = part["points"]
        signal = bool(part.get("runs_signal"))
        for x, p in enumerate(points, start=index):
            labels.append(str(p["x"]))
            if p["y"] is not None:
                line_x.append(x)
                line_y.append(p["y"])
                if p.get("sigma_signal"):
                    flagged_x.append(x)
                    flagged_y.append(p["y"])
            step_x.append(x)
            steps["plain"].append(NAN if signal else p["cl"])
            steps["signal"].append(p["cl"] if signal else NAN)
            for key in ("lcl", "ucl"):
                steps[key].append(NAN if p[key] is None else p[key])
        end = index + len(points) - 0.5  # the break after this part
        line_x.append(end)
        line_y.append(NAN)
        step_x.append(end)
        for values in steps.values():
            values.append(NAN)
        if index:
            separators.append(index - 0.5)
        if part.get("part"):
            names.append((index, part["part"]))
        index += len(points)
    ax.plot(line_x, line_y, color=INK, marker="o", markersize=4, linewidth=1.2)
    for key, style in (("plain", {"color": MUTED, "linewidth": 1.5}), ("signal", {"color": SIGNAL, "linewidth": 1.5}),
                       ("lcl", LIMIT_STYLE), ("ucl", LIMIT_STYLE)):
        if any(v == v for v in steps[key]):  # not all NaN
            ax.step(step_x, steps[key], where="mid", **style)
    if flagged_x:
        ax.scatter(flagged_x, flagged_y, color=SIGNAL, s=40, zorder=3)
    if separators:
        ax.vlines(separators, 0, 1, transform=ax.get_xaxis_transform(), color=MUTED, linewidth=0.8, linestyle=":")
    for at, name in names if len(names) <= MAX_PART_NAMES else ():  # more are listed in the table, not drawn
        ax.annotate(name, (at, 0.98), xycoords=("data", "axes fraction"), va="top", fontsize=8, color=MUTED)
    step = max(1, len(labels) // 12)
    ax.set_xticks(range(0, len(labels), step), labels[::step], rotation=30, ha="right", fontsize=8)
    ax.set_ylabel(y_label(parts[0].get("chart", "run") if parts else "run", unit), fontsize=9)
    ax.set_title(title, fontsize=10, loc="left")
    ax.spines[["top", "right"]].set_visible(False)
    return to_svg(fig)
