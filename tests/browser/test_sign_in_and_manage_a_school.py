"""A principal signs in, finds their school through the navigation and filters, and edits it in Chromium."""
import pytest
from playwright.sync_api import expect

from ..conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, live_server, username):
    page.goto(f"{live_server.url}/")
    assert page.url.startswith(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_principal_signs_in_finds_and_edits_their_school(page, live_server, world, tmp_path):
    sign_in(page, live_server, "principal")
    assert page.get_by_role("heading", name="Welcome, Pat Principal").is_visible()
    assert page.get_by_role("link", name="P.S. 7", exact=True).first.is_visible()

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Schools").click()
    page.get_by_label("Network role").select_option("host")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**network_role=host**")
    rows = page.locator("tbody tr")
    expect(rows).to_have_count(1)  # waits for the filtered page instead of counting the one it replaces
    assert "P.S. 7" in rows.first.inner_text()
    rows.first.get_by_role("link", name="P.S. 7").click()
    page.get_by_role("link", name="Edit", exact=True).click()

    page.get_by_label("Grades").fill("9-12")
    page.get_by_label("Name").fill("")
    page.get_by_role("button", name="Save").click()
    assert page.locator("#id_name_error").inner_text() == "This field is required."
    assert page.get_by_label("Grades").input_value() == "9-12"  # nothing typed is lost

    page.get_by_label("Name").fill("P.S. 7 Brooklyn Tech Prep")
    page.get_by_role("button", name="Save").click()
    assert page.get_by_role("status").inner_text().startswith("Saved school")
    assert page.get_by_role("heading", level=1).inner_text().startswith("P.S. 7 Brooklyn Tech Prep")
    page.screenshot(path=str(tmp_path / "school.png"), full_page=True)


def test_every_field_has_a_label_and_focus_is_visible(page, live_server, world):
    sign_in(page, live_server, "central")
    for path in ("/schools/", "/schools/new/", "/networks/new/", "/people/", "/transfer/", "/notes/new/"):
        page.goto(f"{live_server.url}{path}")
        unlabeled = page.evaluate("""() => [...document.querySelectorAll('main input, main select, main textarea')]
            .filter(e => e.type !== 'hidden' && !(e.labels && e.labels.length) && !e.getAttribute('aria-label'))
            .map(e => e.name)""")
        assert unlabeled == [], (path, unlabeled)
    page.goto(f"{live_server.url}/schools/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"
