"""Notes on the visibility ladder: private until shared, sharing recorded, never lowered."""
from districtlab.core.models import Publication
from districtlab.org import models as m


def test_new_note_is_a_private_draft(world):
    c = world.client("teacher")
    r = c.post("/notes/new/", {"district": world.district.pk, "title": "After the visit", "body": "idea",
                               "team": world.team.pk})
    note = m.Note.objects.get(title="After the visit")
    assert r.status_code == 302 and note.visibility == "private" and note.author == world.people["teacher"]
    assert note.school == world.host  # taken from the team
    assert world.client("principal").get(note.get_absolute_url()).status_code == 404


def test_sharing_widens_the_audience_and_is_recorded(world, private_note):
    c = world.client("teacher")
    r = c.post(f"/notes/{private_note.pk}/share/", {"visibility": "team", "where": "team meeting Oct 14"})
    assert r.status_code == 302
    assert world.client("principal").get(private_note.get_absolute_url()).status_code == 200
    assert world.client("coach").get(private_note.get_absolute_url()).status_code == 404
    event = Publication.objects.get()
    assert (event.from_level, event.to_level, event.by, event.where) == (
        "private", "team", world.people["teacher"], "team meeting Oct 14")
    assert "team meeting Oct 14" in c.get(private_note.get_absolute_url()).content.decode()


def test_sharing_never_lowers(world, private_note):
    c = world.client("teacher")
    c.post(f"/notes/{private_note.pk}/share/", {"visibility": "network"})
    r = c.post(f"/notes/{private_note.pk}/share/", {"visibility": "team"})
    assert r.status_code == 400
    private_note.refresh_from_db()
    assert private_note.visibility == "network"
    r = c.post(f"/api/notes/{private_note.pk}/publish/", {"visibility": "private"}, content_type="application/json")
    assert r.status_code == 400 and "only widen" in str(r.json())


def test_sharing_needs_an_audience(world):
    note = m.Note.objects.create(district=world.district, author=world.people["teacher"], title="No team")
    r = world.client("teacher").post(f"/api/notes/{note.pk}/publish/", {"visibility": "team"},
                                     content_type="application/json")
    assert r.status_code == 400 and "Choose a team" in str(r.json())


def test_only_the_author_shares(world, private_note):
    private_note.visibility = "district"
    private_note.save()
    r = world.client("principal").post(f"/notes/{private_note.pk}/share/", {"visibility": "district"})
    assert r.status_code == 403
    r = world.client("admin").post(f"/api/notes/{private_note.pk}/publish/", {"visibility": "district"},
                                   content_type="application/json")
    assert r.status_code == 403


def test_api_notes_cannot_set_visibility_directly(world):
    c = world.client("teacher")
    r = c.post("/api/notes/", {"district": world.district.pk, "title": "x", "visibility": "district"},
               content_type="application/json")
    assert r.status_code == 201 and r.json()["visibility"] == "private"
    assert r.json()["author"] == world.people["teacher"].pk
