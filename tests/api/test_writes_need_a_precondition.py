"""An API change of a record whose history is kept must say which revision it is based on (issue 12: no silent
overwrite anywhere): a PUT or PATCH with neither If-Match nor a ``revision`` in the body is refused with 428 and
changes nothing; with the ETag just read it is saved; with an older one it is refused with 412."""
import pytest

from districtlab.org import models as m


def school_url(world):
    return f"/api/schools/{world.host.pk}/"


def as_read(client, url):
    """The body a client would PUT back, and the ETag it read it at."""
    read = client.get(url)
    assert read.status_code == 200
    return {k: v for k, v in read.json().items() if k != "revision"}, read["ETag"]


@pytest.mark.parametrize("method", ["put", "patch"])
def test_a_change_that_says_nothing_of_what_it_read_is_refused_with_428(world, method):
    c, url = world.client("principal"), school_url(world)
    body, _ = as_read(c, url)
    before, changes = m.School.objects.get(pk=world.host.pk), m.School.history.filter(id=world.host.pk).count()
    r = getattr(c, method)(url, {**body, "grades": "8-12"}, content_type="application/json")
    assert r.status_code == 428, r.content
    detail = r.json()["detail"]
    assert "If-Match" in detail and "ETag" in detail and '"revision"' in detail
    after = m.School.objects.get(pk=world.host.pk)
    assert (after.grades, after.revision) == (before.grades, before.revision)
    assert m.School.history.filter(id=world.host.pk).count() == changes  # nothing recorded either


@pytest.mark.parametrize("method", ["put", "patch"])
def test_a_change_with_the_etag_just_read_is_saved(world, method):
    c, url = world.client("principal"), school_url(world)
    body, etag = as_read(c, url)
    r = getattr(c, method)(url, {**body, "grades": "8-12"}, content_type="application/json",
                           headers={"If-Match": etag})
    assert r.status_code == 200, r.content
    assert r.json()["grades"] == "8-12" and r["ETag"] == f'"{r.json()["revision"]}"' != etag
    assert m.School.objects.get(pk=world.host.pk).grades == "8-12"


@pytest.mark.parametrize("method", ["put", "patch"])
def test_a_change_with_an_old_etag_is_refused_with_412(world, method):
    c, url = world.client("principal"), school_url(world)
    body, old = as_read(c, url)
    assert c.patch(url, {"name": "P.S. 7 renamed"}, content_type="application/json",
                   headers={"If-Match": old}).status_code == 200
    r = getattr(c, method)(url, {**body, "grades": "8-12"}, content_type="application/json",
                           headers={"If-Match": old})
    assert r.status_code == 412, r.content
    school = m.School.objects.get(pk=world.host.pk)
    assert r.json()["revision"] == school.revision and r["ETag"] == f'"{school.revision}"'
    assert school.name == "P.S. 7 renamed" and school.grades != "8-12"


def test_the_revision_in_the_body_is_a_precondition_too(world, private_note):
    c, url = world.client("teacher"), f"/api/notes/{private_note.pk}/"
    assert c.patch(url, {"title": "One", "revision": private_note.revision},
                   content_type="application/json").status_code == 200
    assert c.patch(url, {"title": "Two", "revision": private_note.revision},
                   content_type="application/json").status_code == 412
    assert c.patch(url, {"title": "Two"}, content_type="application/json").status_code == 428
    private_note.refresh_from_db()
    assert private_note.title == "One"


def test_what_one_may_not_see_or_change_is_refused_as_such_before_any_precondition(world, private_note):
    url = f"/api/notes/{private_note.pk}/"
    assert world.client("coach").patch(url, {"title": "x"}, content_type="application/json").status_code == 404
    assert world.client("coach").patch(school_url(world), {"grades": "8-12"},
                                       content_type="application/json").status_code == 403


def test_the_schema_documents_428_on_put_and_patch_only(world):
    schema = world.client("teacher").get("/api/schema/?format=json").json()
    for path in ("/api/notes/{id}/", "/api/schools/{id}/", "/api/cycles/{id}/"):
        operations = schema["paths"][path]
        assert "428" in operations["put"]["responses"] and "428" in operations["patch"]["responses"]
        assert "428" not in operations["delete"]["responses"] and "428" not in operations["get"]["responses"]
    assert "428" not in schema["paths"]["/api/notes/"]["post"]["responses"]
