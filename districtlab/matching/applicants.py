"""Reading a file of applicants (``school,role,grade_band,borough,lfa_1,lfa_2,lfa_3``) and the matching weights.

The rules for the file are said here, once, for the ``districtlab match`` command now and the web app's upload
later: every column but ``lfa_2`` and ``lfa_3`` is filled in; ``role`` is host, partner or either; a school
appears once; ``lfa_3`` only after ``lfa_2``; a cell is a name, so text a spreadsheet would run as a formula
(``=HYPERLINK(...)``), control characters and names over ``NAME_LENGTH`` characters are refused. Each problem
names its row (the header is row 1) and column.
"""
from pathlib import Path

from districtlab.analysis.matching import ROLES, Applicant, check_weights
from districtlab.org.spreadsheets import CONTROL, SpreadsheetError, looks_like_formula, open_table, shown

COLUMNS = ("school", "role", "grade_band", "borough", "lfa_1", "lfa_2", "lfa_3")
REQUIRED = COLUMNS[:5]
WORDS = {"school": "the school's name", "role": "host, partner or either", "grade_band": "its grade band",
         "borough": "its borough", "lfa_1": "the focus area it wants most"}
NAME_LENGTH = 200  # as long as a school's name may be


def read_applicants(path: Path) -> list[Applicant]:
    """The applicants in the CSV or .xlsx file at ``path``; a ``SpreadsheetError`` names the first problem."""
    with open_table(path) as (header, rows):
        at = _columns(header)
        applicants, seen = [], {}
        for number, cells in rows:
            row = {name: cells[i] if i < len(cells) else "" for name, i in at.items()}
            for name, text in row.items():
                problem = _problem(name, text)
                if problem:
                    raise SpreadsheetError(f'Row {number}, column "{name}": {problem}')
            role = row["role"].lower()
            if role not in ROLES:
                raise SpreadsheetError(f'Row {number}, column "role": "{row["role"]}" is not a role: use host, '
                                       "partner or either.")
            if row.get("lfa_3") and not row.get("lfa_2"):
                raise SpreadsheetError(f'Row {number}, column "lfa_3": given while lfa_2 is empty; put the second '
                                       "focus area in lfa_2.")
            if row["school"] in seen:
                raise SpreadsheetError(f'Row {number}, column "school": "{row["school"]}" is already on row '
                                       f"{seen[row['school']]}; a school applies once.")
            seen[row["school"]] = number
            lfas = tuple(row[c] for c in ("lfa_1", "lfa_2", "lfa_3") if row.get(c))
            applicants.append(Applicant(row["school"], role, row["grade_band"], row["borough"], lfas))
        return applicants


def _columns(header: list[str]) -> dict[str, int]:
    """Where each column is (names in any case); a missing or unknown column is an error naming it."""
    at = {}
    for i, name in enumerate(header):
        if not name:
            continue
        if name.lower() not in COLUMNS:
            raise SpreadsheetError(f'Row 1, column "{shown(name)}": not a column here; the columns are '
                                   f"{', '.join(COLUMNS)}.")
        at[name.lower()] = i
    missing = [c for c in REQUIRED if c not in at]
    if missing:
        raise SpreadsheetError(f'Row 1: the column "{missing[0]}" is missing; the columns are {", ".join(COLUMNS)} '
                               "(lfa_2 and lfa_3 may be left out).")
    return at


def _problem(column: str, text: str) -> str | None:
    if not text:
        return f"empty; give {WORDS[column]}." if column in WORDS else None
    if looks_like_formula(text):
        return f'"{shown(text)}" looks like a spreadsheet formula, not a name.'
    if CONTROL.search(text):
        return "contains a control character (a tab, a line break or an invisible code); type the name plainly."
    if len(text) > NAME_LENGTH:
        return f"{len(text)} characters long; a name has at most {NAME_LENGTH}."
    return None


def parse_weights(text: str) -> dict[str, int]:
    """``lfa=10,grade=3,borough=1`` as weights (those not named keep their defaults); ``ValueError`` says what is
    wrong.

    >>> parse_weights("lfa=5, borough=0")
    {'lfa': 5, 'grade': 3, 'borough': 0}
    >>> parse_weights("lfa=inf")
    Traceback (most recent call last):
    ...
    ValueError: The weight lfa must be a whole number from 0 to 1,000; it is "inf".
    """
    weights: dict[str, int | str] = {}
    for part in text.split(","):
        name, equals, value = (s.strip() for s in part.partition("="))
        if not equals:
            raise ValueError(f'Weights are name=number pairs separated by commas, e.g. lfa=10,grade=3,borough=1; '
                             f'"{shown(part.strip())}" has no "=".')
        if name in weights:
            raise ValueError(f'The weight {shown(name)} is given twice.')
        weights[name] = int(value) if value.isascii() and value.isdigit() else shown(value)
    return check_weights(weights)
