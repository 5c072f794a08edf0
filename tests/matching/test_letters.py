"""Letters: once a proposal is published, each applicant school's principal is emailed (a background job): placed
schools their network, partners, host, facilitator and links to their placement page and the MOU; wait-listed and
declined schools their decision and its reason. The placement page is the school's letter, for its staff and the
program's staff."""
import pytest
from django.core import mail
from django.urls import reverse

from districtlab.core.roles import PositionKind
from districtlab.jobs.tasks import start
from districtlab.matching import models as mm
from districtlab.matching.proposals import letters_job
from districtlab.org import models as m
from tests.conftest import make_person
from tests.matching.test_proposals import accepted, formed  # noqa: F401  (the fixture, and forming a proposal)


@pytest.fixture
def letters(accepted):  # noqa: F811
    w = accepted.world
    make_person(w.district, "p9", "Pru Nine", PositionKind.PRINCIPAL, accepted.schools["P.S. 9"], start=w.year.start)
    p12 = m.School.objects.create(district=w.district, name="P.S. 12", grade_band="High", region="Bronx")
    make_person(w.district, "p12", "Quin Twelve", PositionKind.ASSISTANT_PRINCIPAL, p12, start=w.year.start)
    mm.Application.objects.create(call=accepted.call, school=p12, role="host", lfa_1=w.lfa, status="submitted",
                                  decision="declined", decision_reason="Not ready to host this year.")
    proposal = formed(accepted)
    mail.outbox.clear()
    r = accepted.client("central").post(reverse("matching:proposal-publish", args=[proposal.pk]), follow=True)
    assert r.status_code == 200
    accepted.proposal = proposal
    return accepted


def letter_to(address):
    found = [e for e in mail.outbox if address in e.to]
    assert len(found) == 1, [e.to for e in mail.outbox]
    return found[0]


def test_each_placed_schools_principal_gets_a_letter(letters):
    letter = letter_to("principal@example.org")  # P.S. 7's principal
    assert letter.subject == "Learning Partners Program 2017-18: P.S. 7 joins P.S. 7 triad"
    body = letter.body
    assert "P.S. 7 is placed in P.S. 7 triad for 2017-18, as its host (returning)." in body
    assert "Learning focus area: Teacher growth & teams" in body
    assert "Partners: P.S. 11, P.S. 8" in body or "Partners: P.S. 8, P.S. 11" in body
    assert "Facilitator: Fay Facilitator (facilitator@example.org)" in body
    placement = mm.Placement.objects.get(application__school=letters.world.host)
    assert f"http://testserver/program/placements/{placement.pk}/" in body
    assert reverse("matching:sign", args=[placement.pk]) in body
    nine = letter_to("p9@example.org").body
    assert "P.S. 9 is placed in P.S. 9 pair for 2017-18, as its host." in nine and "Partners: P.S. 10" in nine


def test_every_placement_records_when_its_letter_went(letters):
    assert not mm.Placement.objects.filter(application__call=letters.call, letter_sent_at=None).exists()
    page = letters.client("central").get(letters.proposal.get_absolute_url()).content.decode()
    assert "Sending the letters to schools: done." in page
    assert "3 letters sent; 3 schools had no principal with an email address." in page


def test_declined_and_wait_listed_schools_get_their_decision(letters):
    body = letter_to("p12@example.org").body
    assert "P.S. 12's application to host or partner in 2017-18 was declined." in body
    assert "Why: Not ready to host this year." in body


def test_letters_are_not_sent_twice(letters):
    sent = len(mail.outbox)
    start(letters_job, "Sending the letters to schools", about=letters.proposal, params={"base": "http://x"})
    assert len(mail.outbox) == sent


def test_placement_page_tells_the_school_its_network(letters):
    placement = mm.Placement.objects.get(application__school=letters.world.host)
    r = letters.client("principal").get(reverse("matching:placement-detail", args=[placement.pk]))
    page = r.content.decode()
    assert r.status_code == 200
    assert "P.S. 7 in P.S. 7 triad" in page and "host, returning" in page
    assert "Teacher growth &amp; teams" in page and "Fay Facilitator" in page and "P.S. 11" in page
    assert "Read and sign the memorandum of understanding" in page
    central = letters.client("central").get(reverse("matching:placement-detail", args=[placement.pk])).content
    assert b"Read and sign" not in central  # central office reads it; the school's people sign


@pytest.mark.parametrize("role, host_school, partner_school", [
    ("admin", 200, 200), ("central", 200, 200), ("facilitator", 200, 200), ("principal", 200, 404),
    ("teacher", 200, 404), ("coach", 404, 200), ("partner", 404, 404), ("researcher", 404, 404),
    ("outsider", 404, 404)])
def test_who_reads_a_placement(letters, role, host_school, partner_school):
    c = letters.client(role)
    for school, status in ((letters.world.host, host_school), (letters.world.partner, partner_school)):
        placement = mm.Placement.objects.get(application__school=school)
        assert c.get(reverse("matching:placement-detail", args=[placement.pk])).status_code == status


def test_an_unknown_placement_is_not_found(letters):
    assert letters.client("central").get(reverse("matching:placement-detail", args=[99999])).status_code == 404
