"""The research library: data notes and reference tables with no district are shared by every district.

Every signed-in person reads them (pages and API); only a superuser adds, changes or removes them; a district's own
tables and notes stay in their district.
"""
import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.test import Client

from districtlab.org import models as m
from districtlab.org.policies import LibraryPolicy

EVERY_ROLE = ["admin", "central", "facilitator", "principal", "teacher", "coach", "partner", "researcher", "outsider"]


@pytest.fixture
def library(world):
    table = m.ReferenceTable.objects.create(
        title="Five areas of action", columns=["Area", "By"], rows=[["Creating coherence", "Connecting learning"]],
        source="the literature ~1", note="From a study.")
    note = m.DataNote.objects.create(kind="conflict", subject="Superintendent tenure", kept="two and a half years",
                                     other="2.5-4 years", sources="the literature ~79; ~394")
    own = m.ReferenceTable.objects.create(district=world.other_district, title="Elsewhere's own table",
                                          columns=["a"], rows=[["1"]], source="x")
    return {"table": table, "note": note, "own": own}


def superuser_client():
    c = Client()
    c.force_login(get_user_model().objects.create_superuser("root", "root@example.org", "pw-123456"))
    return c


def rows(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    return response.json()["results"]


@pytest.mark.parametrize("role", EVERY_ROLE)
def test_every_role_reads_the_library_on_the_page_and_in_the_api(world, library, role):
    c = world.client(role)
    page = c.get("/research/").content.decode()
    assert "Five areas of action" in page and "Creating coherence" in page and "Superintendent tenure" in page
    tables = {t["title"]: t for t in rows(c, "/api/reference-tables/")}
    assert tables["Five areas of action"]["district"] is None
    assert tables["Five areas of action"]["rows"] == [["Creating coherence", "Connecting learning"]]
    notes = {n["subject"]: n for n in rows(c, "/api/data-notes/")}
    assert notes["Superintendent tenure"]["district"] is None and notes["Superintendent tenure"]["kept"] == (
        "two and a half years")
    assert c.get(f"/api/reference-tables/{library['table'].pk}/").status_code == 200


@pytest.mark.parametrize("role", ["admin", "central", "teacher", "partner", "researcher"])
def test_a_districts_own_tables_stay_in_its_district(world, library, role):
    c = world.client(role)
    assert "Elsewhere's own table" not in {t["title"] for t in rows(c, "/api/reference-tables/")}
    assert c.get(f"/api/reference-tables/{library['own'].pk}/").status_code == 404
    assert "Elsewhere's own table" not in c.get("/research/").content.decode()


def test_the_other_districts_admin_sees_its_own_table_and_the_library(world, library):
    titles = {t["title"] for t in rows(world.client("outsider"), "/api/reference-tables/")}
    assert titles == {"Five areas of action", "Elsewhere's own table"}


@pytest.mark.parametrize("role", ["admin", "central"])
def test_district_editors_cannot_edit_the_library(world, library, role):
    c = world.client(role)
    table, note = library["table"], library["note"]
    assert c.get(f"/reference-tables/{table.pk}/edit/").status_code == 403
    assert c.post(f"/reference-tables/{table.pk}/delete/").status_code == 403
    assert c.get(f"/data-notes/{note.pk}/edit/").status_code == 403
    assert c.patch(f"/api/reference-tables/{table.pk}/", {"title": "Mine now", "district": world.district.pk},
                   content_type="application/json").status_code == 403
    assert c.delete(f"/api/data-notes/{note.pk}/").status_code == 403
    table.refresh_from_db()
    assert (table.title, table.district_id) == ("Five areas of action", None)
    assert f"/reference-tables/{table.pk}/edit/" not in c.get("/research/").content.decode()


def test_district_admin_cannot_add_to_the_library_nor_move_a_table_into_it(world, library):
    c = world.client("admin")
    response = c.post("/api/reference-tables/", {"district": None, "title": "Sneaked in", "columns": ["a"],
                                                 "rows": [["1"]], "source": "x"}, content_type="application/json")
    assert response.status_code == 400 and "district" in response.json()
    response = c.post("/api/data-notes/", {"district": None, "kind": "gap", "subject": "Sneaked in", "sources": "x"},
                      content_type="application/json")
    assert response.status_code == 400 and "district" in response.json()
    own = m.ReferenceTable.objects.create(district=world.district, title="Ours", columns=["a"], rows=[["1"]],
                                          source="x")
    url = f"/api/reference-tables/{own.pk}/"
    response = c.patch(url, {"district": None}, content_type="application/json",
                       headers={"If-Match": c.get(url)["ETag"]})
    assert response.status_code == 400 and "district" in response.json()
    page = c.post("/reference-tables/new/", {"district": "", "title": "Sneaked in", "table": "a\n1", "source": "x"})
    assert page.status_code == 400
    assert not m.ReferenceTable.objects.filter(title="Sneaked in").exists()
    own.refresh_from_db()
    assert own.district_id == world.district.pk


def test_a_superuser_adds_to_the_library_and_every_district_reads_it(world):
    c = superuser_client()
    form = c.get("/reference-tables/new/").content.decode()
    assert "None: from the research, shared by every district" in form
    response = c.post("/reference-tables/new/", {"district": "", "title": "Three learning agendas",
                                                 "table": "Agenda\nStudent learning\nSystem learning", "source": "x"})
    assert response.status_code == 302 and response["Location"] == "/research/"
    table = m.ReferenceTable.objects.get(title="Three learning agendas")
    assert table.district_id is None and table.rows == [["Student learning"], ["System learning"]]
    assert f"/reference-tables/{table.pk}/edit/" in c.get("/research/").content.decode()
    assert "System learning" in world.client("outsider").get("/research/").content.decode()


def test_district_editors_pick_a_district_in_the_forms(world):
    form = world.client("admin").get("/data-notes/new/").content.decode()
    assert "from the research, shared by every district" not in form


def test_data_notes_list_shows_library_notes_and_filters_to_them(world, library):
    m.DataNote.objects.create(district=world.district, kind="gap", subject="Team size", sources="x")
    c = world.client("teacher")
    page = c.get("/data-notes/").content.decode()
    assert "Superintendent tenure" in page and "(from the research)" in page and "Team size" in page
    only_library = c.get("/data-notes/?district=null").content.decode()
    assert "Superintendent tenure" in only_library and "Team size" not in only_library
    assert 'href="/research/"' in page


def test_the_district_page_and_the_navigation_link_to_the_research(world, library):
    page = world.client("admin").get(f"/districts/{world.district.pk}/").content.decode()
    assert 'href="/research/"' in page and "1 table every district shares" in page
    assert "Five areas of action" not in page  # the library is on its own page, not among the district's tables
    assert '<a href="/research/"' in world.client("teacher").get("/").content.decode()


def test_library_records_link_to_the_research_page(world, library):
    assert library["table"].get_absolute_url() == "/research/" == library["note"].get_absolute_url()
    assert library["own"].get_absolute_url() == f"/districts/{world.other_district.pk}/"


def test_a_library_title_or_subject_is_unique(world, library):
    with pytest.raises(IntegrityError), transaction.atomic():
        m.ReferenceTable.objects.create(title="Five areas of action", source="again")
    with pytest.raises(IntegrityError), transaction.atomic():
        m.DataNote.objects.create(kind="gap", subject="Superintendent tenure", sources="again")
    m.ReferenceTable.objects.create(district=world.district, title="Five areas of action", source="a district's own")


def test_signed_out_people_see_nothing(world, library):
    assert Client().get("/research/").status_code == 302
    assert Client().get("/api/reference-tables/").status_code in (401, 403)


def test_the_policy_refuses_library_writes_in_words(world):
    from districtlab.core.permissions import actor_for, misplaced

    problems = misplaced(actor_for(world.users["admin"]), m.DataNote(kind="gap", subject="x", sources="x"))
    assert problems == {"district": LibraryPolicy.LIBRARY_ONLY}
