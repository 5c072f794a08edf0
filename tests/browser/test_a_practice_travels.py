"""A practice travels in Chromium: a teacher adds and shares it; the partner school's coach adopts and adapts it."""
import pytest

from districtlab.practices import models as m

from .test_sign_in_and_manage_a_school import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_practice_is_shared_then_adopted_and_adapted(page, live_server, world, browser):
    sign_in(page, live_server, "teacher")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Practices").click()
    page.get_by_role("link", name="Add a practice").click()
    page.get_by_label("District").select_option(str(world.district.pk))
    page.get_by_label("Name").fill("Turn-and-talk anchor chart")
    page.get_by_label("Kind").select_option("routine")
    page.get_by_label("Description").fill("Sentence starters for partner talk")
    page.get_by_role("combobox", name="Origin school").fill("P.S. 7")  # typed: the schools named so are suggested
    page.get_by_role("option", name=world.host.name).click()
    page.get_by_label("Network").fill(world.network.name)  # typed in full, without a suggestion: taken as typed
    page.get_by_role("button", name="Save").click()
    assert "a draft only you can see" in page.locator(".lede").inner_text()
    page.get_by_label("Share with").select_option("network")
    page.get_by_label("Where (optional)").fill("shown at the October site visit")
    page.get_by_role("button", name="Share").click()
    assert "Shared with my network (shown at the October site visit)" in page.locator("ol.timeline").inner_text()

    coach = browser.new_context().new_page()
    sign_in(coach, live_server, "coach")
    coach.goto(f"{live_server.url}/practices/?q=anchor")
    coach.get_by_role("link", name="Turn-and-talk anchor chart").click()
    coach.get_by_role("link", name="We adopted this").click()
    coach.get_by_label("Adopting school").fill(world.partner.name)  # typed: the chooser takes a name
    coach.get_by_label("Through").select_option("site_visit")
    coach.locator("#id_date").fill("2016-11-02")
    coach.get_by_label("If adapted: what changed").fill("Starters in Spanish too")
    coach.get_by_role("button", name="Save").click()
    timeline = coach.locator("ol.timeline").inner_text()
    assert "P.S. 8 adopted it adapted as version 2 from P.S. 7" in timeline
    assert m.Practice.objects.get().versions.get(number=2).parent.number == 1
