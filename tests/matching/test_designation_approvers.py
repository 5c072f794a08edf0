"""Who decides a step of a designation's approval chain: the superintendent covering the applicant's school, where
the district records it (``Coverage``); any superintendent of the district when none covers it (seed 004 ~2953:
principals are selected by *their* superintendent)."""
import datetime as dt

import pytest

from districtlab.core.roles import PositionKind
from districtlab.matching import models as m
from districtlab.org import models as org
from tests.conftest import make_person
from tests.core.test_no_lost_updates import PostForm
from tests.matching.test_no_lost_updates import refused, two_reads


@pytest.fixture
def call(world):
    """The 2017-18 call; Model Teacher is approved by a superintendent, then the district administrator. Sue and Sam
    are the district's superintendents; a third superintendent works in another district."""
    nxt = org.SchoolYear.objects.create(district=world.district, name="2017-18", start=dt.date(2017, 9, 1),
                                        end=dt.date(2018, 6, 30))
    today = dt.date.today()
    call = m.Call.objects.create(district=world.district, school_year=nxt, title="Learning Partners 2017-18",
                                 opens=today - dt.timedelta(days=10), closes=today + dt.timedelta(days=30))
    rule = org.DesignationRule.objects.create(district=world.district, designation="model_teacher")
    m.Eligibility.objects.create(rule=rule, min_tenure_years=0, ratings="", approvers="superintendent,district_admin")
    for key, name, district in [("sue", "Sue Superintendent", world.district),
                                ("sam", "Sam Superintendent", world.district),
                                ("else", "Elsa Elsewhere", world.other_district)]:
        world.people[key] = make_person(district, key, name, PositionKind.SUPERINTENDENT, start=dt.date(2015, 9, 1))
        world.users[key] = world.people[key].user
    return call


def cover(world, key, name, *schools):
    coverage = m.Coverage.objects.create(position=world.people[key].positions.get(), name=name)
    coverage.schools.set(schools)
    return coverage


def submitted(world, call):
    """Tess Teacher's application, from P.S. 7 (``world.host``)."""
    r = world.client("teacher").post(f"/program/calls/{call.pk}/designations/apply/", {
        "designation": "model_teacher", "rating": "Effective", "statement": "I open my classroom.", "submit": ""})
    assert r.status_code == 302, r.content.decode()[:2000]
    a = m.DesignationApplication.objects.get(person=world.people["teacher"])
    assert a.school == world.host
    return a


def decide(client, application, decision="approve", reason=""):
    return client.post(f"/program/designations/{application.pk}/decide/", {"decision": decision, "reason": reason})


def waiting(client, call):
    return [a.pk for a, _ in client.get(f"/program/calls/{call.pk}/designations/").context["waiting"]]


def test_only_the_superintendent_covering_the_school_decides(world, call):
    cover(world, "sue", "District 2", world.host)
    cover(world, "sam", "District 3", world.partner)
    a = submitted(world, call)
    sue, sam = world.client("sue"), world.client("sam")
    assert waiting(sue, call) == [a.pk] and waiting(sam, call) == []
    page = sue.get(f"/program/designations/{a.pk}/")
    text = page.content.decode()
    assert "Record my decision" in text and "Superintendent (District 2)" in text
    assert [p.person for p in page.context["waiting_on"]] == [world.people["sue"]]
    other = sam.get(f"/program/designations/{a.pk}/")  # Sam reads it (central office) but does not decide it
    assert other.status_code == 200 and "Record my decision" not in other.content.decode()
    assert [p.person for p in other.context["waiting_on"]] == [world.people["sue"]]  # whom it waits for
    assert decide(sam, a).status_code == 403
    assert not a.approvals.exists()
    assert decide(sue, a, "approve", "Strong practice.").status_code == 302
    assert [(x.step, x.approver) for x in a.approvals.all()] == [(0, world.people["sue"])]
    assert waiting(world.client("admin"), call) == [a.pk]  # the Chancellor's step: nobody's coverage, any holder


def test_when_none_covers_the_school_any_superintendent_of_the_district_decides_and_the_page_says_so(world, call):
    cover(world, "sue", "District 3", world.partner)
    a = submitted(world, call)
    assert waiting(world.client("sue"), call) == [a.pk] and waiting(world.client("sam"), call) == [a.pk]
    text = world.client("sam").get(f"/program/designations/{a.pk}/").content.decode()
    assert "no superintendent is recorded as covering P.S. 7: any superintendent of the district decides" in text
    assert "Sue Superintendent" in text and "Sam Superintendent" in text
    assert decide(world.client("sam"), a).status_code == 302
    assert decide(world.client("sue"), a).status_code == 403  # the step is decided


def test_without_any_coverage_every_superintendent_of_the_district_decides_and_none_elsewhere(world, call):
    a = submitted(world, call)
    assert waiting(world.client("sue"), call) == [a.pk] and waiting(world.client("sam"), call) == [a.pk]
    text = world.client("sue").get(f"/program/designations/{a.pk}/").content.decode()
    assert "recorded as covering" not in text  # nothing to fall back from: the district records no coverage
    assert world.client("else").get(f"/program/designations/{a.pk}/").status_code == 404
    assert decide(world.client("else"), a).status_code == 404
    assert not a.approvals.exists()


def test_a_superintendent_whose_position_ended_no_longer_decides(world, call):
    cover(world, "sue", "District 2", world.host)
    org.Position.objects.filter(person=world.people["sue"]).update(end=dt.date(2015, 12, 31))
    cover(world, "sam", "District 2 (acting)", world.host)
    a = submitted(world, call)
    assert waiting(world.client("sam"), call) == [a.pk]
    assert decide(world.client("sue"), a).status_code in (403, 404)
    assert decide(world.client("sam"), a).status_code == 302


# -- Central office sets the superintendents' schools on the designation pages ------------------------------------

def coverage_urls(call, coverage=None):
    base = f"/program/calls/{call.pk}/designations/superintendents/"
    if coverage is None:
        return base, base + "new/"
    return base, f"/program/superintendents-schools/{coverage.pk}/?call={call.pk}"


def test_central_office_records_a_superintendents_schools_and_the_step_follows_them(world, call):
    listing, new = coverage_urls(call)
    central = world.client("central")
    eligibility = central.get(f"/program/calls/{call.pk}/designations/eligibility/").content.decode()
    assert listing in eligibility and "Superintendents' schools" in eligibility  # linked from the settings page
    assert "No superintendent's schools are recorded" in central.get(listing).content.decode()
    page = central.get(new)
    assert page.status_code == 200
    text = page.content.decode()
    assert "/choose/school/" in text and "P.S. 8" not in text  # schools are typed, never listed from the district
    sue = world.people["sue"].positions.get()
    form = PostForm(text).data()
    r = central.post(new, {**form, "position": [str(sue.pk)], "name": ["District 2"], "schools_add": ["P.S. 7"]})
    assert r.status_code == 302 and r["Location"] == listing
    coverage = m.Coverage.objects.get()
    assert (coverage.position, coverage.name, list(coverage.schools.all())) == (sue, "District 2", [world.host])
    assert coverage.history.count() >= 1  # tracked: who recorded it, and when
    _, edit = coverage_urls(call, coverage)
    form = PostForm(central.get(edit).content.decode()).data()
    assert form["schools"] == [str(world.host.pk)] and form["revision"] == [str(coverage.revision)]
    assert central.post(edit, {**form, "schools_add": [str(world.partner.pk)]}).status_code == 302
    assert set(coverage.schools.all()) == {world.host, world.partner}
    text = central.get(listing).content.decode()
    assert "Sue Superintendent" in text and "District 2" in text and "2 schools" in text
    assert "Sam Superintendent" in text  # has no schools recorded, and the page says so

    a = submitted(world, call)
    assert waiting(world.client("sue"), call) == [a.pk] and waiting(world.client("sam"), call) == []
    form = PostForm(central.get(edit).content.decode()).data()  # P.S. 7 taken off Sue's schools: any superintendent
    assert central.post(edit, {**form, "schools": [str(world.partner.pk)]}).status_code == 302
    assert waiting(world.client("sam"), call) == [a.pk] and waiting(world.client("sue"), call) == [a.pk]


def test_a_superintendents_schools_saved_meanwhile_are_not_overwritten(world, call):
    coverage = cover(world, "sue", "District 2", world.host)
    _, edit = coverage_urls(call, coverage)
    a, b = world.client("admin"), world.client("central")
    a_data, b_data = two_reads([a, b], edit)
    assert a.post(edit, {**a_data, "name": ["District 2 (Manhattan)"]}).status_code == 302
    saved = m.Coverage.objects.get()
    text = refused(b.post(edit, {**b_data, "name": ["District Bee"], "schools_add": ["P.S. 8"]}),
                   world.people["admin"], world.users["central"], "District Bee", "P.S. 8")
    after = m.Coverage.objects.get()
    assert (after.name, after.revision, list(after.schools.all())) == ("District 2 (Manhattan)", saved.revision,
                                                                      [world.host])
    assert b.post(edit, PostForm(text).data()).status_code == 302  # saving again replaces it, knowingly
    after = m.Coverage.objects.get()
    assert after.name == "District Bee" and set(after.schools.all()) == {world.host, world.partner}
    # a change of the schools alone is a change too: a page read before it is refused
    a_data, b_data = two_reads([a, b], edit)
    assert a.post(edit, {**a_data, "schools": [str(world.partner.pk)]}).status_code == 302
    refused(b.post(edit, {**b_data, "name": ["Bee again"]}), world.people["admin"], world.users["central"], "Bee again")
    assert set(m.Coverage.objects.get().schools.all()) == {world.partner}


def test_removing_a_superintendents_schools_read_before_a_change_is_refused(world, call):
    coverage = cover(world, "sue", "District 2", world.host)
    remove = f"/program/superintendents-schools/{coverage.pk}/remove/?call={call.pk}"
    a, b = world.client("admin"), world.client("central")
    page = b.get(remove)
    assert page.status_code == 200
    stale = PostForm(page.content.decode()).data()
    _, edit = coverage_urls(call, coverage)
    assert a.post(edit, {**PostForm(a.get(edit).content.decode()).data(), "name": ["District 2 (renamed)"]}
                  ).status_code == 302
    assert b.post(remove, stale).status_code == 409
    assert m.Coverage.objects.filter(pk=coverage.pk).exists()
    r = b.post(remove, PostForm(b.get(remove).content.decode()).data())
    assert r.status_code == 302 and r["Location"] == coverage_urls(call)[0]
    assert not m.Coverage.objects.exists()


def test_only_central_office_sees_or_sets_superintendents_schools(world, call):
    coverage = cover(world, "sue", "District 2", world.host)
    listing, new = coverage_urls(call)
    _, edit = coverage_urls(call, coverage)
    remove = f"/program/superintendents-schools/{coverage.pk}/remove/"
    sue = world.people["sue"].positions.get()
    for who in ("teacher", "principal", "facilitator"):
        c = world.client(who)
        assert c.get(listing).status_code == 403 and c.get(new).status_code == 403, who
        assert c.post(new, {"position": sue.pk, "name": "Mine", "schools_add": "P.S. 8"}).status_code == 403, who
        assert c.get(edit).status_code == 404 and c.post(edit, {"name": "Mine"}).status_code == 404, who
        assert c.post(remove).status_code == 404, who
        assert "Superintendents' schools" not in c.get(f"/program/calls/{call.pk}/designations/").content.decode()
    outsider = world.client("outsider")  # central office of another district
    assert outsider.get(edit).status_code == 404 and outsider.get(listing).status_code == 404
    assert m.Coverage.objects.get().name == "District 2" and list(coverage.schools.all()) == [world.host]


def test_a_school_of_another_district_or_a_position_already_recorded_is_refused(world, call):
    cover(world, "sue", "District 2", world.host)
    _, new = coverage_urls(call)
    central = world.client("central")
    text = central.get(new).content.decode()
    assert "Sue Superintendent" not in text and "Sam Superintendent" in text  # Sue's schools are recorded
    assert "Elsa Elsewhere" not in text
    elsewhere = org.School.objects.create(district=world.other_district, name="P.S. 900")
    sam = world.people["sam"].positions.get()
    r = central.post(new, {"position": sam.pk, "name": "District 3", "schools_add": "P.S. 900"})
    assert r.status_code == 400 and "No school of the district is called that." in r.content.decode()
    r = central.post(new, {"position": sam.pk, "name": "District 3", "schools": [elsewhere.pk]})
    assert r.status_code == 400
    r = central.post(new, {"position": world.people["sue"].positions.get().pk, "schools_add": "P.S. 8"})
    assert r.status_code == 400
    r = central.post(new, {"position": sam.pk, "name": "District 3"})
    assert r.status_code == 400 and "Add at least one school" in r.content.decode()
    assert m.Coverage.objects.count() == 1


def test_the_demo_superintendent_decides_for_the_schools_of_the_demos_designation_applications(db, demo):
    from django.contrib.auth import get_user_model
    from django.test import Client

    coverage = m.Coverage.objects.get(position__person__user__username="nyc.superintendent")
    assert coverage.synthetic and coverage.position.kind == PositionKind.SUPERINTENDENT
    applications = m.DesignationApplication.objects.filter(call__school_year__name="2017-18", status="submitted")
    assert applications and {a.school_id for a in applications} <= set(coverage.schools.values_list("pk", flat=True))
    c = Client()
    c.force_login(get_user_model().objects.get(username="nyc.superintendent"))
    call = applications[0].call
    page = c.get(f"/program/calls/{call.pk}/designations/")
    assert sorted(a.pk for a, _ in page.context["waiting"]) == sorted(a.pk for a in applications)
    assert all(coverage.name in label for _, label in page.context["waiting"])
    central = Client()
    central.force_login(get_user_model().objects.get(username="nyc.central"))
    text = central.get(f"/program/calls/{call.pk}/designations/superintendents/").content.decode()
    assert "Superintendent (synthetic)" in text and "(synthetic)" in text
