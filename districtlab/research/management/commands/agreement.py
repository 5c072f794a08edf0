"""``districtlab agreement FILE.csv --level nominal|ordinal|interval|ratio [--json]``: agreement between coders from a
file of their codes: Krippendorff's alpha, percent agreement and, for two coders, Cohen's kappa
(``districtlab.analysis.agreement``).

The file's rules, said here once. Row 1 is the header: its first cell is free (``coder``, or blank), each later cell
names a unit (a passage, a document, an answer), each unit once. Every later row is a coder: the coder's name in
column A, each coder once (in any case: ``Ana`` and ``ana`` are one coder), then the value the coder gave each unit; a
blank cell is a unit the coder did not code. At the nominal level a value is a category, compared as written; at the
ordinal, interval and ratio levels it is a plain number (``4``, ``3.5``, ``-1``, ``2e1``; ratio: 0 or more). At any
level ``inf``, ``nan`` and a formula such as ``=HYPERLINK(...)`` are refused, and at a level of numbers so are text and
a number over 10¹² in size; each refusal names its row and column as a spreadsheet numbers them. In a CSV every
row has a value (perhaps blank) for every unit; an Excel row ends at its last value. Reading is the spreadsheets' own
(``org.spreadsheets.open_table``: UTF-8 or UTF-16, CSV or .xlsx, strict CSV), whose limit of ``MAX_COLUMNS`` columns
allows up to 199 units a file.
"""
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from openpyxl.utils import get_column_letter

from districtlab.analysis.agreement import LEVELS, KrippendorffAlpha, cohen_kappa, krippendorff_alpha, percent_agreement
from districtlab.analysis.words import plural
from districtlab.org.spreadsheets import (LARGEST_NUMBER, PLAIN_NUMBER, SpreadsheetError, looks_like_formula,
                                          open_table, shown, workbook_at)


class Command(BaseCommand):
    help = ("Agreement between coders from a file of their codes (CSV or .xlsx): row 1 names the units (after a first "
            "cell of your choice), each later row is a coder, the coder's name in column A and a value per unit, a "
            "blank cell a unit the coder did not code. Prints Krippendorff's alpha at the level given, the units and "
            "values it compares, percent agreement, and Cohen's kappa for two coders. Exit codes: 0 done, 2 bad file "
            "or options.")
    requires_system_checks = []  # reads a file and touches no database

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV (UTF-8) or .xlsx: a header row naming the units, then a row per coder.")
        parser.add_argument("--level", required=True, choices=LEVELS,
                            help="The values' level of measurement: nominal (categories), ordinal (ranks), interval "
                                 "or ratio (numbers; ratio values start at 0).")
        parser.add_argument("--json", action="store_true",
                            help="Print JSON (one line): krippendorff_alpha, units and pairable_values (the units "
                                 "coded by two coders or more, and their values), coders, level, percent_agreement, "
                                 "and cohen_kappa (null unless there are exactly two coders, or when undefined).")

    def handle(self, *args, file, level: str, json: bool, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"There is no file at {path}.", returncode=2)
        try:
            units, codes = read_codes(path, level)
            result = krippendorff_alpha(codes, level)
            agree = percent_agreement(codes)
        except OSError as exc:
            raise CommandError(f"{path.name} cannot be read: {exc.strerror or exc}.", returncode=2) from None
        except ValueError as exc:  # SpreadsheetError included: the file's problem, named by row and column
            raise CommandError(f"{path.name}: {exc}", returncode=2) from None
        kappa = _kappa(codes)
        self.stdout.write(_json(result, level, agree, kappa) if json else
                          _text(result, level, agree, kappa, len(units)))


def read_codes(path: Path, level: str) -> tuple[list[str], list[list]]:
    """The unit names and the reliability data matrix (a row per coder, ``None`` for a blank) in the file at ``path``:
    text at the nominal level, numbers at the others; ``ValueError`` (a ``SpreadsheetError`` for the file) names the
    first problem."""
    ragged_is_an_error = not workbook_at(path)
    with open_table(path) as (header, rows):
        units = _units(header)
        width, coders, codes = len(header), {}, []
        for number, cells in rows:
            if len(cells) < width and ragged_is_an_error:
                raise SpreadsheetError(f"Row {number}: {plural(len(cells), 'value')}, but the header row has {width} "
                                       "columns (the coder and the units); leave a unit not coded blank, keeping its "
                                       "comma.")
            _coder(cells[0], number, coders)
            values = [None] * len(units)
            for j, text in enumerate(cells[1:]):
                if text:
                    problem = _problem(text, level)
                    if problem:
                        raise SpreadsheetError(f"Row {number}, column {get_column_letter(j + 2)} (unit "
                                               f'"{shown(units[j])}"): {problem}')
                    values[j] = text if level == "nominal" else float(text)
            codes.append(values)
    if len(codes) < 2:
        raise SpreadsheetError(f"Agreement needs at least 2 coders, a row each; the file has {len(codes)}.")
    return units, codes


def _units(header: list[str]) -> list[str]:
    """The header row's unit names, after column A (``open_table`` has refused an empty file and a name given
    twice)."""
    units = header[1:]
    if not units:
        raise SpreadsheetError("Row 1 names no units: column A holds the coders' names, and each later column is a "
                               "unit, named in row 1.")
    for j, name in enumerate(units):
        if not name:
            raise SpreadsheetError(f"Row 1, column {get_column_letter(j + 2)}: no unit name; name every unit in the "
                                   "header row, or delete the empty column.")
    return units


def _coder(name: str, number: int, coders: dict[str, int]) -> None:
    """Check a row's coder name (column A) against the rows before (``coders``: name in lower case → row)."""
    if not name:
        raise SpreadsheetError(f"Row {number}, column A: no coder name; put each coder's name in column A.")
    first = coders.setdefault(name.lower(), number)
    if first != number:
        raise SpreadsheetError(f'Row {number}, column A: the coder "{shown(name)}" already has row {first}; give '
                               "each coder one row.")


def _problem(text: str, level: str) -> str | None:
    """What is wrong with ``text`` as a value at ``level`` (to be said after its row and column); ``None`` if
    nothing."""
    quoted = shown(text)
    if text.lower().lstrip("+-") in ("inf", "infinity", "nan"):
        return f'"{quoted}" is not a finite number; leave a unit the coder did not code blank.'
    if looks_like_formula(text):
        return f'"{quoted}" looks like a spreadsheet formula, not a value; give the value itself.'
    if level == "nominal":
        return None
    if not PLAIN_NUMBER.fullmatch(text):
        return (f'"{quoted}" is not a number, and the {level} level needs numbers; use --level nominal for '
                "categories, or leave a unit the coder did not code blank.")
    if not abs(float(text)) <= LARGEST_NUMBER:
        return f'"{quoted}" is too large: values are at most {LARGEST_NUMBER:,.0f} in size.'
    if level == "ratio" and float(text) < 0:
        return f"{quoted} is below 0, and ratio values start at 0; use --level interval for values that can be negative."
    return None


def _kappa(codes: list[list]) -> float | None:
    """Cohen's kappa of exactly two coders; ``None`` for more, or when it is undefined."""
    if len(codes) != 2:
        return None
    try:
        return cohen_kappa(*codes)
    except ValueError:
        return None


def _json(result: KrippendorffAlpha, level: str, agree: float, kappa: float | None) -> str:
    return json.dumps({"krippendorff_alpha": result.alpha, "units": result.units, "coders": result.coders,
                       "pairable_values": result.pairable_values, "level": level, "percent_agreement": agree,
                       "cohen_kappa": kappa}, separators=(",", ":"))


def _text(result: KrippendorffAlpha, level: str, agree: float, kappa: float | None, units: int) -> str:
    """Alpha in a sentence with what it compared, then percent agreement and kappa."""
    left_out = units - result.units
    lines = [f"Krippendorff's alpha {result.alpha:.3f} ({level}): {result.coders:,} coders, {result.units:,} of "
             f"{plural(units, 'unit')} compared"
             + (f" ({left_out:,} coded by fewer than two coders left out)" if left_out else "")
             + f", {result.pairable_values:,} values.",
             f"Percent agreement {agree:.1%}: of the pairs of values two coders gave the same unit, the share that "
             "are equal."]
    if kappa is not None:
        lines.append(f"Cohen's kappa {kappa:.3f} (the two coders' shared units, as categories).")
    return "\n".join(lines)
