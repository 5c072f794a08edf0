"""``districtlab serve``: a production server in its own data directory, health and readiness for load balancers,
static files compressed and cached, the sign-in page, and a database that is its owner's only."""
import gzip
import json
import re
import stat
import time
from pathlib import Path

import pytest

from tests.core.serving import data_env, districtlab, free_port, serve


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("serve")
    with data_env(tmp) as env, serve(env, tmp, "--workers", "2") as server:
        yield server, env


def test_serve_refuses_a_database_that_is_not_up_to_date(tmp_path):
    with data_env(tmp_path, migrate=False) as env:
        done = districtlab(["serve", "--bind", f"127.0.0.1:{free_port()}"], env)
    assert done.returncode == 2
    assert "not up to date" in done.stderr and "districtlab migrate" in done.stderr


def test_healthz_answers_without_a_sign_in(served):
    server, _ = served
    status, headers, body = server.request("GET", "/healthz")
    assert (status, body) == (200, b"ok")
    assert "no-store" in headers["Cache-Control"]


def test_readyz_says_the_database_and_cache_answer(served):
    server, _ = served
    status, _, body = server.request("GET", "/readyz")
    assert status == 200
    assert json.loads(body) == {"ready": True, "checks": {"database": "ok", "cache": "ok", "queue": "ok"}}


def test_sign_in_page_with_its_stylesheet_compressed_and_cached_for_good(served):
    server, env = served
    status, _, page = server.request("GET", "/accounts/login/")
    assert status == 200 and b"Sign in" in page
    href = re.search(r'<link rel="stylesheet" href="(/static/[^"]+)"', page.decode())[1]
    assert re.search(r"\.[0-9a-f]{12}\.css$", href), href  # a hashed name: a new version gets a new name
    status, headers, body = server.request("GET", href, headers={"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    assert "immutable" in headers["Cache-Control"]
    collected = Path(env["DISTRICTLAB_DATA_DIR"]) / "static" / href.removeprefix("/static/")
    assert gzip.decompress(body) == collected.read_bytes()


def test_data_directory_and_database_are_their_owners_only(served):
    _, env = served
    data = Path(env["DISTRICTLAB_DATA_DIR"])
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    if "DATABASE_URL" not in env:
        database = data / "districtlab.sqlite3"
        for path in [database, *data.glob("districtlab.sqlite3-*")]:  # with its write-ahead log
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def test_each_request_is_one_json_line_in_the_servers_log(served):
    server, _ = served
    server.request("GET", "/no-such-page/")
    deadline = time.monotonic() + 60
    while True:
        lines = [json.loads(line) for line in server.log.read_text().splitlines() if line.startswith("{")]
        hits = [line for line in lines if line.get("path") == "/no-such-page/"]
        if hits or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert len(hits) == 1, server.log.read_text()
    assert hits[0]["status"] == 404 and hits[0]["level"] == "INFO" and hits[0]["user_id"] is None
    assert not any("traceback" in line for line in lines)
    assert any(line["logger"] == "gunicorn.error" for line in lines)  # the server's own messages too


def test_readyz_names_the_part_that_does_not_answer(client, settings, db):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache",
                                   "LOCATION": "cache_table_never_created"}}
    response = client.get("/readyz")
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["database"] == "ok"
    assert checks["cache"].startswith("failed")
    assert client.get("/healthz").status_code == 200  # the process is up all the same
