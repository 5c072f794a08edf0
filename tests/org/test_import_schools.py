"""Importing schools (and their demographics) from CSV/XLSX, by command and through the upload page."""
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

from districtlab.org import models as m

GOOD = (
    "district,name,grades,grade_band,region,types,school_year,demographic: % ELL,demographic: Enrollment\n"
    "RUSD,P.S. 21,K-5,Elementary,Bronx,International; Renewal,2016-17,40-60%,700-1200\n"
    "RUSD,P.S. 7,9-12,High,Brooklyn,,2016-17,>80%,\n"
)


def run(tmp_path, text, name="schools.csv", *extra):
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_data", "schools", str(path), *extra, stdout=out, stderr=err)
    except CommandError as exc:
        return exc.returncode, out.getvalue(), err.getvalue() + str(exc)
    return 0, out.getvalue(), err.getvalue()


def test_import_adds_and_updates_and_keeps_values_as_given(world, tmp_path):
    code, out, _ = run(tmp_path, GOOD)
    assert code == 0 and "2 row(s) of schools: 1 added, 1 updated" in out
    new = m.School.objects.get(name="P.S. 21")
    assert (new.grades, new.region) == ("K-5", "Bronx")
    assert sorted(t.name for t in new.types.all()) == ["International", "Renewal"]
    assert {d.measure: d.value for d in new.demographics.all()} == {"% ELL": "40-60%", "Enrollment": "700-1200"}
    assert m.Demographic.objects.get(school=world.host, measure="% ELL").value == ">80%"
    assert world.network.memberships.filter(school__name="P.S. 7").exists()  # nothing lost by the update


def test_import_is_idempotent(world, tmp_path):
    run(tmp_path, GOOD)
    before = (m.School.objects.count(), m.Demographic.objects.count(), m.SchoolType.objects.count())
    code, out, _ = run(tmp_path, GOOD)
    assert code == 0 and "0 added, 2 updated" in out
    assert before == (m.School.objects.count(), m.Demographic.objects.count(), m.SchoolType.objects.count())


@pytest.mark.parametrize("text,expected", [
    ("name,grades\nP.S. 1,K-5\n", 'Row 1, column "district": The column "district" is missing'),
    ("district,name,colour\nRUSD,P.S. 1,blue\n", 'Row 1, column "colour": This column is not one DistrictLab knows'),
    ("district,name\nRUSD,P.S. 1\nRUSD,p.s. 1\n", 'Row 3, column "name": Duplicate: row 2 already gives p.s. 1'),
    ("district,name\nNowhere,P.S. 1\n", 'Row 2, column "district": There is no district "Nowhere"'),
    ("district,name,school_year,demographic: % ELL\nRUSD,P.S. 1,2016-17,lots\n",
     'Row 2, column "demographic: % ELL": "lots" is not a reported value'),
    ("district,name,demographic: % ELL\nRUSD,P.S. 1,12\n",
     'Row 2, column "school_year": Demographic values need the school year'),
    ("district,name,school_year,demographic: % ELL\nRUSD,P.S. 1,1999-00,12\n",
     'Row 2, column "school_year": There is no school year "1999-00"'),
    ("district,name,grades\nRUSD,,K-5\n", 'Row 2, column "name": The school name is empty.'),
    ("district,name,region,school_year\nRUSD,P.S. 1,Queens,2016-17\nRUSD,P.S. 1,Bronx,2015-16\n",
     'Row 3, column "region": Row 2 gives this school "Queens" here, not "Bronx"'),  # grades may differ by year
    ("district,name,grades\nRUSD,P.S. 1," + "9" * 50 + "\n", 'Row 2, column "grades": Ensure this value has at most 40'),
    ("", "The file is empty"),
    ("district,name\n", "header row but no data rows"),
    ("district,name,Name\nRUSD,a,b\n", 'The column "Name" appears twice'),
])
def test_bad_files_name_row_column_and_problem_and_write_nothing(world, tmp_path, text, expected):
    before = m.School.objects.count()
    code, _, err = run(tmp_path, text)
    assert code == 2
    assert expected in err
    assert "Nothing was imported" in err or "schools.csv:" in err
    assert m.School.objects.count() == before


def test_one_bad_row_among_good_ones_writes_nothing(world, tmp_path):
    code, _, err = run(tmp_path, GOOD + "RUSD,P.S. 22,K-5,,,,2016-17,sixty,\n")
    assert code == 2 and 'Row 4, column "demographic: % ELL"' in err
    assert not m.School.objects.filter(name="P.S. 21").exists()


def test_bad_encoding_is_explained(world, tmp_path):
    code, _, err = run(tmp_path, "district,name\nRUSD,École Saint-Jérôme\n".encode("latin-1"))
    assert code == 2 and "not UTF-8 text" in err and "line 2" in err


def test_binary_and_broken_xlsx_files_are_refused(world, tmp_path):
    assert "cannot be opened" in run(tmp_path, b"PK\x03\x04garbage", "s.xlsx")[2]
    assert "binary data" in run(tmp_path, b"district,name\x00\x00\n\x00", "s.csv")[2]


def test_ten_megabyte_upload_is_refused_before_reading_and_the_command_streams_it(world, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    big = "district,name\n" + "RUSD,School\n" * (10 * 1024 * 1024 // 12)
    r = world.client("central").post("/transfer/", {"kind": "schools", "file": SimpleUploadedFile("s.csv", big.encode())})
    assert r.status_code == 400 and "10.0 MB; the limit is 5 MB" in r.content.decode()
    code, _, err = run(tmp_path, big)  # the command line reads a file of any size, up to the rows an import takes
    assert code == 2 and "more than 100,000 rows of data" in err and m.School.objects.filter(name="School").count() == 0


def test_xlsx_import(world, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["District", "Name", "Grades", "School_Year", "demographic: % SWD"])
    sheet.append(["RUSD", "P.S. 30", "6-8", "2016-17", 22])
    buf = io.BytesIO()
    book.save(buf)
    code, out, _ = run(tmp_path, buf.getvalue(), "schools.xlsx")
    assert code == 0
    d = m.Demographic.objects.get(school__name="P.S. 30")
    assert (d.value, d.number) == ("22", 22)


def test_dry_run_writes_nothing(world, tmp_path):
    code, out, _ = run(tmp_path, GOOD, "schools.csv", "--dry-run")
    assert code == 0 and "Would import 2 row(s)" in out
    assert not m.School.objects.filter(name="P.S. 21").exists()


def test_upload_page_previews_then_imports(world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    c = world.client("central")
    r = c.post("/transfer/", {"kind": "schools", "file": SimpleUploadedFile("s.csv", GOOD.encode())})
    body = r.content.decode()
    assert r.status_code == 200 and "P.S. 21" in body and "Import 2 rows" in body
    assert not m.School.objects.filter(name="P.S. 21").exists()  # the preview writes nothing
    token = r.context["token"]
    r = c.post("/transfer/", {"token": token, "kind": "schools", "suffix": ".csv"}, follow=True)
    assert "Imported 2 row(s) of schools: 1 added, 1 updated" in r.content.decode()
    assert m.School.objects.filter(name="P.S. 21").exists()
    r = c.post("/transfer/", {"token": token, "kind": "schools", "suffix": ".csv"}, follow=True)
    assert "expired or was already imported" in r.content.decode()


def test_upload_page_lists_row_errors(world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    r = world.client("central").post("/transfer/", {
        "kind": "schools", "file": SimpleUploadedFile("s.csv", b"district,name\nNowhere,P.S. 1\n")})
    body = r.content.decode()
    assert r.status_code == 400 and "Nothing was imported" in body and "There is no district" in body
    assert "token" not in r.context or not r.context.get("token")


def test_upload_refused_for_roles_that_cannot_add(world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    r = world.client("teacher").post("/transfer/", {"kind": "schools", "file": SimpleUploadedFile("s.csv", GOOD.encode())})
    assert r.status_code == 403
    assert not m.School.objects.filter(name="P.S. 21").exists()


def test_upload_cannot_reach_another_district(world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    r = world.client("outsider").post("/transfer/", {"kind": "schools", "file": SimpleUploadedFile("s.csv", GOOD.encode())})
    assert r.status_code == 400 and "There is no district &quot;RUSD&quot; you can use" in r.content.decode()
