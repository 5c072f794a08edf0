"""Every model change has its migration. The test database is made from the models (``--nomigrations``: migrating
takes half a minute of every run), so this is what keeps it the same as a district's database, which ``districtlab
migrate`` makes (as it makes the demo, the servers and the backups these tests start)."""
from tests.core.serving import districtlab, sqlite_env


def test_the_models_and_their_migrations_agree(tmp_path):
    done = districtlab(["makemigrations", "--check", "--dry-run"], sqlite_env(tmp_path))
    assert done.returncode == 0, f"models changed without a migration: run `districtlab makemigrations`\n{done.stdout}"
