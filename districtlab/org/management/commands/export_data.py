"""``districtlab export networks|schools|people --district NAME [--year 2016-17]``."""
import sys

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from districtlab.core.permissions import Actor
from districtlab.org.exporters import EXPORTERS
from districtlab.org.models import District, SchoolYear
from districtlab.org.spreadsheets import csv_chunks, write_rows


class Command(BaseCommand):
    # The project's checks (``districtlab check``, run by ``serve`` and ``migrate`` too) load every page's code, the
    # analysis libraries with it: a second of start-up a command that reads and writes rows does not need.
    requires_system_checks = []
    help = (
        "Export networks (one row per school membership), schools (one row per school and year) or people "
        "(one row per position) as CSV or XLSX. Exit codes: 0 written, 2 unknown district or year."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(EXPORTERS))
        parser.add_argument("--district", help='Name or short name, e.g. "NYC DOE". Default: every district.')
        parser.add_argument("--year", help='School year as schools say it, e.g. "2016-17".')
        parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
        parser.add_argument("--output", "-o", help="File to write (default: standard output).")

    def handle(self, *args, kind, district, year, format, output, **options):
        found = None
        if district:
            found = District.objects.filter(Q(name__iexact=district) | Q(short_name__iexact=district)).first()
            if found is None:
                known = ", ".join(District.objects.values_list("short_name", flat=True)) or "none yet"
                raise CommandError(f'There is no district "{district}". Districts: {known}.', returncode=2)
        if year and not SchoolYear.objects.filter(name=year, **({"district": found} if found else {})).exists():
            raise CommandError(f'There is no school year "{year}"{" in " + str(found) if found else ""}.',
                               returncode=2)
        if not output and format == "xlsx" and sys.stdout.isatty():
            raise CommandError("An Excel file cannot be shown in a terminal: add --output FILE.xlsx.", returncode=2)
        columns, rows = EXPORTERS[kind](Actor(superuser=True), found, year)  # read and written as they come
        if output:
            with open(output, "wb") as fh:
                count = write_rows(columns, rows, format, fh)
            self.stderr.write(f"Wrote {count} row(s) to {output}.")
        elif format == "csv":
            for chunk in csv_chunks(columns, rows):
                self.stdout.write(chunk.decode("utf-8"), ending="")
        else:
            write_rows(columns, rows, format, sys.stdout.buffer)
