"""The evaluation's charts, drawn server-side as SVG (``core.charts``): an indicator across school years against its
target, and a question's answers as one bar per option. The same SVG goes into the pages and the PDF reports."""
from districtlab.core.charts import cached_svg, figure, to_svg


def indicator_svg(label: str, years: list[str], values: list, target: float | None, unit: str) -> str:
    """An indicator by school year (a gap where a year has no value), with its target as a dashed line."""
    data = {"label": label, "years": years, "values": values, "target": target, "unit": unit}
    return cached_svg("indicator", data, lambda: draw_indicator(label, years, values, target, unit))


def draw_indicator(label, years, values, target, unit) -> str:
    """
    >>> svg = draw_indicator("Visits held", ["2015-16", "2016-17"], [4, None], 5, "visits")
    >>> svg.startswith("<?xml") and "Visits held" in svg and "target" in svg
    True
    """
    fig = figure(6.5, 2.8)
    ax = fig.subplots()
    xs = list(range(len(years)))
    ax.bar([x for x, v in zip(xs, values) if v is not None], [v for v in values if v is not None], color="#0b5cad",
           label=label)
    for x, v in zip(xs, values):
        if v is not None:
            ax.annotate(f"{v:.2f}".rstrip("0").rstrip("."), (x, v), ha="center", va="bottom", fontsize=8)
    if target is not None:
        ax.axhline(target, color="#a3171d", linestyle="--", linewidth=1.2, label=f"target {target:g}")
    ax.set_xticks(xs, years, fontsize=8)
    ax.set_ylabel(unit, fontsize=8)
    ax.set_title(label, fontsize=10)
    ax.legend(fontsize=7, loc="upper left")
    return to_svg(fig)


def answers_svg(question: str, rows: list[tuple]) -> str:
    """A question's answers, ``[(option, people, share)]``, as horizontal bars of the share answering each."""
    data = {"question": question, "rows": [list(r) for r in rows]}
    return cached_svg("survey-answers", data, lambda: draw_answers(question, rows))


def draw_answers(question, rows) -> str:
    """
    >>> svg = draw_answers("Useful?", [("Agree", 3, 0.75), ("Disagree", 1, 0.25)])
    >>> svg.startswith("<?xml") and "Agree" in svg
    True
    """
    fig = figure(6.5, 0.5 + 0.32 * len(rows))
    ax = fig.subplots()
    ys = list(range(len(rows)))[::-1]
    shares = [100 * (share or 0) for _, _, share in rows]
    ax.barh(ys, shares, color="#0b5cad")
    for y, (_, people, share) in zip(ys, rows):
        ax.annotate(f" {100 * (share or 0):.0f}% ({people})", (100 * (share or 0), y), va="center", fontsize=7)
    ax.set_yticks(ys, [option for option, _, _ in rows], fontsize=7)
    ax.set_xlim(0, 115)
    ax.set_xlabel("% of those who answered", fontsize=7)
    ax.set_title(question[:90], fontsize=8)
    return to_svg(fig)
