"""Applying for a Model/Master designation under a call, eligibility as data, and the approval chain."""
import datetime as dt

import pytest

from districtlab.core.roles import PositionKind
from districtlab.matching import models as m
from districtlab.org import models as org
from tests.conftest import make_person


@pytest.fixture
def call(world):
    """The 2017-18 call; Model Teacher asks for a year as a teacher and a qualifying rating, approved by a
    superintendent, then the district administrator (for the Chancellor)."""
    nxt = org.SchoolYear.objects.create(district=world.district, name="2017-18", start=dt.date(2017, 9, 1),
                                        end=dt.date(2018, 6, 30))
    today = dt.date.today()
    call = m.Call.objects.create(district=world.district, school_year=nxt, title="Learning Partners 2017-18",
                                 opens=today - dt.timedelta(days=10), closes=today + dt.timedelta(days=30))
    rule = org.DesignationRule.objects.create(district=world.district, designation="model_teacher",
                                              stipend="$7,500", term="Two years", host_of="triad")
    m.Eligibility.objects.create(rule=rule, min_tenure_years=1, ratings="Highly effective, Effective",
                                 approvers="superintendent,district_admin")
    world.people["superintendent"] = make_person(world.district, "super", "Sue Superintendent",
                                                 PositionKind.SUPERINTENDENT, start=dt.date(2015, 9, 1))
    world.users["superintendent"] = world.people["superintendent"].user
    return call


def apply_url(call):
    return f"/program/calls/{call.pk}/designations/apply/"


def detail(application):
    return f"/program/designations/{application.pk}/"


def decide(client, application, decision, reason=""):
    return client.post(f"/program/designations/{application.pk}/decide/", {"decision": decision, "reason": reason})


def submitted(world, call):
    r = world.client("teacher").post(apply_url(call), {"designation": "model_teacher", "rating": "Effective",
                                                       "statement": "I open my classroom.", "submit": ""})
    assert r.status_code == 302, r.content.decode()[:2000]
    return m.DesignationApplication.objects.get(person=world.people["teacher"])


def test_a_teacher_reads_the_rule_and_applies(world, call):
    c = world.client("teacher")
    page = c.get(apply_url(call))
    assert page.status_code == 200
    text = page.content.decode()
    assert "$7,500" in text and "Two years" in text and "Superintendent, then District administrator" in text
    assert "Model Principal" not in text  # a teacher applies for teacher designations only
    a = submitted(world, call)
    assert (a.status, a.school, a.rating) == ("submitted", world.host, "Effective")
    shown = c.get(detail(a)).content.decode()
    assert "Awaiting approval" in shown and "Sue Superintendent" in shown
    assert "checked when the networks are published" in shown  # the rule's "only at hosts of triads"


def test_a_rating_that_does_not_qualify_keeps_the_draft_and_says_why(world, call):
    r = world.client("teacher").post(apply_url(call), {"designation": "model_teacher", "rating": "Developing",
                                                       "statement": "Kept as typed", "submit": ""})
    assert r.status_code == 400
    assert "A rating of “Developing” does not qualify for Model Teacher" in r.content.decode()
    a = m.DesignationApplication.objects.get()
    assert (a.status, a.statement) == ("draft", "Kept as typed")


def test_too_few_years_in_post_is_refused(world, call):
    m.Eligibility.objects.update(min_tenure_years=5)
    r = world.client("teacher").post(apply_url(call), {"designation": "model_teacher", "rating": "Effective",
                                                       "submit": ""})
    assert r.status_code == 400
    assert "at least 5 years as a teacher; your positions give 1.8" in r.content.decode()


def test_a_draft_is_saved_without_checks_and_seen_by_its_author_only(world, call):
    c = world.client("teacher")
    r = c.post(apply_url(call), {"designation": "model_teacher", "rating": "", "statement": "Later", "save": ""})
    assert r.status_code == 302
    a = m.DesignationApplication.objects.get()
    assert a.status == "draft"
    assert "Give your latest rating" in c.get(detail(a)).content.decode()
    for role in ("central", "admin", "principal", "superintendent"):
        assert world.client(role).get(detail(a)).status_code == 404, role
    again = c.get(apply_url(call) + "?designation=model_teacher")
    assert again.context["form"].initial["statement"] == "Later"


def test_nobody_applies_for_a_designation_of_another_position(world, call):
    r = world.client("teacher").post(apply_url(call), {"designation": "model_principal", "submit": ""})
    assert r.status_code == 400
    assert "Choose one of the designations your position may apply for." in r.content.decode()
    coach = world.client("coach")
    page = coach.get(apply_url(call))
    assert page.status_code == 403 and "nothing for you to apply for" in page.content.decode()
    assert coach.post(apply_url(call), {"designation": "model_teacher", "submit": ""}).status_code == 403
    assert not m.DesignationApplication.objects.exists()


def test_a_closed_call_takes_no_designation_application(world, call):
    call.closes = dt.date.today() - dt.timedelta(days=2)
    call.save()
    c = world.client("teacher")
    assert "Applications closed on" in c.get(apply_url(call)).content.decode()
    r = c.post(apply_url(call), {"designation": "model_teacher", "rating": "Effective", "submit": ""})
    assert r.status_code == 400 and "Applications closed on" in r.content.decode()
    assert not m.DesignationApplication.objects.exists()


def test_a_designation_without_a_rule_cannot_be_submitted(world, call):
    r = world.client("principal").post(apply_url(call), {"designation": "model_principal", "rating": "Effective",
                                                         "submit": ""})
    assert r.status_code == 400 and "has not set out the Model Principal designation yet" in r.content.decode()


def test_hostile_input_gets_a_clear_message(world, call):
    c = world.client("teacher")
    r = c.post(apply_url(call), {"designation": "model_teacher", "rating": "=HYPERLINK(\"x\")" * 5,
                                 "statement": "x" * 20000, "submit": ""})
    assert r.status_code == 400
    text = r.content.decode()
    assert "Keep the statement under 10,000 characters" in text or "at most 10000 characters" in text
    assert "at most 40 characters" in text
    assert not m.DesignationApplication.objects.exists()
    assert c.get("/program/calls/999999/designations/apply/").status_code == 404


def test_the_chain_in_order_superintendent_then_chancellor(world, call):
    a = submitted(world, call)
    assert decide(world.client("admin"), a, "approve").status_code == 403  # not their step yet
    assert decide(world.client("central"), a, "approve").status_code == 403  # not an approver
    assert decide(world.client("teacher"), a, "approve").status_code == 404 or a.approvals.count() == 0
    r = decide(world.client("superintendent"), a, "approve", "Strong practice.")
    assert r.status_code == 302
    a.refresh_from_db()
    assert a.status == "submitted"
    page = world.client("admin").get(detail(a)).content.decode()
    assert "Strong practice." in page and "Record my decision" in page
    assert decide(world.client("superintendent"), a, "approve").status_code == 403  # their step is done
    decide(world.client("admin"), a, "approve")
    a.refresh_from_db()
    assert a.status == "approved"
    assert [(x.step, x.approver_kind, x.approved) for x in a.approvals.all()] == [
        (0, "superintendent", True), (1, "district_admin", True)]
    assert "The designation is given to the position when" in world.client("teacher").get(detail(a)).content.decode()


def test_a_decline_needs_a_reason_and_ends_the_chain(world, call):
    a = submitted(world, call)
    sup = world.client("superintendent")
    r = decide(sup, a, "decline")
    assert r.status_code == 400 and "Say why you decline" in r.content.decode()
    assert decide(sup, a, "maybe").status_code == 400
    decide(sup, a, "decline", "Not this year: one more year in post.")
    a.refresh_from_db()
    assert a.status == "declined"
    assert "Not this year: one more year in post." in world.client("teacher").get(detail(a)).content.decode()
    assert decide(world.client("admin"), a, "approve").status_code == 403


def test_the_list_shows_an_approver_what_waits_for_them(world, call):
    a = submitted(world, call)
    r = world.client("superintendent").get(f"/program/calls/{call.pk}/designations/")
    assert r.status_code == 200
    assert [x.pk for x, _ in r.context["waiting"]] == [a.pk]
    assert "Waiting for your decision" in r.content.decode()
    central = world.client("central").get(f"/program/calls/{call.pk}/designations/")
    assert central.context["waiting"] == [] and [x.pk for x in central.context["object_list"]] == [a.pk]
    assert [x.pk for x in world.client("teacher").get(f"/program/calls/{call.pk}/designations/")
            .context["object_list"]] == [a.pk]
    assert list(world.client("principal").get(f"/program/calls/{call.pk}/designations/")
                .context["object_list"]) == []
    filtered = world.client("central").get(f"/program/calls/{call.pk}/designations/?status=approved")
    assert list(filtered.context["object_list"]) == []
    assert world.client("central").get(f"/program/calls/{call.pk}/designations/?status=%3Cx%3E").status_code == 200


@pytest.mark.parametrize("role,status", [("principal", 404), ("coach", 404), ("partner", 404), ("researcher", 404),
                                         ("outsider", 404), ("facilitator", 404)])
def test_others_do_not_see_a_designation_application(world, call, role, status):
    a = submitted(world, call)
    assert world.client(role).get(detail(a)).status_code == status
    assert decide(world.client(role), a, "approve").status_code in (403, 404)
    assert not a.approvals.exists()


@pytest.mark.parametrize("role,status", [("partner", 404), ("researcher", 404), ("outsider", 404)])
def test_outside_the_program_the_list_is_not_found(world, call, role, status):
    assert world.client(role).get(f"/program/calls/{call.pk}/designations/").status_code == status


# -- Eligibility, set by central office ------------------------------------------------------------------------------

def eligibility_url(call):
    rule = org.DesignationRule.objects.get(designation="model_teacher")
    return f"/program/designation-rules/{rule.pk}/eligibility/?call={call.pk}"


def test_central_office_sets_who_may_hold_a_designation(world, call):
    c = world.client("central")
    listed = c.get(f"/program/calls/{call.pk}/designations/eligibility/")
    assert listed.status_code == 200 and "Not offered in this district yet." in listed.content.decode()
    page = c.get(eligibility_url(call))
    assert page.status_code == 200
    revision = page.context["form"]["revision"].value()
    r = c.post(eligibility_url(call), {"min_tenure_years": "3", "ratings": " Highly effective ,, ",
                                       "first": "elementary_director", "second": "superintendent", "third": "",
                                       "revision": revision})
    assert r.status_code == 302 and r["Location"] == f"/program/calls/{call.pk}/designations/eligibility/"
    e = m.Eligibility.objects.get()
    assert (e.min_tenure_years, e.ratings, e.chain) == (3, "Highly effective", ["elementary_director",
                                                                                 "superintendent"])
    assert "Elementary director, then Superintendent" in c.get(
        f"/program/calls/{call.pk}/designations/").content.decode()


@pytest.mark.parametrize("data,message", [
    ({"min_tenure_years": "inf"}, "Enter a number."),
    ({"min_tenure_years": "-1"}, "greater than or equal to 0"),
    ({"first": "chancellor"}, "Select a valid choice."),
    ({"first": "teacher"}, "Select a valid choice."),
    ({"second": "superintendent"}, "Each kind of approver appears once"),
    ({"third": "district_admin", "second": ""}, "Name the second approver before a third."),
    ({"ratings": "x" * 300}, "at most 200 characters"),
])
def test_bad_eligibility_is_refused_beside_its_field(world, call, data, message):
    good = {"min_tenure_years": "1", "ratings": "", "first": "superintendent", "second": "district_admin", "third": ""}
    r = world.client("central").post(eligibility_url(call), {**good, **data})
    assert r.status_code == 400 and message in r.content.decode()
    assert m.Eligibility.objects.get().min_tenure_years == 1


@pytest.mark.parametrize("role,status", [("facilitator", 403), ("principal", 403), ("teacher", 403),
                                         ("researcher", 403), ("outsider", 404)])
def test_only_central_office_sets_eligibility(world, call, role, status):
    c = world.client(role)
    assert c.get(eligibility_url(call)).status_code == status
    good = {"min_tenure_years": "0", "first": "teacher"}
    assert c.post(eligibility_url(call), good).status_code == status
    assert m.Eligibility.objects.get().chain == ["superintendent", "district_admin"]
