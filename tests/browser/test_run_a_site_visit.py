"""A facilitator runs a site visit in Chromium: the agenda from a template, invitations, attendance, summary."""
import datetime as dt

import pytest
from django.core import mail

from districtlab.visits import models as m

from .test_sign_in_and_manage_a_school import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_facilitator_runs_a_site_visit(page, live_server, world):
    protocol = m.Protocol.objects.create(district=world.district, name="Glow and grow", minutes=20)
    template = m.AgendaTemplate.objects.create(district=world.district, name="Monthly site visit", kind="site_visit")
    m.AgendaTemplateItem.objects.create(template=template, protocol=protocol, position=0, minutes=20)
    visit = m.Meeting.objects.create(district=world.district, school_year=world.year, kind="site_visit",
                                     title="October site visit", date=dt.date(2016, 10, 19), starts_at=dt.time(9),
                                     network=world.network, host=world.host)
    sign_in(page, live_server, "facilitator")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Visits").click()
    page.get_by_role("link", name="October site visit").click()

    page.get_by_label("Start from a template").select_option(str(template.pk))
    page.get_by_role("button", name="Build the agenda").click()
    assert "9:00 AM" in page.get_by_role("table", name="Agenda").inner_text()

    page.get_by_role("button", name="Invite the network's school teams and facilitator").click()
    assert page.get_by_role("status").inner_text().startswith("Invited 3 people")
    page.get_by_label("Pat Principal").check()
    page.get_by_role("button", name="Save attendance").click()
    page.get_by_role("button", name="Write and send the summary").click()
    assert "Summary sent to 1 person" in page.get_by_role("status").inner_text()
    assert "October site visit" in page.locator("pre.summary").inner_text()
    assert mail.outbox[-1].to == ["principal@example.org"]
    assert m.Meeting.objects.get(pk=visit.pk).status == "held"
