"""``districtlab restore FILE [--force]``: put a backup back into an empty database and data directory."""
from pathlib import Path

from django.core.management.base import BaseCommand

from districtlab.core import backup

from ._backup_errors import reported


class Command(BaseCommand):
    help = (
        "Restore an archive written by `districtlab backup` into the database and data directory this "
        "DistrictLab is configured with (DATABASE_URL, DISTRICTLAB_DATA_DIR). Stop the server first. The target "
        "must be empty (a new data directory or an empty database) unless --force. On the database engine the "
        "backup came from its native copy is loaded; on the other engine (SQLite <-> PostgreSQL) its portable "
        "copy. Afterwards every table's record count and every uploaded file's checksum are compared with the "
        "backup. Exit codes: 0 restored and checked, 1 the restored data differs from the backup, 2 bad input "
        "(missing or damaged archive, a backup from a newer DistrictLab, a target that is not empty)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The archive to restore (.tar.gz, .tgz or .zip).")
        parser.add_argument("--force", action="store_true",
                            help="Replace the records and uploaded files already there (they are deleted).")

    def handle(self, *args, file, force, **options):
        with reported(self):
            done = backup.restore(file, force=force)
        for line in done.warnings:
            self.stderr.write(self.style.WARNING(f"Warning: {line}"))
        for line in done.lines:
            self.stdout.write(self.style.SUCCESS(line))
