"""Feedback trends drawn server-side: glow and grow items by category over time (SVG)."""
from districtlab.core.charts import cached_svg, figure, to_svg


def trends_svg(periods: list[dict], title: str) -> str:
    """The feedback trends chart, drawn once for its data and then taken from the cache (``cached_svg``)."""
    return cached_svg("feedback-trends", {"periods": periods, "title": title}, lambda: draw_trends(periods, title))


def draw_trends(periods: list[dict], title: str) -> str:
    """Stacked bars per period: glows above the axis, grows below, one colour per category.

    >>> svg = draw_trends([{"period": "2016-10", "glow": {"SEL": 2}, "grow": {"SEL": 1}, "total": 3}], "Triad")
    >>> svg.startswith("<?xml") and "Triad" in svg
    True
    """
    categories = sorted({c for p in periods for kind in ("glow", "grow") for c in p[kind]})
    labels = [p["period"] for p in periods]
    fig = figure(8, 3.4)
    ax = fig.subplots()
    xs = range(len(periods))
    for sign, kind in ((1, "glow"), (-1, "grow")):
        base = [0] * len(periods)
        for i, category in enumerate(categories):
            heights = [sign * p[kind].get(category, 0) for p in periods]
            ax.bar(xs, heights, bottom=base, color=f"C{i % 10}", label=category if kind == "glow" else None)
            base = [b + h for b, h in zip(base, heights, strict=True)]
    ax.axhline(0, color="black", linewidth=0.8)
    ax.set_xticks(list(xs), labels, rotation=45, ha="right", fontsize=8)
    ax.set_ylabel("grow ↓   items   glow ↑")
    ax.set_title(f"Feedback by category: {title}", fontsize=10)
    if categories:
        ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return to_svg(fig)
