"""Reference tables as people edit them: text pasted from a spreadsheet (or a CSV file), one line per row.

The model keeps ``columns`` and ``rows`` as JSON lists of text (``ReferenceTable``); admins never type JSON.
The first line names the columns; each later line is a row with one cell per column, separated by tabs (as a
spreadsheet pastes them) or commas (CSV, a cell with a comma in quotes). Cells are kept as text, exactly as typed.
"""
import csv
import io

MAX_PROBLEMS = 5  # a table with many bad lines is reported by its first few


class TableError(ValueError):
    """What is wrong with the table, line by line, in words: ``problems`` lists each."""

    def __init__(self, problems):
        super().__init__("; ".join(problems))
        self.problems = problems


def table_text(columns, rows) -> str:
    """A table as the text the form shows: CSV, the column names first.

    >>> print(table_text(["Measure", "LPP"], [["% ELL", "13%"], ["Schools, all", "190"]]), end="")
    Measure,LPP
    % ELL,13%
    "Schools, all",190
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return out.getvalue()


def _delimiter(text: str) -> str:
    """Tabs if the first line has one (pasted from a spreadsheet), else commas (CSV)."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    return "\t" if "\t" in first else ","


def _cells(text: str):
    """``(line number, cells)`` for each non-blank line."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text), strict=True)
    start = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error:
            raise TableError([f"Line {start}: a cell starts with a quote (\") that is not closed where the cell "
                              "ends. Close the quote, or write a quote inside a cell twice (\"\")."]) from None
        if any(cell.strip() for cell in row):
            yield start, [cell.strip() for cell in row]
        start = reader.line_num + 1


def read_table_text(text: str) -> tuple[list[str], list[list[str]]]:
    """The table's ``(columns, rows)`` from its text; :class:`TableError` names each line that does not fit.

    >>> read_table_text("Measure\\tLPP\\tDOE\\n% ELL\\t13%\\t13%\\n")
    (['Measure', 'LPP', 'DOE'], [['% ELL', '13%', '13%']])
    >>> read_table_text("Measure,LPP,DOE\\n% ELL,13%\\n")
    Traceback (most recent call last):
    ...
    districtlab.org.reference.TableError: Line 2 has 2 cells but the table has 3 columns (Measure, LPP, DOE): \
add the missing cell for DOE (it may be empty: end the line with a comma).
    """
    lines = list(_cells(text or ""))
    if not lines:
        raise TableError(["The table is empty: give a first line of column names, then one line per row."])
    (_n, columns), body = lines[0], lines[1:]
    while columns and not columns[-1]:
        columns.pop()
    problems = []
    for i, name in enumerate(columns, start=1):
        if not name:
            problems.append(f"Line 1, column {i}: every column needs a name.")
        elif name.lower() in (c.lower() for c in columns[: i - 1]):
            problems.append(f"Line 1, column {i}: the column “{name}” appears twice.")
    width, names = len(columns), ", ".join(columns)
    rows = []
    for number, cells in body:
        while len(cells) > width and not cells[-1]:  # empty cells right of the table, as spreadsheets add
            cells.pop()
        if len(cells) > width:
            extra = ", ".join(f"“{c}”" for c in cells[width:])
            problems.append(f"Line {number} has {len(cells)} cells but the table has {width} columns ({names}): "
                            f"remove {extra} or add a column for it.")
        elif len(cells) < width:
            missing = ", ".join(columns[len(cells):])
            sep = "a tab" if _delimiter(text) == "\t" else "a comma"
            problems.append(f"Line {number} has {len(cells)} cell{'' if len(cells) == 1 else 's'} but the table has "
                            f"{width} columns ({names}): add the missing cell{'' if width - len(cells) == 1 else 's'} "
                            f"for {missing} (it may be empty: end the line with {sep}).")
        rows.append(cells)
    if problems:
        raise TableError(problems[:MAX_PROBLEMS] + (
            [f"… and {len(problems) - MAX_PROBLEMS} more."] if len(problems) > MAX_PROBLEMS else []))
    return columns, rows
