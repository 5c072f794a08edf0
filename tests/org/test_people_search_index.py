"""Finding people by part of their name reads an index on PostgreSQL: ``districtlab migrate`` adds a trigram index
that the very query Django writes for the search (a case-blind "contains") can use. On SQLite it adds nothing."""
import contextlib
import sqlite3
from pathlib import Path

import psycopg
import pytest

from districtlab.org.models import Person
from tests.core.serving import data_env

INDEX = "org_person_name_trgm"


@pytest.mark.django_db
def test_migrate_gives_the_people_search_an_index_its_query_reads(tmp_path):
    search = Person.objects.filter(name__icontains="Rivera").order_by().values("pk")  # the search, as the list asks
    sql, params = search.query.sql_with_params()
    with data_env(tmp_path) as env:  # a database `districtlab migrate` made
        if env.get("DATABASE_URL"):
            with psycopg.connect(env["DATABASE_URL"]) as connection:
                connection.execute("SET enable_seqscan = off")  # an empty table: ask whether the index can serve
                plan = "\n".join(row[0] for row in connection.execute(f"EXPLAIN {sql}", params))
            assert f"Bitmap Index Scan on {INDEX}" in plan, plan
        else:
            file = Path(env["DISTRICTLAB_DATA_DIR"]) / "districtlab.sqlite3"
            with contextlib.closing(sqlite3.connect(file)) as db:
                indexes = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
                applied = db.execute("SELECT 1 FROM django_migrations WHERE app = 'org' AND name LIKE '0008_%'")
                assert applied.fetchone() and INDEX not in indexes
