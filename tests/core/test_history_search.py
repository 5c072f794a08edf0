"""Central office searches the district's history by person, record type and dates, a page at a time, and
exports what it found (CSV); nobody else may, and nobody finds another person's private draft there."""
import csv
import datetime as dt
import io

from django.utils.html import escape

from districtlab.core.history import changes_by
from districtlab.org import models as m

from .test_history import edit


def search(c, **query):
    return c.get("/history/", query)


def test_central_office_finds_changes_by_person_record_type_and_date(world, private_note):
    admin, central = world.client("admin"), world.client("central")
    assert edit(admin, f"/schools/{world.host.pk}/edit/", region="Manhattan").status_code == 302
    assert edit(central, f"/teams/{world.team.pk}/edit/", name="P.S. 7 learning team").status_code == 302
    by_admin = search(central, person=world.people["admin"].pk).content.decode()
    assert "Manhattan" in by_admin and "P.S. 7 learning team" not in by_admin
    teams = search(central, kind="org.team").content.decode()
    assert "P.S. 7 learning team" in teams and "Manhattan" not in teams
    today = dt.date.today()
    assert "Manhattan" in search(central, since=today.isoformat(), until=today.isoformat()).content.decode()
    later = (today + dt.timedelta(days=1)).isoformat()
    assert "No changes match" in search(central, since=later).content.decode()
    everything = search(central).content.decode()
    assert "SECRET-DRAFT-TEXT" not in everything and escape(private_note.title) not in everything


def test_the_search_is_paginated_and_exported(world):
    with changes_by(world.users["admin"], "page"):
        for i in range(60):
            world.partner.region = f"Region {i}"
            world.partner.save()
    central = world.client("central")
    first = search(central, kind="org.school", person=world.people["admin"].pk)
    assert first.status_code == 200 and "1–50 of 60" in first.content.decode()
    assert "Region 59" in first.content.decode()
    second = central.get("/history/", {"kind": "org.school", "person": world.people["admin"].pk, "page": 2})
    assert "51–60 of 60" in second.content.decode() and "Region 0" in second.content.decode()
    assert "/history/export.csv?kind=org.school" in first.content.decode()
    export = central.get("/history/export.csv", {"kind": "org.school", "person": world.people["admin"].pk})
    assert export.status_code == 200 and export["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert len(rows) == 60 and {r["who"] for r in rows} == {"Ada Admin"}
    assert rows[0] == {**rows[0], "change": "Changed", "record": "P.S. 8", "field": "Region", "before": "Region 58",
                       "after": "Region 59", "record_type": "School"}


def test_only_central_office_searches_the_history(world):
    for role in ("teacher", "principal", "facilitator", "researcher", "partner"):
        assert search(world.client(role)).status_code == 403, role
    assert search(world.client("admin")).status_code == 200
    assert search(world.client("central"), since="2017-01-02", until="2017-01-01").status_code == 400


def test_central_office_has_history_in_the_navigation(world):
    assert 'href="/history/"' in world.client("central").get("/").content.decode()
    assert 'href="/history/"' not in world.client("teacher").get("/").content.decode()
