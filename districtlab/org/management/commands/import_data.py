"""``districtlab import schools|people FILE``: load a CSV or XLSX file, all rows or none."""
import math
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from districtlab.core.permissions import Actor
from districtlab.org.importers import IMPORTERS
from districtlab.org.spreadsheets import SpreadsheetError, stream_table


class Command(BaseCommand):
    # The project's checks (``districtlab check``, run by ``serve`` and ``migrate`` too) load every page's code, the
    # analysis libraries with it: a second of start-up a command that reads and writes rows does not need.
    requires_system_checks = []
    help = (
        "Import schools or people (with their positions) from a CSV or Excel (.xlsx) file. Every row is "
        "checked first; if any row has a problem, nothing is written and each problem is listed by row "
        "and column. Exit codes: 0 imported, 2 bad file or rows."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(IMPORTERS), help="What the file holds.")
        parser.add_argument("file", help="Path to a .csv (UTF-8) or .xlsx file.")
        parser.add_argument("--dry-run", action="store_true", help="Check the file and say what would change.")

    def handle(self, *args, kind, file, dry_run, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"There is no file at {path}.", returncode=2)
        try:  # read as it is imported: a file of any size (uploads keep their limit), up to the rows an import takes
            with open(path, "rb") as file, stream_table(path.name, file, math.inf) as (columns, rows):
                plan = IMPORTERS[kind](Actor(superuser=True)).run(columns, rows, write=not dry_run)
        except SpreadsheetError as exc:
            raise CommandError(f"{path.name}: {exc}", returncode=2) from None
        if not plan.ok:
            for error in plan.errors:
                self.stderr.write(f"{path.name}: {error}")
            if plan.more_errors:
                self.stderr.write(f"{path.name}: … and {plan.more_errors:,} more problem(s).")
            raise CommandError(f"Nothing was imported: {plan.error_count:,} problem(s) to fix.", returncode=2)
        verb = "Would import" if dry_run else "Imported"
        self.stdout.write(f"{verb} {plan.rows} row(s) of {kind}: {plan.added} added, {plan.updated} updated.")
