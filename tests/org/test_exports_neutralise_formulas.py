"""No export runs as a formula in the spreadsheet that opens it (OWASP "CSV injection"): a teacher renamed to
=HYPERLINK(...) stays text in every CSV and Excel download and in ``districtlab export``, numbers stay numbers,
and an exported file still imports back exactly."""
import csv
import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from openpyxl import load_workbook

from districtlab.inquiry import models as inquiry
from districtlab.org import models as m

EVIL = '=HYPERLINK("http://x","y")'
DDE = "-2+3+cmd|' /C calc'!A0"
AT = "@SUM(1+1)*cmd|' /C calc'!A0"
PLUS = "+1+1"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
WEB_EXPORTS = ["/transfer/export/networks", "/transfer/export/schools", "/transfer/export/people",
               "/transfer/export/data-notes", "/transfer/export/cycles", "/inquiry/progress"]
EXPECTED = {"networks": [PLUS, AT, DDE], "schools": [DDE], "people": [EVIL, AT, DDE],
            "data-notes": [EVIL, DDE, "@seed"], "cycles": [DDE, PLUS, EVIL, AT], "progress": [DDE, PLUS, AT]}


@pytest.fixture
def poisoned(world):
    """Names and words a spreadsheet would run as formulas, in every kind of record an export writes."""
    teacher, facilitator = world.people["teacher"], world.people["facilitator"]
    teacher.name, facilitator.name = EVIL, AT
    teacher.save(), facilitator.save()
    world.host.name = DDE
    world.host.save()
    world.network.name = PLUS
    world.network.save()
    m.Demographic.objects.create(school=world.host, school_year=world.year, measure="=1+1", value="40-60%")
    m.DataNote.objects.create(district=world.district, kind="conflict", subject=EVIL, kept=DDE, sources="@seed")
    ctx = dict(district=world.district, author=teacher, team=world.team, school=world.host, network=world.network,
               visibility="district")
    problem = inquiry.ProblemOfPractice.objects.create(school_year=world.year, statement=EVIL, **ctx)
    goal = inquiry.YearGoal.objects.create(problem=problem, statement=PLUS, **ctx)
    cycle = inquiry.Cycle.objects.create(goal=goal, title=AT, started=dt.date(2016, 10, 1), **ctx)
    measure = inquiry.Measure.objects.create(cycle=cycle, name="Minutes gained", unit="minutes")
    inquiry.DataPoint.objects.create(measure=measure, position=0, label=EVIL, value=-3, part=DDE)
    inquiry.DataPoint.objects.create(measure=measure, position=1, label="Nov", value=2.5)
    return measure


def csv_cells(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8"))))


def assert_no_formula_in_csv(data: bytes, *expected):
    rows = csv_cells(data)
    cells = [cell for row in rows for cell in row]
    runnable = [c for c in cells if c.startswith(FORMULA_STARTS) and not c.lstrip("+-").replace(".", "").isdigit()]
    assert not runnable, runnable
    for text in expected:
        assert "'" + text in cells, (text, rows)
    return rows


def assert_no_formula_in_xlsx(data: bytes, *expected):
    sheet = load_workbook(io.BytesIO(data)).active  # not data_only: a formula would load as one
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert not [c.value for c in cells if c.data_type == "f"]
    for text in expected:
        found = [c for c in cells if c.value == text]
        assert found and all(c.data_type == "s" and c.quotePrefix for c in found), text
    return cells


def test_every_web_download_keeps_formulas_as_text(world, poisoned):
    c = world.client("admin")
    for url in WEB_EXPORTS:
        words = EXPECTED[url.rsplit("/", 1)[1]]
        r = c.get(f"{url}.csv")
        assert r.status_code == 200, url
        assert_no_formula_in_csv(r.content, *words)
        r = c.get(f"{url}.xlsx")
        assert r.status_code == 200, url
        assert_no_formula_in_xlsx(r.content, *words)


def test_numbers_stay_numbers(world, poisoned):
    c = world.client("admin")
    rows = csv_cells(c.get(f"/inquiry/measures/{poisoned.pk}/data.csv").content)
    assert rows == [["x", "y", "n", "part"], ["'" + EVIL, "-3", "", "'" + DDE], ["Nov", "2.5", "", ""]]
    progress = [cell for cell in assert_no_formula_in_xlsx(c.get("/inquiry/progress.xlsx").content)
                if cell.column_letter == "E" and cell.row > 1]  # cycles: a count
    assert progress and all(cell.data_type == "n" for cell in progress)
    schools = csv_cells(c.get("/transfer/export/schools.csv").content)
    assert schools[1][schools[0].index("demographic: =1+1")] == "40-60%"  # a measure's column; values as reported


def test_the_measure_data_download_keeps_formulas_as_text_and_reads_back(world, poisoned):
    c = world.client("teacher")
    data = c.get(f"/inquiry/measures/{poisoned.pk}/data.csv").content
    assert_no_formula_in_csv(data, EVIL, DDE)
    r = c.post(f"/inquiry/measures/{poisoned.pk}/data/", {"mode": "replace",
                                                          "file": SimpleUploadedFile("back.csv", data)})
    assert r.status_code == 302
    assert [(p.label, p.value, p.part) for p in poisoned.points.all()] == [(EVIL, -3, DDE), ("Nov", 2.5, "")]


@pytest.mark.parametrize("kind", ["networks", "schools", "people", "data-notes", "cycles"])
def test_the_export_command_keeps_formulas_as_text(world, poisoned, tmp_path, kind):
    out = io.StringIO()
    call_command("export_data", kind, "--district", "RUSD", stdout=out, stderr=io.StringIO())
    assert_no_formula_in_csv(out.getvalue().encode(), *EXPECTED[kind])
    path = tmp_path / f"{kind}.xlsx"
    call_command("export_data", kind, "--district", "RUSD", "--format", "xlsx", "--output", str(path),
                 stderr=io.StringIO())
    assert_no_formula_in_xlsx(path.read_bytes(), *EXPECTED[kind])


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_people_go_out_and_come_back_unchanged(world, poisoned, tmp_path, fmt):
    """The importer takes off the apostrophe the export added, and only that one: a name that really starts
    with an apostrophe comes back as it was too."""
    coach = world.people["coach"]
    coach.name = "'=not a formula"
    coach.save()
    principal = world.people["principal"]
    principal.name = "'Tis Principal"
    principal.save()
    path = tmp_path / f"people.{fmt}"
    call_command("export_data", "people", "--district", "RUSD", "--format", fmt, "--output", str(path),
                 stderr=io.StringIO())
    if fmt == "csv":
        assert "''=not a formula" in path.read_text()
    before = sorted(m.Person.objects.filter(district=world.district).values_list("pk", "name", "email"))
    out = io.StringIO()
    call_command("import_data", "people", str(path), stdout=out, stderr=io.StringIO())
    assert "0 added" in out.getvalue()
    assert sorted(m.Person.objects.filter(district=world.district).values_list("pk", "name", "email")) == before
    assert m.Person.objects.get(pk=world.people["teacher"].pk).name == EVIL
