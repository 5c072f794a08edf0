"""A real ``districtlab serve`` for tests: its own data directory (and, when the suite runs on PostgreSQL, its own
database), a free port, and plain HTTP to talk to it."""
import atexit
import contextlib
import functools
import http.client
import os
import secrets
import shutil
import socket
import tempfile
import subprocess
import sys
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import psycopg
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT = 180  # seconds: these machines are shared and slow; never a measure of speed


def districtlab(args: list[str], env: dict, **kwargs) -> subprocess.CompletedProcess:
    """Run the ``districtlab`` command with ``env`` and wait for it."""
    return subprocess.run([sys.executable, "-m", "districtlab.cli", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=600, **kwargs)


@functools.cache
def _template() -> tuple[Path, str | None]:
    """Made once per test run, and copied for each DistrictLab of its own: a data directory holding a migrated
    database (on PostgreSQL, a migrated database to create others from) and the static files ``serve`` collects.
    Migrating and collecting take a process half a minute; a copy takes a moment."""
    folder = Path(tempfile.mkdtemp(prefix="districtlab-serve-template-"))
    atexit.register(shutil.rmtree, folder, True)
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["DISTRICTLAB_DATA_DIR"] = str(folder)
    name = _new_database(env, "template")
    if name:
        atexit.register(_drop_database, name)
    for args in (["migrate", "--no-input", "-v0"],
                 ["shell", "-c", "from districtlab.core.staticfiles import collect_static_if_needed as c; c()"]):
        done = districtlab(args, env)
        assert done.returncode == 0, done.stderr
    return folder, name


def _new_database(env: dict, what: str, template: str | None = None) -> str | None:
    """On PostgreSQL, a new database (from ``template`` if given) that ``env`` points to; None on SQLite."""
    db = settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.postgresql":
        return None
    name = f"districtlab_{what}_{os.getpid()}_{secrets.token_hex(3)}"
    with admin_connection(db) as conn:
        conn.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
    env["DATABASE_URL"] = (f"postgres://{db['USER']}:{db.get('PASSWORD') or ''}@{db['HOST'] or '127.0.0.1'}:"
                           f"{db['PORT'] or 5432}/{name}")
    return name


def _drop_database(name: str) -> None:
    with admin_connection(settings.DATABASES["default"]) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@functools.cache
def demo_template() -> tuple[Path, subprocess.CompletedProcess]:
    """Made once per test run, and copied for each test that serves or backs up the demo: a data directory holding
    the demo on SQLite, as ``districtlab demo --load-only`` leaves an empty one (and what the command printed)."""
    folder = Path(tempfile.mkdtemp(prefix="districtlab-demo-template-"))
    atexit.register(shutil.rmtree, folder, True)
    done = districtlab(["demo", "--load-only"], sqlite_env(folder))
    assert done.returncode == 0, done.stderr
    return folder, done


def sqlite_env(data: Path) -> dict:
    """The environment of a DistrictLab on SQLite in data directory ``data``."""
    return {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | {"DISTRICTLAB_DATA_DIR": str(data)}


def copy_demo(data: Path) -> None:
    """Data directory ``data`` (new, or empty) made a copy of the demo's: its database, secret key and uploads."""
    shutil.copytree(demo_template()[0], data, ignore=shutil.ignore_patterns("static"), dirs_exist_ok=True)


def copy_migrated(data: Path) -> None:
    """Data directory ``data`` holding an empty database at this version's migrations (SQLite)."""
    data.mkdir(parents=True, exist_ok=True)
    migrated = _template()[0] / "districtlab.sqlite3"
    if not migrated.exists():  # the run's template is a PostgreSQL database: migrate one of SQLite's
        done = districtlab(["migrate", "--no-input", "-v0"], sqlite_env(data))
        assert done.returncode == 0, done.stderr
        return
    shutil.copy2(migrated, data / migrated.name)


def collected_static(data: Path) -> None:
    """The static files ``serve`` collects, in data directory ``data`` already (linked to the run's one copy)."""
    shutil.copytree(_template()[0] / "static", data / "static", copy_function=os.link)


@contextlib.contextmanager
def data_env(tmp_path: Path, migrate: bool = True):
    """The environment of a DistrictLab of its own: a data directory in ``tmp_path`` and, if the suite runs on
    PostgreSQL, a new database on the same server (dropped afterwards); migrated unless ``migrate`` is false. Its
    static files are collected already (as after a first ``serve``); its secret key is its own."""
    template, template_db = _template()
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    data = tmp_path / "data"
    env["DISTRICTLAB_DATA_DIR"] = str(data)
    collected_static(data)
    if migrate and template_db is None:
        shutil.copy2(template / "districtlab.sqlite3", data / "districtlab.sqlite3")
    name = _new_database(env, "serve", template_db if migrate else None)
    try:
        yield env
    finally:
        if name:
            _drop_database(name)


def admin_connection(db: dict) -> psycopg.Connection:
    return psycopg.connect(host=db["HOST"] or "127.0.0.1", port=db["PORT"] or 5432, user=db["USER"],
                           password=db.get("PASSWORD") or None, dbname="postgres", autocommit=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    """A running ``districtlab serve``: its port and the file its output goes to."""
    port: int
    log: Path
    process: subprocess.Popen = field(repr=False)

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None,
                conn: http.client.HTTPConnection | None = None):
        """One HTTP request: (status, headers (``http.client.HTTPMessage``), body bytes); redirects not followed."""
        c = conn or http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        c.request(method, path, body=body, headers=headers or {})
        response = c.getresponse()
        result = (response.status, response.msg, response.read())
        if conn is None:
            c.close()
        return result

    def sign_in(self, username: str, password: str) -> dict:
        """Sign in through the sign-in page; the headers that make later requests (writes too) that user's."""
        _, headers, _ = self.request("GET", "/accounts/login/")
        jar = cookies(headers)
        body = urlencode({"username": username, "password": password, "csrfmiddlewaretoken": jar["csrftoken"]})
        status, headers, _ = self.request("POST", "/accounts/login/", body.encode(), {
            "Content-Type": "application/x-www-form-urlencoded", "Cookie": f"csrftoken={jar['csrftoken']}"})
        assert status == 302, f"sign-in answered {status}"
        jar |= cookies(headers)
        return {"Cookie": "; ".join(f"{k}={v}" for k, v in jar.items()), "X-CSRFToken": jar["csrftoken"]}


def cookies(headers) -> dict:
    """The cookies a response sets, by name."""
    jar = {}
    for header in headers.get_all("Set-Cookie") or []:
        jar |= {morsel.key: morsel.value for morsel in SimpleCookie(header).values()}
    return jar


@contextlib.contextmanager
def serve(env: dict, tmp_path: Path, *args: str):
    """Start ``districtlab serve`` on a free port and wait until ``/healthz`` answers; stop it afterwards."""
    port = free_port()
    log = tmp_path / f"serve-{port}.log"
    with open(log, "w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "districtlab.cli", "serve", "--bind", f"127.0.0.1:{port}", *args],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    server = Server(port, log, process)
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            assert process.poll() is None, f"serve stopped:\n{log.read_text()}"
            with contextlib.suppress(OSError):
                if server.request("GET", "/healthz")[0] == 200:
                    break
            assert time.monotonic() < deadline, f"serve did not answer:\n{log.read_text()}"
            time.sleep(0.5)
        yield server
    finally:
        process.terminate()  # gunicorn stops its workers gracefully on SIGTERM
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
