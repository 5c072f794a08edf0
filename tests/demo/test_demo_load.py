"""The demo district: seed facts present, loading twice changes nothing, and the command works."""
import os
import subprocess
import sys
from pathlib import Path

from django.apps import apps
from django.test import Client

from districtlab.demo.loader import DEMO_PASSWORD, load_demo
from districtlab.org import models as m


def snapshot():
    return {model._meta.label: sorted(map(str, model.objects.values_list()))
            for model in apps.get_models() if model._meta.app_label in {"org", "core", "auth"}}


def test_loading_twice_changes_nothing(db):
    load_demo()
    first = snapshot()
    load_demo()
    assert snapshot() == first


def test_seed_004_table_3_is_in_the_demo(db):
    load_demo()
    nyc = m.District.objects.get(short_name="NYC DOE")
    triads = m.Network.objects.filter(district=nyc, school_year__name="2014-15", kind="triad")
    assert triads.count() == 6
    for triad in triads:
        assert sorted(ms.role for ms in triad.memberships.all()) == ["host", "partner", "partner"]
    seven = m.School.objects.get(district=nyc, name="P.S. 7")
    assert (seven.grades, seven.region, seven.pseudonym) == ("9-12", "Brooklyn", True)
    assert {d.measure: d.value for d in seven.demographics.all()} == {
        "% Black": "83", "% Hispanic": "14", "% Poverty": "78", "% ELL": "2", "% SWD": "22"}
    growth = m.Network.objects.get(memberships__school=seven, school_year__name="2014-15")
    assert growth.focus_area.name == "Teacher growth & teams"
    assert sorted(ms.school.name for ms in growth.memberships.all()) == ["P.S. 7", "P.S. 8", "P.S. 9"]
    assert m.LearningFocusArea.objects.filter(district=nyc).count() == 16 + 6
    for facilitator in m.Person.objects.filter(positions__kind="facilitator"):
        assert facilitator.facilitated_networks.count() in (3, 4)  # seed 004: three or four networks each
    assert all(p.synthetic for p in m.Person.objects.filter(district=nyc))


def test_every_demo_sign_in_works_and_lands_home(db):
    ctx = load_demo()
    assert {role for _, role, _ in ctx.sign_ins} >= {
        "District admin", "Central office", "Facilitator", "Model Principal", "Model Teacher", "Master Teacher",
        "Coach", "External partner", "Researcher"}
    for username, _, _ in ctx.sign_ins:
        c = Client()
        assert c.login(username=username, password=DEMO_PASSWORD), username
        assert c.get("/").status_code == 200


def test_districtlab_demo_command_loads_and_prints_sign_ins(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["DISTRICTLAB_DATA_DIR"] = str(tmp_path)
    script = Path(sys.executable).with_name("districtlab")
    for _ in range(2):  # repeated runs are safe
        out = subprocess.run([str(script), "demo", "--load-only"], env=env, capture_output=True, text=True,
                             timeout=180)
        assert out.returncode == 0, out.stderr
    assert "The demo district is loaded." in out.stdout
    assert f"password for all: {DEMO_PASSWORD}" in out.stdout and "teacher" in out.stdout
    assert (tmp_path / "districtlab.sqlite3").exists()
