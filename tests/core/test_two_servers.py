"""Two ``districtlab serve`` processes, as on two machines behind a proxy: each its own data directory, sharing
only what the README's "Deploying" says must be shared (the PostgreSQL database, Redis, the uploads folder and
``DISTRICTLAB_SECRET_KEY``). A sign-in on one is a sign-in on the other, the session one server caches the other
reads from the cache, a sign-out on one ends it on both, an export asked of one is queued, run by a worker and
downloaded from the other, and a spreadsheet checked on one is imported by the other."""
import json
import os
import re
import secrets
import uuid
from pathlib import Path
from urllib.parse import urlencode

import psycopg
import pytest
import redis

from tests.core.queues import REDIS_URL
from tests.core.serving import collected_static, districtlab, serve
from tests.core.test_backup_restore import postgres_database  # noqa: F401  (a fixture: a database of its own)

pytestmark = pytest.mark.own_databases(run="postgresql")  # evens out the README command's two runs
PASSWORD = "two-servers-pass-123"
SET_UP = f"""
from django.contrib.auth import get_user_model
from districtlab.core.roles import PositionKind
from districtlab.org import models as m
district = m.District.objects.create(name="Riverside Unified", short_name="RUSD")
user = get_user_model().objects.create_user("central", password="{PASSWORD}")
person = m.Person.objects.create(district=district, user=user, name="Cy Central", email="central@example.org")
m.Position.objects.create(person=person, district=district, kind=PositionKind.PROGRAM_DIRECTOR)
"""


@pytest.fixture(scope="module")
def redis_queue():
    """Redis, with a task queue of this run's own (removed afterwards): skipped, saying why, where Redis does not
    answer, except under CI=true, where that fails."""
    connection = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=5)
    try:
        connection.ping()
    except redis.exceptions.ConnectionError as exc:
        why = f"Redis does not answer at {REDIS_URL} ({exc}); `.ci/run` starts it"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(why)
        pytest.skip(why)
    name = f"districtlab-two-servers-{os.getpid()}-{secrets.token_hex(4)}"
    yield {"REDIS_URL": REDIS_URL, "DISTRICTLAB_TASK_QUEUE": name}
    if keys := list(connection.scan_iter(f"rq:*{name}*")):
        connection.delete(*keys)
    connection.srem("rq:queues", f"rq:queue:{name}")


@pytest.fixture(scope="module")
def servers(tmp_path_factory, postgres_database, redis_queue):  # noqa: F811
    """Two servers on one database, one Redis and one uploads folder; every export goes to the queue."""
    tmp = tmp_path_factory.mktemp("two")
    shared = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "REDIS_URL", "DISTRICTLAB_"))}
    shared |= redis_queue | {
        "DATABASE_URL": postgres_database, "DISTRICTLAB_SECRET_KEY": secrets.token_urlsafe(50),
        "DISTRICTLAB_MEDIA_DIR": str(tmp / "shared-media"), "DISTRICTLAB_EXPORT_BACKGROUND_ROWS": "0"}
    a, b = (shared | {"DISTRICTLAB_DATA_DIR": str(tmp / name)} for name in ("machine-a", "machine-b"))
    for machine in (a, b):
        collected_static(Path(machine["DISTRICTLAB_DATA_DIR"]))
    for args in (["migrate", "--no-input", "-v0"], ["shell", "-c", SET_UP]):
        done = districtlab(args, a)
        assert done.returncode == 0, done.stderr
    with serve(a, tmp, "--workers", "2") as one, serve(b, tmp, "--workers", "2") as other:
        yield one, other, postgres_database, b


def signed_in(server, session: dict) -> bool:
    status, headers, _ = server.request("GET", "/", headers={"Cookie": session["Cookie"]})
    assert status in (200, 302), status
    return status == 200


def test_a_sign_in_on_one_server_is_a_sign_in_on_the_other(servers):
    one, other, *_ = servers
    session = one.sign_in("central", PASSWORD)
    assert signed_in(other, session) and signed_in(one, session)


def test_the_other_server_reads_the_session_from_the_shared_cache(servers):
    """Sessions are kept in the database and cached in Redis: once the database has forgotten one, only the cache
    entry the first server wrote can keep the second server signed in."""
    one, other, database, _ = servers
    session = one.sign_in("central", PASSWORD)
    key = cookies_of(session)["sessionid"]
    with psycopg.connect(database, autocommit=True) as conn:
        assert conn.execute("DELETE FROM django_session WHERE session_key = %s", [key]).rowcount == 1
    assert signed_in(other, session)


def test_a_sign_out_on_one_server_ends_the_session_on_both(servers):
    one, other, *_ = servers
    session = one.sign_in("central", PASSWORD)
    assert signed_in(other, session)
    status, _, _ = other.request("POST", "/accounts/logout/", urlencode({}).encode(), session | {
        "Content-Type": "application/x-www-form-urlencoded"})
    assert status == 302
    assert not signed_in(one, session) and not signed_in(other, session)


def test_an_export_asked_of_one_server_is_prepared_by_a_worker_and_downloaded_from_the_other(servers):
    """Asked of the first server, run by a worker on the second machine, downloaded from the second server."""
    one, other, _, machine_b = servers
    session = one.sign_in("central", PASSWORD)
    status, headers, _ = one.request("GET", "/transfer/export/people.csv", headers=session)
    assert status == 302 and headers["Location"].startswith("/jobs/"), (status, headers["Location"])
    job = headers["Location"]
    worked = districtlab(["worker", "--batch"], machine_b)
    assert worked.returncode == 0, worked.stderr
    status, _, body = other.request("GET", f"{job}download/", headers=session)
    assert status == 200 and b"Cy Central" in body


def test_a_file_checked_on_one_server_is_imported_by_the_other(servers):
    one, other, *_ = servers
    session = one.sign_in("central", PASSWORD)
    csv = b"district,name,grades,grade_band,region,types,school_year\nRUSD,P.S. 99,K-5,Elementary,Queens,,\n"
    body, content_type = multipart({"kind": "schools", "csrfmiddlewaretoken": cookies_of(session)["csrftoken"]},
                                   "file", "schools.csv", csv)
    status, _, page = one.request("POST", "/transfer/", body, session | {"Content-Type": content_type})
    assert status == 200, page
    fields = dict(re.findall(r'name="(token|kind|suffix)" value="([^"]*)"', page.decode()))
    confirm = urlencode(fields | {"csrfmiddlewaretoken": cookies_of(session)["csrftoken"]}).encode()
    status, headers, _ = other.request("POST", "/transfer/", confirm, session | {
        "Content-Type": "application/x-www-form-urlencoded"})
    assert (status, headers["Location"]) == (302, "/transfer/")
    status, _, body = one.request("GET", "/api/schools/?search=P.S.+99", headers=session)
    assert status == 200 and json.loads(body)["count"] == 1


def cookies_of(session: dict) -> dict:
    return dict(pair.split("=", 1) for pair in session["Cookie"].split("; "))


def multipart(fields: dict, name: str, filename: str, content: bytes) -> tuple[bytes, str]:
    """A form with ``fields`` and one file, as a browser sends it."""
    boundary = uuid.uuid4().hex
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
             for k, v in fields.items()]
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                 f"Content-Type: text/csv\r\n\r\n".encode() + content + b"\r\n")
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"
