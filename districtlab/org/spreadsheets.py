"""Reading and writing the spreadsheets district staff live in (CSV and Excel .xlsx)."""
import contextlib
import csv
import datetime as dt
import io
import math
import re
import zipfile
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from django.conf import settings

XLSX_MAGIC = b"PK\x03\x04"
MAX_COLUMNS = 200  # columns read from an uploaded sheet; an import has a dozen or so
# An analyst's file on the command line (``open_table``: answers, codes): its numbers are plain (``4``, ``3.5``,
# ``-1``, ``2e1``: never text, ``inf``, ``nan`` or a formula) and at most LARGEST_NUMBER in size.
PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?", re.ASCII)
LARGEST_NUMBER = 1e12  # far beyond any scale or code, far from overflow
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
EXCEL_MAX_ROWS = 1_048_576
HELD_ELEMENTS = 10_000  # XML elements held at once while streaming a part (a cell needs a handful)
# Parts openpyxl reads whole ([Content_Types].xml, xl/workbook.xml, xl/styles.xml, xl/_rels/...): a real
# workbook's are kilobytes. The sheets and shared strings (streamed) and pictures (not read) are not limited here.
WHOLE_PART = re.compile(r"^(xl/(_rels/)?)?(?!sharedStrings\.xml$)[^/]+\.(xml|rels)$")
WHOLE_PART_BYTES = 4 * 1_048_576
UNREADABLE_XLSX = ("The Excel file cannot be opened: it is damaged or not an .xlsx workbook. "
                   "Open it in Excel and save it again as .xlsx.")


class SpreadsheetError(ValueError):
    """The file as a whole cannot be read; the message says why and what to do."""


def _cell_text(value) -> str:
    if type(value) is str:  # noqa: E721  (CSV cells, and most of a sheet's: first, as the quickest)
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _not_utf8(byte: int, line: int) -> SpreadsheetError:
    return SpreadsheetError(
        f"The file is not UTF-8 text: byte 0x{byte:02X} on line {line} cannot be read. "
        "In Excel use “Save as → CSV UTF-8”, or upload the .xlsx file itself."
    )


BINARY = "The file holds binary data, not CSV text: upload a .csv or .xlsx file."
EMPTY = "The file is empty: it needs a header row and at least one row of data."


def _text_lines(file) -> Iterator[str]:
    """The lines of a binary CSV ``file`` (UTF-8, or UTF-16 with its byte-order mark), decoded as they are read."""
    file.seek(0)
    if file.read(2) in (b"\xff\xfe", b"\xfe\xff"):
        file.seek(0)
        yield from io.TextIOWrapper(file, encoding="utf-16", newline="")
        return
    file.seek(0)
    for number, line in enumerate(file, start=1):
        try:
            text = line.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            raise _not_utf8(line[exc.start], number) from None
        if "\x00" in text:
            raise SpreadsheetError(BINARY)
        yield text


def check_size(size: int, max_bytes: int) -> None:
    """Refuse a file over the limit before reading it."""
    if size > max_bytes:
        raise SpreadsheetError(
            f"The file is {size / 1_048_576:.1f} MB; the limit is {max_bytes / 1_048_576:.0f} MB. "
            "Split it into smaller files."
        )


def read_table(filename: str, data: bytes, max_bytes: int, *, max_rows: int | None = None,
               max_unpacked: int | None = None) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """Read a CSV or XLSX file into its column names and ``(row number, {column: text})`` pairs.

    Row numbers are those a person sees in a spreadsheet: the header is row 1. Blank rows are skipped.
    Column names are trimmed; two names that differ only in case count as the same column. The bounds are
    ``stream_table``'s.
    """
    with stream_table(filename, data, max_bytes, max_rows=max_rows, max_unpacked=max_unpacked) as (columns, body):
        return columns, [
            (n, {c: (row[i] if i < len(row) else "") for i, c in enumerate(columns) if c}) for n, row in body
        ]


def is_workbook(filename: str, head: bytes) -> bool:
    """Is a file an Excel workbook (read as one) rather than CSV? By its first bytes ``head``, or its name."""
    return head[:len(XLSX_MAGIC)] == XLSX_MAGIC or filename.lower().endswith((".xlsx", ".xlsm"))


@contextlib.contextmanager
def stream_table(filename: str, source: bytes | BinaryIO, max_bytes: float, *, max_rows: int | None = None,
                 max_unpacked: float | None = None, max_columns: int | None = MAX_COLUMNS,
                 ) -> Iterator[tuple[list[str], Iterator[tuple[int, list[str]]]]]:
    """A CSV or XLSX file (its bytes, or an open binary file) as its column names and ``(row number, [text per
    column])``, read as they are needed: memory stays flat whatever the number of rows.

    Every reader of spreadsheets goes through here, so the bounds hold for all of them: the file's size
    (``max_bytes``), an Excel file's unpacked size (``max_unpacked``, checked before anything is unpacked),
    the data rows (``max_rows``, reading stops at the first row over) and the columns (``max_columns``, None for
    no limit). The unpacked size and rows default to the settings ``DISTRICTLAB_MAX_IMPORT_UNPACKED_BYTES`` and
    ``DISTRICTLAB_MAX_IMPORT_ROWS``.
    """
    if max_rows is None:
        max_rows = settings.DISTRICTLAB_MAX_IMPORT_ROWS
    if max_unpacked is None:
        max_unpacked = settings.DISTRICTLAB_MAX_IMPORT_UNPACKED_BYTES
    file = io.BytesIO(source) if isinstance(source, bytes) else source
    size = file.seek(0, io.SEEK_END)
    check_size(size, max_bytes)
    file.seek(0)
    if not file.read(4096).strip() and size <= 4096:
        raise SpreadsheetError(EMPTY)
    file.seek(0)
    if is_workbook(filename, file.read(len(XLSX_MAGIC))):
        rows = _xlsx_rows(file, max_unpacked)
    else:
        rows = _csv_rows(_text_lines(file))
    try:
        yield _table(rows, max_rows, max_columns)
    finally:
        rows.close()  # an Excel workbook is closed even when reading stops early


@contextlib.contextmanager
def open_table(path) -> Iterator[tuple[list[str], Iterator[tuple[int, list[str]]]]]:
    """The file at ``path`` as ``stream_table`` reads it, with no limit on its size, unpacked size, rows or columns:
    for an analyst's own file on the command line (uploads keep the limits)."""
    with open(path, "rb") as file, stream_table(str(path), file, math.inf, max_rows=0, max_unpacked=math.inf,
                                                 max_columns=None) as table:
        yield table


def workbook_at(path) -> bool:
    """Is the file at ``path`` an Excel workbook? As ``stream_table`` decides (its first bytes, or its name)."""
    with open(path, "rb") as file:
        return is_workbook(str(path), file.read(len(XLSX_MAGIC)))


def shown(text: str, length: int = 40) -> str:
    """``text`` as a message quotes it: control characters as "?", cut to ``length`` with an ellipsis."""
    text = CONTROL.sub("?", text)
    return text if len(text) <= length else text[:length - 1] + "…"


def _table(rows: Iterator[tuple[int, list]], max_rows: int | None, max_columns: int | None = MAX_COLUMNS):
    """The column names (the first non-blank row, checked) and a generator of the non-blank rows after it, as
    text cut to the header's width; a row over ``max_rows`` (0: no limit), a header over ``max_columns`` (None: no
    limit) or no row at all is an error."""
    header = None
    for _number, values in rows:
        row = [_cell_text(v) for v in values[:None if max_columns is None else max_columns + 1]]
        if any(row):
            header = row
            break
    if header is None:
        raise SpreadsheetError(EMPTY)
    while header and not header[-1]:
        header.pop()
    if max_columns is not None and len(header) > max_columns:
        raise SpreadsheetError(f"The header row has more than {max_columns} columns: keep only the columns to import.")
    columns = [h.strip() for h in header]
    seen = set()
    for name in columns:
        if name and name.lower() in seen:
            raise SpreadsheetError(f'The column "{name}" appears twice in the header row.')
        seen.add(name.lower())

    def body():
        count, width = 0, len(columns)
        for number, values in rows:
            # cells right of the header are not read; text (every CSV cell, most of a sheet's) trimmed at once
            row = [v.strip() if type(v) is str else _cell_text(v) for v in values[:width]]
            if not any(row):
                continue
            if count == max_rows and max_rows:
                raise SpreadsheetError(f"The file has more than {max_rows:,} rows of data; the limit is "
                                       f"{max_rows:,}. Split it into smaller files.")
            count += 1
            yield number, row
        if not count:
            raise SpreadsheetError("The file has a header row but no data rows.")

    return columns, body()


def _csv_rows(lines: Iterable[str]) -> Iterator[tuple[int, list[str]]]:
    """``(row number, values)`` of strict CSV lines; a malformed row is an error naming its line (the csv module
    would otherwise read an unclosed quote as one value holding the rest of the file)."""
    reader = csv.reader(lines, strict=True)
    start, number = 1, 0  # the line the row being read starts on; the row's number
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise SpreadsheetError(_csv_problem(str(exc), start, reader.line_num)) from None
        number += 1
        yield number, [from_cell(c) if c[:1] == "'" else c for c in row]
        start = reader.line_num + 1


def _csv_problem(error: str, start: int, line: int) -> str:
    if "unexpected end of data" in error or "field larger than field limit" in error:
        return (f'Line {start}: a value starts with a quote (") that is never closed, so the rest of the file '
                "would be read as that one value. Add the closing quote.")
    if "expected after" in error:
        return (f'Line {line}: a value has text after its closing quote. Put the whole value in quotes and '
                'write any quote inside it twice ("").')
    return f"Line {line}: the CSV cannot be read ({error}). Save it again as CSV UTF-8."


def _check_unpacked_size(data: bytes | BinaryIO, max_unpacked: float) -> None:
    """Refuse a workbook whose parts unpack to more than ``max_unpacked`` bytes, before unpacking any, and one
    whose parts read whole (the workbook part, the styles...) are larger than a real workbook's.

    The sizes are those the zip declares; Python's zipfile never unpacks more than a part declares.
    """
    try:
        with zipfile.ZipFile(_seekable(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise SpreadsheetError(UNREADABLE_XLSX) from None
    unpacked = sum(info.file_size for info in parts)
    if unpacked > max_unpacked:
        raise SpreadsheetError(
            f"The Excel file unpacks to {unpacked / 1_048_576:,.1f} MB; the limit is "
            f"{max_unpacked / 1_048_576:,.0f} MB. Keep only the sheet to import, or split it into smaller files."
        )
    for info in parts:
        if WHOLE_PART.match(info.filename) and info.file_size > WHOLE_PART_BYTES:
            raise SpreadsheetError(
                f"The Excel file's formatting and settings take {info.file_size / 1_048_576:,.1f} MB, more than "
                f"the {WHOLE_PART_BYTES / 1_048_576:,.0f} MB a workbook needs: copy the rows into a new workbook, "
                "save it as .xlsx and upload that."
            )


def _seekable(data: bytes | BinaryIO) -> BinaryIO:
    """A workbook's bytes, or its open file (read from the start), as a file for ``zipfile``."""
    if isinstance(data, bytes):
        return io.BytesIO(data)
    data.seek(0)
    return data


def _xlsx_rows(data: bytes | BinaryIO, max_unpacked: float) -> Iterator[tuple[int, list]]:
    """The first sheet's rows as ``(row number, [cell values])``, read as they are needed (from the workbook's
    bytes, or its open file)."""
    from .xlsx import WorkbookReader  # openpyxl is loaded only when an Excel file is read (a fifth of a second)

    _check_unpacked_size(data, max_unpacked)
    reader = None
    try:
        reader = WorkbookReader(_seekable(data), read_only=True, data_only=True, keep_links=False)
        reader.read()
        yield from reader.rows()
    except SpreadsheetError:
        raise
    except Exception:  # openpyxl parsing an untrusted file can fail in many ways; none is the user's 500
        raise SpreadsheetError(UNREADABLE_XLSX) from None
    finally:
        if reader is not None:
            reader.archive.close()


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # OWASP "CSV injection": a cell starting so may run as a formula
NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


def looks_like_formula(text: str) -> bool:
    """Could a spreadsheet run ``text`` (past any leading apostrophes) as a formula? A plain number cannot.

    >>> [looks_like_formula(t) for t in ('=1+1', "'=1+1", '-3', '-2+3', '@SUM(A1)', 'P.S. 8')]
    [True, True, False, True, True, False]
    """
    bare = text.lstrip("'")
    return bare[:1] in FORMULA_STARTS and not NUMBER.fullmatch(bare)


def safe_cell(value):
    """A CSV cell no spreadsheet runs as a formula: text that could start one gets a leading apostrophe
    (OWASP's advice); numbers, and text that reads as a number, are left as they are. ``from_cell`` takes
    the apostrophe off again, so any text goes out and comes back unchanged.

    >>> safe_cell("=HYPERLINK(A1)"), safe_cell(-3), safe_cell("-3"), safe_cell("Tess")
    ("'=HYPERLINK(A1)", -3, '-3', 'Tess')
    """
    return "'" + value if isinstance(value, str) and looks_like_formula(value) else value


def from_cell(text: str) -> str:
    """A CSV cell as it was before ``safe_cell``: the apostrophe it added is taken off (and only that one).

    >>> from_cell("'=1+1"), from_cell("''=1+1"), from_cell("'tis"), from_cell("'-3")
    ('=1+1', "'=1+1", "'tis", "'-3")
    """
    return text[1:] if text.startswith("'") and looks_like_formula(text) else text


CSV_CHUNK = 1_000  # rows encoded at once while streaming a CSV


def csv_chunks(columns: list[str], rows: Iterable[list]) -> Iterator[bytes]:
    """The header and ``rows`` as UTF-8 CSV, a chunk of rows at a time, as the rows come (a download streams)."""
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow([safe_cell(v) for v in columns])
    for number, row in enumerate(rows, start=1):
        writer.writerow([safe_cell(v) for v in row])
        if number % CSV_CHUNK == 0:
            yield buf.getvalue().encode("utf-8")
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue().encode("utf-8")


def write_rows(columns: list[str], rows: Iterable[list], fmt: str, file: BinaryIO) -> int:
    """Write the header and ``rows`` to the binary ``file`` as CSV (UTF-8) or XLSX as the rows come, and return how
    many rows there were. Every export goes through here, so no cell of any export can run as a formula in the
    spreadsheet that opens it (``safe_cell``, ``xlsx.cell``)."""
    count = 0

    def counted():
        nonlocal count
        for count, row in enumerate(rows, start=1):  # noqa: B007  (the count is read once the rows are written)
            yield row

    if fmt == "xlsx":
        from .xlsx import write_workbook  # openpyxl is loaded only when an Excel file is written

        write_workbook(columns, counted(), file)
        return count
    if fmt != "csv":
        raise ValueError(f'Unknown format "{fmt}": use csv or xlsx.')
    for chunk in csv_chunks(columns, counted()):
        file.write(chunk)
    return count


def write_table(columns: list[str], rows: Iterable[list], fmt: str) -> bytes:
    """``write_rows`` into bytes (a small table: a download answered at once)."""
    buf = io.BytesIO()
    write_rows(columns, rows, fmt, buf)
    return buf.getvalue()
