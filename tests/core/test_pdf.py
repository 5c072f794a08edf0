"""The PDF renderer: a report opens, shows its text as typed in embedded fonts, keeps charts as vector graphics
scaled to the text's width, repeats a long table's header on every page, and numbers its pages."""
import io

import numpy as np
import pypdfium2 as pdfium
import pytest

from districtlab.core import charts, pdf

RED = (0xD6, 0x27, 0x28)  # "#d62728", drawn nowhere else on the page
HOSTILE = ["<b>bold?</b>", "a & b < c", "$x$", '=HYPERLINK("http://x")', "Fariña — “quoted”", "&amp; stays &amp;"]
LONG_WORD = "ab" * 250


def red_block_svg() -> str:
    """A 5 × 2.5 inch matplotlib chart whose lower half is one red bar from edge to edge, nothing else drawn."""
    fig = charts.figure(5, 2.5)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_axis_off()
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.bar([0.5], [0.5], width=1, color="#d62728", linewidth=0)
    svg = io.StringIO()
    fig.savefig(svg, format="svg")  # as charts.to_svg does, without laying out axes that fill the figure
    return charts.presentation_attributes(svg.getvalue())


def pages_text(data: bytes) -> list[str]:
    document = pdfium.PdfDocument(data)
    try:
        return [page.get_textpage().get_text_range() for page in document]
    finally:
        document.close()


def red_pixels(data: bytes, page: int = 0, scale: float = 2) -> int:
    document = pdfium.PdfDocument(data)
    try:
        image = np.asarray(document[page].render(scale=scale).to_pil().convert("RGB")).astype(int)
    finally:
        document.close()
    return int((np.abs(image - RED).max(axis=2) <= 8).sum())


@pytest.fixture(scope="module")
def report() -> bytes:
    return pdf.render(pdf.Document(
        "Year at Riverside Elementary", subtitle="2026–27", footer="Generated 1 December 2026 · synthetic data marked",
        blocks=[pdf.Heading("Cycles", 1), pdf.Paragraph("Three inquiry cycles ran this year."),
                pdf.Facts([("Principal", "Ana Fariña"), ("Network", "North triad")]),
                pdf.Table(["Cycle", "Measure", "Last value"], [["Turn and talk", "Share of talk", "0.62"],
                                                               ["Exit tickets", "Correct", 17]], caption="Measures"),
                pdf.Chart(red_block_svg(), caption="The red bar"), pdf.Note("Source: synthetic data.")]))


def test_a_report_opens_with_its_text_numbers_and_title(report):
    [text] = pages_text(report)
    assert "Year at Riverside Elementary" in text and "Exit tickets" in text and "Ana Fariña" in text
    assert "Page 1 of 1" in text and "Generated 1 December 2026 · synthetic data marked" in text
    document = pdfium.PdfDocument(report)
    assert document.get_metadata_dict()["Title"] == "Year at Riverside Elementary"
    document.close()


def test_fonts_are_embedded_and_the_chart_is_vector(report):
    assert report.count(b"/FontFile2") == report.count(b"/BaseFont") == 2  # every font: DejaVu Sans and its bold
    assert b"/Subtype /Image" not in report


def test_text_on_a_chart_is_in_the_embedded_fonts_whatever_font_it_names():
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" width="300" height="60"><text x="5" y="25" font-family="Arial"'
           ' font-weight="bold">Fariña</text><text x="5" y="50" font-family="Times">“quoted”</text></svg>')
    data = pdf.render(pdf.Document("Chart", blocks=[pdf.Chart(svg)]))
    assert data.count(b"/FontFile2") == data.count(b"/BaseFont") == 2
    assert "Fariña" in pages_text(data)[0] and "“quoted”" in pages_text(data)[0]


def test_the_chart_is_drawn_as_wide_as_the_text_keeping_its_shape(report):
    """The bar covers the chart's lower half; the chart is scaled from 5 × 2.5 inches to the text's 7 inches (504
    points) wide and so 252 high: at 2 pixels a point the bar is 1008 × 252 pixels."""
    assert red_pixels(report) == pytest.approx(1008 * 252, rel=0.02)


def test_text_people_typed_is_shown_as_typed():
    blocks = [pdf.Paragraph(text) for text in HOSTILE] + [
        pdf.Heading("<i>heading</i>"), pdf.Paragraph(LONG_WORD), pdf.Note("line one\nline two"),
        pdf.Facts([("<b>term</b>", "a & b")]), pdf.Table(["<col>"], [["&lt;cell&gt;"]], caption="<caption>")]
    text = "\n".join(pages_text(pdf.render(pdf.Document("<title> & more", blocks=blocks, footer="<footer>"))))
    for typed in [*HOSTILE, "<i>heading</i>", "<b>term</b>", "<col>", "&lt;cell&gt;", "<caption>", "<title> & more",
                  "<footer>"]:
        assert typed in text
    assert "line one\r\nline two" in text
    assert LONG_WORD in "".join(text.split())  # wrapped across lines, every letter kept


def test_a_long_table_runs_onto_pages_that_repeat_its_header_and_the_title():
    rows = [[f"Student {i}", i % 5] for i in range(2000)]
    data = pdf.render(pdf.Document("Caseload", footer="synthetic", blocks=[pdf.Table(["Learner name", "Band"], rows)]))
    pages = pages_text(data)
    assert len(pages) > 1
    assert "Learner name" in pages[1] and "Caseload" in pages[1]  # header row and running header
    assert "Student 1999" in pages[-1] and f"Page {len(pages)} of {len(pages)}" in pages[-1]
    assert sum(page.count("Student ") for page in pages) == 2000


def test_a_chart_that_is_not_svg_is_refused_with_a_plain_message():
    for svg in ["not svg at all", "<svg", '<svg xmlns="http://www.w3.org/2000/svg"></svg>']:
        with pytest.raises(ValueError, match="The chart could not be read"):
            pdf.render(pdf.Document("Broken", blocks=[pdf.Chart(svg)]))


def test_an_empty_document_is_one_page():
    pages = pages_text(pdf.render(pdf.Document("Nothing yet")))
    assert len(pages) == 1 and "Nothing yet" in pages[0] and "Page 1 of 1" in pages[0]
