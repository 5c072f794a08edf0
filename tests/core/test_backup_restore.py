"""``districtlab backup`` and ``restore``: the demo plus a user's changes come back record for record and file for
file, on SQLite, and from SQLite into PostgreSQL and back.

Each installation is a real one: its own data directory (and PostgreSQL database), driven through the
``districtlab`` command in a subprocess, as an IT person would.
"""
import hashlib
import json
import os
import secrets
import sqlite3
import subprocess
import sys
import tarfile
import time
import zipfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest

from tests.core.serving import ROOT, copy_demo, copy_migrated, districtlab

pytestmark = pytest.mark.own_databases

DISTRICTLAB = Path(sys.executable).with_name("districtlab")
MARK = "SNAPSHOT:"

# Every table's rows (many-to-many links included) as one sha256 per table, in terms that do not depend on the
# database: content types and permissions, which each database numbers its own way, by their names; a
# many-to-many link by the two records it links (its own id is the database's, and nothing refers to it).
SNAPSHOT = """
import hashlib, json
from django.apps import apps
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType

types = {ct.pk: f"{ct.app_label}.{ct.model}" for ct in ContentType.objects.all()}
perms = {p.pk: f"{types[p.content_type_id]}.{p.codename}" for p in Permission.objects.all()}
names = {ContentType: types, Permission: perms}

def plain(field, value):
    if field.is_relation and field.related_model in names and value is not None:
        return names[field.related_model][value]
    if isinstance(value, memoryview):
        value = bytes(value)
    return json.dumps(value, sort_keys=True) if isinstance(value, (dict, list)) else str(value)

out = {}
for model in apps.get_models(include_auto_created=True):
    if model._meta.proxy or not model._meta.managed:
        continue
    numbered_anew = model in names or model._meta.auto_created
    fields = [f for f in model._meta.concrete_fields if not (numbered_anew and f.primary_key)]
    rows = sorted(json.dumps([plain(f, v) for f, v in zip(fields, values)])
                  for values in model._base_manager.values_list(*[f.attname for f in fields]))
    out[model._meta.label] = [len(rows), hashlib.sha256("\\n".join(rows).encode()).hexdigest()]
print("SNAPSHOT:" + json.dumps(out))
"""

# A teacher writes a note through the API; an admin uploads a spreadsheet (kept for its preview).
USER_CHANGES = """
import io
from django.contrib.auth.models import User
from django.test import Client
from districtlab.org.models import Person

teacher = User.objects.get(username="nyc.teacher")
c = Client()
c.force_login(teacher)
r = c.post("/api/notes/", {"title": "Backup check", "body": "Turn and talk went well",
                           "district": Person.objects.get(user=teacher).district_id}, content_type="application/json")
assert r.status_code == 201, r.content
admin = Client()
admin.force_login(User.objects.get(username="nyc.admin"))
upload = io.BytesIO("district,name,grades,grade_band,region,types,school_year\\n"
                    "NYC DOE,P.S. 99 ‘Ünïcode’,K-5,Elementary,Bronx,,2016-17\\n".encode())
upload.name = "new-schools.csv"
assert admin.post("/transfer/", {"kind": "schools", "file": upload}).status_code == 200
"""


class Site:
    """One installation: a data directory and, for PostgreSQL, a database URL."""

    def __init__(self, data_dir: Path, database_url: str | None = None):
        self.data_dir, self.database_url = Path(data_dir), database_url

    def env(self) -> dict:
        env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DISTRICTLAB_SECRET_KEY")}
        env["DISTRICTLAB_DATA_DIR"] = str(self.data_dir)
        if self.database_url:
            env["DATABASE_URL"] = self.database_url
        return env

    def run(self, *args: str) -> subprocess.CompletedProcess:
        return districtlab(list(args), self.env())

    def ok(self, *args: str) -> subprocess.CompletedProcess:
        done = self.run(*args)
        assert done.returncode == 0, done.stderr[-3000:]
        return done

    def records(self) -> dict:
        out = self.ok("shell", "-c", SNAPSHOT).stdout
        return json.loads(next(line for line in out.splitlines() if line.startswith(MARK))[len(MARK):])

    def files(self) -> dict:
        media = self.data_dir / "media"
        return {p.relative_to(media).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted(media.rglob("*")) if p.is_file()}

    def state(self) -> tuple:
        return self.records(), self.files(), (self.data_dir / "secret_key").read_text()


def postgres_server() -> str | None:
    """A PostgreSQL URL whose user may create databases (the suite's own, else the local server), or None."""
    candidates = [os.environ.get("DATABASE_URL", ""), os.environ.get("DISTRICTLAB_TEST_POSTGRES", ""),
                  "postgres://postgres@127.0.0.1:5432/test"]
    for url in candidates:
        if url.startswith(("postgres://", "postgresql://")):
            try:
                psycopg.connect(url, connect_timeout=5).close()
                return url
            except psycopg.OperationalError:
                continue
    return None


@pytest.fixture(scope="module")
def source(tmp_path_factory):
    """The demo with a user's note and upload, in its own SQLite data directory, and its backup."""
    site = Site(tmp_path_factory.mktemp("source"))
    copy_demo(site.data_dir)  # as ``districtlab demo --load-only`` leaves it, made once per run
    site.ok("shell", "-c", USER_CHANGES)
    archive = site.data_dir.parent / "districtlab.tar.gz"
    site.ok("backup", str(archive))
    return site, archive, site.state()


@pytest.fixture(scope="module")
def postgres_database():
    """A PostgreSQL database of its own for this run, dropped afterwards."""
    server = postgres_server()
    if server is None:
        why = "PostgreSQL is not reachable (DATABASE_URL or postgres@127.0.0.1:5432/test)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{why}: CI runs every test.")
        pytest.skip(why)
    name = f"districtlab_backup_{secrets.token_hex(4)}"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    parts = urlsplit(server)
    yield urlunsplit(parts._replace(path=f"/{name}"))
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_backup_restores_every_record_and_file(source, tmp_path):
    site, archive, (records, files, key) = source
    assert records["org.Note"][0] >= 1 and records["org.School"][0] > 100
    assert sum(n for n, _ in records.values()) > 3000
    assert [name for name in files if name.startswith("imports/")]  # the uploaded spreadsheet
    assert oct(archive.stat().st_mode & 0o777) == "0o600"  # it holds password hashes and the secret key

    restored = Site(tmp_path / "restored")
    done = restored.ok("restore", str(archive))
    assert "native copy" in done.stdout
    assert restored.state() == (records, files, key)


def test_sqlite_to_postgresql_and_back(source, postgres_database, tmp_path):
    site, archive, expected = source
    on_postgres = Site(tmp_path / "pg", postgres_database)
    assert "portable copy" in on_postgres.ok("restore", str(archive)).stdout
    assert on_postgres.state() == expected

    back_up = tmp_path / "from-postgresql.zip"
    on_postgres.ok("backup", str(back_up))
    with zipfile.ZipFile(back_up) as zf:
        assert "database/districtlab.pgdump" in zf.namelist()
    # PostgreSQL's own copy, over what is there
    assert "native copy" in on_postgres.ok("restore", "--force", str(back_up)).stdout
    assert on_postgres.state() == expected

    on_sqlite = Site(tmp_path / "sqlite-again")
    copy_migrated(on_sqlite.data_dir)  # an empty database at this version takes the portable copy as it is
    assert "portable copy" in on_sqlite.ok("restore", str(back_up)).stdout
    assert on_sqlite.state() == expected

    # the sequences follow the loaded ids: a new record gets a new id
    new = on_postgres.ok("shell", "-c", "from districtlab.org.models import District\n"
                                        "last = District.objects.order_by('pk').last().pk\n"
                                        "print('NEW', last, District.objects.create(name='Restored district').pk)")
    last, created = map(int, new.stdout.split("NEW")[1].split()[:2])
    assert created > last


def test_a_target_that_is_not_empty_is_refused(source):
    site, archive, expected = source
    done = site.run("restore", str(archive))
    assert done.returncode == 2
    assert "not empty" in done.stderr and "--force" in done.stderr and "Traceback" not in done.stderr
    assert site.state() == expected


def test_a_damaged_or_missing_archive_changes_nothing(source, tmp_path):
    site, archive, expected = source
    truncated = tmp_path / "truncated.tar.gz"
    truncated.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    tampered = tmp_path / "tampered.zip"
    with zipfile.ZipFile(tampered, "w") as out:
        out.writestr("manifest.json", json.dumps(manifest_of(archive)))
        for name in manifest_of(archive)["files"]:
            out.writestr(name, b"[]" if name.startswith("portable/") else member(archive, name))
    for bad in (truncated, tampered, tmp_path / "missing.tar.gz", tmp_path / "notes.txt"):
        done = site.run("restore", "--force", str(bad))
        assert done.returncode == 2, (bad.name, done.stderr)
        assert "Traceback" not in done.stderr
    assert "checksum" in site.run("restore", "--force", str(tampered)).stderr
    assert site.state() == expected

    empty = Site(tmp_path / "empty")
    assert empty.run("restore", str(truncated)).returncode == 2
    assert not (empty.data_dir / "media").exists()
    database = empty.data_dir / "districtlab.sqlite3"  # opening DistrictLab may create it, but nothing goes in
    assert not database.exists() or not sqlite3.connect(database).execute("SELECT name FROM sqlite_master").fetchall()


def test_a_backup_from_a_newer_districtlab_is_refused(source, tmp_path):
    site, archive, _ = source
    manifest = manifest_of(archive)
    manifest["migrations"]["org"].append("9999_from_the_future")
    newer = tmp_path / "newer.zip"
    with zipfile.ZipFile(newer, "w") as out:
        out.writestr("manifest.json", json.dumps(manifest))
        for name in manifest["files"]:
            out.writestr(name, member(archive, name))
    done = Site(tmp_path / "empty").run("restore", str(newer))
    assert done.returncode == 2
    assert "newer DistrictLab" in done.stderr and "org.9999_from_the_future" in done.stderr


def test_help_explains_both_commands():
    for command, words in (("backup", ["pg_dump", ".tar.gz", "Exit codes"]),
                           ("restore", ["--force", "empty", "Exit codes", "portable"])):
        out = subprocess.run([str(DISTRICTLAB), command, "--help"], capture_output=True, text=True).stdout
        assert all(word in " ".join(out.split()) for word in words), (command, out)


def manifest_of(archive: Path) -> dict:
    return json.loads(member(archive, "manifest.json"))


def member(archive: Path, name: str) -> bytes:
    with tarfile.open(archive) as tar:
        return tar.extractfile(name).read()


def test_backups_go_to_a_folder_that_exists(source, tmp_path):
    site, _, _ = source
    done = site.run("backup", str(tmp_path / "no-such-folder" / "backup.tar.gz"))
    assert done.returncode == 2 and "is not a folder" in done.stderr
    done = site.run("backup", str(tmp_path / "backup.rar"))
    assert done.returncode == 2 and ".tar.gz" in done.stderr
    assert not list(tmp_path.iterdir())  # not even a partial file


# Another process adds a district every few milliseconds, each in its own transaction, until it is stopped.
WRITER = """
import itertools, time
from districtlab.org.models import District
for i in itertools.count():
    District.objects.create(name=f"Written meanwhile {i}", short_name=f"W{i}")
    time.sleep(0.005)
"""


def test_a_backup_taken_while_records_are_written_is_one_moment(tmp_path):
    site = Site(tmp_path / "live")
    copy_migrated(site.data_dir)
    writer = subprocess.Popen([sys.executable, "-m", "districtlab.cli", "shell", "-c", WRITER], cwd=ROOT,
                              env=site.env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        count = "from districtlab.org.models import District; print('N', District.objects.count())"
        deadline = time.monotonic() + 300
        while int(site.ok("shell", "-c", count).stdout.split("N")[-1]) < 20:
            assert writer.poll() is None and time.monotonic() < deadline, writer.stderr.read()
            time.sleep(0.5)
        archive = tmp_path / "live.tar.gz"
        site.ok("backup", str(archive))  # while the writer goes on
        assert writer.poll() is None, writer.stderr.read()
    finally:
        writer.kill()
        writer.wait()
    written = int(site.ok("shell", "-c", count).stdout.split("N")[-1])
    in_backup = manifest_of(archive)["counts"]["org.District"]
    assert 20 <= in_backup < written  # a moment while the writer ran: some before, more after
    restored = Site(tmp_path / "restored")
    restored.ok("restore", str(archive))  # which checks every table's count against the manifest
    names = restored.ok("shell", "-c", "from districtlab.org.models import District\n"
                                       "print('N', sorted(int(n.split()[-1]) for n in District.objects"
                                       ".values_list('name', flat=True)))").stdout.split("N")[-1]
    assert json.loads(names) == list(range(in_backup))  # every district up to that moment, none after, no gap
