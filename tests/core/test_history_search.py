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
    typed = search(central, person="Ada Admin").content.decode()  # a name typed, as the chooser sends it
    assert "Manhattan" in typed and "P.S. 7 learning team" not in typed
    assert 'value="Ada Admin"' in search(central, person=world.people["admin"].pk).content.decode()
    nobody = search(central, person="Nobody Here")
    assert nobody.status_code == 400 and "No one who signs in is called that." in nobody.content.decode()
    suggested = central.get("/choose/signed-in-person/", {"field": "person", "person": "Ada"}).content.decode()
    assert 'data-label="Ada Admin"' in suggested and "Otto Outsider" not in central.get(
        "/choose/signed-in-person/", {"field": "person", "person": "Otto"}).content.decode()  # another district's
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


def export_of(c, **query):
    r = c.get("/history/export.csv", query)
    assert r.status_code == 200, r.status_code
    return list(csv.DictReader(io.StringIO(r.content.decode("utf-8-sig"))))


def test_a_deleted_record_stays_in_the_search_and_its_export(world, private_note):
    admin, central = world.client("admin"), world.client("central")
    with changes_by(world.users["admin"], "page"):
        team = m.Team.objects.create(district=world.district, school=world.partner, school_year=world.year,
                                     kind="school_team", name="P.S. 8 short-lived team")
    assert edit(admin, f"/teams/{team.pk}/edit/", name="P.S. 8 gone team").status_code == 302
    assert admin.post(f"/teams/{team.pk}/delete/").status_code == 302
    assert not m.Team.objects.filter(pk=team.pk).exists()
    teacher = world.client("teacher")
    assert teacher.post(f"/notes/{private_note.pk}/delete/").status_code == 302  # a private draft, deleted
    found = search(central, kind="org.team").content.decode()
    assert "P.S. 8 gone team" in found and "Deleted" in found and "P.S. 8 short-lived team" in found
    rows = [r for r in export_of(central, kind="org.team") if "P.S. 8" in r["record"]]
    assert [r["change"] for r in rows if r["field"] == "Name"] == ["Deleted", "Changed", "Created"]
    assert {"P.S. 8 short-lived team", "P.S. 8 gone team"} <= {r["before"] for r in rows} | {r["after"] for r in rows}
    everything = search(central).content.decode() + central.get("/history/export.csv").content.decode()
    assert "SECRET-DRAFT-TEXT" not in everything and private_note.title not in everything
    assert m.Note.history.filter(id=private_note.pk, history_type="-").exists()  # kept, for its author's page
    assert teacher.get(f"/history/org.note/{private_note.pk}/").status_code == 200


def test_the_export_reads_the_entries_in_batches_of_a_fixed_number_of_queries(world, settings, monkeypatch):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from districtlab.core import changes

    settings.DISTRICTLAB_EXPORT_BACKGROUND_ROWS = 10_000
    central = world.client("central")

    def teams(count, tag):
        with changes_by(world.users["admin"], "page"):
            for i in range(count):
                team = m.Team.objects.create(district=world.district, school=world.host, school_year=world.year,
                                             kind="school_team", name=f"Team {tag}{i}")
                team.name = f"Team {tag}{i} renamed"
                team.save()
                if i % 3 == 0:
                    team.delete()

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            rows = export_of(central, kind="org.team", since=dt.date.today().isoformat())
        return len(ctx.captured_queries), len(rows)

    export_of(central, kind="org.team")  # Django's own caches warm
    teams(10, "a")
    small, small_rows = queries()
    teams(20, "b")
    large, large_rows = queries()
    assert large_rows > 2.5 * small_rows and large == small
    monkeypatch.setattr(changes, "BATCH", 8)  # the 70 entries of 30 teams: 9 batches instead of one
    batched, batched_rows = queries()
    assert batched_rows == large_rows and batched == large + 2 * 8  # the entries, those before: 2 a batch


def test_a_large_history_export_is_prepared_in_the_background_and_stays_formula_safe(world, settings):
    from districtlab.jobs.models import Job

    admin, central = world.client("admin"), world.client("central")
    assert edit(admin, f"/schools/{world.host.pk}/edit/", region="=HYPERLINK(\"http://x\",\"y\")").status_code == 302
    at_once = central.get("/history/export.csv", {"kind": "org.school"})
    assert at_once.status_code == 200
    text = at_once.content.decode("utf-8-sig")
    assert "'=HYPERLINK" in text and ',"=HYPERLINK' not in text and "\n=HYPERLINK" not in text
    settings.DISTRICTLAB_EXPORT_BACKGROUND_ROWS = 1
    r = central.get("/history/export.csv", {"kind": "org.school"})
    job = Job.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/jobs/{job.pk}/" and job.status == Job.Status.DONE, job.error
    download = central.get(f"/jobs/{job.pk}/download/")
    assert download.status_code == 200 and 'filename="history.csv"' in download["Content-Disposition"]
    assert b"".join(download.streaming_content) == at_once.content
    assert admin.get(f"/jobs/{job.pk}/download/").status_code == 404  # central office's own file
