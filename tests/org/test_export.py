"""Exports: networks in LPP's columns, schools and people in their import columns (round trip)."""
import csv
import io

from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

from districtlab.org import models as m

NETWORK_HEADER = "district,school_year,network,network_type,learning_focus_area,facilitator,school,role,returning"


def export(*args):
    out = io.StringIO()
    call_command("export_data", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_export_networks_one_row_per_membership(world):
    text = export("networks", "--district", "RUSD", "--year", "2016-17")
    lines = text.splitlines()
    assert lines[0] == NETWORK_HEADER
    assert lines[1:] == [
        "RUSD,2016-17,Growth triad,Triad,Teacher growth & teams,Fay Facilitator,P.S. 7,Host,no",
        "RUSD,2016-17,Growth triad,Triad,Teacher growth & teams,Fay Facilitator,P.S. 8,Partner,yes",
    ]
    assert export("networks", "--district", "Riverside Unified") == text  # full name works too


def test_export_networks_xlsx(world, tmp_path):
    path = tmp_path / "n.xlsx"
    call_command("export_data", "networks", "--district", "RUSD", "--format", "xlsx", "--output", str(path),
                 stderr=io.StringIO())
    rows = list(load_workbook(path).active.iter_rows(values_only=True))
    assert ",".join(rows[0]) == NETWORK_HEADER and len(rows) == 3


def test_unknown_district_or_year_exits_2(world):
    for args in (["--district", "Atlantis"], ["--district", "RUSD", "--year", "1999-00"]):
        try:
            export("networks", *args)
        except CommandError as exc:
            assert exc.returncode == 2 and ("Atlantis" in str(exc) or "1999-00" in str(exc))
        else:
            raise AssertionError("expected exit 2")


def test_schools_and_people_round_trip_through_import(world, tmp_path):
    m.Demographic.objects.create(school=world.host, school_year=world.year, measure="% ELL", value="40-60%")
    schools = export("schools", "--district", "RUSD")
    people = export("people", "--district", "RUSD")
    assert "40-60%" in schools and "Tess Teacher" in people and "Model Teacher" in people
    before = (m.School.objects.count(), m.Person.objects.count(), m.Position.objects.count(),
              m.Demographic.objects.count())
    for kind, text in (("schools", schools), ("people", people)):
        path = tmp_path / f"{kind}.csv"
        path.write_text(text)
        call_command("import_data", kind, str(path), stdout=io.StringIO())
    after = (m.School.objects.count(), m.Person.objects.count(), m.Position.objects.count(),
             m.Demographic.objects.count())
    assert before == after


def test_export_page_downloads_only_what_the_actor_sees(world):
    r = world.client("outsider").get("/transfer/export/networks.csv")
    assert list(csv.reader(io.StringIO(r.content.decode()))) == [NETWORK_HEADER.split(",")]
    assert world.client("outsider").get(f"/transfer/export/networks.csv?district={world.district.pk}").status_code == 404
    r = world.client("teacher").get(f"/transfer/export/networks.xlsx?district={world.district.pk}&year=2016-17")
    assert r["Content-Disposition"] == 'attachment; filename="networks-RUSD-2016-17.xlsx"'
    assert len(list(load_workbook(io.BytesIO(r.content)).active.iter_rows())) == 3
    assert world.client("teacher").get("/transfer/export/secrets.csv").status_code == 404
