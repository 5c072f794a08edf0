"""Publishing a proposal: central office, after being asked, creates next year's networks, memberships (new or
returning), facilitators, placements and approved designations in one step; a second publication, a stale proposal
or a year that already has published networks is refused in words."""
import datetime as dt

import pytest
from django.urls import reverse

from districtlab.core.roles import Designation, PositionKind
from districtlab.matching import models as mm
from districtlab.org import models as m
from tests.matching.test_proposals import accepted, formed  # noqa: F401  (the fixture, and forming a proposal)


def publish(cycle, proposal, role="central"):
    return cycle.client(role).post(reverse("matching:proposal-publish", args=[proposal.pk]), follow=True)


@pytest.fixture
def published(accepted):  # noqa: F811
    proposal = formed(accepted)
    r = publish(accepted, proposal)
    assert r.status_code == 200 and "Published: 2 networks" in r.content.decode()
    accepted.proposal = proposal
    return accepted


def test_publishing_asks_first(accepted):  # noqa: F811
    proposal = formed(accepted)
    page = accepted.client("central").get(reverse("matching:proposal-publish", args=[proposal.pk]))
    assert page.status_code == 200 and "Yes, publish" in page.content.decode()
    assert "creates 2017-18's 2 networks with 5 schools" in page.content.decode()
    assert not m.Network.objects.filter(school_year=accepted.next_year).exists()  # nothing yet


def test_publishing_creates_next_years_networks(published):
    year = published.next_year
    networks = {n.name: n for n in m.Network.objects.filter(school_year=year)}
    assert set(networks) == {"P.S. 7 triad", "P.S. 9 pair"}
    triad = networks["P.S. 7 triad"]
    assert triad.kind == m.Network.Kind.TRIAD and triad.focus_area == published.world.lfa
    assert networks["P.S. 9 pair"].kind == m.Network.Kind.PAIR
    assert networks["P.S. 9 pair"].focus_area == published.lfa2  # the host's first choice
    members = {(ms.school.name, ms.role, ms.returning) for ms in triad.memberships.select_related("school")}
    assert members == {("P.S. 7", "host", True), ("P.S. 8", "partner", True), ("P.S. 11", "partner", False)}
    assert list(triad.facilitators.all()) == [published.world.people["facilitator"]]
    assert mm.Placement.objects.filter(application__call=published.call).count() == 5
    published.proposal.refresh_from_db()
    assert published.proposal.status == mm.Proposal.Status.PUBLISHED and published.proposal.published_at
    page = published.client("central").get(published.proposal.get_absolute_url()).content.decode()
    assert "Published" in page and "P.S. 11" in page
    assert "Publish this proposal" not in page


def test_only_one_proposal_of_a_call_is_published(published):
    again = formed(published)
    r = publish(published, again)
    assert "Not published" in r.content.decode() and "is already published for this call" in r.content.decode()
    assert m.Network.objects.filter(school_year=published.next_year).count() == 2
    again.refresh_from_db()
    assert again.status == mm.Proposal.Status.READY


def test_the_same_proposal_is_not_published_twice(published):
    r = publish(published, published.proposal)
    assert "Only a proposal that is ready can be published" in r.content.decode()
    assert m.Network.objects.filter(school_year=published.next_year).count() == 2


def test_a_year_with_networks_from_another_publication_is_refused(accepted):  # noqa: F811
    proposal = formed(accepted)
    earlier = m.Network.objects.create(district=accepted.world.district, school_year=accepted.next_year,
                                       name="Published before", kind="pair")
    mm.Placement.objects.create(application=accepted.applications["P.S. 11"], network=earlier)
    r = publish(accepted, proposal)
    assert "2017-18 already has networks from a published proposal" in r.content.decode()
    assert m.Network.objects.filter(school_year=accepted.next_year).count() == 1


def test_a_school_withdrawn_since_the_proposal_was_formed_is_named(accepted):  # noqa: F811
    proposal = formed(accepted)
    mm.Application.objects.filter(pk=accepted.applications["P.S. 11"].pk).update(status="withdrawn")
    r = publish(accepted, proposal)
    assert "P.S. 11 is no longer accepted" in r.content.decode()
    assert not m.Network.objects.filter(school_year=accepted.next_year).exists()


def test_a_failed_proposal_cannot_be_published(accepted):  # noqa: F811
    accepted.applications["P.S. 9"].want.add(accepted.world.host)
    proposal = formed(accepted)
    r = publish(accepted, proposal)
    assert "Only a proposal that is ready" in r.content.decode()
    assert not m.Network.objects.filter(school_year=accepted.next_year).exists()


def test_a_taken_name_gets_a_number(accepted):  # noqa: F811
    m.Network.objects.create(district=accepted.world.district, school_year=accepted.next_year, name="P.S. 7 triad",
                             kind="other")
    publish(accepted, formed(accepted))
    assert m.Network.objects.filter(school_year=accepted.next_year, name="P.S. 7 triad 2").exists()


def test_approved_designations_become_positions_for_the_year(accepted):  # noqa: F811
    w = accepted.world
    teacher = w.people["teacher"]  # a Model Teacher at P.S. 7 since 2015, now approved as Master Teacher
    mm.DesignationApplication.objects.create(call=accepted.call, person=teacher, school=w.host,
                                             designation=Designation.MASTER_TEACHER, status="approved")
    coach = w.people["coach"]  # no teacher position: said, not recorded
    mm.DesignationApplication.objects.create(call=accepted.call, person=coach, school=w.partner,
                                             designation=Designation.MODEL_TEACHER, status="approved")
    mm.DesignationApplication.objects.create(call=accepted.call, person=w.people["principal"], school=w.host,
                                             designation=Designation.MASTER_PRINCIPAL, status="submitted")
    r = publish(accepted, formed(accepted))
    assert "Cole Coach: no teacher position at P.S. 8 in 2017-18" in r.content.decode()
    positions = list(m.Position.objects.filter(person=teacher).order_by("start"))
    assert [(p.designation, p.start, p.end) for p in positions] == [
        (Designation.MODEL_TEACHER, dt.date(2015, 9, 1), dt.date(2017, 8, 31)),
        (Designation.MASTER_TEACHER, dt.date(2017, 9, 1), None)]
    assert (positions[1].designation_start, positions[1].designation_end) == (dt.date(2017, 9, 1),
                                                                              dt.date(2018, 6, 30))
    principal = m.Position.objects.get(person=w.people["principal"])
    assert principal.designation == Designation.MODEL_PRINCIPAL  # not approved: unchanged


def test_a_position_without_a_designation_takes_it_for_the_year(accepted):  # noqa: F811
    w = accepted.world
    person = m.Person.objects.create(district=w.district, name="Nia New")
    m.Position.objects.create(person=person, district=w.district, school=w.partner, kind=PositionKind.TEACHER,
                              start=dt.date(2016, 9, 1))
    mm.DesignationApplication.objects.create(call=accepted.call, person=person, school=w.partner,
                                             designation=Designation.MODEL_TEACHER, status="approved")
    publish(accepted, formed(accepted))
    p = m.Position.objects.get(person=person)
    assert (p.designation, p.designation_start, p.designation_end) == (
        Designation.MODEL_TEACHER, dt.date(2017, 9, 1), dt.date(2018, 6, 30))


@pytest.mark.parametrize("role", ["facilitator", "principal", "teacher", "coach", "partner", "researcher", "outsider"])
def test_only_central_office_publishes(accepted, role):  # noqa: F811
    proposal = formed(accepted)
    url = reverse("matching:proposal-publish", args=[proposal.pk])
    c = accepted.client(role)
    assert c.get(url).status_code in (403, 404)
    assert c.post(url).status_code in (403, 404)
    assert not m.Network.objects.filter(school_year=accepted.next_year).exists()


def test_admin_publishes_too(accepted):  # noqa: F811
    r = publish(accepted, formed(accepted), role="admin")
    assert "Published: 2 networks" in r.content.decode()


def test_publishing_an_unknown_proposal_is_not_found(accepted):  # noqa: F811
    assert accepted.client("central").post(reverse("matching:proposal-publish", args=[99999])).status_code == 404
