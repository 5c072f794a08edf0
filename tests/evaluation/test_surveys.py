"""Surveys end to end through the pages: building, sending, answering by personal link (saving as one goes,
resuming, submitting), anonymity, and results that never show a group below the survey's smallest size."""
import csv
import io
import json
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from districtlab.evaluation import actions, answering
from districtlab.evaluation import models as e

from .conftest import AGREE, make_survey

pytestmark = pytest.mark.django_db


def answer(client, link, data, submit=True):
    return client.post(link, {**data, **({"submit": "1"} if submit else {})})


def full(made, agree=(4, 4, 2), visits="3", chose=("1",), written=""):
    m, data = made.matrix, {}
    for row, value in enumerate(agree, 1):
        data[f"q{m.pk}.{row}"] = str(value)
    data[f"q{made.visits.pk}"] = visits
    data[f"q{made.choice.pk}"] = list(chose)
    data[f"q{made.written.pk}"] = written
    return data


def test_a_survey_is_built_through_its_pages_and_opened(world):
    c = world.client("central")
    r = c.post("/surveys/surveys/new/", {
        "district": world.district.pk, "school_year": world.year.pk, "title": "Spring check-in", "mode": "anonymous",
        "minimum_group": "5", "audience_roles": ["teacher", "coach"]})
    assert r.status_code == 302, r.content.decode()[:2000]
    survey = e.Survey.objects.get(title="Spring check-in")
    assert survey.status == "draft" and survey.audience_roles == ["teacher", "coach"]
    assert c.post("/surveys/sections/new/", {"survey": survey.pk, "number": "1", "title": "Visits"}).status_code == 302
    section = survey.sections.get()
    r = c.post("/surveys/questions/new/", {"section": section.pk, "number": "1", "kind": "likert",
                                          "prompt": "Visits were useful", "options": AGREE, "required": "on"})
    assert r.status_code == 302
    r = c.post("/surveys/questions/new/", {"section": section.pk, "number": "2", "kind": "number",
                                          "prompt": "How many?", "options": "1\n2"})
    assert r.status_code == 400 and "has no options" in r.content.decode()  # named beside the field
    r = c.post("/surveys/questions/new/", {"section": section.pk, "number": "2", "kind": "single", "prompt": "Pick",
                                          "options": "Only one"})
    assert "at least two options" in r.content.decode()
    assert c.post(f"/surveys/{survey.pk}/open/").status_code == 302
    survey.refresh_from_db()
    assert survey.status == "open"
    item = section.items.get()
    r = c.post(f"/surveys/questions/{item.pk}/edit/", {"section": section.pk, "number": "1", "kind": "likert",
                                                      "prompt": "Changed after opening", "options": AGREE,
                                                      "revision": item.revision})
    assert r.status_code == 403
    r = c.post("/surveys/questions/new/", {"section": section.pk, "number": "2", "kind": "short", "prompt": "More?"})
    assert r.status_code == 400 and "no longer change" in r.content.decode()
    assert "Add a question" not in c.get(survey.get_absolute_url()).content.decode()
    item.refresh_from_db()
    assert item.prompt == "Visits were useful"  # its questions never change under its answers


def test_a_new_survey_with_no_question_cannot_open(world):
    survey = e.Survey.objects.create(district=world.district, school_year=world.year, title="Empty")
    r = world.client("central").post(f"/surveys/{survey.pk}/open/", follow=True)
    assert "Add at least one question" in r.content.decode()
    survey.refresh_from_db()
    assert survey.status == "draft"


def test_sending_asks_the_audience_by_email_with_personal_links(surveyed, mailoutbox):
    made, w = surveyed, surveyed.world
    r = w.client("central").post(f"/surveys/{made.survey.pk}/send/")
    assert r.status_code == 302
    invited = {i.person.name for i in made.survey.invitations.select_related("person")}
    assert invited == {"Tess Teacher", "Pat Principal", "Cole Coach"}  # not the researcher, admin or partner
    assert sorted(msg.to[0] for msg in mailoutbox) == ["coach@example.org", "principal@example.org",
                                                       "teacher@example.org"]
    letter = next(msg for msg in mailoutbox if msg.to == ["teacher@example.org"]).body
    assert made.link("teacher") in letter and "confidential" in letter
    assert Client().get(made.link("teacher")).status_code == 200  # the link is the key: no sign-in
    mailoutbox.clear()
    w.client("central").post(f"/surveys/{made.survey.pk}/send/")
    assert mailoutbox == []  # nobody is sent a second invitation
    answer(Client(), made.link("coach"), full(made))
    w.client("central").post(f"/surveys/{made.survey.pk}/remind/")
    assert sorted(msg.to[0] for msg in mailoutbox) == ["principal@example.org", "teacher@example.org"]
    assert all(msg.subject.startswith("Reminder") for msg in mailoutbox)


def test_answers_are_saved_as_typed_and_a_wrong_one_keeps_the_last(surveyed):
    made = surveyed
    c, link = Client(), made.link("teacher")
    field = f"q{made.visits.pk}"
    r = c.post(link, {field: "4", "save": "1"})
    assert r.status_code == 200 and json.loads(r.content) == {"saved": True, "errors": {}}
    for hostile in ("inf", "1e999", "NaN", "=HYPERLINK(\"x\")", "$x$"):
        r = c.post(link, {field: hostile, "save": "1"})
        assert r.status_code == 400 and "Give a number" in json.loads(r.content)["errors"][field]
    r = c.post(link, {f"q{made.matrix.pk}.1": "9", "save": "1"})
    assert json.loads(r.content)["errors"] == {f"q{made.matrix.pk}.1": "Choose one of the options."}
    response = e.Response.objects.get(survey=made.survey)
    assert response.answers == {str(made.visits.pk): 4}  # the earlier answer kept, nothing else touched
    page = c.get(link).content.decode()  # the same link resumes
    assert f'name="{field}" inputmode="decimal" value="4"' in page


def test_submitting_asks_for_required_answers_then_closes_the_response(surveyed):
    made = surveyed
    c, link = Client(), made.link("principal")
    r = answer(c, link, {f"q{made.visits.pk}": "2"})
    assert r.status_code == 400
    assert r.content.decode().count("Please answer this question.") == 3  # the matrix's three statements
    r = answer(c, link, full(made, written="More time to debrief"))
    assert r.status_code == 200 and "Your answers to" in r.content.decode()
    response = e.Response.objects.get(survey=made.survey, person=made.world.people["principal"])
    assert response.submitted and response.answers[str(made.choice.pk)] == [1]
    assert e.Invitation.objects.get(survey=made.survey, person=made.world.people["principal"]).answered
    again = answer(c, link, full(made, written="Changed my mind"))
    assert "Your answers are in" in again.content.decode()
    response.refresh_from_db()
    assert response.answers[str(made.written.pk)] == "More time to debrief"


def test_an_anonymous_response_names_nobody_once_submitted(world):
    made = make_survey(world, mode=e.Survey.Mode.ANONYMOUS)
    actions.open_survey(made.survey)
    actions.invite(made.survey)
    link = made.link("teacher")
    c = world.client("teacher")  # even answered while signed in
    assert c.post(link, {f"q{made.visits.pk}": "5", "save": "1"}).status_code == 200
    draft = e.Response.objects.get(survey=made.survey)
    assert draft.person_id is None and draft.draft_key  # found again only through the link
    assert answer(c, link, full(made)).status_code == 200
    response = e.Response.objects.get(survey=made.survey)
    assert (response.person_id, response.draft_key) == (None, None)
    assert not hasattr(e.Response, "history")  # answers keep no history: an entry would name who saved them
    assert "nothing links" in c.get(link).content.decode()
    with connection.cursor() as cursor:  # no table holds the person beside the response
        tables = [t for t in connection.introspection.table_names(cursor) if "response" in t]
    assert tables == ["evaluation_response"]


def test_a_link_not_issued_opens_nothing(surveyed):
    made = surveyed
    invitation = e.Invitation.objects.filter(survey=made.survey).first()
    assert Client().get(f"/surveys/answer/{invitation.pk}/{'0' * 40}/").status_code == 404
    assert Client().get(f"/surveys/answer/{invitation.pk + 999}/{invitation.token}/").status_code == 404


def test_a_closed_survey_takes_no_answers(surveyed):
    made = surveyed
    actions.close_survey(made.survey)
    r = Client().post(made.link("teacher"), full(made) | {"submit": "1"})
    assert r.status_code == 409 and "closed" in r.content.decode()
    assert not e.Response.objects.filter(survey=made.survey).exists()


def submit_as(made, roles, values):
    for role, agree in zip(roles, values):
        answer(Client(), made.link(role), full(made, agree=agree, written=f"=HYPERLINK(\"http://x\",\"{role}\")"))


def test_results_show_nothing_below_the_smallest_group(surveyed):
    made, w = surveyed, surveyed.world
    e.Survey.objects.filter(pk=made.survey.pk).update(minimum_group=5)
    submit_as(made, ["teacher", "principal", "coach"], [(4, 4, 2), (5, 4, 1), (3, 3, 3)])
    page = w.client("central").get(f"/surveys/{made.survey.pk}/results/").content.decode()
    assert "Results show once 5 people have submitted" in page and "Mean score" not in page
    rows = list(csv.reader(io.StringIO(w.client("central").get(
        f"/surveys/{made.survey.pk}/written-answers.csv").content.decode())))
    assert rows == [["Question", "Asked", "Answer"]]  # three written answers: fewer than five, left out


def test_results_give_distributions_scale_scores_and_alpha(surveyed):
    made, w = surveyed, surveyed.world
    submit_as(made, ["teacher", "principal", "coach"], [(4, 4, 2), (5, 4, 1), (3, 3, 3)])
    page = w.client("researcher").get(f"/surveys/{made.survey.pk}/results/").content.decode()
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))
    # scores, the third statement turned (6 - x): (4+4+4)/3, (5+4+5)/3, (3+3+3)/3 → 4, 4.67, 3: mean 3.89
    assert "Mean score 3.89 (SD 0.84), 3 respondents" in text
    # statements (4,5,3), (4,4,3), (4,5,3): variances 1, 1/3, 1; totals 12, 14, 9 with variance 19/3;
    # alpha = k/(k-1)·(1 - Σs²ᵢ/s²ₜ) = 1.5·(1 - (7/3)/(19/3)) = 0.947
    assert "Cronbach's alpha 0.95" in text
    assert "Agree 1 33%" in text and "Strongly agree 1 33%" in text and "Neither 1 33%" in text
    assert page.count("<svg") == 4  # a chart of the answers to each statement and to the choice question
    assert "=HYPERLINK(&quot;http://x&quot;,&quot;coach&quot;)" in page  # written answers listed, as typed
    rows = list(csv.reader(io.StringIO(w.client("central").get(
        f"/surveys/{made.survey.pk}/written-answers.csv").content.decode())))
    assert len(rows) == 4 and all(row[2].startswith("'=HYPERLINK") for row in rows[1:])  # never run as a formula


def test_groups_below_the_smallest_size_are_held_back_and_named(surveyed):
    made, w = surveyed, surveyed.world
    submit_as(made, ["teacher", "principal", "coach"], [(4, 4, 2), (5, 4, 1), (3, 3, 3)])
    page = w.client("central").get(f"/surveys/{made.survey.pk}/results/?by=school").content.decode()
    assert "Held back" in page and "P.S. 7" in page and "P.S. 8" in page  # P.S. 7: two answers, P.S. 8: one
    assert "<td>P.S. 7</td>" not in page


def test_who_reads_results(surveyed):
    made, w = surveyed, surveyed.world
    url = f"/surveys/{made.survey.pk}/results/"
    expected = {"admin": 200, "central": 200, "facilitator": 200, "researcher": 200, "principal": 403,
                "teacher": 403, "coach": 403, "partner": 404, "outsider": 404}
    got = {role: w.client(role).get(url).status_code for role in expected}
    assert got == expected
    assert w.client("teacher").get(f"/surveys/{made.survey.pk}/").status_code == 200  # invited: sees the survey
    assert w.client("partner").get(f"/surveys/{made.survey.pk}/").status_code == 404
    assert w.client("teacher").get(f"/surveys/{made.survey.pk}/written-answers.csv").status_code == 403


def test_a_principal_builds_and_reads_their_own_schools_survey(world):
    c = world.client("principal")
    base = {"district": world.district.pk, "school_year": world.year.pk, "title": "Workshop check",
            "mode": "anonymous", "minimum_group": "5"}
    r = c.post("/surveys/surveys/new/", {**base, "school": world.partner.name})
    assert r.status_code in (400, 403) or "your own school" in r.content.decode()
    assert not e.Survey.objects.filter(title="Workshop check").exists()
    assert c.post("/surveys/surveys/new/", {**base, "school": world.host.name}).status_code == 302
    survey = e.Survey.objects.get(title="Workshop check")
    e.Item.objects.create(section=e.Section.objects.create(survey=survey, number=1, title="S"), number=1,
                          kind="short", prompt="Which strategy?")
    actions.open_survey(survey)
    assert {i.school_id for i in actions.audience(survey)} == {world.host.pk}  # its own school's people only
    assert c.get(f"/surveys/{survey.pk}/results/").status_code == 200
    assert world.client("coach").get(f"/surveys/{survey.pk}/results/").status_code == 404


def test_copy_to_next_year_keeps_questions_and_scales_and_compares_person_by_person(world):
    import datetime as dt

    from districtlab.org.models import SchoolYear

    first = make_survey(world)
    actions.open_survey(first.survey)
    actions.invite(first.survey)
    submit_as(first, ["teacher", "principal", "coach"], [(3, 3, 3), (4, 3, 2), (2, 3, 3)])
    actions.close_survey(first.survey)
    next_year = SchoolYear.objects.create(district=world.district, name="2017-18", start=dt.date(2017, 9, 1),
                                          end=dt.date(2018, 6, 30))
    r = world.client("central").post(f"/surveys/{first.survey.pk}/copy/", {"school_year": next_year.pk})
    copy = e.Survey.objects.get(school_year=next_year)
    assert r.url == copy.get_absolute_url() and copy.status == "draft" and copy.previous_id == first.survey.pk
    assert [(i.kind, i.prompt) for i in e.Item.objects.filter(section__survey=copy).order_by("number")] == [
        (i.kind, i.prompt) for i in e.Item.objects.filter(section__survey=first.survey).order_by("number")]
    assert [(s.row, s.reverse) for s in copy.scales.get().members.all()] == [(1, False), (2, False), (3, True)]
    copy.audience_roles = ["teacher", "principal", "coach"]
    copy.save()
    actions.open_survey(copy)
    actions.invite(copy)
    items = {i.number: i for i in e.Item.objects.filter(section__survey=copy)}
    later = type(first)(world, copy, items[1], items[2], items[3], items[4], copy.scales.get())
    submit_as(later, ["teacher", "principal", "coach"], [(4, 4, 2), (5, 4, 1), (3, 4, 2)])
    page = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", world.client("central").get(
        f"/surveys/{copy.pk}/results/").content.decode()))
    # before: 3, 3.67, 2.67; after: 4, 4.67, 3.67: every person +1, so the change is 1.00 with no spread
    assert "a change of 1.00" in page and "3 people who answered both" in page


def test_results_ask_the_same_queries_however_many_answered(world):
    made = make_survey(world)
    actions.open_survey(made.survey)

    def answered(n):
        e.Response.objects.bulk_create([e.Response(survey=made.survey, answers={
            f"{made.matrix.pk}.1": 1 + i % 5, f"{made.matrix.pk}.2": 1 + (i * 3) % 5, f"{made.matrix.pk}.3": 3,
            str(made.visits.pk): i, str(made.written.pk): "text"}, role="teacher", submitted_on="2017-05-01")
            for i in range(n)])
        c = world.client("central")
        c.get(f"/surveys/{made.survey.pk}/results/?by=role")
        with CaptureQueriesContext(connection) as ctx:
            assert c.get(f"/surveys/{made.survey.pk}/results/?by=role").status_code == 200
        return len(ctx.captured_queries)

    assert answered(10) == answered(90)


def test_the_demo_holds_the_seeds_surveys(demo):
    from districtlab.org.models import District

    nyc = District.objects.get(short_name="NYC DOE")
    workshops = e.Survey.objects.get(district=nyc, title__startswith="Teacher-led workshops")
    item = e.Item.objects.get(section__survey=workshops)
    values = [r.answers[str(item.pk)] for r in workshops.responses.all()]
    # seed 004 ~6249: "Ninety-six percent of staff used a strategy ... more than a quarter do it daily, 50% ... once/week"
    assert sum(v != 4 for v in values) / len(values) == 0.96
    assert values.count(1) / len(values) > 0.25 and values.count(2) / len(values) == 0.5
    participant = e.Survey.objects.filter(district=nyc, title="Learning Partners participant survey")
    assert sorted(participant.values_list("school_year__name", "status")) == [
        ("2015-16", "closed"), ("2016-17", "closed"), ("2017-18", "draft")]
    assert all(r.synthetic and r.person_id is None for r in e.Response.objects.filter(survey__in=participant))
    assert answering.FIELD == "q"


def test_a_survey_shows_no_group_smaller_than_its_districts(world):
    c = world.client("central")
    data = {"district": world.district.pk, "school_year": world.year.pk, "title": "Small", "mode": "anonymous",
            "minimum_group": "3"}
    r = c.post("/surveys/surveys/new/", data)
    assert r.status_code == 400 and "At least 5, the district" in r.content.decode()
    assert 'name="minimum_group" value="5"' in c.get("/surveys/surveys/new/").content.decode()  # its default
    world.district.smallest_group = 3
    world.district.save()
    assert c.post("/surveys/surveys/new/", data).status_code == 302
    r = world.client("admin").post(f"/districts/{world.district.pk}/edit/", {
        "name": world.district.name, "short_name": world.district.short_name, "time_zone": "America/New_York",
        "smallest_group": "2", "revision": world.district.revision})
    assert r.status_code == 400 and "At least 3" in r.content.decode()


def test_results_are_computed_again_when_an_answer_comes_in(surveyed):
    made, w = surveyed, surveyed.world
    url = f"/surveys/{made.survey.pk}/results/"
    submit_as(made, ["teacher", "principal"], [(4, 4, 2), (5, 4, 1)])
    assert "2 responses submitted" in w.client("central").get(url).content.decode()
    submit_as(made, ["coach"], [(3, 3, 3)])
    page = w.client("central").get(url).content.decode()
    assert "3 responses submitted" in page and "Mean score 3.89" in page  # not the two-answer result kept before
