"""Two runs of the suite on one machine never share a test database, and no test depends on the machine's speed."""
import os

import hypothesis
from django.db import connection


def test_each_run_has_its_own_test_database(db):
    name = str(connection.settings_dict["NAME"])
    if connection.vendor == "sqlite":
        assert connection.is_in_memory_db()  # nothing on disk to share
    else:
        assert f"_{os.getpid()}_" in name and name != "test_test"


def test_property_tests_have_no_deadline():
    assert hypothesis.settings.default.deadline is None
