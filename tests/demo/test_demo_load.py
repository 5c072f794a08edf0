"""The demo district: the seeds' facts from the loaded database, loading twice changes nothing, the command works."""
import csv
import io
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.test import Client

from districtlab.demo.loader import DEMO_PASSWORD, load_demo
from districtlab.org import models as m

from ..conftest import snapshot_of
from ..core.serving import copy_demo, demo_template
from ..sign_in import sign_in_with_password


def snapshot():
    return snapshot_of([m for m in apps.get_models() if m._meta.app_label in {"org", "core", "auth"}])


def test_loading_twice_changes_nothing(db):
    load_demo()
    first = snapshot()
    load_demo()
    assert snapshot() == first


@pytest.mark.parametrize("year,schools,returning,kinds", [
    ("2013-14", 21, 0, {"triad": 7}),
    ("2014-15", 73, 11, {"triad": 23, "quad": 1}),
    ("2015-16", 146, 42, {"triad": 23, "pair": 1, "quad": 1, "cohort": 10}),
    ("2016-17", 190, 130, {"triad": 28, "quad": 6, "pair": 1, "cohort": 10}),
])
def test_lpp_scale_per_year_is_the_seeds(db, demo, year, schools, returning, kinds):
    memberships = m.NetworkMembership.objects.program().filter(network__district__short_name="NYC DOE",
                                                               network__school_year__name=year)
    assert memberships.count() == memberships.values("school").distinct().count() == schools
    assert memberships.filter(returning=True).count() == returning
    networks = m.Network.objects.program().filter(district__short_name="NYC DOE", school_year__name=year)
    assert Counter(networks.values_list("kind", flat=True)) == kinds
    sizes = [n.memberships.count() for n in networks.filter(kind="cohort")]
    assert all(6 <= s <= 8 for s in sizes) if year == "2015-16" else all(5 <= s <= 9 for s in sizes)


def test_focal_schools_roles_focus_areas_and_demographics(db, demo):
    def network_of(school, year):
        ms = m.NetworkMembership.objects.select_related("network__focus_area").get(
            school__name=school, network__school_year__name=year, network__district__short_name="NYC DOE")
        return ms.role, ms.network.focus_area.name, sorted(x.school.name for x in ms.network.memberships.all())

    assert network_of("P.S. 7", "2014-15") == ("host", "Teacher growth & teams", ["P.S. 7", "P.S. 8", "P.S. 9"])
    assert network_of("P.S. 8", "2016-17") == ("partner", "Student empowerment",
                                               ["P.S. 19", "P.S. 41", "P.S. 42", "P.S. 8"])
    assert network_of("P.S. 16", "2014-15")[:2] == ("host", "Supporting ELLs")
    assert network_of("P.S. 16", "2016-17")[:2] == ("host", "Dual language instruction")
    assert network_of("P.S. 24", "2015-16")[0] == network_of("P.S. 24", "2016-17")[0] == "partner"
    assert network_of("P.S. 19", "2015-16")[2] == ["P.S. 10", "P.S. 12", "P.S. 19"]
    p8 = m.School.objects.get(name="P.S. 8", district__short_name="NYC DOE")
    values = {(d.school_year.name, d.measure): d.value for d in p8.demographics.select_related("school_year")}
    assert values[("2014-15", "% SWD")] == "44" and values[("2016-17", "% SWD")] == "50"
    assert p8.pseudonym and not p8.synthetic and [t.name for t in p8.types.all()] == ["Transfer"]
    assert m.School.objects.get(name="P.S. 39").demographics.get(school_year__name="2015-16",
                                                                  measure="% Hispanic").value == "6"


def test_the_triad_that_left_in_december_2015(db, demo):
    triad = m.Network.objects.get(district__short_name="NYC DOE", school_year__name="2015-16", name="P.S. 10 triad")
    assert triad.ended_on.isoformat() == "2015-12-31"
    assert all(ms.left_on == triad.ended_on for ms in triad.memberships.all())
    assert m.DataNote.objects.filter(subject="P.S. 19 after its triad left").exists()


def test_facilitators_have_three_or_four_networks_each_year(db, demo):
    for year in ("2013-14", "2014-15", "2015-16", "2016-17"):
        loads = Counter(m.Network.objects.program().filter(district__short_name="NYC DOE", school_year__name=year)
                        .values_list("facilitators", flat=True))
        assert set(loads.values()) <= {3, 4}, (year, loads)


def test_designations_stipends_focus_areas_and_reference_data(db, demo):
    nyc = m.District.objects.get(short_name="NYC DOE")
    assert {r.get_designation_display(): r.stipend for r in nyc.designation_rules.all()} == {
        "Model Teacher": "$7,500", "Master Teacher": "$20,000", "Model Principal": "$15,000",
        "Master Principal": "$25,000"}
    assert nyc.focus_areas.filter(name__startswith="Supporting teacher growth").exists()
    assert nyc.focus_areas.filter(framework_element="Collaborative Teachers").count() == 2
    table2 = nyc.reference_tables.get(title__contains="Table 2")
    assert table2.rows == [["LPP", "9", "32", "46", "2", "11", "24", "14", "82"],
                           ["DOE", "16", "27", "41", "2", "15", "19", "13", "77"]]
    assert nyc.reference_tables.get(title__contains="Table 12").rows[2] == ["District (2016-2017)", "41", "49", "10",
                                                                             "<1"]
    signed_out = Client().get(nyc.get_absolute_url())  # the district page needs a sign-in
    c = sign_in_with_password("nyc.central", DEMO_PASSWORD)
    page = c.get(nyc.get_absolute_url()).content.decode()
    assert "$20,000" in page and "Well Developed" in page and "<td>77</td>" in page
    assert signed_out.status_code == 302 and "Well Developed" not in signed_out.content.decode()


def test_highline_facts_people_and_studio_residency_pair(db, demo):
    hl = m.District.objects.get(short_name="Highline")
    facts = dict(map(tuple, hl.reference_tables.get(title="Highline district facts").rows))
    assert facts["Students"] == "approximately 17,700" and facts["Languages"] == "70" and facts["Nationalities"] == "81"
    assert facts["Free and Reduced Price Lunch Program"] == "Over 50%"
    pair = m.Network.objects.get(district=hl, kind="studio_residency")
    assert {ms.school.name: ms.role for ms in pair.memberships.all()} == {
        "Oak Park Elementary": "studio", "Oak Park's residency partner school": "residency"}
    caryn = m.Person.objects.get(district=hl, name="Caryn").positions.get()
    assert (caryn.kind, caryn.school.name) == ("teacher", "Oak Park Elementary") and "2nd grade" in caryn.title
    assert m.Person.objects.get(district=hl, name="Lea").positions.get().organisation.startswith("Center for Educ")
    assert m.Person.objects.get(district=hl, name="Sheryl").positions.get().kind == "coach"
    assert m.Position.objects.filter(district=hl, kind="elementary_director").count() == 2
    oak = m.School.objects.get(name="Oak Park Elementary")
    assert oak.pseudonym and oak.demographics.get(measure="Enrollment").value == "approximately 640"
    wasl = hl.reference_tables.get(title__startswith="WASL")
    assert wasl.rows[0] == ["Reading", "51.4%", "78.7%", "54.3%", "43.8%"]


def test_soar_schools_teams_phases_and_people(db, demo):
    soar = m.District.objects.get(short_name="SOAR")
    fg = m.School.objects.get(district=soar, name="Forest Glen High School")
    values = {d.measure: d.value for d in fg.demographics.all()}
    assert values["Student enrollment"] == "700-1200" and values["Students: percent Hispanic"] == ">80%"
    assert values["Percent LEP"] == ">5%"
    table1 = soar.reference_tables.get(title__startswith="Table 1")
    assert table1.rows[0] == ["Student enrollment", "20,504", ">1500", "700-1200", ">1500"]
    phases = {r[0]: r[1] for r in soar.reference_tables.get(title__startswith="Table 2").rows}
    assert phases == {"Phase 1 – Design": "(February 2013 – August 2013)",
                      "Phase 2 - Development": "(August 2013 – June 2014)",
                      "Phase 3 - Implementation": "August 2014- June 2015", "Total": "28 months"}
    design = m.Team.objects.get(district=soar, kind="design_team")
    members = design.memberships.select_related("person")
    district_members = [x for x in members if x.person.positions.filter(kind__in=["teacher", "central_office"]).exists()]
    assert len(district_members) == 15
    assert sum(x.person.positions.filter(kind="program_developer").exists() for x in members) == 3
    assert sum(x.person.positions.filter(kind="researcher").exists() for x in members) == 3
    assert members.filter(person__positions__kind="district_coordinator").count() == 1
    for school in ("Desert Grove", "Forest Glen", "Valley"):
        t = m.Team.objects.get(district=soar, name=f"{school} school implementation team")
        teachers = t.memberships.filter(role="member").count()
        assert 5 <= teachers <= 7 and t.memberships.filter(role="leader").count() == 2
    named = set(m.Person.objects.filter(district=soar, synthetic=False).values_list("name", flat=True))
    assert {"Kristine", "Rebecca", "Andrew", "Colin", "Ken", "Renee", "Matthew", "Jillian", "Doug", "Riley", "Sandra",
            "Allison", "Kevin", "Felix"} <= named
    jillian = m.Person.objects.get(district=soar, name="Jillian")
    assert jillian.team_memberships.get().team.name == "Desert Grove school implementation team"


def test_seed_conflicts_are_data_notes_citing_the_seed(db, demo):
    notes = m.DataNote.objects.all()
    for subject, seed in [("School team size", "004"), ("International Schools: how long students have been in the "
                          "country", "004"), ("How often implementation teams met", "001"),
                          ("What SOAR stands for", "001"), ("Residency partner school", "000")]:
        note = notes.get(subject=subject)
        assert f"seeds/{seed}_" in note.sources
    assert notes.get(subject="School team size").kept == "about 5-7 teacher leaders and principals"
    c = sign_in_with_password("nyc.researcher", DEMO_PASSWORD)
    page = c.get("/data-notes/?q=team+size").content.decode()
    assert "four to six participants" in page
    rows = list(csv.DictReader(io.StringIO(c.get("/transfer/export/data-notes.csv").content.decode())))
    assert {r["district"] for r in rows} == {"NYC DOE"}  # a district's people see its own notes only
    assert len(rows) == m.DataNote.objects.filter(district__short_name="NYC DOE").count()


def test_synthetic_is_marked_in_the_ui(db, demo):
    c = sign_in_with_password("nyc.central", DEMO_PASSWORD)
    body = c.get("/schools/?q=Synthetic school 001").content.decode()
    assert "Synthetic school 001" in body and '<span class="tag">synthetic</span>' in body
    body = c.get(m.Person.objects.get(name="Dana Whitfield").get_absolute_url()).content.decode()
    assert '<span class="tag">synthetic</span>' in body


def test_export_reproduces_the_2016_17_composition(db, demo):
    out = io.StringIO()
    call_command("export_data", "networks", "--district", "NYC DOE", "--year", "2016-17", stdout=out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert len(rows) == 190 and len({r["network"] for r in rows}) == 45
    assert Counter(r["returning"] for r in rows) == {"yes": 130, "no": 60}
    assert {"district": "NYC DOE", "school_year": "2016-17", "network": "P.S. 41 quad", "network_type": "Quad",
            "learning_focus_area": "Student empowerment", "facilitator": "Kimberly", "school": "P.S. 8",
            "role": "Partner", "returning": "yes"} in rows


def test_every_demo_sign_in_works_and_each_district_has_its_roles(db, demo):
    by_district = {}
    for username, _label, _who in demo.sign_ins:
        c = sign_in_with_password(username, DEMO_PASSWORD)
        assert c, username
        assert c.get("/").status_code == 200
        by_district.setdefault(username.split(".")[0], set()).add(username.split(".")[1])
    assert by_district["nyc"] >= {"admin", "central", "facilitator", "principal", "teacher", "coach", "partner",
                                  "researcher"}
    assert by_district["highline"] >= {"admin", "central", "principal", "teacher", "coach", "partner", "researcher"}
    assert by_district["soar"] >= {"admin", "central", "principal", "teacher", "partner", "researcher"}


@pytest.mark.own_databases  # the command's own SQLite database, whatever the suite runs on
def test_districtlab_demo_command_loads_and_prints_sign_ins(tmp_path):
    first_data, first = demo_template()  # the command run once in an empty data directory, shared by the run
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["DISTRICTLAB_DATA_DIR"] = str(tmp_path)
    copy_demo(tmp_path)
    script = Path(sys.executable).with_name("districtlab")
    again = subprocess.run([str(script), "demo", "--load-only"], env=env, capture_output=True, text=True,
                           timeout=300)
    assert again.returncode == 0, again.stderr  # repeated runs are safe
    for out in (first, again):
        assert "The demo district is loaded." in out.stdout
        assert f"password for all: {DEMO_PASSWORD}" in out.stdout and "nyc.teacher" in out.stdout
    assert (first_data / "districtlab.sqlite3").exists()
