"""Links a form would list district-wide are chosen by typing a name (or sent as an id, as pages link), or offered
from what the record is about; what the viewer may not see is still refused beside its field (issue 13)."""
import datetime as dt

from districtlab.practices import models as practices
from districtlab.visits import models as visits


def a_visit(world):
    return visits.Meeting.objects.create(district=world.district, school_year=world.year, kind="site_visit",
                                         title="October visit", date=dt.date(2016, 10, 5), network=world.network,
                                         host=world.host, status="held")


def a_practice(world):
    return practices.Practice.objects.create(
        district=world.district, author=world.people["teacher"], name="Anchor chart", kind="routine",
        description="x", origin_school=world.host, visibility="district")


def test_a_meeting_and_a_school_are_typed_and_its_people_offered_from_its_schools(world):
    visit = a_visit(world)
    c = world.client("central")
    page = c.get(f"/visits/attendance/new/?meeting={visit.pk}").content.decode()
    assert 'value="October visit"' in page  # the meeting named by the link, shown by its title
    assert "Cole Coach" in page and "Tess Teacher" in page  # people of the network's schools
    assert "Otto Outsider" not in page and "Ada Admin" not in page  # not the district's (nor another's) everyone
    r = c.post("/visits/attendance/new/", {"meeting": "October visit", "person": world.people["coach"].pk,
                                           "school": "P.S. 8", "attended": "on"})
    assert r.status_code == 302, r.content.decode()
    assert visits.Attendance.objects.get().school == world.partner


def test_a_meeting_or_school_the_viewer_may_not_see_is_refused_beside_its_field(world):
    from districtlab.org import models as m

    theirs = m.School.objects.create(district=world.other_district, name="P.S. 99")
    visit = a_visit(world)
    r = world.client("central").post("/visits/feedback-requests/new/", {
        "meeting": visit.pk, "school": theirs.pk, "question": "How did it go?"})
    assert r.status_code == 400
    assert "not one of the available choices" in str(r.context["form"].errors["school"])
    r = world.client("outsider").post("/visits/feedback-requests/new/", {
        "meeting": visit.pk, "school": "P.S. 99", "question": "How did it go?"})
    assert r.status_code == 400 and "meeting" in r.context["form"].errors
    assert not visits.FeedbackRequest.objects.exists()


def test_an_adoption_offers_the_practices_versions_and_takes_a_typed_school(world):
    practice = a_practice(world)
    version = practice.versions.get()
    c = world.client("coach")
    page = c.get(f"/practices/adoptions/new/?practice={practice.pk}&version={version.pk}").content.decode()
    assert 'value="Anchor chart"' in page and f'<option value="{version.pk}" selected>' in page
    r = c.post("/practices/adoptions/new/", {"practice": practice.pk, "version": version.pk, "school": "P.S. 8",
                                            "through": "site_visit", "date": "2016-11-02", "status": "trying"})
    assert r.status_code == 302, r.context["form"].errors
    assert practices.Adoption.objects.get().school == world.partner


def test_a_conventions_practices_are_ticked_and_one_more_added_by_typing(world):
    practice, other = a_practice(world), practices.Practice.objects.create(
        district=world.district, author=world.people["teacher"], name="Exit ticket", kind="routine",
        description="x", origin_school=world.host, visibility="district")
    c = world.client("central")
    page = c.get("/practices/conventions/new/").content.decode()
    assert "Anchor chart" not in page and 'name="practices_add"' in page  # nothing listed until named
    data = {"district": world.district.pk, "title": "Turn-and-talk everywhere", "level": "district",
            "date": "2017-01-10", "description": "x", "practices_add": "Anchor chart"}
    r = c.post("/practices/conventions/new/", data)
    assert r.status_code == 302, r.context["form"].errors
    convention = practices.Convention.objects.get()
    assert list(convention.practices.all()) == [practice]
    page = c.get(f"/practices/conventions/{convention.pk}/edit/").content.decode()
    assert "Anchor chart" in page and "Exit ticket" not in page  # the one named, ticked
    r = c.post(f"/practices/conventions/{convention.pk}/edit/", {
        **data, "practices": [practice.pk], "practices_add": other.pk, "revision": convention.revision})
    assert r.status_code == 302, r.context["form"].errors
    assert set(convention.practices.all()) == {practice, other}
