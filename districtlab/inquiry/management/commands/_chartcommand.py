"""What the ``runchart`` and ``spc`` commands share: reading the file part by part, reporting bad input, printing.

A file of any size is read as a stream, one part at a time (a part's analysis needs only its own points), so
memory grows with the largest part, not the file. The output is kept in a spooled temporary file and printed
once the whole file has been read: a bad row anywhere prints nothing but its problem.
"""
import json
import shutil
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from districtlab.inquiry.series import Series, file_parts
from districtlab.org.spreadsheets import SpreadsheetError

SPOOL_BYTES = 8 * 1_048_576  # output held in memory up to this size, then in a temporary file


class ChartCommand(BaseCommand):
    requires_system_checks = []  # reads a file and touches no database: the project's checks are not needed
    centre_name = ""  # the centre line's name in the text output

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV (UTF-8) or .xlsx with columns x,y and optionally n (denominator), part.")
        parser.add_argument("--json", action="store_true", help="Print JSON: a list of one object per part (compact).")
        parser.add_argument("--indent", type=int, metavar="N", help="With --json: indent the JSON by N spaces.")

    def analyse(self, series: Series, options: dict) -> list:
        """The analysed parts (each with ``as_dict()``) of ``series``, one part of the file."""
        raise NotImplementedError

    def handle(self, *args, file, json, indent, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"There is no file at {path}.", returncode=2)
        with tempfile.SpooledTemporaryFile(SPOOL_BYTES, mode="w+", encoding="utf-8") as out:
            writer = JsonWriter(out, indent) if json else TextWriter(out, self.centre_name)
            try:
                for series in file_parts(path):
                    for part in self.analyse(series, options):
                        writer.write(part.as_dict())
            except SpreadsheetError as exc:
                raise CommandError(f"{path.name}: {exc}", returncode=2) from None
            except ValueError as exc:
                raise CommandError(str(exc), returncode=2) from None
            writer.close()
            out.seek(0)
            shutil.copyfileobj(out, _AsIs(self.stdout))


class JsonWriter:
    """A JSON list written an item at a time, exactly as ``json.dumps(items, indent=indent)`` writes it whole;
    without ``indent``, compact (no spaces)."""

    def __init__(self, out, indent: int | None):
        self.out, self.indent, self.count = out, indent, 0

    def write(self, item):
        opening = "," if self.count else "["
        if self.indent is None:
            self.out.write(opening + json.dumps(item, separators=(",", ":"), default=str))
        else:
            pad = "\n" + " " * self.indent
            self.out.write(opening + pad + json.dumps(item, indent=self.indent, default=str).replace("\n", pad))
        self.count += 1

    def close(self):
        self.out.write(("]" if self.indent is None else "\n]") if self.count else "[]")
        self.out.write("\n")


class TextWriter:
    """One readable line per part."""

    def __init__(self, out, centre_name: str):
        self.out, self.centre_name = out, centre_name

    def write(self, part: dict):
        label = part["part"] or "all points"
        signals = [k for k in ("runs_signal", "sigma_signal", "signal") if part.get(k)]
        self.out.write(
            f"{label}: {part['n_obs']} points, {self.centre_name} {part.get('median', part.get('cl')):.4g}; "
            f"longest run {part['longest_run']} (max {part['longest_run_max']}), "
            f"crossings {part['n_crossings']} (min {part['n_crossings_min']}); "
            + ("signal: " + ", ".join(signals) if signals else "no signal") + "\n")

    def close(self):
        pass


class _AsIs:
    """A command's ``stdout`` that writes text as it is given (its own ``write`` ends each call with a line end)."""

    def __init__(self, stdout):
        self.stdout = stdout

    def write(self, text):
        self.stdout.write(text, ending="")
