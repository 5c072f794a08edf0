"""The one PDF renderer for DistrictLab's reports (a school's year, a network's year, the program's year).

A report is plain data: a ``Document`` of blocks (``Heading``, ``Paragraph``, ``Facts``, ``Table``, ``Chart``,
``Note``), and ``render(document)`` returns the PDF's bytes. It is drawn with reportlab, pure Python wheels, so no
system library is needed; a chart is an SVG string (what ``districtlab.core.charts`` draws) that svglib turns into
reportlab vector graphics, never an image. The rules:

- *Text is shown as typed.* Everything a block holds is escaped before reportlab's Paragraph reads it (it parses
  ``<b>``, ``&amp;``...), so "<b>x</b>", "a & b", "$x$" or "=HYPERLINK(...)" appear as those characters; line
  breaks are kept; control characters are dropped. A word longer than its line is split across lines.
- *Fonts are embedded.* DejaVu Sans and DejaVu Sans Bold, read from matplotlib's own font files, are registered
  once per process as TrueType fonts (reportlab embeds the subset used) and set every style, text on a chart
  included, so names such as Fariña, “quotes” and dashes show on any reader.
- *Pages.* Letter, with margins of three quarters of an inch; the title as a running header from page 2; at the
  foot of every page the document's ``footer`` and "Page N of M". The PDF's metadata title is the document's.
- *Tables* repeat their header row on every page they run onto; a row taller than a page is split inside.
- *Charts* are scaled to the width of the text (or down to the height of a page), keeping their aspect ratio.
  An SVG that cannot be read raises ``ValueError`` with a message for a person.
- An empty document (no blocks) is one page: its title.
"""
from __future__ import annotations

import functools
import importlib.util
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, KeepTogether, PageTemplate, Spacer
from reportlab.platypus import Paragraph as RLParagraph
from reportlab.platypus import Table as RLTable
from reportlab.platypus import TableStyle
from svglib.fonts import FontMap
from svglib.svglib import svg2rlg

REGULAR, BOLD = "DejaVuSans", "DejaVuSans-Bold"
MARGIN = 0.75 * inch
TEXT_WIDTH = LETTER[0] - 2 * MARGIN
TEXT_HEIGHT = LETTER[1] - 2 * MARGIN
INK, MUTED, RULE, SHADE = (colors.HexColor(c) for c in ("#1f2328", "#59636e", "#d1d9e0", "#f6f8fa"))
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # \t and \n are kept (as a space and a line break)


@dataclass
class Heading:
    text: str
    level: int = 2  # 1 to 3


@dataclass
class Paragraph:
    text: str


@dataclass
class Facts:
    """A definition list: each term beside its value."""

    pairs: list[tuple[str, str]]


@dataclass
class Table:
    columns: list[str]
    rows: list[Sequence]  # each value shown as ``str(value)``, ``None`` as nothing
    caption: str = ""


@dataclass
class Chart:
    svg: str
    caption: str = ""


@dataclass
class Note:
    """Small, muted text: a source, a caveat."""

    text: str


@dataclass
class Document:
    title: str
    subtitle: str = ""
    blocks: list = field(default_factory=list)
    footer: str = ""  # at the foot of every page, e.g. "Generated 1 December 2026 · synthetic data marked"


def render(document: Document) -> bytes:
    """The PDF of ``document``."""
    _register_fonts()
    story = [RLParagraph(_markup(document.title), STYLES["title"])]
    if document.subtitle:
        story.append(RLParagraph(_markup(document.subtitle), STYLES["subtitle"]))
    story.append(Spacer(0, 6))
    for block in document.blocks:
        story.extend(_flowables(block))
    out = io.BytesIO()
    page = PageTemplate(frames=[Frame(MARGIN, MARGIN, TEXT_WIDTH, TEXT_HEIGHT, 0, 0, 0, 0)])  # no padding
    pdf = BaseDocTemplate(out, pagesize=LETTER, pageTemplates=[page], initialFontName=REGULAR,
                          title=document.title, creator="DistrictLab", author="DistrictLab")
    pdf.build(story, canvasmaker=functools.partial(_NumberedCanvas, document=document))
    return out.getvalue()


@functools.cache
def _register_fonts() -> None:
    """Register DejaVu Sans and its bold from matplotlib's files, once per process. The package is found, not
    imported: its fonts are all that is read (charts are drawn only in ``districtlab.core.charts``)."""
    package = Path(importlib.util.find_spec("matplotlib").origin).parent
    fonts = package / "mpl-data" / "fonts" / "ttf"  # matplotlib.get_data_path() / "fonts" / "ttf"
    pdfmetrics.registerFont(TTFont(REGULAR, fonts / "DejaVuSans.ttf"))
    pdfmetrics.registerFont(TTFont(BOLD, fonts / "DejaVuSans-Bold.ttf"))
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD)


def _style(name: str, size: float, font: str = REGULAR, color=INK, before: float = 0, after: float = 6,
           **more) -> ParagraphStyle:
    return ParagraphStyle(name, fontName=font, fontSize=size, leading=round(size * 1.3, 1), textColor=color,
                          spaceBefore=before, spaceAfter=after, **more)


STYLES = {
    "title": _style("title", 20, BOLD, after=4),
    "subtitle": _style("subtitle", 12, color=MUTED, after=8),
    "h1": _style("h1", 16, BOLD, before=12, keepWithNext=1),
    "h2": _style("h2", 13, BOLD, before=10, keepWithNext=1),
    "h3": _style("h3", 11, BOLD, before=8, keepWithNext=1),
    "body": _style("body", 10),
    "note": _style("note", 8.5, color=MUTED),
    "caption": _style("caption", 8.5, color=MUTED, after=10),
    "table caption": _style("table caption", 8.5, color=MUTED, after=4, keepWithNext=1),
    "cell": _style("cell", 9, after=0),
    "head": _style("head", 9, BOLD, after=0),
}
CELL_PADDING = 4  # points either side of a cell's text


def _markup(text) -> str:
    """``text`` as reportlab Paragraph markup that shows it as typed."""
    text = CONTROL.sub("", "" if text is None else str(text)).replace("\t", " ")
    return escape(text).replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br/>")


def _flowables(block) -> list[Flowable]:
    match block:
        case Heading(text, level):
            return [RLParagraph(_markup(text), STYLES[f"h{min(max(level, 1), 3)}"])]
        case Paragraph(text):
            return [RLParagraph(_markup(text), STYLES["body"])]
        case Note(text):
            return [RLParagraph(_markup(text), STYLES["note"])]
        case Facts(pairs) if pairs:
            cells = [[RLParagraph(_markup(term), STYLES["head"]), RLParagraph(_markup(value), STYLES["cell"])]
                     for term, value in pairs]
            return [_table(cells, [[term for term, _ in pairs], [value for _, value in pairs]], header=False)]
        case Table(columns, rows, caption) if columns:
            if any(len(row) > len(columns) for row in rows):
                raise ValueError("A row of the table has more values than the table has columns.")
            rows = [[*row, *[""] * (len(columns) - len(row))] for row in rows]  # a short row ends in blanks
            head = [RLParagraph(_markup(name), STYLES["head"]) for name in columns]
            cells = [head] + [[RLParagraph(_markup(value), STYLES["cell"]) for value in row] for row in rows]
            table = _table(cells, [[name, *(row[i] for row in rows)] for i, name in enumerate(columns)], header=True)
            if caption:
                return [RLParagraph(_markup(caption), STYLES["table caption"]), table]
            return [table]
        case Chart(svg, caption):
            drawing = _drawing(svg, room=TEXT_HEIGHT - (40 if caption else 0))
            return [KeepTogether([drawing, RLParagraph(_markup(caption), STYLES["caption"])] if caption
                                 else [drawing, Spacer(0, 10)])]
        case Facts() | Table():
            return []  # nothing to show
    raise TypeError(f"a PDF cannot show a {type(block).__name__}")


def _table(cells: list[list[Flowable]], columns: list[list], header: bool) -> RLTable:
    """A table of ``cells`` as wide as the text: each column as wide as its longest line (within limits), the last
    taking what is left, or all narrowed alike when they are too wide together; ``columns`` are the values, a list
    per column."""
    widths = [_column_width(values) for values in columns]
    widths[-1] += max(TEXT_WIDTH - sum(widths), 0)
    scale = TEXT_WIDTH / sum(widths)
    style = [("FONTNAME", (0, 0), (-1, -1), REGULAR), ("VALIGN", (0, 0), (-1, -1), "TOP"),
             ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING), ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
             ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
             ("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE)]
    if header:
        style += [("BACKGROUND", (0, 0), (-1, 0), SHADE), ("LINEBELOW", (0, 0), (-1, 0), 1, MUTED)]
    return RLTable(cells, colWidths=[w * scale for w in widths], repeatRows=1 if header else 0,
                   splitInRow=1, style=TableStyle(style), hAlign="LEFT", spaceAfter=10)


def _column_width(values: list) -> float:
    """How much of the text's width a column of ``values`` asks for: its longest line (in bold, as a header or a
    term is), no less than a short word and no more than half the text's width."""
    longest = max((pdfmetrics.stringWidth(line, BOLD, 9) for value in values
                   for line in ("" if value is None else str(value)).splitlines()), default=0)
    return min(max(longest, 36), TEXT_WIDTH / 2) + 2 * CELL_PADDING + 2


class _ChartFonts(FontMap):
    """Text on a chart in DejaVu Sans (bold when asked), embedded like the rest, whatever font the SVG names."""

    def find_font(self, font_name: str, weight: str = "normal", style: str = "normal") -> tuple[str, bool]:
        bold = weight in ("bold", "bolder") or (weight.isdigit() and int(weight) >= 600)
        return (BOLD if bold else REGULAR), font_name.lower() in ("dejavu sans", "sans-serif")


def _drawing(svg: str, room: float) -> Flowable:
    """The SVG ``svg`` as a reportlab Drawing as wide as the text (or as tall as ``room``), its aspect kept."""
    try:
        drawing = svg2rlg(io.BytesIO(svg.encode("utf-8")), font_map=_ChartFonts())
    except Exception as error:  # svglib raises whatever the broken SVG makes it meet
        raise ValueError(f"The chart could not be read as SVG ({error}).") from error
    if drawing is None:
        raise ValueError("The chart could not be read: it is not SVG.")
    if drawing.width <= 0 or drawing.height <= 0:
        raise ValueError("The chart could not be read as SVG: it has no width and height.")
    scale = min(TEXT_WIDTH / drawing.width, room / drawing.height)
    drawing.scale(scale, scale)
    drawing.width, drawing.height = drawing.width * scale, drawing.height * scale
    drawing.hAlign = "LEFT"
    drawing.initialFontName = REGULAR  # reportlab starts drawing in it (else Helvetica: unembedded, if unused)
    return drawing


class _NumberedCanvas(Canvas):
    """A canvas that keeps its pages until the end, so each can say "Page N of M" and carry the running header
    and the footer."""

    def __init__(self, *args, document: Document, **kwargs):
        super().__init__(*args, **kwargs)
        self._document = document
        self._pages = []

    def showPage(self):
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        for number, page in enumerate(self._pages, 1):
            self.__dict__.update(page)
            self._decorate(number, len(self._pages))
            super().showPage()
        super().save()

    def _decorate(self, number: int, total: int) -> None:
        width, height = LETTER
        self.saveState()
        self.setFillColor(MUTED)
        self.setStrokeColor(RULE)
        self.setLineWidth(0.5)
        if number > 1:
            self.setFont(REGULAR, 8.5)
            self.drawString(MARGIN, height - MARGIN + 14, _fit(self._document.title, 8.5, TEXT_WIDTH))
            self.line(MARGIN, height - MARGIN + 8, width - MARGIN, height - MARGIN + 8)
        self.line(MARGIN, MARGIN - 10, width - MARGIN, MARGIN - 10)
        self.setFont(REGULAR, 8)
        label = f"Page {number} of {total}"
        self.drawRightString(width - MARGIN, MARGIN - 22, label)
        room = TEXT_WIDTH - pdfmetrics.stringWidth(label, REGULAR, 8) - 18
        self.drawString(MARGIN, MARGIN - 22, _fit(self._document.footer, 8, room))
        self.restoreState()


def _fit(text: str, size: float, width: float) -> str:
    """``text`` on one line no wider than ``width``, cut with an ellipsis if it must be."""
    text = " ".join(CONTROL.sub("", text or "").split())
    if pdfmetrics.stringWidth(text, REGULAR, size) <= width:
        return text
    while text and pdfmetrics.stringWidth(text + "…", REGULAR, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"
