"""What the ``runchart`` and ``spc`` commands share: reading the file, reporting bad input, printing."""
import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from districtlab.inquiry.series import read_series
from districtlab.org.spreadsheets import SpreadsheetError


class ChartCommand(BaseCommand):
    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV (UTF-8) or .xlsx with columns x,y and optionally n (denominator), part.")
        parser.add_argument("--json", action="store_true", help="Print JSON: one object per part.")

    def read(self, file):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"There is no file at {path}.", returncode=2)
        try:
            return read_series(path.name, path.read_bytes(), settings.DISTRICTLAB_MAX_IMPORT_BYTES)
        except SpreadsheetError as exc:
            raise CommandError(f"{path.name}: {exc}", returncode=2) from None

    def report(self, parts, as_json: bool, centre_name: str):
        data = [p.as_dict() for p in parts]
        if as_json:
            self.stdout.write(json.dumps(data, indent=2, default=str))
            return
        for part in data:
            label = part["part"] or "all points"
            signals = [k for k in ("runs_signal", "sigma_signal", "signal") if part.get(k)]
            self.stdout.write(
                f"{label}: {part['n_obs']} points, {centre_name} {part.get('median', part.get('cl')):.4g}; "
                f"longest run {part['longest_run']} (max {part['longest_run_max']}), "
                f"crossings {part['n_crossings']} (min {part['n_crossings_min']}); "
                + ("signal: " + ", ".join(signals) if signals else "no signal"))
