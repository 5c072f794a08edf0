"""The demo is loaded once per run and shared by the tests that ask for it (``DemoDatabase`` in tests/conftest.py):
what a test changes in it is undone after the test, and the tests that do not ask for it find the database empty."""
from django.contrib.auth import get_user_model

from districtlab.org.models import DataNote, District

from ..conftest import DEMO


def test_a_test_without_the_demo_finds_the_database_empty(db):
    assert not District.objects.exists() and not get_user_model().objects.exists()


def test_a_test_changes_the_shared_demo(db, demo):
    assert demo is DEMO.ctx and demo.sign_ins
    assert District.objects.filter(short_name="NYC DOE").update(name="Renamed in a test") == 1
    assert DataNote.objects.all().delete()[0] > 0


def test_the_next_test_finds_the_demo_as_loaded(db, demo):
    assert District.objects.get(short_name="NYC DOE").name != "Renamed in a test"
    assert DataNote.objects.exists()
