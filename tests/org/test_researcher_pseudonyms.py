"""Researchers see pseudonymised data only: no real name of a person anywhere they can go."""
import pytest

from districtlab.org import models as m

PAGES = ["/", "/people/", "/schools/", "/networks/", "/teams/", "/notes/"]


@pytest.fixture
def shared_note(world):
    return m.Note.objects.create(district=world.district, author=world.people["teacher"], title="Shared widely",
                                 visibility="district")


def test_no_real_names_on_any_page(world, shared_note):
    c = world.client("researcher")
    urls = PAGES + [world.host.get_absolute_url(), world.network.get_absolute_url(), world.team.get_absolute_url(),
                    world.people["teacher"].get_absolute_url(), shared_note.get_absolute_url()]
    names = [p.name for role, p in world.people.items() if role != "outsider"]
    for url in urls:
        body = world.client("researcher").get(url).content.decode()
        leaked = [n for n in names if n in body and n != "Rae Researcher"]
        assert not leaked, (url, leaked)
    assert world.people["teacher"].research_id in c.get(world.team.get_absolute_url()).content.decode()


def test_no_real_names_in_the_api_or_exports(world):
    c = world.client("researcher")
    people = c.get("/api/people/").json()["results"]
    assert {p["name"] for p in people} == {p.research_id for r, p in world.people.items() if r != "outsider"}
    own = world.people["researcher"].pk
    assert all("email" not in p for p in people if p["id"] != own)
    csv = c.get("/transfer/export/people.csv").content.decode()
    assert "Tess Teacher" not in csv and world.people["teacher"].research_id in csv


def test_researchers_cannot_search_people_by_real_name(world):
    r = world.client("researcher").get("/people/?q=Tess")
    assert r.status_code == 200
    assert len(r.context["object_list"]) == len([p for r_, p in world.people.items() if r_ != "outsider"])
    assert world.client("central").get("/people/?q=Tess").context["object_list"][0].name == "Tess Teacher"


def test_pseudonym_is_stable(world):
    p = world.people["teacher"]
    assert p.research_id == m.Person.objects.get(pk=p.pk).research_id
    assert p.research_id != world.people["coach"].research_id
