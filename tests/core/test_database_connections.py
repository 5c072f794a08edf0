"""What a served request costs the database: each server thread keeps its connection from one request to the next
(SQLite: the same connection; PostgreSQL: the same one handed back by the process's pool), and the embedded SQLite
file is opened in WAL mode, synced at commits only (``NORMAL``) and read through a memory map. Run as ``districtlab``
runs, in a data directory (and, on PostgreSQL, a database) of its own."""
import json

import pytest
from django.conf import settings

from tests.core.serving import data_env, districtlab

ON_SQLITE = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"

TWO_REQUESTS = """
import json
from django.core.signals import request_finished, request_started
from django.db import connection

def request():
    request_started.send(sender=None)
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    used = connection.connection
    request_finished.send(sender=None)  # what the server does once a response is sent
    return used

first = request()
pool = getattr(connection, "pool", None)  # PostgreSQL: the process's pool
if pool is not None:
    pool.wait()  # every connection the pool keeps open is open: a new one now would be the request's
opened = pool.get_stats().get("connections_num", 0) if pool is not None else 0
second = request()
opened = (pool.get_stats().get("connections_num", 0) if pool is not None else 0) - opened
pragmas = {"pool": [pool.min_size, pool.max_size, pool.timeout]} if pool is not None else {}
if connection.vendor == "sqlite":
    with connection.cursor() as cursor:
        for name in ("journal_mode", "synchronous", "mmap_size"):
            pragmas[name] = cursor.execute(f"PRAGMA {name}").fetchone()[0]
print(json.dumps({"same": first is second, "pooled": pool is not None, "opened": opened, "pragmas": pragmas}))
"""


@pytest.fixture(scope="module")
def served_twice(tmp_path_factory):
    with data_env(tmp_path_factory.mktemp("connections")) as env:
        done = districtlab(["shell", "-c", TWO_REQUESTS], env)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_next_request_opens_no_new_database_connection(served_twice):
    if ON_SQLITE:  # the thread's own connection, kept
        assert served_twice["same"] is True and served_twice["pooled"] is False
    else:  # one of the pool's, handed back and taken again
        assert served_twice["pooled"] is True and served_twice["opened"] == 0


def test_the_database_is_tuned_for_a_server(served_twice):
    """SQLite: WAL, synced at commits, memory-mapped. PostgreSQL: a pool of at most ``DISTRICTLAB_DB_POOL_SIZE``
    (default 10) connections, waiting up to 20 s for one."""
    expected = ({"journal_mode": "wal", "synchronous": 1, "mmap_size": 268435456} if ON_SQLITE
                else {"pool": [1, 10, 20]})
    assert served_twice["pragmas"] == expected
