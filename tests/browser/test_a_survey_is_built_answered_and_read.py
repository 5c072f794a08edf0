"""A survey in Chromium: central office builds it through its pages, opens it and sends the personal links; three
people answer (one on a phone, one with the keyboard alone, one coming back to finish later); central office reads
the results. The answering page has no accessibility violations axe-core can find."""
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core import mail

from districtlab.evaluation import models as e

from .test_sign_in_and_manage_a_school import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AGREE = "Strongly disagree\nDisagree\nNeither\nAgree\nStrongly agree"
PHONE = {"width": 375, "height": 740}


def build(page, live_server, world):
    sign_in(page, live_server, "central")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Surveys").click()
    page.get_by_role("link", name="New survey").click()
    page.get_by_label("District").select_option(str(world.district.pk))
    page.get_by_label("School year").select_option(str(world.year.pk))
    page.get_by_label("Title").fill("Our year in the network")
    page.get_by_label("Confidential").check()
    page.get_by_label("Smallest group shown").fill("3")
    for role in ("Principal / AP", "Teacher", "Coach"):
        page.get_by_label(role, exact=True).check()
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Add a section").click()
    page.get_by_label("Title").fill("Your year")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Add a question").click()
    page.get_by_label("Kind").select_option("matrix")
    page.get_by_label("Prompt").fill("How far do you agree?")
    page.get_by_label("Required").check()
    page.get_by_label("Options").fill(AGREE)
    page.get_by_label("Statements").fill("We use data.\nWe test small changes.\nWe never look back.")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Add a question").click()
    page.get_by_label("Kind").select_option("long")
    page.get_by_label("Prompt").fill("What would you change?")
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Add a scale").click()
    page.get_by_label("Name").fill("Improvement")
    page.get_by_role("button", name="Save").click()
    for row in (1, 2, 3):
        page.get_by_role("link", name="Add a statement").click()
        page.get_by_label("Question").select_option(label="1.1 How far do you agree?")
        page.get_by_label("Statement number").fill(str(row))
        if row == 3:
            page.get_by_label("Reverse-coded").check()
        page.get_by_role("button", name="Save").click()
    assert page.locator(".tag", has_text="reverse-coded").count() == 1
    page.get_by_role("button", name="Open the survey").click()
    page.get_by_role("button", name="Send the personal links").click()
    assert "The emails are being sent" in page.locator(".messages").inner_text()
    return e.Survey.objects.get(title="Our year in the network")


def link_for(person):
    letter = next(m.body for m in mail.outbox if m.to == [person.email])
    return re.search(r"https?://\S+/surveys/answer/\S+/", letter).group(0)


@pytest.fixture
def contexts(browser):
    """New browser contexts (a person each), closed when the test ends."""
    made = []
    yield lambda **kwargs: made.append(browser.new_context(**kwargs)) or made[-1]
    for context in made:
        context.close()


def test_a_survey_is_built_answered_by_three_and_read(page, live_server, world, contexts):
    world.district.smallest_group = 3  # the district's own choice (5 unless it decides): three people answer here
    world.district.save()
    survey = build(page, live_server, world)
    assert sorted(m.to[0] for m in mail.outbox) == ["coach@example.org", "principal@example.org",
                                                    "teacher@example.org"]

    phone = contexts(viewport=PHONE, is_mobile=True, has_touch=True).new_page()  # the teacher, on a phone
    phone.goto(link_for(world.people["teacher"]))
    violations = Axe().run(phone)
    assert violations.violations_count == 0, violations.generate_report()
    statements = phone.locator("fieldset.statement")
    for i, choice in enumerate(["Agree", "Agree", "Disagree"]):
        statements.nth(i).get_by_label(choice, exact=True).check()
    phone.get_by_label("Your answer").fill("More time to debrief")
    phone.get_by_text("Saved.").wait_for()  # saved as it goes, before submitting
    assert e.Response.objects.get(person=world.people["teacher"]).answers  # on the server already
    phone.get_by_role("button", name="Submit my answers").click()
    phone.get_by_role("heading", name="Thank you").wait_for()

    keyboard = contexts().new_page()  # the principal, with the keyboard alone
    keyboard.goto(link_for(world.people["principal"]))
    keyboard.keyboard.press("Tab")  # the skip link, which takes the focus to the page's content
    keyboard.keyboard.press("Enter")
    for answer in (5, 4, 1):  # Tab into the statement's radio group, arrows to the answer
        keyboard.keyboard.press("Tab")
        for _ in range(answer - 1):
            keyboard.keyboard.press("ArrowRight")
        keyboard.keyboard.press("Space")
    keyboard.get_by_text("Saved.").wait_for()
    matrix = e.Item.objects.get(section__survey=survey, kind="matrix")
    mine = e.Response.objects.get(person=world.people["principal"]).answers
    assert [mine.get(f"{matrix.pk}.{row}") for row in (1, 2, 3)] == [5, 4, 1]
    keyboard.get_by_role("button", name="Submit my answers").focus()
    keyboard.keyboard.press("Enter")
    keyboard.get_by_role("heading", name="Thank you").wait_for()

    later = contexts().new_page()  # the coach answers one, leaves, and comes back with the same link
    link = link_for(world.people["coach"])
    later.goto(link)
    later.locator("fieldset.statement").nth(0).get_by_label("Neither", exact=True).check()
    later.get_by_text("Saved.").wait_for()
    later.get_by_role("button", name="Submit my answers").click()  # two required statements unanswered
    assert later.get_by_text("Please answer this question.").count() == 2
    later.context.close()
    back = contexts().new_page()
    back.goto(link)
    assert back.locator("fieldset.statement").nth(0).get_by_label("Neither", exact=True).is_checked()
    back.locator("fieldset.statement").nth(1).get_by_label("Neither", exact=True).check()
    back.locator("fieldset.statement").nth(2).get_by_label("Neither", exact=True).check()
    back.get_by_role("button", name="Submit my answers").click()
    back.get_by_role("heading", name="Thank you").wait_for()

    page.goto(f"{live_server.url}{survey.get_absolute_url()}")
    assert "3 of 3 asked have answered (100%)" in page.inner_text("main")
    page.get_by_role("link", name="Results").click()
    results = re.sub(r"\s+", " ", page.inner_text("main"))
    # scores (third statement turned): teacher (4, 4, 4) → 4; principal (5, 4, 5) → 4.67; coach (3, 3, 3) → 3
    assert "Mean score 3.89 (SD 0.84), 3 respondents" in results
    assert "Cronbach's alpha 0.95" in results  # variances 1, 1/3, 1; totals' 19/3: 1.5 · (1 − (7/3)/(19/3))
    page.get_by_label("Compare by").select_option("school")
    page.get_by_role("button", name="Show").click()
    assert "Held back" in page.inner_text("main")  # P.S. 7 has two respondents, P.S. 8 one: fewer than 3 each
