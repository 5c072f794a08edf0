"""``districtlab reliability FILE.csv [--json] [--reverse item,...] [--max N [--min N]]``: Cronbach's alpha of one
scale from a file of answers (``districtlab.analysis.reliability``).

The file's rules, said here once. The header row (row 1) names the items, each once; every later row is a
respondent, one answer per item; a blank cell is a missing answer, and a respondent with one is left out (listwise),
while a row with no answer at all is not a respondent. An answer is a plain number (``4``, ``3.5``, ``-1``, ``2e1``):
text, ``inf``, ``nan``, a formula such as ``=HYPERLINK(...)`` or a number over 10¹² in size is refused,
naming its row (as a spreadsheet numbers it) and item. With ``--max`` every answer lies on the scale, from ``--min``
(1 unless given) to ``--max``, and a ``--reverse`` item is scored ``min + max − answer``; without ``--max`` answers
are any numbers and nothing can be reversed. In a CSV every row has a value (perhaps blank) for every item; an Excel
row ends at its last answer. Reading is the spreadsheets' own (``org.spreadsheets.open_table``: UTF-8 or UTF-16,
CSV or .xlsx, strict CSV): a file of any length is read as a stream into one array.
"""
import json
import math
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from django.core.management.base import BaseCommand, CommandError
from openpyxl.utils import get_column_letter

from districtlab.analysis.reliability import Reliability, cronbach_alpha, reverse
from districtlab.analysis.words import plural
from districtlab.org.spreadsheets import (CONTROL, LARGEST_NUMBER, PLAIN_NUMBER, SpreadsheetError,
                                          looks_like_formula, open_table, shown, workbook_at)

CHUNK = 10_000  # respondents held as lists of numbers before they join the array
KNOWN = 10_000  # distinct answers remembered once checked (a scale has a handful: "1" to "5")


class Command(BaseCommand):
    help = ("Cronbach's alpha of a scale from a file of answers (CSV or .xlsx): the header row names the items, each "
            "later row is a respondent, a blank cell is a missing answer (that respondent is left out). Prints alpha, "
            "standardized alpha, the respondents used, and each item's corrected item-total correlation and alpha "
            "if deleted. Exit codes: 0 done, 2 bad file or options.")
    requires_system_checks = []  # reads a file and touches no database

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV (UTF-8) or .xlsx: a header row of item names, then a row per "
                                         "respondent.")
        parser.add_argument("--json", action="store_true",
                            help="Print JSON (one line): alpha, standardized_alpha, n, items, and item_total and "
                                 "alpha_if_deleted as objects keyed by item; null where a figure cannot be computed.")
        parser.add_argument("--reverse", dest="reverse_items", default="", metavar="ITEM,...",
                            help="Items to reverse-code (min + max - answer) before the analysis, their names "
                                 "separated by commas; needs --max.")
        parser.add_argument("--max", dest="top", type=float, metavar="N",
                            help="The scale's top answer (e.g. 5); every answer must then lie on the scale.")
        parser.add_argument("--min", dest="bottom", type=float, metavar="N",
                            help="The scale's bottom answer when it is not 1 (e.g. 0); needs --max.")

    def handle(self, *args, file, json: bool, reverse_items: str, top, bottom, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"There is no file at {path}.", returncode=2)
        scale = _scale(top, bottom)
        reversed_items = [name.strip() for name in reverse_items.split(",") if name.strip()]
        if reversed_items and scale is None:
            raise CommandError("--reverse needs --max, the scale's top: a reversed answer is min + max - answer.",
                               returncode=2)
        try:
            items, data = read_answers(path, scale, reversed_items)
            result = cronbach_alpha(data, items)
        except OSError as exc:
            raise CommandError(f"{path.name} cannot be read: {exc.strerror or exc}.", returncode=2) from None
        except ValueError as exc:  # SpreadsheetError included: the file's problem, named by row and column
            raise CommandError(f"{path.name}: {exc}", returncode=2) from None
        self.stdout.write(_json(result) if json else _text(result, len(data)))


def read_answers(path: Path, scale: tuple[float, float] | None = None,
                 reversed_items: Sequence[str] = ()) -> tuple[list[str], np.ndarray]:
    """The item names and the answers (one row per respondent, NaN for a blank) in the file at ``path``, with the
    ``reversed_items`` reverse-coded on ``scale`` (bottom, top); ``ValueError`` (a ``SpreadsheetError`` for the file)
    names the first problem."""
    ragged_is_an_error = not workbook_at(path)
    with open_table(path) as (header, rows):
        items = _items(header)
        flipped = _columns(items, reversed_items)
        width, known, chunk, parts = len(items), {}, [], []
        for number, cells in rows:
            if len(cells) < width and ragged_is_an_error:
                raise SpreadsheetError(f"Row {number}: {plural(len(cells), 'value')}, but the header row names {width} "
                                       "items; leave a missing answer blank, keeping its comma.")
            values = [math.nan] * width
            for i, text in enumerate(cells):
                if text:
                    value = known.get(text)
                    if value is None:
                        value = _answer(text, scale)
                        if isinstance(value, str):
                            raise SpreadsheetError(f'Row {number}, column "{shown(items[i])}": {value}')
                        if len(known) < KNOWN:
                            known[text] = value
                    values[i] = value
            chunk.append(values)
            if len(chunk) == CHUNK:
                parts.append(np.array(chunk))
                chunk = []
        parts.append(np.array(chunk, dtype=float).reshape(-1, width))
    data = np.concatenate(parts)
    for j in flipped:
        data[:, j] = reverse(data[:, j], top=scale[1], bottom=scale[0])
    return items, data


def _scale(top: float | None, bottom: float | None) -> tuple[float, float] | None:
    """The scale as (bottom, top), or ``None`` without ``--max``; a ``CommandError`` for options that make none."""
    if top is None:
        if bottom is not None:
            raise CommandError("--min needs --max: give the scale's top too (e.g. --min 0 --max 4).", returncode=2)
        return None
    bottom = 1.0 if bottom is None else bottom
    for option, value in (("--max", top), ("--min", bottom)):
        if not (math.isfinite(value) and abs(value) <= LARGEST_NUMBER):
            raise CommandError(f"{option} must be a number, such as 5; it is {value:g}.", returncode=2)
    if top <= bottom:
        raise CommandError(f"--max ({top:g}) must be above the scale's bottom ({bottom:g}; --min, 1 unless given).",
                           returncode=2)
    return bottom, top


def _items(header: list[str]) -> list[str]:
    """The header row's item names, checked (``open_table`` has refused an empty file and a name given twice)."""
    for i, name in enumerate(header):
        where = f"Row 1, column {get_column_letter(i + 1)}"
        if not name:
            raise SpreadsheetError(f"{where}: no item name; name every item in the header row, or delete the empty "
                                   "column.")
        if CONTROL.search(name):
            raise SpreadsheetError(f'{where}: the item name "{shown(name)}" contains a control character (a tab, a '
                                   "line break or an invisible code); type the name plainly.")
    if all(PLAIN_NUMBER.fullmatch(name) for name in header):
        raise SpreadsheetError(f"Row 1 holds numbers ({shown(', '.join(header))}), not item names: add a header row "
                               "naming the items.")
    return header


def _columns(items: list[str], wanted: Sequence[str]) -> list[int]:
    """Where the items ``--reverse`` names are (in any case); ``ValueError`` for a name not in the header."""
    at = {name.lower(): j for j, name in enumerate(items)}
    columns = []
    for name in wanted:
        if name.lower() not in at:
            raise ValueError(f'--reverse names "{shown(name)}", which is not an item in the header row; the items '
                             f"are {shown(', '.join(items), 200)}.")
        if at[name.lower()] in columns:
            raise ValueError(f'--reverse names "{shown(name)}" twice; reversing it twice would undo it.')
        columns.append(at[name.lower()])
    return columns


def _answer(text: str, scale: tuple[float, float] | None) -> float | str:
    """``text`` as an answer, or what is wrong with it (to be said after its row and column)."""
    quoted = shown(text)
    if not PLAIN_NUMBER.fullmatch(text):
        if text.lower().lstrip("+-") in ("inf", "infinity", "nan"):
            return f'"{quoted}" is not a finite number; leave a missing answer blank.'
        if looks_like_formula(text):
            return f'"{quoted}" looks like a spreadsheet formula, not an answer; give the number itself.'
        return f'"{quoted}" is not a number; give the answer as a number, or leave it blank if it is missing.'
    value = float(text)
    if scale is not None:
        bottom, top = scale
        if not bottom <= value <= top:
            return (f"{quoted} is outside the scale, {bottom:g} to {top:g} (--min and --max; --min is 1 unless "
                    "given).")
    elif not abs(value) <= LARGEST_NUMBER:
        return f'"{quoted}" is too large: answers are at most {LARGEST_NUMBER:,.0f} in size.'
    return value


def _json(result: Reliability) -> str:
    return json.dumps(result.as_dict(), separators=(",", ":"))


def _figure(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def _text(result: Reliability, respondents: int) -> str:
    """Alpha in a sentence, then a line per item; a dash where a figure cannot be computed."""
    left_out = respondents - result.n
    lines = [f"Cronbach's alpha {_figure(result.alpha)} (standardized {_figure(result.standardized_alpha)}): "
             f"{len(result.items)} items, {result.n:,} of {respondents:,} respondents"
             + (f" ({left_out:,} left out for a missing answer)." if left_out else ".")]
    rows = [("Item", "Item-total r", "Alpha if deleted")] + [
        (shown(name), _figure(result.item_total[name]), _figure(result.alpha_if_deleted[name]))
        for name in result.items]
    width = max(len(row[0]) for row in rows)
    lines += ["", *(f"{name:<{width}}  {r:>12}  {deleted:>16}" for name, r, deleted in rows), "",
              "Item-total r: the item's correlation with the total of the other items."]
    if any(v is None for v in (result.standardized_alpha, *result.item_total.values(),
                               *result.alpha_if_deleted.values())):
        lines.append("–: cannot be computed (an item, or the total of the others, does not vary; or one item "
                     "would be left).")
    return "\n".join(lines)
