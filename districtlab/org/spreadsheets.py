"""Reading and writing the spreadsheets district staff live in (CSV and Excel .xlsx)."""
import csv
import datetime as dt
import io
import zipfile

from openpyxl import Workbook, load_workbook

XLSX_MAGIC = b"PK\x03\x04"


class SpreadsheetError(ValueError):
    """The file as a whole cannot be read; the message says why and what to do."""


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SpreadsheetError(
            f"The file is not UTF-8 text: byte 0x{data[exc.start]:02X} on line {line} cannot be read. "
            "In Excel use “Save as → CSV UTF-8”, or upload the .xlsx file itself."
        ) from None


def check_size(size: int, max_bytes: int) -> None:
    """Refuse a file over the limit before reading it."""
    if size > max_bytes:
        raise SpreadsheetError(
            f"The file is {size / 1_048_576:.1f} MB; the limit is {max_bytes / 1_048_576:.0f} MB. "
            "Split it into smaller files."
        )


def read_table(filename: str, data: bytes, max_bytes: int) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """Read a CSV or XLSX file into its column names and ``(row number, {column: text})`` pairs.

    Row numbers are those a person sees in a spreadsheet: the header is row 1. Blank rows are skipped.
    Column names are trimmed; two names that differ only in case count as the same column.
    """
    check_size(len(data), max_bytes)
    if not data.strip():
        raise SpreadsheetError("The file is empty: it needs a header row and at least one row of data.")
    if data.startswith(XLSX_MAGIC) or filename.lower().endswith((".xlsx", ".xlsm")):
        rows = _xlsx_rows(data)
    else:
        text = _decode(data)
        if "\x00" in text:
            raise SpreadsheetError("The file holds binary data, not CSV text: upload a .csv or .xlsx file.")
        try:
            rows = [[c.strip() for c in r] for r in csv.reader(io.StringIO(text, newline=""))]
        except csv.Error as exc:
            raise SpreadsheetError(f"The CSV cannot be read: {exc}.") from None
    numbered = [(i, r) for i, r in enumerate(rows, start=1) if any(c for c in r)]
    if not numbered:
        raise SpreadsheetError("The file is empty: it needs a header row and at least one row of data.")
    (_, header), body = numbered[0], numbered[1:]
    columns = [h.strip() for h in header]
    seen = set()
    for name in columns:
        if name and name.lower() in seen:
            raise SpreadsheetError(f'The column "{name}" appears twice in the header row.')
        seen.add(name.lower())
    if not body:
        raise SpreadsheetError("The file has a header row but no data rows.")
    return columns, [
        (n, {c: (row[i] if i < len(row) else "") for i, c in enumerate(columns) if c}) for n, row in body
    ]


def _xlsx_rows(data: bytes) -> list[list[str]]:
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise SpreadsheetError(f"The Excel file cannot be opened ({exc}). Save it again as .xlsx.") from None
    sheet = book.worksheets[0]
    rows = [[_cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    book.close()
    return rows


def write_table(columns: list[str], rows: list[list], fmt: str) -> bytes:
    """Write rows as CSV (UTF-8) or XLSX bytes."""
    if fmt == "xlsx":
        book = Workbook(write_only=True)
        sheet = book.create_sheet()
        sheet.append(columns)
        for row in rows:
            sheet.append(row)
        buf = io.BytesIO()
        book.save(buf)
        return buf.getvalue()
    if fmt != "csv":
        raise ValueError(f'Unknown format "{fmt}": use csv or xlsx.')
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return buf.getvalue().encode("utf-8")
