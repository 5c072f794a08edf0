"""The practice library: a practice goes from a private draft to the district, is adopted and adapted, and
helps make a convention; search and analytics never show a practice to someone who cannot see it."""
import datetime as dt

import pytest

from districtlab.core.publishing import publications_of
from districtlab.org import models as org
from districtlab.practices import models as m


@pytest.fixture
def practice(world):
    """The host teacher's routine, shared with the network."""
    p = m.Practice.objects.create(
        district=world.district, author=world.people["teacher"], visibility="network", team=world.team,
        school=world.host, network=world.network, name="Turn-and-talk anchor chart", kind="routine",
        description="Sentence starters for partner talk", origin_school=world.host, grade_band="High",
        design_element="Student talk")
    p.focus_areas.add(world.lfa)
    p.versions.update(date=dt.date(2016, 9, 12))
    return p


def test_a_new_practice_is_a_private_draft_with_its_original_version(world):
    r = world.client("teacher").post("/practices/practices/new/", {
        "district": world.district.pk, "name": "Exit ticket routine", "kind": "routine",
        "description": "Three questions at the end of class", "origin_school": world.host.pk, "team": world.team.pk,
        "school": world.host.pk, "network": world.network.pk})
    practice = m.Practice.objects.get()
    assert r.status_code == 302 and (practice.visibility, practice.author) == ("private", world.people["teacher"])
    assert [(v.number, v.parent, v.what_changed) for v in practice.versions.all()] == [(1, None, "The original.")]
    for role in ("principal", "central", "coach", "facilitator"):
        assert world.client(role).get(practice.get_absolute_url()).status_code == 404, role
        assert "Exit ticket routine" not in world.client(role).get("/practices/").content.decode()


def test_a_practice_is_published_up_the_ladder_with_where_and_never_lowered(world, practice):
    c = world.client("teacher")
    r = c.post(f"/practices/{practice.pk}/share/", {"visibility": "district",
                                                    "where": "presented at the April principals' meeting"})
    assert r.status_code == 302
    assert [(e.from_level, e.to_level, e.where) for e in publications_of(practice)] == [
        ("network", "district", "presented at the April principals' meeting")]
    assert c.post(f"/practices/{practice.pk}/share/", {"visibility": "network"}).status_code == 400
    body = world.client("central").get(practice.get_absolute_url()).content.decode()
    assert "Shared with the district (presented at the April principals&#x27; meeting)" in body


def test_an_adaptation_is_a_new_version_whose_parent_is_the_version_taken(world, practice):
    v1 = practice.versions.get()
    r = world.client("coach").post("/practices/adoptions/new/", {
        "practice": practice.pk, "version": v1.pk, "school": world.partner.pk, "from_school": world.host.pk,
        "through": "site_visit", "date": "2016-11-02", "status": "trying",
        "what_changed": "Starters in Spanish too", "why": "Half of our students are ELLs"})
    assert r.status_code == 302, r.content.decode()[:800]
    adoption = m.Adoption.objects.get()
    v2 = adoption.adapted_as
    assert (v2.number, v2.parent, v2.school, v2.what_changed) == (2, v1, world.partner, "Starters in Spanish too")
    assert [e.phase for e in world_events(world, practice)] == ["origin", "version", "adoption"]


def world_events(world, practice):
    return world.client("teacher").get(practice.get_absolute_url()).context["events"]


def test_lineage_integrity_is_refused_beside_the_field(world, practice):
    v1 = practice.versions.get()
    other = m.Practice.objects.create(district=world.district, author=world.people["teacher"], name="Other",
                                      kind="tool", description="x")
    c = world.client("teacher")
    r = c.post("/practices/versions/new/", {"practice": practice.pk, "number": 2, "what_changed": "No parent"})
    assert r.status_code == 400 and "Every version after the first names the version it changed." in (
        r.content.decode())
    r = c.post("/practices/versions/new/", {"practice": practice.pk, "number": 2,
                                            "parent": other.versions.get().pk, "what_changed": "x"})
    assert r.status_code == 400 and "parent is a version of the same practice" in r.content.decode()
    r = world.client("coach").post("/practices/adoptions/new/", {
        "practice": practice.pk, "version": v1.pk, "school": world.partner.pk, "through": "site_visit",
        "date": "2016-11-02", "status": "abandoned"})
    assert r.status_code == 400 and "Say why it was abandoned" in r.content.decode()
    assert m.Version.objects.filter(practice=practice).count() == 1 and not m.Adoption.objects.exists()


def test_a_school_records_only_its_own_adoption(world, practice):
    v1 = practice.versions.get()
    data = {"practice": practice.pk, "version": v1.pk, "school": world.host.pk, "from_school": world.partner.pk,
            "through": "coach", "date": "2016-11-02", "status": "trying"}
    assert world.client("coach").post("/practices/adoptions/new/", data).status_code == 400  # not the coach's school
    assert world.client("outsider").post("/practices/adoptions/new/", {**data, "school": world.partner.pk}
                                         ).status_code in (400, 403)
    assert not m.Adoption.objects.exists()


@pytest.mark.parametrize("query, found", [
    ("q=anchor", True), ("q=nothing-like-it", False), ("kind=routine", True), ("kind=form", False),
    ("grade_band=High", True), ("level=network", True), ("level=district", False), ("FOCUS", True),
    ("SCHOOL", True), ("NETWORK", True), ("evidence=survey", False)])
def test_search_and_filters(world, practice, query, found):
    query = {"FOCUS": f"focus_area={world.lfa.pk}", "SCHOOL": f"school={world.host.pk}",
             "NETWORK": f"network={world.network.pk}"}.get(query, query)
    body = world.client("coach").get(f"/practices/?{query}").content.decode()
    assert ("Turn-and-talk anchor chart" in body) == found


def test_a_private_practice_adds_nothing_visible_to_anyone_else(world, practice):
    secret = m.Practice.objects.create(district=world.district, author=world.people["coach"], name="SECRET-TOOL",
                                       kind="tool", description="x", origin_school=world.partner,
                                       design_element="Student talk")
    m.Adoption.objects.create(practice=secret, version=secret.versions.get(), school=world.host,
                              from_school=world.partner, through="coach", date=dt.date(2016, 10, 20))
    m.ShareOut.objects.create(district=world.district, school=world.partner, practice=secret,
                              date=dt.date(2016, 10, 21), summary="SECRET-SHARE", evidence=True)
    central = world.client("central")
    flow = central.get("/practices/flow/")
    body = flow.content.decode()
    assert flow.status_code == 200 and "SECRET" not in body and flow.context["links"] == 0
    assert world.client("coach").get("/practices/flow/").context["links"] == 1  # its author sees its adoption
    assert "SECRET-TOOL" not in world.client("teacher").get("/practices/?q=SECRET").content.decode()
    assert world.client("teacher").get("/api/practices/").json()["count"] == 1


def test_a_convention_records_what_produced_it(world, practice):
    world.client("teacher").post(f"/practices/{practice.pk}/share/", {"visibility": "district"})
    r = world.client("central").post("/practices/conventions/new/", {
        "district": world.district.pk, "title": "Partner talk in every grade 9 class", "level": "school",
        "date": "2017-06-01", "practices": [practice.pk]})
    assert r.status_code == 400 and "A school convention names its school." in r.content.decode()
    assert world.client("central").post("/practices/conventions/new/", {
        "district": world.district.pk, "title": "Partner talk in every class", "level": "district",
        "date": "2017-06-01", "practices": [practice.pk]}).status_code == 302
    assert world.client("principal").post("/practices/conventions/new/", {
        "district": world.district.pk, "title": "Not mine to make", "level": "district",
        "date": "2017-06-01"}).status_code == 400
    body = world.client("coach").get("/practices/conventions/").content.decode()
    assert "Partner talk in every class" in body and "Turn-and-talk anchor chart" in body
    assert "convention" in [e.phase for e in world_events(world, practice)]


def test_the_flow_page_shows_who_learned_from_whom_spread_and_alignment(world, practice):
    v1 = practice.versions.get()
    third = org.School.objects.create(district=world.district, name="P.S. 9")
    org.NetworkMembership.objects.create(network=world.network, school=third, role="partner")
    m.Adoption.objects.create(practice=practice, version=v1, school=world.partner, from_school=world.host,
                              through="site_visit", date=dt.date(2016, 11, 2))
    v2 = m.Version.objects.create(practice=practice, number=2, parent=v1, school=third, what_changed="Shorter")
    m.Adoption.objects.create(practice=practice, version=v1, school=third, from_school=world.partner, adapted_as=v2,
                              through="coach", date=dt.date(2017, 1, 10))
    m.ShareOut.objects.create(district=world.district, school=world.host, date=dt.date(2016, 12, 1),
                              summary="What we piloted")
    r = world.client("facilitator").get("/practices/flow/")  # the network's facilitator sees its practices
    body = r.content.decode()
    assert r.context["links"] == 2 and "<svg" in body
    assert dict(r.context["between"])["P.S. 8"] > 0  # P.S. 8 passed it on
    assert set(r.context["silos"]["isolated"]) == set()
    (p, curve), = r.context["spread"]
    assert p == practice and curve[-1].cumulative == 3
    (row,) = r.context["alignment"]
    assert (row.Index, row.schools, row.same, row.derived) == ("Student talk", 3, 2, 1)
    assert world.client("central").get("/practices/flow/").context["links"] == 0  # not shared with the district
    assert world.client("central").get("/practices/flow/?start=2017-01-01&end=2016-01-01").status_code == 400


def test_a_version_another_school_took_cannot_be_deleted_alone_but_the_practice_can(world, practice):
    v1 = practice.versions.get()
    m.Adoption.objects.create(practice=practice, version=v1, school=world.partner, through="coach",
                              date=dt.date(2016, 11, 2))
    c = world.client("teacher")
    r = c.post(f"/practices/versions/{v1.pk}/delete/", follow=True)
    assert "Cannot delete" in r.content.decode() and m.Version.objects.filter(pk=v1.pk).exists()
    assert c.post(f"/practices/practices/{practice.pk}/delete/").status_code == 302
    assert not m.Practice.objects.exists() and not m.Adoption.objects.exists()
