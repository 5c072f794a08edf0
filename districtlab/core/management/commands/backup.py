"""``districtlab backup FILE``: one archive of the database, every record and the uploaded files."""
from pathlib import Path

from django.core.management.base import BaseCommand

from districtlab.core import backup

from ._backup_errors import reported


class Command(BaseCommand):
    help = (
        "Write one archive (FILE ending in .tar.gz, .tgz or .zip) of this DistrictLab while it runs: a copy of "
        "the database (SQLite's online backup, or pg_dump for PostgreSQL), a portable copy of every record that "
        "restores into either database, the uploaded files, the secret key and a manifest (version, migrations, "
        "records per table, a checksum per file). The archive is readable by its owner only: it holds password "
        "hashes. Restore it with `districtlab restore FILE`. Exit codes: 0 written, 2 bad file name or folder."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The archive to write, e.g. districtlab-2026-11-30.tar.gz.")

    def handle(self, *args, file, **options):
        with reported(self):
            done = backup.backup(file)
        for line in done.warnings:
            self.stderr.write(self.style.WARNING(f"Warning: {line}"))
        for line in done.lines:
            self.stdout.write(line)
