"""A teacher starts the team's inquiry from the home page and works through a cycle a step at a time."""
import pytest

from districtlab.inquiry import models as m

from .test_sign_in_and_manage_a_school import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_teacher_works_through_the_guide_in_chromium(page, live_server, world):
    sign_in(page, live_server, "teacher")
    page.get_by_role("link", name="Start your team's problem of practice").click()
    page.get_by_label("Team").select_option(str(world.team.pk))
    page.get_by_label("School year").select_option(str(world.year.pk))
    page.get_by_label("The problem we are trying to solve").fill("Students rarely explain their thinking")
    page.get_by_role("button", name="Start").click()

    assert page.get_by_role("heading", level=1).inner_text() == "How we decided"
    assert "What process/data was used?" in page.get_by_role("complementary", name="Prompts").inner_text()
    page.get_by_label("Kind").select_option("quality_review")
    page.get_by_label("Description").fill("QR 1.2 developing")  # nature left out: refused, nothing lost
    page.get_by_role("button", name="Save and go on").click()
    assert page.locator("#id_add-nature_error").is_visible()
    assert page.get_by_label("Description").input_value() == "QR 1.2 developing"
    page.get_by_label("Nature").select_option("outcome")
    page.get_by_role("button", name="Save and go on").click()

    steps = page.get_by_role("navigation", name="Steps")
    steps.get_by_role("link", name="Year-long goal").click()
    page.get_by_label("Our year-long goal").fill("80% of students explain their reasoning by June")
    page.get_by_role("button", name="Save and go on").click()
    page.get_by_role("button", name="Share").click()  # with the team, the first rung offered
    assert m.ProblemOfPractice.objects.get().visibility == "team"

    page.get_by_role("link", name="Start a cycle").click()
    page.get_by_label("Title").fill("Turn and talk")
    page.get_by_role("button", name="Start").click()
    page.get_by_label("Description").fill("Sentence starters on every desk")
    page.get_by_role("button", name="Save and go on").click()
    page.get_by_role("button", name="Save and go on").click()  # prediction: skipped
    assert "How will you know that change worked?" in page.get_by_role("complementary").inner_text()
    assert page.locator('[aria-current="step"]').inner_text().startswith("Measures")
    cycle = m.Cycle.objects.get()
    assert (cycle.stage, cycle.visibility, [i.description for i in cycle.change_ideas.all()]) == (
        "plan", "private", ["Sentence starters on every desk"])  # a new cycle is a private draft, whatever its goal's rung
