"""Admins edit a reference table as a table (pasted from a spreadsheet, typed as CSV, or uploaded), never as JSON;
a row or column that does not fit is named, and nothing typed or stored is lost."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from districtlab.org import models as m


@pytest.fixture
def table(world):
    return m.ReferenceTable.objects.create(
        district=world.district, title="Table 2: Demographics", source="Seed 004, Table 2",
        columns=["Measure", "LPP", "DOE"], rows=[["% ELL", "13%", "13%"], ["Schools, all", "190", "1,800"]])


def post(client, record, **fields):
    data = {"district": record.district_id, "title": record.title, "source": record.source, "note": "", **fields}
    return client.post(f"/reference-tables/{record.pk}/edit/", data)


def test_the_edit_page_shows_the_table_as_text_not_json(world, table):
    page = world.client("admin").get(f"/reference-tables/{table.pk}/edit/").content.decode()
    assert 'name="table"' in page
    assert "Measure,LPP,DOE\n% ELL,13%,13%\n&quot;Schools, all&quot;,190,&quot;1,800&quot;" in page
    assert 'name="columns"' not in page and 'name="rows"' not in page and "JSON" not in page
    assert 'enctype="multipart/form-data"' in page and 'name="upload"' in page


def test_a_table_pasted_from_a_spreadsheet_is_kept_cell_by_cell(world, table):
    r = post(world.client("admin"), table, table="Measure\tLPP\tDOE\n% ELL\t14%\t13%\n>80% poverty\t40-60%\t\n")
    table.refresh_from_db()
    assert r.status_code == 302
    assert table.columns == ["Measure", "LPP", "DOE"]
    assert table.rows == [["% ELL", "14%", "13%"], [">80% poverty", "40-60%", ""]]


def test_a_row_that_does_not_fit_is_named_and_nothing_is_lost(world, table):
    typed = "Measure,LPP,DOE\n% ELL,13%\nSchools,190,1800,extra\n"
    r = post(world.client("admin"), table, table=typed)
    page = r.content.decode()
    assert r.status_code == 400
    assert "Line 2 has 2 cells but the table has 3 columns (Measure, LPP, DOE)" in page and "for DOE" in page
    assert "Line 3 has 4 cells" in page and "“extra”" in page
    assert typed.replace('"', "&quot;") in page  # what was typed is still there to correct
    table.refresh_from_db()
    assert table.rows[0] == ["% ELL", "13%", "13%"]  # the stored table is untouched


@pytest.mark.parametrize("typed, problem", [
    ("", "The table is empty"),
    ("Measure,,DOE\n% ELL,1,2\n", "Line 1, column 2: every column needs a name."),
    ("Measure,LPP,lpp\n% ELL,1,2\n", "Line 1, column 3: the column “lpp” appears twice."),
    ('Measure,LPP\n"% ELL,13%\n', "a cell starts with a quote"),
])
def test_bad_tables_get_a_clear_message(world, table, typed, problem):
    r = post(world.client("admin"), table, table=typed)
    assert r.status_code == 400 and problem in r.content.decode()


def test_a_csv_file_replaces_the_table(world, table):
    upload = SimpleUploadedFile("table2.csv", "Measure,LPP\r\n% ELL,13%\r\n".encode("utf-8-sig"), "text/csv")
    r = post(world.client("admin"), table, table="ignored,when\na file,comes", upload=upload)
    table.refresh_from_db()
    assert r.status_code == 302 and (table.columns, table.rows) == (["Measure", "LPP"], [["% ELL", "13%"]])


def test_a_file_that_is_not_csv_text_is_refused_by_name(world, table):
    upload = SimpleUploadedFile("table2.csv", b"Measure,LPP\n\xff\xfe\x00bad", "text/csv")
    r = post(world.client("admin"), table, upload=upload)
    assert r.status_code == 400 and "“table2.csv” is not CSV text in UTF-8" in r.content.decode()


def test_a_new_table_is_typed_the_same_way(world):
    r = world.client("admin").post("/reference-tables/new/", {
        "district": world.district.pk, "title": "Table 12", "source": "Seed 004, Table 12",
        "table": "Year,Schools\n2014-15,73\n"})
    t = m.ReferenceTable.objects.get(title="Table 12")
    assert r.status_code == 302 and (t.columns, t.rows) == (["Year", "Schools"], [["2014-15", "73"]])
