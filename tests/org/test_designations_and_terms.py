"""Designations have a start, an end and the district's rule as data: the first year they exist, the longest term,
and which schools may hold them (seed 004: from 2015-16, teachers' for up to two years, Master Teachers only at
hosts of LP-plus networks). Pages and the API refuse what breaks a rule, naming the field."""
import datetime as dt

import pytest
from rest_framework.test import APIClient

from districtlab.core.roles import Designation
from districtlab.org import models as m
from tests.org.test_edit_forms import field_error


@pytest.fixture
def rules(world):
    """The world's district with seed 004's rules; a 2015-16 year before the world's 2016-17."""
    earlier = m.SchoolYear.objects.create(district=world.district, name="2015-16", start=dt.date(2015, 9, 1),
                                          end=dt.date(2016, 6, 30))
    common = {"district": world.district, "first_year": earlier}
    m.DesignationRule.objects.create(designation=Designation.MODEL_TEACHER, max_term_years=2, **common)
    m.DesignationRule.objects.create(designation=Designation.MASTER_TEACHER, max_term_years=2,
                                     host_of=m.Network.Kind.COHORT, **common)
    return earlier


def api(world, role="central"):
    client = APIClient()
    client.force_authenticate(world.users[role])
    return client


def teacher_position(world, **extra):
    return {"person": world.people["coach"].pk, "district": world.district.pk, "school": world.host.pk,
            "kind": "teacher", "start": "2014-09-01", **extra}


def test_a_designation_cannot_begin_before_its_first_year(world, rules):
    r = world.client("central").post("/positions/new/", teacher_position(
        world, designation="model_teacher", designation_start="2014-09-01", designation_end="2016-06-30"))
    assert r.status_code == 400
    assert field_error(r.content.decode(), "designation_start") == (
        "Model Teacher designations began in 2015-16: give a designation start on or after 2015-09-01.")
    # without its own start the designation begins with the position (2014-09-01): refused the same way
    r = api(world).post("/api/positions/", teacher_position(world, designation="model_teacher",
                                                            designation_end="2016-06-30"), format="json")
    assert r.status_code == 400
    assert "began in 2015-16" in r.json()["designation_start"][0]
    assert not m.Position.objects.filter(person=world.people["coach"], kind="teacher").exists()


def test_a_teacher_designation_lasts_at_most_two_years(world, rules):
    open_ended = teacher_position(world, designation="model_teacher", designation_start="2015-09-01")
    r = api(world).post("/api/positions/", open_ended, format="json")
    assert r.status_code == 400
    assert r.json()["designation_end"] == [
        "A Model Teacher designation lasts at most 2 years, then the holder re-applies: give a designation end no "
        "later than 2017-08-31."]
    r = world.client("central").post("/positions/new/", {**open_ended, "designation_end": "2017-09-01"})
    assert r.status_code == 400
    assert "at most 2 years" in field_error(r.content.decode(), "designation_end")
    r = api(world).post("/api/positions/", {**open_ended, "designation_end": "2017-06-30"}, format="json")
    assert r.status_code == 201, r.content
    assert (r.json()["designation_start"], r.json()["designation_end"]) == ("2015-09-01", "2017-06-30")


def test_only_hosts_of_lp_plus_networks_have_master_teachers(world, rules):
    master = teacher_position(world, designation="master_teacher", designation_start="2016-09-01",
                              designation_end="2017-06-30")
    r = api(world).post("/api/positions/", master, format="json")  # P.S. 7 hosts a triad, not a cohort
    assert r.status_code == 400
    assert r.json()["designation"] == [
        "Only schools hosting a network of the kind “Cohort (LP-plus)” may have a Master Teacher; P.S. 7 does not "
        "host one in 2016-17."]
    cohort = m.Network.objects.create(district=world.district, school_year=world.year, name="Plus cohort",
                                      kind=m.Network.Kind.COHORT)
    m.NetworkMembership.objects.create(network=cohort, school=world.partner, role="partner")
    r = api(world).post("/api/positions/", {**master, "school": world.partner.pk}, format="json")
    assert r.status_code == 400  # a partner in a cohort is not its host
    m.NetworkMembership.objects.create(network=cohort, school=world.host, role="host")
    r = api(world).post("/api/positions/", master, format="json")
    assert r.status_code == 201, r.content
    # every year of the designation counts: P.S. 7 hosted no cohort in 2015-16
    r = api(world).post("/api/positions/", {**master, "designation_start": "2015-09-01"}, format="json")
    assert r.status_code == 400
    assert r.json()["designation"][0].endswith("P.S. 7 does not host one in 2015-16.")


def test_the_rules_are_data_the_district_edits(world, rules):
    rule = m.DesignationRule.objects.get(district=world.district, designation=Designation.MODEL_TEACHER)
    admin, url = api(world, "admin"), f"/api/designation-rules/{rule.pk}/"
    r = admin.patch(url, {"max_term_years": 3}, format="json", headers={"If-Match": admin.get(url)["ETag"]})
    assert r.status_code == 200, r.content
    assert r.json()["first_year"] == rules.pk and r.json()["max_term_years"] == 3
    r = api(world).post("/api/positions/", teacher_position(
        world, designation="model_teacher", designation_start="2015-09-01", designation_end="2018-06-30"),
        format="json")
    assert r.status_code == 201, r.content  # three years now allowed
    # and a district without rules keeps designations as they were (the world's Model Teacher has no end)
    assert m.Position.objects.get(person=world.people["teacher"]).designation == Designation.MODEL_TEACHER


def test_designation_dates_need_a_designation_and_the_right_order(world, rules):
    r = api(world).post("/api/positions/", teacher_position(world, designation_start="2015-09-01"), format="json")
    assert r.status_code == 400
    assert r.json()["designation"] == ["Dates of a designation need the designation."]
    r = api(world).post("/api/positions/", teacher_position(
        world, designation="model_teacher", designation_start="2016-09-01", designation_end="2016-01-01"),
        format="json")
    assert r.status_code == 400
    assert r.json()["designation_end"] == ["The Model Teacher designation cannot end before it starts."]


def test_an_import_refuses_a_designation_against_the_rules_naming_row_and_column(world, rules, tmp_path):
    from tests.org.test_import_people import run

    header = ("district,name,email,position,school,title,designation,organisation,start,end,designation_start,"
              "designation_end\n")
    code, err = run(tmp_path, header + "RUSD,Mo Model,mo@example.org,Teacher,P.S. 7,,Model Teacher,,2014-09-01,,,\n")
    assert code == 2
    assert 'Row 2, column "designation_start": Model Teacher designations began in 2015-16' in err
    assert not m.Person.objects.filter(name="Mo Model").exists()
    code, err = run(tmp_path, header + "RUSD,Mo Model,mo@example.org,Teacher,P.S. 7,,Model Teacher,,2014-09-01,,"
                                          "2015-09-01,2017-06-30\n")
    assert code == 0, err
    position = m.Position.objects.get(person__name="Mo Model")
    assert (position.designation_start, position.designation_end) == (dt.date(2015, 9, 1), dt.date(2017, 6, 30))
