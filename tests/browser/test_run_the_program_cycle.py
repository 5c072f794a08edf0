"""A program director runs next year's cycle in Chromium (issue 14): a principal applies, central office accepts,
the matcher forms the networks, the director publishes them, letters go out and the principal signs the MOU."""
import pytest
from django.core import mail
from django.urls import reverse

from districtlab.matching import models as mm
from districtlab.org import models as m
from tests.matching.conftest import cycle  # noqa: F401  (the fixture: next year, an open call, four applications)

from .test_sign_in_and_manage_a_school import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AGREEMENT = "We will host or visit our partners monthly and meet as a school team every two weeks."


def sign_out(page):
    page.context.clear_cookies()


def test_program_director_runs_next_years_cycle(page, live_server, cycle):  # noqa: F811
    call = cycle.call
    call.agreement = AGREEMENT
    call.save()

    # The principal of P.S. 7, in a network this year, applies to host again.
    sign_in(page, live_server, "principal")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Applications").click()
    page.get_by_role("link", name=call.title).click()
    page.get_by_role("button", name="Apply for P.S. 7").click()
    page.get_by_label("Continuing").check()
    page.get_by_label("Host", exact=True).check()
    page.get_by_label("First choice of focus area").select_option(label=cycle.world.lfa.name)
    for question in call.question_list:
        page.get_by_label(question).fill("Our team has run four cycles on discourse and will share them.")
    # The school it wants to keep working with, chosen by typing (no list of the whole district).
    page.get_by_role("combobox", name="Add a school we want to work with").fill("P.S. 8")
    page.get_by_role("option", name="P.S. 8").click()
    page.get_by_role("button", name="Submit the application").click()
    assert "Submitted" in page.get_by_role("main").inner_text()
    application = mm.Application.objects.get(call=call, school=cycle.world.host)
    assert application.status == "submitted" and list(application.want.all()) == [cycle.world.partner]

    # Central office accepts every application, from the review list.
    sign_out(page)
    sign_in(page, live_server, "central")
    page.goto(f"{live_server.url}{call.get_absolute_url()}")
    page.get_by_role("link", name="Review the applications").click()
    for school in ["P.S. 7", "P.S. 8", "P.S. 9", "P.S. 10", "P.S. 11"]:
        page.get_by_role("link", name=school, exact=True).first.click()
        page.get_by_label("Accepted").check()
        page.get_by_role("button", name="Record the decision").click()
        assert "Accepted" in page.get_by_role("main").inner_text()
        page.go_back()
        page.go_back()
        page.reload()
    assert mm.Application.objects.filter(call=call, decision="accepted").count() == 5

    # The director forms a proposal: one host and three partners; P.S. 7 and P.S. 8 continue together.
    page.goto(f"{live_server.url}{call.get_absolute_url()}")
    page.get_by_role("link", name="Form a proposal").click()
    page.get_by_role("button", name="Form the networks").click()
    page.wait_for_selector("text=Networks")
    proposal = mm.Proposal.objects.get(call=call)
    assert proposal.status == "ready", proposal.problem
    networks = proposal.result["networks"]
    assert len(networks) == 1 and len(networks[0]["partners"]) == 3
    text = page.get_by_role("main").inner_text()
    assert "P.S. 7" in text and "P.S. 8" in text

    # Publishing creates next year's networks and sends the letters.
    page.get_by_role("link", name="Publish").first.click()
    page.get_by_role("button", name="Yes, publish").click()
    assert "Published" in page.get_by_role("main").inner_text()
    network = m.Network.objects.get(school_year=cycle.next_year)
    assert network.memberships.count() == 4
    assert network.memberships.get(school=cycle.world.host).role == "host"
    assert network.memberships.get(school=cycle.world.partner).returning
    assert "principal@example.org" in {to for message in mail.outbox for to in message.to}

    # The principal reads the letter's page and signs the MOU.
    sign_out(page)
    sign_in(page, live_server, "principal")
    placement = mm.Placement.objects.get(application__school=cycle.world.host)
    letter = next(message for message in mail.outbox if "principal@example.org" in message.to)
    address = reverse("matching:placement-detail", args=[placement.pk])
    assert address in letter.body and "P.S. 7" in letter.body
    page.goto(live_server.url + address)
    page.get_by_role("link", name="Read and sign the memorandum of understanding").click()
    page.get_by_label("I have read and agree").check()
    page.get_by_role("button", name="Sign", exact=True).click()
    assert "You signed this agreement" in page.get_by_role("main").inner_text()
    signature = mm.Signature.objects.get(placement=placement)
    assert signature.person == cycle.world.people["principal"] and signature.text == AGREEMENT
