"""``districtlab import schools|people FILE``: load a CSV or XLSX file, all rows or none."""
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from districtlab.core.permissions import Actor
from districtlab.org.importers import IMPORTERS
from districtlab.org.spreadsheets import SpreadsheetError, read_table


class Command(BaseCommand):
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
        try:
            columns, rows = read_table(path.name, path.read_bytes(), settings.DISTRICTLAB_MAX_IMPORT_BYTES)
        except SpreadsheetError as exc:
            raise CommandError(f"{path.name}: {exc}", returncode=2) from None
        plan = IMPORTERS[kind](Actor(superuser=True)).run(columns, rows, write=not dry_run)
        if not plan.ok:
            for error in plan.errors:
                self.stderr.write(f"{path.name}: {error}")
            if plan.more_errors:
                self.stderr.write(f"{path.name}: … and {plan.more_errors:,} more problem(s).")
            raise CommandError(f"Nothing was imported: {plan.error_count:,} problem(s) to fix.", returncode=2)
        added = sum(c.action == "add" for c in plan.changes)
        verb = "Would import" if dry_run else "Imported"
        self.stdout.write(f"{verb} {len(plan.changes)} row(s) of {kind}: {added} added, "
                          f"{len(plan.changes) - added} updated.")
