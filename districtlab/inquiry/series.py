"""Reading a measure's data series from a spreadsheet: columns ``x,y`` and optional ``n`` and ``part``."""
import re
from dataclasses import dataclass, field

from districtlab.org.spreadsheets import SpreadsheetError, read_table

COLUMNS = ("x", "y", "n", "part")


@dataclass
class Series:
    xs: list = field(default_factory=list)
    ys: list = field(default_factory=list)
    ns: list | None = None
    parts: list | None = None


def _number(text: str, column: str, row: int) -> float:
    try:
        return float(text.replace(",", ""))
    except ValueError:
        raise SpreadsheetError(f'Row {row}, column "{column}": "{text}" is not a number.') from None


def read_series(filename: str, data: bytes, max_bytes: int) -> Series:
    """Read ``x,y[,n][,part]`` rows; raise ``SpreadsheetError`` naming the first bad row and column."""
    columns, rows = read_table(filename, data, max_bytes)
    names = {c.lower(): c for c in columns}
    for required in ("x", "y"):
        if required not in names:
            raise SpreadsheetError(f'Row 1: the column "{required}" is missing (columns: x, y and optionally n, part).')
    unknown = [c for c in columns if c and c.lower() not in COLUMNS]
    if unknown:
        raise SpreadsheetError(f'Row 1, column "{unknown[0]}": not a column here (use x, y, n, part).')
    series = Series(ns=[] if "n" in names else None, parts=[] if "part" in names else None)
    for number, row in rows:
        x = row[names["x"]].strip()
        if not x:
            raise SpreadsheetError(f'Row {number}, column "x": empty; give a date, a label or a number.')
        y_text = row[names["y"]].strip()
        if not y_text:
            raise SpreadsheetError(f'Row {number}, column "y": empty; give the measured value.')
        series.xs.append(x)
        series.ys.append(_number(y_text, "y", number))
        if series.ns is not None:
            n_text = row[names["n"]].strip()
            series.ns.append(_number(n_text, "n", number) if n_text else None)
        if series.parts is not None:
            series.parts.append(row[names["part"]].strip())
    return series


def read_pasted(text: str, max_bytes: int) -> Series:
    """Rows pasted from a spreadsheet (tab- or comma-separated), with or without an x,y,n,part header."""
    lines = [line for line in text.strip().splitlines() if line.strip()]
    if not lines:
        raise SpreadsheetError("Nothing was pasted.")
    sep = "\t" if "\t" in lines[0] else ","
    first = [c.strip().lower() for c in lines[0].split(sep)]
    header = first[:2] == ["x", "y"]
    columns = first if header else ["x", "y", "n", "part"][: len(first)]
    body = lines[1:] if header else lines
    csv_text = ",".join(columns) + "\n" + "\n".join(
        ",".join('"' + c.strip().replace('"', '""') + '"' for c in line.split(sep)) for line in body)
    try:
        return read_series("pasted.csv", csv_text.encode(), max_bytes)
    except SpreadsheetError as exc:  # speak of the lines as pasted
        offset = 0 if header else 1
        raise SpreadsheetError(re.sub(r"Row (\d+)", lambda m: f"Line {int(m.group(1)) - offset}", str(exc))) from None
