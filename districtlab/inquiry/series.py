"""Reading a measure's data series: pasted rows or a spreadsheet, columns ``x,y`` and optional ``n`` and ``part``.

The rules for a measure's data are said once, here, and every way in uses them: the page's paste and
upload, the ``runchart``/``spc`` commands, and the API and admin (through ``DataPoint.clean``):

- a value or denominator is a finite number no larger than ``LARGEST`` in size (``inf``, ``nan`` and
  ``1e400`` are not data, and cannot be charted);
- a measure holds at most ``MAX_POINTS`` points (the commands, which store nothing, read files of any length);
- a header row is optional when pasting; it is recognised by not being numbers, and its names may be the
  spreadsheet's own (``date``, ``week``, ``value``, ``count``, ``denominator``... see ``NAMES``).
"""
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from districtlab.analysis.runchart import consecutive
from districtlab.org.spreadsheets import SpreadsheetError, open_table, read_table

COLUMNS = ("x", "y", "n", "part")
COLUMN_WORDS = {"x": "label", "y": "value", "n": "denominator", "part": "part"}  # the columns in plain words
LARGEST = 1e12  # a million million: more than any count or score a school measures, far from overflow
MAX_POINTS = 10_000  # points one measure holds (about 27 years of daily data)
LABEL_LENGTH, PART_LENGTH = 60, 100  # as DataPoint.label and DataPoint.part store them

# Header names a spreadsheet may use for each column (compared in lower case, by the whole name or its first word).
NAMES = {
    "x": ("x", "date", "week", "day", "month", "year", "period", "label", "time", "when", "session", "lesson",
          "visit", "cycle", "term", "quarter"),
    "y": ("y", "value", "values", "count", "counts", "result", "results", "score", "scores", "measure", "events",
          "numerator", "percent", "percentage", "rate", "number", "total", "amount", "minutes"),
    "n": ("n", "denominator", "out of", "cases", "sample", "sample size", "possible", "enrolled"),
    "part": ("part", "phase", "stage", "change", "change idea", "condition", "segment"),
}
HINT = ("use x (or date, week...), y (or value, count...), and optionally n (or denominator) and part "
        "(or phase)")


@dataclass
class Series:
    xs: list = field(default_factory=list)
    ys: list = field(default_factory=list)
    ns: list | None = None
    parts: list | None = None
    header: dict | None = None  # a pasted header row as read: {column: name given}


def number_problem(value: float) -> str | None:
    """What makes ``value`` unusable as a measured number, or ``None`` if it is fine.

    >>> [number_problem(v) for v in (3.5, -2, float("inf"), float("nan"), 1e308)]  # doctest: +NORMALIZE_WHITESPACE
    [None, None, 'is not a finite number (infinity and “not a number” cannot be charted)',
     'is not a finite number (infinity and “not a number” cannot be charted)',
     'is too large: values are at most 1,000,000,000,000 in size']
    """
    if not math.isfinite(value):
        return "is not a finite number (infinity and “not a number” cannot be charted)"
    if abs(value) > LARGEST:
        return f"is too large: values are at most {LARGEST:,.0f} in size"
    return None


def too_many(count: int) -> str:
    return (f"a measure holds at most {MAX_POINTS:,} points; this would make {count:,}. Summarise the data "
            "(e.g. one point a week) or start a new measure.")


def _number(text: str, column: str, word: str, number: int) -> float:
    """``text`` as a measured number, or a ``SpreadsheetError`` naming its row (``word`` ``number``) and column."""
    try:
        value = float(text.replace(",", "") if "," in text else text)
        if -LARGEST <= value <= LARGEST:  # finite and not too large: the usual case, checked quickest
            return value
    except (ValueError, OverflowError):
        raise SpreadsheetError(f'{word} {number}, column "{column}": "{text}" is not a number.') from None
    raise SpreadsheetError(f'{word} {number}, column "{column}": "{text}" {number_problem(value)}.')


def role_of(name: str) -> str | None:
    """The column a header name stands for (``x``, ``y``, ``n``, ``part``), or ``None``.

    >>> [role_of(n) for n in ("Week ending", "Value (%)", "Denominator", "Phase", "Notes", "x")]
    ['x', 'y', 'n', 'part', None, 'x']
    """
    words = re.sub(r"[^\w ]+", " ", name.lower()).split()
    if not words:
        return None
    whole = " ".join(words)
    for role, names in NAMES.items():
        if whole in names:
            return role
    for role, names in NAMES.items():
        if words[0] in names:
            return role
    return None


def column_roles(header: list[str], where: str, by_position: bool) -> dict[str, int]:
    """Which header cell is which column: by its name (``NAMES``); ``by_position`` fills the rest in order."""
    roles: dict[str, int] = {}
    unnamed = []
    for i, name in enumerate(header):
        role = role_of(name)
        if role and role not in roles:
            roles[role] = i
        elif name.strip() or by_position:
            unnamed.append(i)
    while by_position and unnamed and len(roles) < len(COLUMNS):
        roles[next(r for r in COLUMNS if r not in roles)] = unnamed.pop(0)
    for required in ("x", "y"):
        if required not in roles:
            raise SpreadsheetError(f'{where}: the column "{required}" is missing ({HINT}).')
    if unnamed:
        raise SpreadsheetError(f'{where}, column "{header[unnamed[0]]}": not a column here ({HINT}).')
    return roles


def _points(rows, header: list[str], roles: dict[str, int], word: str):
    """Each ``(number, cells)`` row as ``(x, y, n, part)``, checked (``n`` and ``part`` are ``None`` without their
    column); the first problem raises naming its row and column."""
    width = len(header)
    x_at, y_at, n_at, part_at = (roles.get(column) for column in COLUMNS)
    for number, cells in rows:
        if len(cells) != width:
            if len(cells) > width and any(c.strip() for c in cells[width:]):
                raise SpreadsheetError(f"{word} {number}: {len(cells)} values, but there are {width} columns.")
            cells = cells[:width] + [""] * (width - len(cells))
        x, y_text = cells[x_at].strip(), cells[y_at].strip()
        if not x:
            raise SpreadsheetError(f'{word} {number}, column "x": empty; give a date, a label or a number.')
        if len(x) > LABEL_LENGTH:
            raise SpreadsheetError(f'{word} {number}, column "x": "{x[:20]}…" is {len(x)} characters long; a label '
                                   f"has at most {LABEL_LENGTH}.")
        if not y_text:
            raise SpreadsheetError(f'{word} {number}, column "y": empty; give the measured value.')
        y = _number(y_text, "y", word, number)
        n_text = cells[n_at].strip() if n_at is not None else ""
        n = _number(n_text, "n", word, number) if n_text else None
        part = cells[part_at].strip() if part_at is not None else None
        if part is not None and len(part) > PART_LENGTH:
            raise SpreadsheetError(f'{word} {number}, column "part": {len(part)} characters long; a part\'s name '
                                   f"has at most {PART_LENGTH}.")
        yield x, y, n, part


def _series(rows: list[tuple[int, list[str]]], header: list[str], roles: dict[str, int], word: str) -> Series:
    """Read ``(number, cells)`` rows into a series; the first problem raises naming its row and column."""
    if len(rows) > MAX_POINTS:
        raise SpreadsheetError(f"The data has {len(rows):,} rows: {too_many(len(rows))}")
    return _columns(list(_points(rows, header, roles, word)), roles)


def _columns(points: list[tuple], roles: dict[str, int]) -> Series:
    """A series from ``(x, y, n, part)`` points; ``ns`` and ``parts`` only where their column was given."""
    xs, ys, ns, parts = (list(column) for column in zip(*points)) if points else ([], [], [], [])
    return Series(xs, ys, ns if "n" in roles else None, parts if "part" in roles else None)


def read_series(filename: str, data: bytes, max_bytes: int) -> Series:
    """Read a CSV or Excel file with a header row; raise ``SpreadsheetError`` naming the first bad row and column."""
    columns, rows = read_table(filename, data, max_bytes, max_rows=MAX_POINTS)
    roles = column_roles(columns, "Row 1", by_position=False)
    return _series([(n, [row.get(c, "") for c in columns]) for n, row in rows], columns, roles, "Row")


def file_parts(path) -> Iterator[Series]:
    """The series in the file at ``path``, one part at a time, read as it is needed (the ``runchart`` and ``spc``
    commands): a file of any size, with no limit on points, in the memory of its largest part.

    Each row is checked as ``read_series`` checks it; a part may not come back after another (``ValueError``).
    """
    with open_table(path) as (columns, rows):
        roles = column_roles(columns, "Row 1", by_position=False)
        for _label, points in consecutive((point[3], point) for point in _points(rows, columns, roles, "Row")):
            yield _columns(points, roles)


def _is_number(text: str) -> bool:
    try:
        float(text.replace(",", ""))
    except ValueError:
        return False
    return True


def _is_header(cells: list[str]) -> bool:
    """A pasted first line is a header when its values are not numbers and it reads as names: a name we know
    (``date``, ``value``...), or no digits at all (``Week 3``, ``abc`` is a row with a bad value, not a header).

    >>> [_is_header(c) for c in (["Week", "Percent"], ["Date", "Score 2016"], ["Week 3", "abc"], ["W1", "4"])]
    [True, True, False, False]
    """
    values = cells[1:]
    if not any(values) or any(_is_number(c) for c in values):
        return False
    whole = [" ".join(re.sub(r"[^\w ]+", " ", c.lower()).split()) for c in cells]
    known = any(name in names for name in whole for names in NAMES.values())
    return known or not any(ch.isdigit() for c in cells for ch in c)


def read_pasted(text: str, max_bytes: int) -> Series:
    """Rows pasted from a spreadsheet (tab- or comma-separated), with or without a header row.

    The first line is a header when none of its cells after the first is a number; its names are matched
    to the columns (``NAMES``), any others taken in the order x, y, n, part. Problems name the line as pasted.

    >>> s = read_pasted("Week\\tPercent on task\\nWeek 1\\t40\\nWeek 2\\t45", 1000)
    >>> s.xs, s.ys, s.header
    (['Week 1', 'Week 2'], [40.0, 45.0], {'x': 'Week', 'y': 'Percent on task'})
    """
    text = text.replace("\r\n", "\n")  # as typed: a browser sends each line end as CR LF
    size = len(text.encode())
    if size > max_bytes:
        raise SpreadsheetError(f"The pasted text is {size / 1_048_576:.1f} MB; the limit is "
                               f"{max_bytes / 1_048_576:.0f} MB. Paste it in smaller pieces, or upload the file.")
    lines = [(i, line) for i, line in enumerate(text.splitlines(), start=1) if line.strip()]
    if not lines:
        raise SpreadsheetError("Nothing was pasted.")
    if len(lines) > MAX_POINTS + 1:  # more than a header and a full measure: say so before reading any
        raise SpreadsheetError(f"The pasted text has {len(lines):,} lines: {too_many(len(lines))}")
    sep = "\t" if "\t" in lines[0][1] else ","
    rows = [(i, line.split(sep)) for i, line in lines]
    first = [c.strip() for c in rows[0][1]]
    if _is_header(first):
        roles = column_roles(first, f"Line {rows[0][0]}", by_position=True)
        series = _series(rows[1:], first, roles, "Line")
        series.header = {role: first[i] for role, i in sorted(roles.items(), key=lambda r: r[1])}
    else:
        if len(first) > len(COLUMNS):
            raise SpreadsheetError(f"Line {rows[0][0]}: {len(first)} values; paste label, value and optionally "
                                   "denominator and part (four at most), or add a header row naming them.")
        header = list(COLUMNS[: len(first)])
        series = _series(rows, header, {c: i for i, c in enumerate(header)}, "Line")
    if not series.xs:
        raise SpreadsheetError("Only a header row was pasted: paste the rows of data under it too.")
    return series
