"""Importing a school's grade span per school year: each year keeps its own span, the latest is the current one,
and the file goes out and back unchanged."""
import csv
import datetime as dt
import io

from tests.org.test_import_schools import run

from districtlab.org import models as m

BY_YEAR = (
    "district,name,grades,grade_band,region,types,school_year\n"
    "RUSD,P.S. 23,K-12,K-12,Bronx,,2015-16\n"
    "RUSD,P.S. 23,PK-12,K-12,Bronx,,2016-17\n"
)


def export(year=None):
    from django.core.management import call_command

    out = io.StringIO()
    call_command("export_data", "schools", "--district", "RUSD", *(["--year", year] if year else []), stdout=out)
    return out.getvalue()


def test_rows_for_several_years_keep_each_years_grades(world, tmp_path):
    m.SchoolYear.objects.create(district=world.district, name="2015-16", start=dt.date(2015, 9, 1),
                                end=dt.date(2016, 6, 30))
    code, _, err = run(tmp_path, BY_YEAR)
    assert code == 0, err
    school = m.School.objects.get(name="P.S. 23")
    assert school.grades == "PK-12"  # the latest year's span is the current one
    assert [(f.school_year.name, f.grades) for f in school.year_facts.order_by("school_year__start")] == [
        ("2015-16", "K-12"), ("2016-17", "PK-12")]
    rows = {r["school_year"]: r["grades"] for r in csv.DictReader(io.StringIO(export())) if r["name"] == "P.S. 23"}
    assert rows == {"2015-16": "K-12", "2016-17": "PK-12"}
    assert [r["grades"] for r in csv.DictReader(io.StringIO(export("2015-16"))) if r["name"] == "P.S. 23"] == ["K-12"]

    # an earlier year's row corrects that year only; the current span stays the latest year's
    code, _, err = run(tmp_path, "district,name,grades,school_year\nRUSD,P.S. 23,1-12,2015-16\n")
    assert code == 0, err
    school.refresh_from_db()
    assert school.grades == "PK-12"
    assert school.year_facts.get(school_year__name="2015-16").grades == "1-12"

    # out and back: nothing changes
    before = export()
    code, _, err = run(tmp_path, before)
    assert code == 0, err
    assert export() == before


def test_a_grade_span_for_an_unknown_year_is_named(world, tmp_path):
    code, _, err = run(tmp_path, "district,name,grades,school_year\nRUSD,P.S. 23,K-12,1999-00\n")
    assert code == 2
    assert 'Row 2, column "school_year": There is no school year "1999-00" in Riverside Unified.' in err
    assert not m.School.objects.filter(name="P.S. 23").exists()
