"""Spreadsheets that are malformed or built to exhaust the server: every reader refuses them with a clear message.

Schools, people and measure data all go through one reader (``districtlab.org.spreadsheets.read_table``), so
each bound is shown on the import command and the upload pages (the ``runchart`` and ``spc`` commands read an
analyst's own file of any size, as a stream: tests/inquiry/test_chart_commands_at_scale.py).
"""
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

from districtlab.inquiry.series import MAX_POINTS
from districtlab.org import models as m
from tests.inquiry.test_enter_measure_data import measure, post  # noqa: F401  (the fixture, and its upload)

SHEET = "xl/worksheets/sheet1.xml"


def run(tmp_path, command, data, name, *args):
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode())
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(command, *args, str(path), stdout=out, stderr=err)
    except CommandError as exc:
        return exc.returncode, out.getvalue(), err.getvalue() + str(exc)
    return 0, out.getvalue(), err.getvalue()


def workbook(header, rows=()) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def with_sheet(header, write_sheet) -> bytes:
    """A genuine workbook whose first sheet's XML is written by ``write_sheet(file)``."""
    source = zipfile.ZipFile(io.BytesIO(workbook(header)))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename != SHEET:
                target.writestr(info.filename, source.read(info.filename))
        with target.open(SHEET, "w", force_zip64=True) as sheet:
            write_sheet(sheet)
    return buf.getvalue()


def inline_row(*values) -> bytes:
    return b"<row>" + b"".join(b'<c t="inlineStr"><is><t>%s</t></is></c>' % v.encode() for v in values) + b"</row>"


def repeated_rows(header, row: bytes, unpacked_bytes: int) -> bytes:
    """A "deflate bomb": a few kilobytes that unpack to ``unpacked_bytes`` of identical rows."""
    def write(sheet):
        sheet.write(b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
                    b'spreadsheetml/2006/main"><sheetData>' + inline_row(*header))
        chunk = row * (1_048_576 // len(row))
        for _ in range(unpacked_bytes // len(chunk)):
            sheet.write(chunk)
        sheet.write(b"</sheetData></worksheet>")
    return with_sheet(header, write)


BOMB_ROW = inline_row("Nowhere", "P.S. 1")


@pytest.fixture(scope="module")
def bomb():
    data = repeated_rows(["district", "name"], BOMB_ROW, 64 * 1_048_576)
    assert len(data) < 1_048_576  # small enough to pass the 5 MB upload limit
    return data


# --- Excel files that unpack to too much ---------------------------------------------------------------------

def test_deflate_bomb_is_refused_by_the_import_command_before_it_is_unpacked(world, tmp_path, bomb):
    code, out, err = run(tmp_path, "import_data", bomb, "schools.xlsx", "schools")
    assert code == 2
    assert "schools.xlsx: The Excel file unpacks to 64.0 MB; the limit is 50 MB" in err
    assert "Row " not in err and len(err.splitlines()) == 1  # one message, not a line per row
    assert not m.School.objects.filter(name="P.S. 1").exists()


def test_deflate_bomb_is_refused_on_the_upload_page(world, bomb):
    r = world.client("central").post("/transfer/", {"kind": "people", "file": SimpleUploadedFile("p.xlsx", bomb)})
    assert r.status_code == 400
    assert "The Excel file unpacks to 64.0 MB; the limit is 50 MB" in r.content.decode()
    assert not r.context.get("token")


def test_deflate_bomb_is_refused_as_measure_data(world, measure, bomb):
    r = post(world.client("teacher"), measure, file=SimpleUploadedFile("series.xlsx", bomb))
    assert r.status_code == 400 and "unpacks to 64.0 MB; the limit is 50 MB" in r.content.decode()


def test_unpacked_limit_is_a_setting(world, tmp_path, settings):
    settings.DISTRICTLAB_MAX_IMPORT_UNPACKED_BYTES = 2 * 1_048_576
    data = repeated_rows(["district", "name"], BOMB_ROW, 3 * 1_048_576)
    code, _, err = run(tmp_path, "import_data", data, "schools.xlsx", "schools")
    assert code == 2 and "unpacks to 3.0 MB; the limit is 2 MB" in err


# --- Too many rows, too many columns, a damaged sheet --------------------------------------------------------

def test_reading_stops_at_the_row_limit(world, tmp_path, settings):
    settings.DISTRICTLAB_MAX_IMPORT_ROWS = 1_000
    data = repeated_rows(["district", "name"], BOMB_ROW, 2 * 1_048_576)  # about 25,000 rows, each a problem
    code, _, err = run(tmp_path, "import_data", data, "schools.xlsx", "schools")
    assert code == 2
    assert "The file has more than 1,000 rows of data; the limit is 1,000. Split it into smaller files." in err
    assert len(err.splitlines()) == 1
    csv_rows = "district,name\n" + "RUSD,P.S. 1\n" * 1_001
    code, _, err = run(tmp_path, "import_data", csv_rows, "schools.csv", "schools")
    assert code == 2 and "more than 1,000 rows of data" in err


def test_measure_data_stops_at_its_own_row_limit(world, measure):
    upload = SimpleUploadedFile("series.csv", ("x,y\n" + "a,1\n" * (MAX_POINTS + 1)).encode())
    r = post(world.client("teacher"), measure, file=upload)
    assert r.status_code == 400 and f"The file has more than {MAX_POINTS:,} rows of data" in r.content.decode()


def test_a_file_at_the_row_limit_is_imported(world, tmp_path, settings):
    settings.DISTRICTLAB_MAX_IMPORT_ROWS = 3
    text = "district,name\n\nRUSD,P.S. 91\nRUSD,P.S. 92\n\n\nRUSD,P.S. 93\n\n"  # blank rows do not count
    code, out, _ = run(tmp_path, "import_data", text, "schools.csv", "schools")
    assert code == 0 and "Imported 3 row(s)" in out


def test_header_with_too_many_columns_is_refused(world, tmp_path):
    header = ["district", "name"] + [f"demographic: m{i}" for i in range(199)]
    code, _, err = run(tmp_path, "import_data", workbook(header, [["RUSD", "P.S. 1"]]), "s.xlsx", "schools")
    assert code == 2 and "The header row has more than 200 columns" in err


def test_cells_far_right_of_the_header_are_not_read(world, tmp_path):
    """A sheet can declare, or reach, column XFD (16,384) on every row; only the header's columns are read."""
    def write(sheet):
        sheet.write(b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                    b'<dimension ref="A1:XFD1048576"/><sheetData>' + inline_row("district", "name")
                    + b'<row r="2"><c r="A2" t="inlineStr"><is><t>RUSD</t></is></c>'
                    b'<c r="B2" t="inlineStr"><is><t>P.S. 77</t></is></c><c r="XFD2"><v>1</v></c></row>'
                    b"</sheetData></worksheet>")
    code, out, err = run(tmp_path, "import_data", with_sheet(["district", "name"], write), "s.xlsx", "schools")
    assert (code, err) == (0, "") and "Imported 1 row(s) of schools: 1 added" in out
    assert m.School.objects.filter(name="P.S. 77").exists()


def test_elements_are_not_held_without_bound(world, tmp_path):
    """The sheet is streamed: a cell holding 20,000 elements is refused rather than held in memory."""
    def write(sheet):
        sheet.write(b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
                    + inline_row("district", "name") + b'<row><c t="inlineStr"><is><t>RUSD</t></is>'
                    + b"<x/>" * 20_000 + b"</c></row></sheetData></worksheet>")
    code, _, err = run(tmp_path, "import_data", with_sheet(["district", "name"], write), "s.xlsx", "schools")
    assert code == 2 and "The Excel file cannot be opened: it is damaged" in err


def test_oversized_styles_are_refused_before_they_are_read(world, tmp_path):
    source = zipfile.ZipFile(io.BytesIO(workbook(["district", "name"], [["RUSD", "P.S. 1"]])))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename == "xl/styles.xml":
                target.writestr(info.filename, b'<styleSheet xmlns="http://schemas.openxmlformats.org/'
                                b'spreadsheetml/2006/main">' + b"<x/>" * 1_310_720 + b"</styleSheet>")
            else:
                target.writestr(info.filename, source.read(info.filename))
    code, _, err = run(tmp_path, "import_data", buf.getvalue(), "s.xlsx", "schools")
    assert code == 2 and "The Excel file's formatting and settings take 5.0 MB, more than the 4 MB" in err


@pytest.mark.parametrize("sheet_xml", [
    b"<worksheet><sheetData><row><c><v>1",  # cut off
    b"not xml at all",
])
def test_damaged_sheet_is_a_clear_error_not_a_server_error(world, tmp_path, sheet_xml):
    data = with_sheet(["district", "name"], lambda sheet: sheet.write(sheet_xml))
    code, _, err = run(tmp_path, "import_data", data, "s.xlsx", "schools")
    assert code == 2 and "The Excel file cannot be opened: it is damaged or not an .xlsx workbook" in err
    r = world.client("central").post("/transfer/", {"kind": "schools", "file": SimpleUploadedFile("s.xlsx", data)})
    assert r.status_code == 400 and "it is damaged or not an .xlsx workbook" in r.content.decode()


# --- Malformed CSV ---------------------------------------------------------------------------------------------

UNCLOSED = "district,name,grades\nRUSD,P.S. 1,K-5\nRUSD,\"P.S. 2,K-5\nRUSD,P.S. 3,K-5\nRUSD,P.S. 4,K-5\n"


def test_unclosed_quote_is_an_error_naming_its_line(world, tmp_path):
    before = m.School.objects.count()
    code, _, err = run(tmp_path, "import_data", UNCLOSED, "schools.csv", "schools")
    assert code == 2
    assert ('schools.csv: Line 3: a value starts with a quote (") that is never closed, so the rest of the file '
            "would be read as that one value. Add the closing quote.") in err
    assert m.School.objects.count() == before


def test_unclosed_quote_in_people_and_measure_data(world, tmp_path):
    text = 'district,name,email\nRUSD,Ana,ana@example.org\nRUSD,"Ben,ben@example.org\n'
    code, _, err = run(tmp_path, "import_data", text, "people.csv", "people")
    assert code == 2 and "Line 3: a value starts with a quote" in err
    assert not m.Person.objects.filter(name__startswith="Ben").exists()
    code, _, err = run(tmp_path, "runchart", 'x,y\n1,2\n"2,3\n3,4\n', "series.csv")
    assert code == 2 and "Line 3: a value starts with a quote" in err


def test_unclosed_quote_in_a_long_file_is_still_named(world, tmp_path):
    """Past 128 KB the csv module gives up with another error: it is the same mistake."""
    text = "district,name\nRUSD,\"P.S. 1\n" + "RUSD,P.S. 2\n" * 20_000
    code, _, err = run(tmp_path, "import_data", text, "schools.csv", "schools")
    assert code == 2 and "Line 2: a value starts with a quote" in err


def test_text_after_a_closing_quote_is_an_error_naming_its_line(world, tmp_path):
    text = 'district,name,grades\nRUSD,P.S. 1,K-5\nRUSD,"P.S. 2" Annex,K-5\n'
    code, _, err = run(tmp_path, "import_data", text, "schools.csv", "schools")
    assert code == 2 and "Line 3: a value has text after its closing quote" in err
    assert not m.School.objects.filter(name__startswith="P.S. 2").exists()


def test_quoted_values_with_commas_quotes_and_line_breaks_still_import(world, tmp_path):
    text = 'district,name,grades\nRUSD,"P.S. 5, ""The Annex""",K-5\n"RUSD","P.S. 6\nLower",K-2\r\nRUSD,P.S. 8,3-5'
    code, out, _ = run(tmp_path, "import_data", text, "schools.csv", "schools")
    assert code == 0 and "Imported 3 row(s)" in out
    assert m.School.objects.filter(name='P.S. 5, "The Annex"').exists()
    assert m.School.objects.filter(name="P.S. 6\nLower").exists()


def test_unclosed_quote_on_the_upload_page(world):
    upload = SimpleUploadedFile("s.csv", UNCLOSED.encode())
    r = world.client("central").post("/transfer/", {"kind": "schools", "file": upload})
    body = r.content.decode()
    assert r.status_code == 400 and "Line 3: a value starts with a quote" in body
    assert not r.context.get("token") and not m.School.objects.filter(name="P.S. 1").exists()


# --- Many bad rows: the first 50 are listed, the rest counted -------------------------------------------------

BAD_ROWS = "district,name\n" + "".join(f"Nowhere,P.S. {i}\n" for i in range(1, 61))


def test_command_lists_fifty_problems_and_counts_the_rest(world, tmp_path):
    code, _, err = run(tmp_path, "import_data", BAD_ROWS, "schools.csv", "schools")
    lines = err.splitlines()
    assert code == 2
    assert sum('There is no district "Nowhere"' in line for line in lines) == 50
    assert lines[0].startswith("schools.csv: Row 2, column") and lines[49].startswith("schools.csv: Row 51,")
    assert lines[50] == "schools.csv: … and 10 more problem(s)."
    assert "Nothing was imported: 60 problem(s) to fix." in err


def test_upload_page_lists_fifty_problems_and_counts_the_rest(world):
    upload = SimpleUploadedFile("s.csv", BAD_ROWS.encode())
    r = world.client("central").post("/transfer/", {"kind": "schools", "file": upload})
    body = r.content.decode()
    assert r.status_code == 400
    assert "Fix these 60 problems" in body and body.count("There is no district") == 50
    assert "… and 10 more problems." in body
