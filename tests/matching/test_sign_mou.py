"""Signing the memorandum of understanding (MOU) once a school is placed, and the page of who has not signed yet."""
import csv
import datetime as dt
import io

import pytest
from django.utils import timezone

from districtlab.core.roles import PositionKind
from districtlab.matching import models as m
from districtlab.org import models as org
from tests.conftest import make_person
from tests.query_counts import assert_flat, sizes  # noqa: F401  (the fixture)

AGREEMENT = "We meet every month.\nThe principal attends every site visit."


@pytest.fixture
def placed(world):
    """A call for 2017-18 whose agreement P.S. 7 signs: its principal, and the teacher on its proposed team."""
    nxt = org.SchoolYear.objects.create(district=world.district, name="2017-18", start=dt.date(2017, 9, 1),
                                        end=dt.date(2018, 6, 30))
    call = m.Call.objects.create(district=world.district, school_year=nxt, title="Learning Partners 2017-18",
                                 opens=dt.date(2017, 2, 1), closes=dt.date(2017, 3, 15), agreement=AGREEMENT)
    network = org.Network.objects.create(district=world.district, school_year=nxt, name="Growth triad 2017-18",
                                         kind="triad", focus_area=world.lfa)
    network.facilitators.add(world.people["facilitator"])  # as publishing assigns them
    application = m.Application.objects.create(call=call, school=world.host, role="host", status="submitted",
                                               decision="accepted", lfa_1=world.lfa)
    application.team.add(world.people["teacher"])
    placement = m.Placement.objects.create(application=application, network=network)
    return call, placement


def url(placement):
    return f"/program/placements/{placement.pk}/agreement/"


def sign(client, placement, **extra):
    page = client.get(url(placement))
    data = {"agreement": page.context["fingerprint"], "agree": "yes", **extra}
    return client.post(url(placement), data)


def test_the_principal_reads_the_agreement_and_signs_it(world, placed):
    _, placement = placed
    c = world.client("principal")
    page = c.get(url(placement))
    assert page.status_code == 200
    assert "We meet every month." in page.content.decode() and "Growth triad 2017-18" in page.content.decode()
    r = sign(c, placement)
    assert r.status_code == 302
    signature = m.Signature.objects.get(placement=placement)
    assert signature.person == world.people["principal"] and signature.text == AGREEMENT
    shown = c.get(url(placement)).content.decode()
    # the day in the district's time zone, as the page shows it (late in New York's evening it is tomorrow in UTC)
    assert f"You signed this agreement on {timezone.localtime(signature.signed_at):%b %-d, %Y}" in shown
    assert 'name="agree"' not in shown  # nothing left to sign


def test_each_person_signs_for_themself_only(world, placed):
    _, placement = placed
    r = sign(world.client("teacher"), placement, person=world.people["principal"].pk)
    assert r.status_code == 302
    assert list(m.Signature.objects.values_list("person__name", flat=True)) == ["Tess Teacher"]
    principal_page = world.client("principal").get(url(placement)).content.decode()
    assert 'name="agree"' in principal_page  # the principal has still to sign


@pytest.mark.parametrize("role", ["central", "facilitator", "admin"])
def test_the_programs_staff_read_it_but_sign_for_nobody(world, placed, role):
    _, placement = placed
    c = world.client(role)
    page = c.get(url(placement))
    assert page.status_code == 200 and 'name="agree"' not in page.content.decode()
    assert c.post(url(placement), {"agreement": page.context["fingerprint"], "agree": "yes"}).status_code == 403
    assert not m.Signature.objects.exists()


@pytest.mark.parametrize("role", ["coach", "partner", "researcher", "outsider"])
def test_others_do_not_see_a_schools_agreement(world, placed, role):
    _, placement = placed
    c = world.client(role)
    assert c.get(url(placement)).status_code == 404
    assert c.post(url(placement), {"agree": "yes"}).status_code == 404
    assert not m.Signature.objects.exists()


def test_a_changed_agreement_leaves_what_was_signed_as_it_was(world, placed):
    call, placement = placed
    c = world.client("principal")
    sign(c, placement)
    call.agreement = "A new text: we meet every week."
    call.save()
    assert m.Signature.objects.get().text == AGREEMENT
    shown = c.get(url(placement)).content.decode()
    assert "has been changed since you signed" in shown and "We meet every month." in shown


def test_a_text_changed_while_reading_is_not_signed_unread(world, placed):
    call, placement = placed
    c = world.client("principal")
    read = c.get(url(placement)).context["fingerprint"]
    call.agreement = "Changed meanwhile."
    call.save()
    r = c.post(url(placement), {"agreement": read, "agree": "yes"})
    assert r.status_code == 400
    assert "The agreement changed after you opened this page" in r.content.decode()
    assert not m.Signature.objects.exists()


def test_signing_asks_for_the_tick_and_happens_once(world, placed):
    _, placement = placed
    c = world.client("principal")
    fingerprint = c.get(url(placement)).context["fingerprint"]
    r = c.post(url(placement), {"agreement": fingerprint})
    assert r.status_code == 400 and "I have read and agree" in r.content.decode()
    sign(c, placement)
    again = c.post(url(placement), {"agreement": fingerprint, "agree": "yes"}, follow=True)
    signed_on = f"You signed this agreement on {timezone.localtime(m.Signature.objects.get().signed_at):%b %-d, %Y}."
    assert again.content.decode().count(signed_on) == 2  # the message and the page say the same day
    assert m.Signature.objects.count() == 1


def test_there_is_nothing_to_sign_before_central_office_writes_it(world, placed):
    call, placement = placed
    call.agreement = ""
    call.save()
    c = world.client("principal")
    assert "has not written the agreement yet" in c.get(url(placement)).content.decode()
    r = c.post(url(placement), {"agreement": "", "agree": "yes"})
    assert r.status_code == 400 and not m.Signature.objects.exists()


def test_a_wrong_placement_is_not_found(world, placed):
    assert world.client("principal").get("/program/placements/999999/agreement/").status_code == 404


# -- Who has signed --------------------------------------------------------------------------------------------------

def signatures(call):
    return f"/program/calls/{call.pk}/signatures/"


@pytest.fixture
def two_placed(world, placed):
    """P.S. 8 placed too, with a team member whose name a spreadsheet would run as a formula."""
    call, placement = placed
    sly = make_person(world.district, "sly", '=HYPERLINK("http://x","y")', PositionKind.TEACHER, world.partner,
                      start=dt.date(2015, 9, 1))
    application = m.Application.objects.create(call=call, school=world.partner, role="partner", status="submitted",
                                               decision="accepted", lfa_1=world.lfa)
    application.team.add(sly)
    other = m.Placement.objects.create(application=application, network=placement.network)
    sign(world.client("principal"), placement)
    sign(world.client("teacher"), placement)
    return call, placement, other


def test_central_office_sees_who_has_not_signed(world, two_placed):
    call, _, _ = two_placed
    r = world.client("central").get(signatures(call))
    assert r.status_code == 200
    text = r.content.decode()
    assert "2 schools placed · 1 with every signature · 2 of 3 people signed" in text
    assert "P.S. 7" in text and "P.S. 8" in text
    unsigned = world.client("central").get(signatures(call) + "?show=unsigned")
    rows = [row.placement.application.school.name for row in unsigned.context["rows"]]
    assert rows == ["P.S. 8"]


def test_the_csv_lists_everyone_who_signs_and_runs_no_formula(world, two_placed):
    call, _, _ = two_placed
    r = world.client("facilitator").get(signatures(call) + "?show=unsigned&format=csv")
    assert r.status_code == 200 and r["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(r.content.decode())))
    assert rows[0] == ["School", "Network", "Person", "Signs as", "Signed on"]
    assert rows[1:] == [["P.S. 8", "Growth triad 2017-18", '\'=HYPERLINK("http://x","y")', "School team",
                         "not signed"]]
    everyone = list(csv.reader(io.StringIO(world.client("central").get(signatures(call) + "?format=csv")
                                           .content.decode())))
    assert len(everyone) == 4 and {row[4] for row in everyone[1:3]} != {"not signed"}


@pytest.mark.parametrize("role,status", [("principal", 403), ("teacher", 403), ("coach", 403), ("partner", 404),
                                         ("researcher", 404), ("outsider", 404)])
def test_only_the_programs_staff_see_every_schools_signatures(world, two_placed, role, status):
    call, _, _ = two_placed
    assert world.client(role).get(signatures(call)).status_code == status
    assert world.client(role).get(signatures(call) + "?format=csv").status_code == status


def test_bad_query_strings_do_not_break_the_page(world, two_placed):
    call, _, _ = two_placed
    c = world.client("central")
    for query in ("?page=abc", "?page=99999", "?show=%3Cscript%3E", "?format=exe"):
        assert c.get(signatures(call) + query).status_code == 200
    assert c.get("/program/calls/999999/signatures/").status_code == 404


# -- Query counts ----------------------------------------------------------------------------------------------------

def test_my_list_pages_ask_a_fixed_number_of_queries(sizes):  # noqa: F811  (the fixture)
    """Signatures, graduation and designations: the same number of queries for a district three times the size."""
    calls = {}
    for world in sizes:
        d = world.district
        nxt = org.SchoolYear.objects.create(district=d, name="2017-18", start=dt.date(2017, 9, 1),
                                            end=dt.date(2018, 6, 30))
        call = m.Call.objects.create(district=d, school_year=nxt, title=f"Call {d.short_name}",
                                     opens=dt.date(2017, 2, 1), closes=dt.date(2017, 3, 1), agreement=AGREEMENT)
        network = org.Network.objects.create(district=d, school_year=nxt, name=f"Next {d.short_name}", kind="cohort")
        rule = org.DesignationRule.objects.create(district=d, designation="model_teacher", stipend="$7,500")
        m.Eligibility.objects.create(rule=rule)
        for i, school in enumerate(world.schools):
            a = m.Application.objects.create(call=call, school=school, status="submitted", decision="accepted",
                                             returning="continue" if i % 2 else "")
            team = world.people[i * 6: i * 6 + 3]
            a.team.add(*team)
            p = m.Placement.objects.create(application=a, network=network)
            m.Signature.objects.create(placement=p, person=team[0], text=AGREEMENT)
            m.DesignationApplication.objects.create(call=call, person=team[1], school=school,
                                                    designation="model_teacher", status="submitted")
        calls[world.user.username] = call.pk

    assert_flat(sizes, lambda w: {
        "signatures": f"/program/calls/{calls[w.user.username]}/signatures/",
        "not signed": f"/program/calls/{calls[w.user.username]}/signatures/?show=unsigned",
        "graduation": f"/program/calls/{calls[w.user.username]}/graduation/",
        "designations": f"/program/calls/{calls[w.user.username]}/designations/",
        "history": f"/program/schools/{w.schools[0].pk}/history/"})


# -- Facilitators see the placements of the networks they facilitate --------------------------------------------------

def test_a_facilitator_sees_their_networks_placements_and_central_office_all(world, two_placed):
    call, placement, other = two_placed
    elsewhere = org.Network.objects.create(district=world.district, school_year=placement.network.school_year,
                                           name="Other triad 2017-18", kind="triad")
    other.network = elsewhere
    other.save()
    fred = make_person(world.district, "fred", "Fred Facilitator", PositionKind.FACILITATOR, start=dt.date(2015, 9, 1))
    elsewhere.facilitators.add(fred)
    fay, central = world.client("facilitator"), world.client("central")
    fred_client = world.client("central")
    fred_client.force_login(fred.user)
    schools = {who: [r.placement.application.school.name for r in c.get(signatures(call)).context["rows"]]
               for who, c in (("fay", fay), ("fred", fred_client), ("central", central))}
    assert schools == {"fay": ["P.S. 7"], "fred": ["P.S. 8"], "central": ["P.S. 7", "P.S. 8"]}
    for c, mine, theirs in ((fay, placement, other), (fred_client, other, placement)):
        assert c.get(f"/program/placements/{mine.pk}/").status_code == 200  # its letter
        assert c.get(url(mine)).status_code == 200  # its agreement
        assert c.get(f"/program/placements/{theirs.pk}/").status_code == 404
        assert c.get(url(theirs)).status_code == 404
    for p in (placement, other):
        assert central.get(f"/program/placements/{p.pk}/").status_code == 200
    csv_rows = list(csv.reader(io.StringIO(fay.get(signatures(call) + "?format=csv").content.decode())))
    assert {row[0] for row in csv_rows[1:]} == {"P.S. 7"}
