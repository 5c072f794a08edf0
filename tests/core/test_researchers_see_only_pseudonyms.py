"""A researcher reads the district through pseudonyms only: exports, a visit's summary and its recipients, people
lists and the API name nobody and order nobody by their real name; the API sorts only by what the viewer sees."""
import csv
import datetime as dt
import io
import re

import pytest
from openpyxl import load_workbook

from districtlab.core.roles import PositionKind
from districtlab.org import models as m
from districtlab.visits import models as v


def real_names(world):
    return [p.name for role, p in world.people.items() if role not in ("outsider", "researcher")]


def leaked(world, text):
    return [name for name in real_names(world) if name in text]


@pytest.fixture
def abe(world):
    """A second facilitator, added last but first in the alphabet: real-name order and id order differ."""
    person = m.Person.objects.create(district=world.district, name="Abe Aardvark", email="abe@example.org")
    m.Position.objects.create(person=person, district=world.district, kind=PositionKind.FACILITATOR)
    world.network.facilitators.add(person)
    world.people["abe"] = person
    return person


@pytest.fixture
def summarised_visit(world):
    """A site visit whose summary was emailed: the principal owns a next step, the principal and teacher came."""
    visit = v.Meeting.objects.create(
        district=world.district, school_year=world.year, kind="site_visit", title="October site visit",
        date=dt.date(2016, 10, 19), network=world.network, host=world.host)
    for role in ("principal", "teacher"):
        v.Attendance.objects.create(meeting=visit, person=world.people[role], school=world.host, attended=True)
    v.NextStep.objects.create(meeting=visit, text="Share the rubric", owner=world.people["principal"],
                              due=dt.date(2016, 11, 2))
    assert world.client("facilitator").post(f"/visits/{visit.pk}/summary/").status_code == 302
    visit.refresh_from_db()
    assert "owner: Pat Principal" in visit.summary  # the copy emailed to who came names people
    return visit


def test_the_networks_export_names_facilitators_by_pseudonym(world, abe):
    c = world.client("researcher")
    text = c.get("/transfer/export/networks.csv").content.decode()
    rows = list(csv.DictReader(io.StringIO(text)))
    expected = "; ".join(sorted([world.people["facilitator"].research_id, abe.research_id]))
    assert rows and {r["facilitator"] for r in rows} == {expected}
    assert not leaked(world, text) and "Abe Aardvark" not in text
    book = load_workbook(io.BytesIO(c.get("/transfer/export/networks.xlsx").content))
    cells = " ".join(str(x) for row in book.active.iter_rows(values_only=True) for x in row)
    assert expected in cells and "Fay Facilitator" not in cells and "Abe Aardvark" not in cells
    assert "Fay Facilitator" in world.client("central").get("/transfer/export/networks.csv").content.decode()


def test_a_visit_summary_names_owners_by_pseudonym_and_hides_who_it_went_to(world, summarised_visit):
    visit = summarised_visit
    page = world.client("researcher").get(visit.get_absolute_url()).content.decode()
    assert f"owner: {world.people['principal'].research_id}" in page
    assert not leaked(world, page) and "@example.org" not in page
    assert "Sent " in page and "to 2 people" in page
    api = world.client("researcher").get(f"/api/meetings/{visit.pk}/").json()
    assert f"owner: {world.people['principal'].research_id}" in api["summary"] and not leaked(world, api["summary"])
    teacher_page = world.client("teacher").get(visit.get_absolute_url()).content.decode()
    assert "principal@example.org" not in teacher_page and "to 2 people" in teacher_page
    assert "owner: Pat Principal" in teacher_page  # colleagues read the summary as it was sent
    staff_page = world.client("facilitator").get(visit.get_absolute_url()).content.decode()
    assert "principal@example.org, teacher@example.org" in staff_page


def test_a_visit_lists_who_came_in_an_order_that_does_not_follow_real_names(world, summarised_visit):
    attendance = world.client("researcher").get(summarised_visit.get_absolute_url()).context["attendance"]
    assert [a.person_id for a in attendance] == sorted(a.person_id for a in attendance)
    late = m.Person.objects.create(district=world.district, name="Aaron Early", email="aaron@example.org")
    v.Attendance.objects.create(meeting=summarised_visit, person=late, school=world.host, attended=True)
    ids = [a.person_id for a in world.client("researcher").get(summarised_visit.get_absolute_url())
           .context["attendance"]]
    assert ids == sorted(ids)
    names = [a.person.name for a in world.client("facilitator").get(summarised_visit.get_absolute_url())
             .context["attendance"]]
    assert names == sorted(names)  # staff still read who came alphabetically


def test_people_lists_order_pseudonyms_by_id_not_by_real_name(world, abe):
    ids_in_name_order = list(m.Person.objects.filter(district=world.district).values_list("pk", flat=True))
    ids = sorted(ids_in_name_order)
    assert ids != ids_in_name_order  # the world's people were not added alphabetically
    c = world.client("researcher")
    assert [p.pk for p in c.get("/people/").context["object_list"]] == ids
    assert [p["id"] for p in c.get("/api/people/").json()["results"]] == ids
    assert [p["id"] for p in c.get("/api/people/?ordering=-name").json()["results"]] == ids[::-1]
    by_id = {p.research_id: p.pk for p in m.Person.objects.all()}
    rows = list(csv.DictReader(io.StringIO(c.get("/transfer/export/people.csv").content.decode())))
    exported = list(dict.fromkeys(by_id[r["name"]] for r in rows))
    assert exported == ids
    network = c.get(world.network.get_absolute_url()).content.decode()
    assert network.index(world.people["facilitator"].research_id) < network.index(abe.research_id)
    choices = re.findall(r'<option value="(\d+)"', c.get("/networks/").content.decode().split('name="facilitator"')[1]
                         .split("</select>")[0])
    assert [int(x) for x in choices] == sorted(int(x) for x in choices) == sorted(
        [world.people["facilitator"].pk, abe.pk])
    assert [p.name for p in world.client("central").get("/people/").context["object_list"]][:2] == [
        "Abe Aardvark", "Ada Admin"]  # staff keep alphabetical order


def test_the_api_sorts_only_by_fields_the_viewer_sees(world):
    people = m.Person.objects.filter(district=world.district)
    for role in ("teacher", "researcher"):
        r = world.client(role).get("/api/people/?ordering=email")
        assert r.status_code == 400, role
        assert 'sort by "email"' in r.json()["ordering"][0] and "name" in r.json()["ordering"][0]
    emails = [p["email"] for p in world.client("central").get("/api/people/?ordering=-email").json()["results"]]
    assert emails == sorted(people.values_list("email", flat=True), reverse=True)
    assert world.client("teacher").get("/api/people/?ordering=user").status_code == 400  # not in the response
    assert world.client("teacher").get("/api/meetings/?ordering=summary_sent_to").status_code == 400
    assert world.client("teacher").get("/api/people/?ordering=-name,id").status_code == 200


def test_sorting_by_a_person_sorts_researchers_by_their_id(world, abe):
    positions = world.client("researcher").get("/api/positions/?ordering=person").json()["results"]
    assert [p["person"] for p in positions] == sorted(p["person"] for p in positions)
    by_name = world.client("central").get("/api/positions/?ordering=person").json()["results"]
    names = dict(m.Person.objects.values_list("pk", "name"))
    assert [names[p["person"]] for p in by_name] == sorted(names[p["person"]] for p in by_name)


def test_a_practice_lists_its_origin_people_in_an_order_that_does_not_follow_real_names(world, abe):
    from districtlab.practices import models as practices

    p = practices.Practice.objects.create(
        district=world.district, author=world.people["teacher"], visibility="district", school=world.host,
        name="Turn-and-talk anchor chart", kind="routine", description="Sentence starters")
    p.origin_people.add(world.people["teacher"], abe)  # Tess was added before Abe
    body = world.client("researcher").get(p.get_absolute_url()).content.decode()
    assert body.index(world.people["teacher"].research_id) < body.index(abe.research_id)
    assert not leaked(world, body) and "Abe Aardvark" not in body
    staff = world.client("central").get(p.get_absolute_url()).content.decode()
    assert staff.index("Abe Aardvark") < staff.index("Tess Teacher")
