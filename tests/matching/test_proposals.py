"""Match proposals: central office forms networks from the accepted applications (the solver runs as a background
job), reads why each partner fits, pins or moves a school and solves the rest again, and compares two proposals;
facilitators read them; nobody else does."""
import pytest
from django.urls import reverse

from districtlab.core.roles import PositionKind
from districtlab.matching import models as mm
from districtlab.matching.proposals import solve
from districtlab.org import models as m
from tests.conftest import make_person

ACCEPTED = mm.Application.Decision.ACCEPTED


@pytest.fixture
def accepted(cycle):
    """The cycle with every application accepted, P.S. 7 (this year's host of the Growth triad with P.S. 8, both
    continuing) applying to host, and networks of one host and one to three partners."""
    w = cycle.world
    cycle.applications["P.S. 7"] = mm.Application.objects.create(
        call=cycle.call, school=w.host, role="host", lfa_1=w.lfa, status="submitted", returning="continue",
        applicant=w.people["principal"])
    mm.Application.objects.filter(call=cycle.call).update(decision=ACCEPTED)
    for a in cycle.applications.values():
        a.refresh_from_db()
    cycle.call.partners_min = 1
    cycle.call.save()
    return cycle


def form(cycle, role="central", **data):
    return cycle.client(role).post(reverse("matching:proposal-create", args=[cycle.call.pk]),
                                   {"name": "", "time_limit": 5, **data})


def formed(cycle, **data) -> mm.Proposal:
    r = form(cycle, **data)
    assert r.status_code == 302, r.content.decode()[:2000]
    return mm.Proposal.objects.latest("pk")


def networks_of(proposal):
    return {n["host"]["name"]: sorted(p["name"] for p in n["partners"]) for n in proposal.result["networks"]}


def test_central_office_forms_networks_from_the_accepted_applications(accepted):
    proposal = formed(accepted)
    assert proposal.status == mm.Proposal.Status.READY
    assert networks_of(proposal) == {"P.S. 7": ["P.S. 11", "P.S. 8"], "P.S. 9": ["P.S. 10"]}
    assert proposal.result["placed"] == 5 and proposal.result["unplaced"] == []
    page = accepted.client("central").get(proposal.get_absolute_url()).content.decode()
    assert "5 of 5" in page and "Proved the best possible" in page
    assert "Teacher growth &amp; teams" in page and "Student discourse" in page
    assert "the focus area is its 1st choice (+30)" in page  # why P.S. 8 fits P.S. 7's network
    assert "Fay Facilitator" in page  # the district's facilitator, within her caseload
    assert "school:" not in page and "lfa:" not in page  # no internal keys on the page


def test_only_accepted_submitted_applications_are_placed(accepted):
    mm.Application.objects.filter(call=accepted.call, school__name="P.S. 11").update(
        decision=mm.Application.Decision.WAITLISTED)
    mm.Application.objects.filter(call=accepted.call, school__name="P.S. 10").update(status="withdrawn")
    proposal = formed(accepted)
    placed = {s for host, partners in networks_of(proposal).items() for s in [host, *partners]}
    assert "P.S. 11" not in placed and "P.S. 10" not in placed


def test_a_returning_network_whose_schools_all_continue_stays_together(accepted):
    # P.S. 8 would rather join P.S. 9 (its first choice is P.S. 9's focus), but it continues with P.S. 7.
    a8 = accepted.applications["P.S. 8"]
    a8.lfa_1, a8.lfa_2 = accepted.lfa2, accepted.world.lfa
    a8.save()
    proposal = formed(accepted)
    assert "P.S. 8" in networks_of(proposal)["P.S. 7"]
    a8.returning = mm.Application.Returning.NEW  # not continuing: free to go where it fits best
    a8.save()
    assert "P.S. 8" in networks_of(formed(accepted))["P.S. 9"]


def test_schools_that_ask_not_to_work_together_never_share_a_network(accepted):
    accepted.applications["P.S. 11"].avoid.add(accepted.world.host)
    proposal = formed(accepted)
    assert "P.S. 11" not in networks_of(proposal).get("P.S. 7", [])


def test_contradictory_wishes_fail_in_plain_words(accepted):
    accepted.applications["P.S. 9"].want.add(accepted.world.host)  # two host-only schools in one network
    proposal = formed(accepted)
    assert proposal.status == mm.Proposal.Status.FAILED
    assert "P.S. 9" in proposal.problem and "P.S. 7" in proposal.problem
    page = accepted.client("central").get(proposal.get_absolute_url()).content.decode()
    assert "No networks could be formed" in page and "school:" not in page


def test_no_accepted_application_says_what_to_do(cycle):
    proposal = formed(cycle)
    assert proposal.status == mm.Proposal.Status.FAILED
    assert "accept some applications" in proposal.problem


def test_networks_beyond_every_caseload_are_listed_as_needing_a_facilitator(accepted):
    accepted.call.networks_per_facilitator = 1
    accepted.call.save()
    proposal = formed(accepted)
    assert len(proposal.result["needs_facilitator"]) == 1
    page = accepted.client("central").get(proposal.get_absolute_url()).content.decode()
    assert "1 network needs a facilitator" in page


def test_facilitators_prefer_the_boroughs_they_cover(accepted):
    w = accepted.world
    bronx = make_person(w.district, "bronxfac", "Bo Bronx", PositionKind.FACILITATOR, start=w.year.start)
    bronx_net = m.Network.objects.create(district=w.district, school_year=w.year, name="Bronx pair", kind="pair")
    m.NetworkMembership.objects.create(network=bronx_net, school=accepted.schools["P.S. 9"], role="host")
    bronx_net.facilitators.add(bronx)
    accepted.call.networks_per_facilitator = 1
    accepted.call.save()
    proposal = formed(accepted)
    by_host = {n["host"]["name"]: n["facilitator"]["name"] for n in proposal.result["networks"]}
    assert by_host == {"P.S. 7": "Fay Facilitator", "P.S. 9": "Bo Bronx"}


def test_pin_a_school_and_solve_the_rest_again(accepted):
    first = formed(accepted)
    ps11 = accepted.schools["P.S. 11"]
    url = reverse("matching:proposal-pin", args=[first.pk])
    page = accepted.client("central").get(url + f"?school={ps11.pk}")
    assert page.status_code == 200 and "Solve the rest again" in page.content.decode()
    r = accepted.client("central").post(url, {"school": ps11.pk, "to": accepted.schools["P.S. 9"].pk})
    assert r.status_code == 302
    second = mm.Proposal.objects.latest("pk")
    assert second.based_on == first and second.pins == {str(ps11.pk): accepted.schools["P.S. 9"].pk}
    assert "P.S. 11" in networks_of(second)["P.S. 9"]
    assert networks_of(first)["P.S. 7"] == ["P.S. 11", "P.S. 8"]  # every proposal is kept as it was
    assert "P.S. 11 joins P.S. 9&#x27;s network" in accepted.client("central").get(
        second.get_absolute_url()).content.decode()
    # make P.S. 10 a host of its own, and unpin P.S. 11
    r = accepted.client("central").post(reverse("matching:proposal-pin", args=[second.pk]), {
        "school": accepted.schools["P.S. 10"].pk, "to": "host", "unpin": [ps11.pk]})
    third = mm.Proposal.objects.latest("pk")
    assert third.based_on == second and third.pins == {str(accepted.schools["P.S. 10"].pk):
                                                       accepted.schools["P.S. 10"].pk}
    assert "P.S. 10" in networks_of(third)


@pytest.mark.parametrize("data, field, words", [
    ({"school": "999999", "to": "host"}, "school", "Select a valid choice"),
    ({"school": "=HYPERLINK(\"x\")", "to": "host"}, "school", "Select a valid choice"),
    ({"school": "P.S. 8", "to": "host"}, "to", "applied only as a partner, so it cannot host"),
    ({"school": "P.S. 9", "to": "P.S. 7"}, "to", "applied only to host"),
    ({"school": "P.S. 8", "to": "P.S. 11"}, "to", "Select a valid choice"),  # P.S. 11 does not host
    ({"school": "P.S. 8", "to": "inf"}, "to", "Select a valid choice"),
    ({"school": "P.S. 8", "to": ""}, "to", "Choose where to put P.S. 8"),
    ({}, "school", "Choose a school and where to put it, or a pin to remove"),
])
def test_bad_pins_are_refused_beside_their_field(accepted, data, field, words):
    first = formed(accepted)
    data = {k: str(accepted.schools[v].pk) if v in accepted.schools else v for k, v in data.items()}
    r = accepted.client("central").post(reverse("matching:proposal-pin", args=[first.pk]), data)
    assert r.status_code == 400
    assert words in r.context["form"].errors[field][0]
    assert mm.Proposal.objects.count() == 1


def test_another_districts_school_cannot_be_pinned(accepted):
    first = formed(accepted)
    elsewhere = m.School.objects.create(district=accepted.world.other_district, name="Far away")
    r = accepted.client("central").post(reverse("matching:proposal-pin", args=[first.pk]),
                                        {"school": elsewhere.pk, "to": "host"})
    assert r.status_code == 400 and "school" in r.context["form"].errors


def test_compare_two_proposals_side_by_side(accepted):
    first = formed(accepted)
    accepted.client("central").post(reverse("matching:proposal-pin", args=[first.pk]),
                                    {"school": accepted.schools["P.S. 11"].pk, "to": accepted.schools["P.S. 9"].pk})
    second = mm.Proposal.objects.latest("pk")
    r = accepted.client("facilitator").get(reverse("matching:proposal-compare", args=[accepted.call.pk]),
                                           {"a": first.pk, "b": second.pk})
    page = r.content.decode()
    assert r.status_code == 200
    assert [row["name"] for row in r.context["moved"]] == ["P.S. 11"]
    assert "In P.S. 7&#x27;s network" in page and "In P.S. 9&#x27;s network" in page
    assert r.context["same"] == 4


def test_compare_refuses_proposals_of_another_call_or_nonsense(accepted, world):
    first = formed(accepted)
    other_year = m.SchoolYear.objects.create(district=world.district, name="2018-19", start="2018-09-01",
                                             end="2019-06-30")
    other = mm.Call.objects.create(district=world.district, school_year=other_year, title="Next", opens="2018-01-01",
                                   closes="2018-02-01")
    stranger = mm.Proposal.objects.create(call=other, name="Elsewhere", status="ready",
                                          result={"networks": [], "unplaced": []})
    url = reverse("matching:proposal-compare", args=[accepted.call.pk])
    for query in ({"a": first.pk, "b": stranger.pk}, {"a": "inf", "b": "=1+1"}, {"a": "9" * 30, "b": first.pk}):
        r = accepted.client("central").get(url, query)
        assert r.status_code == 400
        assert "Choose one of this call" in r.content.decode()


@pytest.mark.parametrize("role, on_call, on_proposal", [
    ("admin", 200, 200), ("central", 200, 200), ("facilitator", 200, 200), ("principal", 403, 404),
    ("teacher", 403, 404), ("coach", 403, 404), ("partner", 404, 404), ("researcher", 404, 404),
    ("outsider", 404, 404)])
def test_who_sees_proposals(accepted, role, on_call, on_proposal):
    """The call's staff who are not the program's see no proposal (403 on the call's, 404 on one's page); those
    outside the call see nothing (404)."""
    proposal = formed(accepted)
    c = accepted.client(role)
    for url in (reverse("matching:proposal-list", args=[accepted.call.pk]),
                reverse("matching:proposal-compare", args=[accepted.call.pk])):
        assert c.get(url).status_code == on_call, url
    assert c.get(proposal.get_absolute_url()).status_code == on_proposal


@pytest.mark.parametrize("role", ["facilitator", "principal", "teacher", "coach", "partner", "researcher", "outsider"])
def test_only_central_office_forms_and_pins(accepted, role):
    proposal = formed(accepted)
    assert form(accepted, role).status_code in (403, 404)
    r = accepted.client(role).post(reverse("matching:proposal-pin", args=[proposal.pk]),
                                   {"school": accepted.schools["P.S. 10"].pk, "to": "host"})
    assert r.status_code in (403, 404)
    assert mm.Proposal.objects.count() == 1


def test_bad_settings_are_named(accepted):
    for value in ("inf", "0", "=HYPERLINK(\"x\")", "1" * 400):
        r = form(accepted, time_limit=value)
        assert r.status_code == 400
        assert r.context["form"].errors["time_limit"]
    r = form(accepted, name="x" * 500)
    assert r.status_code == 400 and "name" in r.context["form"].errors
    assert not mm.Proposal.objects.exists()


def test_the_list_shows_every_proposal_and_the_call_page_links_to_them(accepted):
    first = formed(accepted, name="First try")
    accepted.applications["P.S. 9"].want.add(accepted.world.host)
    failed = formed(accepted, name="Second try")
    page = accepted.client("central").get(reverse("matching:proposal-list", args=[accepted.call.pk])).content.decode()
    assert "First try" in page and "Second try" in page and "Could not be formed" in page
    assert failed.status == "failed" and first.status == "ready"
    call_page = accepted.client("central").get(reverse("matching:call-detail", args=[accepted.call.pk]))
    assert "Form a proposal" in call_page.content.decode() and "Second try" in call_page.content.decode()
    principal = accepted.client("principal").get(reverse("matching:call-detail", args=[accepted.call.pk]))
    assert principal.status_code == 200 and "Match proposals" not in principal.content.decode()


def test_a_proposal_being_worked_out_says_so(accepted):
    proposal = mm.Proposal.objects.create(call=accepted.call, name="Waiting",
                                          created_by=accepted.world.people["central"])
    page = accepted.client("central").get(proposal.get_absolute_url()).content.decode()
    assert "being worked out" in page
    solve(proposal)
    assert "being worked out" not in accepted.client("central").get(proposal.get_absolute_url()).content.decode()


def test_list_pages_ask_a_fixed_number_of_queries(accepted):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    c = accepted.client("central")
    def urls():
        return [reverse("matching:proposal-list", args=[accepted.call.pk])] + [
            p.get_absolute_url() for p in mm.Proposal.objects.filter(status="ready").order_by("pk")[:1]]

    def count():
        out = []
        for url in urls():
            c.get(url)
            with CaptureQueriesContext(connection) as ctx:
                assert c.get(url).status_code == 200
            out.append(len(ctx.captured_queries))
        return out

    formed(accepted)
    small = count()
    for i in range(12, 30):  # many more schools and proposals
        school = m.School.objects.create(district=accepted.world.district, name=f"P.S. {i}", grade_band="Middle",
                                         region="Queens")
        mm.Application.objects.create(call=accepted.call, school=school, role="either", lfa_1=accepted.world.lfa,
                                      status="submitted", decision=ACCEPTED)
    for _ in range(3):
        formed(accepted)
    assert count() == small
