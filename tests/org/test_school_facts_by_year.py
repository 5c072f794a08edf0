"""School facts change by year (seed 004, Tables 3-5): each year's grade span is kept, and exports, the API and the
school page give the span of the year asked. Also: the demo's designations keep the district's rules."""
import csv
import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from rest_framework.test import APIClient

from districtlab.org import models as m

pytestmark = pytest.mark.django_db


def exported_grades(year):
    out = io.StringIO()
    call_command("export_data", "schools", "--district", "NYC DOE", "--year", year, stdout=out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    return {r["name"]: (r["grades"], r["grade_band"], r["school_year"]) for r in rows if r["school_year"]}


def test_export_schools_for_a_year_gives_that_years_grade_spans(demo):
    y1, y2, y3 = exported_grades("2014-15"), exported_grades("2015-16"), exported_grades("2016-17")
    assert y1["P.S. 16"][0] == "PK-8" and y3["P.S. 16"][0] == "K-8"  # Table 3 ~1548; Table 5 ~1972
    assert y2["P.S. 19"][0] == y2["P.S. 39"][0] == "6-12"  # Table 4 ~1642, ~1858
    assert y3["P.S. 19"][0] == y3["P.S. 39"][0] == "9-12"  # Table 5 ~1952, ~2088
    assert (y2["P.S. 23"][0], y3["P.S. 23"][0]) == ("K-12", "PK-12")  # Table 4 ~1695; Table 5 ~2003
    assert {r[2] for r in y1.values()} == {"2014-15"}
    assert "P.S. 41" not in y1  # first in Table 5: no 2014-15 row of its own


def test_the_api_gives_the_grade_span_of_the_year_asked(demo):
    client = APIClient()
    client.force_authenticate(m.Person.objects.get(user__username="nyc.researcher").user)
    ps16 = m.School.objects.get(district__short_name="NYC DOE", name="P.S. 16")

    def grades(query):
        r = client.get(f"/api/schools/?district={ps16.district_id}&search=P.S. 16{query}")
        assert r.status_code == 200, r.content
        return [s["grades"] for s in r.json()["results"] if s["name"] == "P.S. 16"]

    assert grades("&year=2014-15") == ["PK-8"]
    assert grades("&year=2016-17") == ["K-8"]
    assert grades("") == ["K-8"]  # no year asked: the current span
    r = client.get(f"/api/school-year-facts/?school={ps16.pk}")
    assert r.status_code == 200
    assert [(f["grades"], f["source"]) for f in r.json()["results"]] == [
        ("PK-8", "Seed 004, Table 3"), ("K-8", "Seed 004, Table 5")]


def test_the_school_page_shows_each_years_grades(demo):
    client = Client()
    client.force_login(m.Person.objects.get(user__username="nyc.teacher").user)
    ps23 = m.School.objects.get(district__short_name="NYC DOE", name="P.S. 23")
    body = client.get(ps23.get_absolute_url()).content.decode()
    row = re.search(r'<tr><th scope="row">Grades</th>(.*?)</tr>', body).group(1)
    assert re.findall(r"<td>([^<]*)</td>", row) == ["K-12", "PK-12"]


def test_the_schools_list_for_a_year_shows_that_years_grades(demo):
    client = Client()
    client.force_login(m.Person.objects.get(user__username="nyc.teacher").user)

    def row(query):
        body = client.get(f"/schools/?q=P.S.+16{query}").content.decode()
        return re.search(r'>P\.S\. 16</a>.*?</td>\s*<td>([^<]*)</td>', body, re.S).group(1)

    assert row("&year=2014-15") == "PK-8"
    assert row("&year=2016-17") == row("") == "K-8"


def test_the_grade_spans_by_year_are_a_data_note(demo):
    note = m.DataNote.objects.get(district__short_name="NYC DOE", subject="Grade spans by year")
    assert "P.S. 16 PK-8 (2014-15) and K-8 (2016-17)" in note.other
    assert note.sources.startswith("seeds/004_")


def test_the_demo_keeps_its_designation_rules(demo):
    nyc = m.District.objects.get(short_name="NYC DOE")
    designated = m.Position.objects.filter(district=nyc).exclude(designation="")
    assert designated.count() >= 3
    for position in designated:
        position.full_clean()  # first year, term and hosts: the model's own rule
        start, end = position.designation_span
        assert start.isoformat() >= "2015-09-01"
        if position.kind == "teacher":
            assert end is not None and (end - start).days < 2 * 366
    master = m.Position.objects.get(person__user__username="nyc.master")
    assert (master.school.name, master.designation) == ("P.S. 34", "master_teacher")
    assert m.NetworkMembership.objects.filter(school=master.school, role="host", network__kind="cohort",
                                              network__school_year__name="2016-17").exists()
    moved = m.Position(person=master.person, district=nyc, kind="teacher", designation="master_teacher",
                       school=m.School.objects.get(district=nyc, name="P.S. 16"),
                       designation_start=master.designation_start, designation_end=master.designation_end)
    with pytest.raises(ValidationError) as refused:
        moved.full_clean()
    assert "P.S. 16 does not host one in 2015-16, 2016-17" in str(refused.value)
