"""Backups: one archive holding the database, a portable copy of every record, the uploaded files and a manifest.

An archive (``.tar.gz``, ``.tgz`` or ``.zip``) holds:

- ``manifest.json``: DistrictLab's version, the database engine, the migrations applied per app, the number of
  records per model and the sha256 of every other file in the archive;
- ``database/districtlab.sqlite3`` (SQLite's online backup API) or ``database/districtlab.pgdump`` (``pg_dump``'s
  custom format): the native copy, restored on the same engine;
- ``portable/records.districtlab-json``: every record (Django's ``dumpdata`` as JSON with times to the
  microsecond, content types and permissions by natural key since each database numbers them its own way),
  restored on any engine;
- ``media/...``: the uploaded files; ``secret_key``: the data directory's secret key (researchers' pseudonyms
  and open sessions depend on it).

Everything in one archive comes from one moment: on SQLite the records are read from the online copy, on
PostgreSQL from one repeatable-read snapshot shared with ``pg_dump``.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core import serializers
from django.core.management.color import no_style
from django.db import connections, transaction
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

from districtlab.core import history

FORMAT = 1  # the archive layout's version
MANIFEST = "manifest.json"
SQLITE_COPY = "database/districtlab.sqlite3"
PG_COPY = "database/districtlab.pgdump"
PORTABLE_FORMAT = "districtlab-json"  # Django's JSON, times to the microsecond (districtlab.core.backup_json)
PORTABLE = f"portable/records.{PORTABLE_FORMAT}"
SECRET_KEY_FILE = "secret_key"
MEDIA = "media"
# Recreated by ``migrate`` in every database (with its own numbering), so the portable copy leaves them out
# and names them by natural key wherever a record points to one.
REGENERATED = ["contenttypes.ContentType", "auth.Permission"]
# Rows these tables hold in a freshly migrated database: they do not make a database "not empty".
BOOKKEEPING_TABLES = {"django_migrations", "django_content_type", "auth_permission"}
SNAPSHOT_ALIAS = "districtlab_backup_snapshot"
serializers.register_serializer(PORTABLE_FORMAT, "districtlab.core.backup_json")


class BackupError(Exception):
    """Bad input (missing or damaged archive, mismatched migrations, a target that is not empty): exit code 2."""


class VerificationError(Exception):
    """The restored records or files differ from the archive's manifest: exit code 1."""


@dataclass
class Report:
    """What a backup or restore did, for the command to print."""

    lines: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------- shared helpers

def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def districtlab_version() -> str:
    try:
        return version("districtlab")
    except PackageNotFoundError:  # running from a checkout that was never installed
        return "unknown"


def engine_name(alias: str = "default") -> str:
    return "sqlite" if connections[alias].vendor == "sqlite" else connections[alias].vendor


def counted_models():
    """Every table DistrictLab stores, many-to-many link tables included."""
    return [m for m in apps.get_models(include_auto_created=True)
            if m._meta.managed and not m._meta.proxy and not m._meta.swapped]


def unmanaged_models() -> list[str]:
    """Models without a table of ours (e.g. a library's admin-only page): nothing to copy."""
    return [m._meta.label for m in apps.get_models() if not m._meta.managed]


def record_counts(alias: str) -> dict[str, int]:
    return {m._meta.label: m._base_manager.using(alias).count() for m in counted_models()}


def applied_migrations(alias: str) -> dict[str, list[str]]:
    state: dict[str, list[str]] = {}
    for app, name in sorted(MigrationRecorder(connections[alias]).applied_migrations()):
        state.setdefault(app, []).append(name)
    return state


def known_migrations() -> dict[str, list[str]]:
    """The migrations this DistrictLab ships, per app."""
    state: dict[str, list[str]] = {}
    for app, name in sorted(MigrationLoader(None, ignore_no_migrations=True).disk_migrations):
        state.setdefault(app, []).append(name)
    return state


def media_files(root: Path) -> list[Path]:
    root = Path(root)
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else []


def secret_key_path() -> Path:
    return Path(settings.DATA_DIR) / "secret_key"


# ------------------------------------------------------------------------------------------------------ backup

def backup(target: Path) -> Report:
    """Write the archive ``target`` (``.tar.gz``, ``.tgz`` or ``.zip``) of this installation while it runs."""
    target = Path(target)
    archive_kind(target)  # refuse an unknown extension before any work
    report = Report()
    with tempfile.TemporaryDirectory(prefix="districtlab-backup-") as tmp:
        staging = Path(tmp)
        manifest = {"format": FORMAT, "districtlab_version": districtlab_version(), "engine": engine_name(),
                    "native_copy": None}
        with consistent_view(staging, manifest, report) as alias:
            manifest["migrations"] = applied_migrations(alias)
            manifest["counts"] = record_counts(alias)
            portable = staging / PORTABLE
            portable.parent.mkdir(parents=True)
            call_command("dumpdata", format=PORTABLE_FORMAT, database=alias, natural_foreign=True,
                         use_base_manager=True, exclude=REGENERATED + unmanaged_models(), output=str(portable),
                         verbosity=0)
        for path in media_files(settings.MEDIA_ROOT):
            copy = staging / MEDIA / path.relative_to(settings.MEDIA_ROOT)
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, copy)
        if secret_key_path().is_file() and not os.environ.get("DISTRICTLAB_SECRET_KEY"):
            shutil.copy2(secret_key_path(), staging / SECRET_KEY_FILE)
        manifest["files"] = {p.relative_to(staging).as_posix(): sha256_of(p)
                             for p in sorted(staging.rglob("*")) if p.is_file()}
        (staging / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True))
        write_archive(staging, target)
    n_media = sum(1 for name in manifest["files"] if name.startswith(MEDIA + "/"))
    report.lines.append(f"Wrote {target}: {sum(manifest['counts'].values()):,} records in "
                        f"{len(manifest['counts'])} tables, {n_media} uploaded file(s), database copy: "
                        f"{manifest['native_copy'] or 'portable only'}.")
    report.lines.append("The archive holds password hashes and the secret key: keep it as safe as the server.")
    return report


@contextmanager
def consistent_view(staging: Path, manifest: dict, report: Report):
    """Write the native copy into ``staging`` and yield a database alias that reads the same moment."""
    connection = connections["default"]
    if connection.vendor == "sqlite":
        copy = staging / SQLITE_COPY
        copy.parent.mkdir(parents=True)
        sqlite_online_copy(Path(connection.settings_dict["NAME"]), copy)
        manifest["native_copy"] = SQLITE_COPY
        connections.settings[SNAPSHOT_ALIAS] = {**connection.settings_dict, "NAME": str(copy), "OPTIONS": {}}
        try:
            yield SNAPSHOT_ALIAS
        finally:
            connections[SNAPSHOT_ALIAS].close()
            del connections[SNAPSHOT_ALIAS]
            del connections.settings[SNAPSHOT_ALIAS]
    elif connection.vendor == "postgresql":
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                cursor.execute("SELECT pg_export_snapshot()")
                snapshot = cursor.fetchone()[0]
            problem = pg_dump(connection, snapshot, staging / PG_COPY)
            if problem:
                report.warnings.append(problem + " This archive holds the portable copy only: it restores "
                                                 "completely, only more slowly.")
            else:
                manifest["native_copy"] = PG_COPY
            yield "default"
    else:
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {connection.vendor}.")


def sqlite_online_copy(source: Path, target: Path) -> None:
    """SQLite's online backup API: a consistent copy even while the server writes."""
    src = sqlite3.connect(source, timeout=60)
    dst = sqlite3.connect(target)
    try:
        with dst:
            src.backup(dst)
    finally:
        dst.close()
        src.close()
    target.chmod(0o600)


def pg_environment(connection) -> dict[str, str]:
    """The libpq environment that reaches ``connection``'s database (password kept out of the command line)."""
    s = connection.settings_dict
    env = dict(os.environ)
    for var, value in (("PGHOST", s.get("HOST")), ("PGPORT", s.get("PORT")), ("PGUSER", s.get("USER")),
                       ("PGPASSWORD", s.get("PASSWORD")), ("PGDATABASE", s.get("NAME")),
                       ("PGSSLMODE", s.get("OPTIONS", {}).get("sslmode"))):
        if value:
            env[var] = str(value)
    return env


def client_major(tool: str) -> int | None:
    """The major version of a PostgreSQL client tool on PATH, or None when it is not installed."""
    if not shutil.which(tool):
        return None
    out = subprocess.run([tool, "--version"], capture_output=True, text=True).stdout
    found = re.search(r"(\d+)(?:\.\d+)?", out)
    return int(found.group(1)) if found else None


def pg_dump(connection, snapshot: str, target: Path) -> str | None:
    """Dump the database as seen by ``snapshot`` into ``target``; None, or why there is no native copy."""
    server = connection.pg_version // 10000
    tool = client_major("pg_dump")
    if tool is None:
        return "pg_dump is not installed (it comes with the PostgreSQL client tools)."
    if tool < server:
        return (f"pg_dump is version {tool} but the database server is PostgreSQL {server}: pg_dump cannot dump "
                f"a newer server. Install the PostgreSQL {server} client tools (e.g. postgresql-client-{server}).")
    target.parent.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["pg_dump", "--format=custom", f"--snapshot={snapshot}", "--no-owner",
                           "--no-privileges", f"--file={target}"],
                          env=pg_environment(connection), capture_output=True, text=True)
    if done.returncode:
        target.unlink(missing_ok=True)
        return f"pg_dump failed: {done.stderr.strip()}"
    target.chmod(0o600)
    return None


def archive_kind(path: Path) -> str:
    name = path.name.lower()
    if name.endswith((".tar.gz", ".tgz")):
        return "tar"
    if name.endswith(".zip"):
        return "zip"
    raise BackupError(f"{path}: a backup file's name ends in .tar.gz, .tgz or .zip.")


def write_archive(staging: Path, target: Path) -> None:
    """Write ``staging``'s files into ``target`` (owner-readable only), replacing it only once complete."""
    if not target.parent.is_dir():
        raise BackupError(f"{target.parent} is not a folder: cannot write {target.name} there.")
    partial = target.with_name(f".{target.name}.partial")
    files = sorted(p for p in staging.rglob("*") if p.is_file())
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "wb") as raw:
            if archive_kind(target) == "tar":
                with tarfile.open(fileobj=raw, mode="w:gz") as tar:
                    for path in files:
                        tar.add(path, arcname=path.relative_to(staging).as_posix(), recursive=False)
            else:
                with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as zf:
                    for path in files:
                        zf.write(path, path.relative_to(staging).as_posix())
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)


# ----------------------------------------------------------------------------------------------------- restore

def restore(source: Path, force: bool = False) -> Report:
    """Restore the archive ``source`` into this installation's database and data directory.

    The target must be empty (no records, no uploaded files) unless ``force``, which replaces what is there.
    Same engine: the native copy; another engine (or a native copy that does not load): the portable copy.
    Afterwards the records per model and every file's sha256 are checked against the manifest.
    """
    report = Report()
    with tempfile.TemporaryDirectory(prefix="districtlab-restore-") as tmp:
        unpacked = Path(tmp)
        manifest = unpack(Path(source), unpacked)
        check_migrations(manifest)
        if not native_copy(manifest):
            check_portable(manifest, f"This backup holds no {engine_name()} copy (it was made on "
                                     f"{manifest.get('engine')}),")
        occupied = what_is_there()
        if occupied and not force:
            raise BackupError("The target is not empty: " + "; ".join(occupied) + ". Restoring would replace it: "
                              "add --force to do so, or point DISTRICTLAB_DATA_DIR (and DATABASE_URL) at an empty "
                              "data directory or database.")
        # an empty database already at this version's migrations takes the portable copy as it is
        migrated = not occupied and applied_migrations("default") == known_migrations()
        if not migrated:
            wipe_database()
        if occupied:
            report.lines.append("Replaced what was there (--force): " + "; ".join(occupied) + ".")
        how = restore_database(manifest, unpacked, report, migrated)
        if warning := restore_files(manifest, unpacked):
            report.warnings.append(warning)
        verify(manifest, how)
        call_command("migrate", interactive=False, verbosity=0)  # an older backup catches up with this version
    n_media = sum(1 for name in manifest["files"] if name.startswith(MEDIA + "/"))
    report.lines.append(f"Restored {sum(manifest['counts'].values()):,} records ({how} copy) and {n_media} "
                        f"uploaded file(s) from {source}, made by DistrictLab {manifest['districtlab_version']} on "
                        f"{manifest['engine']}; every count and file checked against the backup's manifest.")
    return report


def unpack(source: Path, into: Path) -> dict:
    """Extract ``source`` into ``into`` and check every file against the manifest; return the manifest."""
    if not source.is_file():
        raise BackupError(f"{source}: no such file.")
    kind = archive_kind(source)
    damaged = f"{source} is damaged or not a DistrictLab backup"
    try:
        if kind == "tar":
            with tarfile.open(source, "r:gz") as tar:
                members = {m.name: m for m in tar.getmembers() if m.isfile()}
                read = lambda name: tar.extractfile(members[name]).read()  # noqa: E731
                manifest = load_manifest(read, members, damaged)
                for name in manifest["files"]:
                    write_member(into, name, tar.extractfile(members[name]))
        else:
            with zipfile.ZipFile(source) as zf:
                members = {i.filename: i for i in zf.infolist() if not i.is_dir()}
                manifest = load_manifest(zf.read, members, damaged)
                for name in manifest["files"]:
                    with zf.open(members[name]) as fh:
                        write_member(into, name, fh)
    except (tarfile.TarError, zipfile.BadZipFile, EOFError, OSError, KeyError) as exc:
        raise BackupError(f"{damaged} ({exc}).") from exc
    bad = [name for name, digest in manifest["files"].items() if sha256_of(into / name) != digest]
    if bad:
        raise BackupError(f"{damaged}: {len(bad)} file(s) do not match their checksum ({', '.join(bad[:5])}).")
    return manifest


def load_manifest(read, members: dict, damaged: str) -> dict:
    if MANIFEST not in members:
        raise BackupError(f"{damaged}: it has no {MANIFEST}.")
    try:
        manifest = json.loads(read(MANIFEST))
    except ValueError as exc:
        raise BackupError(f"{damaged}: its {MANIFEST} cannot be read ({exc}).") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{damaged}: unknown archive format {manifest.get('format')!r}."
                          if isinstance(manifest, dict) else f"{damaged}.")
    if not all(isinstance(manifest.get(key), dict) for key in ("files", "counts", "migrations")):
        raise BackupError(f"{damaged}: its {MANIFEST} is incomplete.")
    files = manifest["files"]
    for name in files:
        parts = PurePosixPath(name).parts
        if PurePosixPath(name).is_absolute() or ".." in parts or not parts:
            raise BackupError(f"{damaged}: it names a file outside the archive ({name}).")
    missing = [name for name in files if name not in members]
    if missing or PORTABLE not in files:
        raise BackupError(f"{damaged}: files listed in its manifest are missing ({', '.join(missing or [PORTABLE])}).")
    return manifest


def write_member(into: Path, name: str, fh) -> None:
    path = into / name
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as out:
        shutil.copyfileobj(fh, out)


def check_migrations(manifest: dict) -> None:
    """Refuse a backup made by a DistrictLab with migrations this one does not have."""
    known = known_migrations()
    unknown = sorted(f"{app}.{name}" for app, names in manifest.get("migrations", {}).items()
                     for name in names if name not in known.get(app, []))
    if unknown:
        raise BackupError(f"This backup was made by a newer DistrictLab ({manifest.get('districtlab_version')}): "
                          f"its database has migrations this version ({districtlab_version()}) does not know "
                          f"({', '.join(unknown[:5])}). Upgrade DistrictLab, then restore.")


def what_is_there() -> list[str]:
    """What makes the target not empty: records in the database and files in the uploads folder."""
    connection = connections["default"]
    found = []
    with connection.cursor() as cursor:
        tables = [t for t in connection.introspection.table_names(cursor) if t not in BOOKKEEPING_TABLES]
        counts = {}
        for table in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            if n := cursor.fetchone()[0]:
                counts[table] = n
    if counts:
        biggest = ", ".join(f"{t} {n:,}" for t, n in sorted(counts.items(), key=lambda kv: -kv[1])[:3])
        found.append(f"the database holds {sum(counts.values()):,} records ({biggest}...)")
    if files := media_files(settings.MEDIA_ROOT):
        found.append(f"the uploads folder {settings.MEDIA_ROOT} holds {len(files)} file(s)")
    return found


def wipe_database() -> None:
    """Remove every table (SQLite: the database file), leaving an empty database to restore into."""
    connection = connections["default"]
    if connection.vendor == "sqlite":
        connections.close_all()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{connection.settings_dict['NAME']}{suffix}").unlink(missing_ok=True)
        return
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"DROP TABLE IF EXISTS {connection.ops.quote_name(table)} CASCADE")


def native_copy(manifest: dict) -> str | None:
    """The archive's native copy when it suits this database's engine."""
    return manifest.get("native_copy") if manifest.get("engine") == engine_name() else None


def check_portable(manifest: dict, why: str) -> None:
    """The portable copy fits only the tables of the migrations it was written from."""
    if manifest["migrations"] != known_migrations():
        raise BackupError(f"{why} and its portable copy fits only the DistrictLab that made it: that one's "
                          f"migrations ({manifest.get('districtlab_version')}) differ from this one's "
                          f"({districtlab_version()}). Restore it with the version that made it, then upgrade.")


def restore_database(manifest: dict, unpacked: Path, report: Report, migrated: bool) -> str:
    """Load the records: the native copy on the same engine, else the portable one (into the empty database's own
    tables where it is ``migrated``, else into tables made anew). Returns which was used."""
    if native := native_copy(manifest):
        if migrated:  # a native copy brings its own tables
            wipe_database()
            migrated = False
        problem = restore_sqlite(unpacked / native) if native == SQLITE_COPY else restore_pg(unpacked / native)
        if not problem:
            return "native"
        check_portable(manifest, f"{problem} The database is left empty,")
        report.warnings.append(problem + " Restoring from the portable copy instead.")
    if not migrated:
        call_command("migrate", interactive=False, verbosity=0)
    with history.restoring():
        call_command("loaddata", str(unpacked / PORTABLE), verbosity=0)
    reset_sequences()
    return "portable"


def restore_sqlite(copy: Path) -> str | None:
    connection = connections["default"]
    connections.close_all()
    database = Path(connection.settings_dict["NAME"])
    for suffix in ("-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(copy, database)
    database.chmod(0o600)
    return None


def restore_pg(dump: Path) -> str | None:
    """pg_restore in one transaction: it loads completely or not at all. None, or why it did not load."""
    connection = connections["default"]
    connection.ensure_connection()
    server = connection.pg_version // 10000
    connections.close_all()
    if client_major("pg_restore") is None:
        return "pg_restore is not installed (it comes with the PostgreSQL client tools)."
    done = subprocess.run(["pg_restore", "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error",
                           f"--dbname={connection.settings_dict['NAME']}", str(dump)],
                          env=pg_environment(connection), capture_output=True, text=True)
    if done.returncode:
        return (f"pg_restore (version {client_major('pg_restore')}, server PostgreSQL {server}) could not load "
                f"the native copy: {done.stderr.strip()}")
    return None


def reset_sequences() -> None:
    """Next ids follow the loaded ones (PostgreSQL's sequences do not move when rows come with their ids)."""
    connection = connections["default"]
    statements = connection.ops.sequence_reset_sql(no_style(), counted_models())
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def restore_files(manifest: dict, unpacked: Path) -> str | None:
    """Put the uploaded files and the secret key in place (what was in the uploads folder goes); None, or a
    warning."""
    media_root = Path(settings.MEDIA_ROOT)
    if media_root.exists():
        shutil.rmtree(media_root)
    for name in manifest["files"]:
        if name.startswith(MEDIA + "/"):
            path = media_root / PurePosixPath(name).relative_to(MEDIA)
            path.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(unpacked / name, path)
    if SECRET_KEY_FILE not in manifest["files"]:
        return None
    if os.environ.get("DISTRICTLAB_SECRET_KEY"):
        return ("The backup's secret key was not installed because DISTRICTLAB_SECRET_KEY is set: unless it is "
                "the same key, researchers see new pseudonyms and everyone signs in again.")
    shutil.copyfile(unpacked / SECRET_KEY_FILE, secret_key_path())
    secret_key_path().chmod(0o600)
    return None


def verify(manifest: dict, how: str) -> None:
    """Compare the restored records per model and the uploaded files' sha256 with the manifest."""
    counts = record_counts("default")
    skip = set(REGENERATED) if how == "portable" else set()  # made anew by migrate, checked by their references
    wrong = [f"{label}: {n} in the backup, {counts.get(label, 'no such table')} restored"
             for label, n in sorted(manifest["counts"].items()) if label not in skip and counts.get(label) != n]
    media_root = Path(settings.MEDIA_ROOT)
    for name, digest in manifest["files"].items():
        if name.startswith(MEDIA + "/"):
            path = media_root / PurePosixPath(name).relative_to(MEDIA)
            if not path.is_file() or sha256_of(path) != digest:
                wrong.append(f"{name}: differs from the backup")
    if wrong:
        raise VerificationError("The restore does not match the backup: " + "; ".join(wrong[:10]) + ".")
