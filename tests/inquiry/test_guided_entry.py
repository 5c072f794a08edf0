"""The guided entry: a team works through its preliminary work and a cycle a few questions at a time."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from districtlab.core.publishing import publications_of
from districtlab.inquiry import models as m


@pytest.fixture
def started(world):
    """A problem of practice the teacher has started through the guide."""
    r = world.client("teacher").post("/inquiry/problems/start/", {
        "team": world.team.pk, "school_year": world.year.pk, "focus_area": world.lfa.pk,
        "statement": "Students rarely talk to each other about their thinking."})
    problem = m.ProblemOfPractice.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/inquiry/problems/{problem.pk}/steps/evidence/"
    return problem


@pytest.fixture
def cycle(world, started):
    teacher = world.client("teacher")
    teacher.post(f"/inquiry/problems/{started.pk}/steps/goal/", {"add-statement": "80% explain their reasoning"})
    goal = m.YearGoal.objects.get()
    r = teacher.post("/inquiry/cycles/start/", {"goal": goal.pk, "title": "Turn and talk",
                                                "smaller_goal": "Half of students use sentence starters",
                                                "started": "2016-10-03", "ended": "2016-11-18"})
    c = m.Cycle.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/inquiry/cycles/{c.pk}/steps/change-ideas/"
    return c


def test_the_first_step_asks_only_for_the_problem_and_starts_a_private_draft(world, started):
    page = world.client("teacher").get("/inquiry/problems/start/").content.decode()
    assert 'name="statement"' in page and 'name="norms"' not in page and 'name="how_decided"' not in page
    assert "private draft until you share it" in page
    assert (started.author, started.visibility, started.network) == (world.people["teacher"], "private", world.network)
    assert world.client("principal").get(f"/inquiry/problems/{started.pk}/steps/evidence/").status_code == 404


def test_a_step_saves_its_fields_and_its_part_then_goes_on(world, started):
    url = f"/inquiry/problems/{started.pk}/steps/evidence/"
    r = world.client("teacher").post(url, {
        "how_decided": "Our quality review and two rounds of lesson observations.",
        "add-kind": "quality_review", "add-nature": "outcome", "add-basis": "data",
        "add-description": "QR 2015-16: 1.2 rated developing"})
    started.refresh_from_db()
    evidence = m.Evidence.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/inquiry/problems/{started.pk}/steps/team/"
    assert started.how_decided.startswith("Our quality review")
    assert (evidence.problem, evidence.kind, evidence.nature) == (started, "quality_review", "outcome")


def test_add_another_stays_on_the_step_and_a_blank_part_adds_nothing(world, started):
    c, url = world.client("teacher"), f"/inquiry/problems/{started.pk}/steps/evidence/"
    r = c.post(url, {"how_decided": "QR", "add-kind": "survey", "add-nature": "perceptual", "add-basis": "data",
                     "add-description": "Teacher survey", "again": "1"})
    assert r["Location"] == url
    assert c.post(url, {"how_decided": "QR", "add-basis": "data"}).status_code == 302
    assert m.Evidence.objects.count() == 1
    assert "Survey: Teacher survey" in c.get(url).content.decode()  # listed under "So far"


def test_a_half_filled_part_is_refused_beside_its_field_and_nothing_is_saved(world, started):
    r = world.client("teacher").post(f"/inquiry/problems/{started.pk}/steps/evidence/", {
        "how_decided": "Typed and kept", "add-description": "No kind given", "add-basis": "data"})
    body = r.content.decode()
    started.refresh_from_db()
    assert r.status_code == 400 and 'id="id_add-kind_error"' in body and "Typed and kept" in body
    assert started.how_decided == "" and not m.Evidence.objects.exists()


def test_the_goal_step_adds_a_goal_that_takes_the_problems_context(world, started):
    world.client("teacher").post(f"/inquiry/problems/{started.pk}/steps/goal/", {"add-statement": "80% explain"})
    goal = m.YearGoal.objects.get()
    assert (goal.problem, goal.author, goal.visibility, goal.team, goal.school) == (
        started, world.people["teacher"], "private", world.team, world.host)


def test_each_step_shows_its_own_facilitator_prompts_in_words(world, cycle):
    c = world.client("teacher")
    measures = c.get(f"/inquiry/cycles/{cycle.pk}/steps/measures/").content.decode()
    reflect = c.get(f"/inquiry/cycles/{cycle.pk}/steps/reflect/").content.decode()
    assert "“How will you know that change worked?”" in measures
    assert "seed 004" not in measures  # the lines are for researchers (tests/core/test_practitioners_see_words)
    assert "Are these the results you expected?" in reflect and "Are these the results" not in measures
    norms = c.get(f"/inquiry/problems/{cycle.goal.problem.pk}/steps/team/").content.decode()
    assert "Don’t hog the mike" in norms and 'name="norms"' in norms


def test_working_through_a_cycle_moves_its_stage_on_and_never_back(world, cycle):
    c, base = world.client("teacher"), f"/inquiry/cycles/{cycle.pk}/steps"
    c.post(f"{base}/change-ideas/", {"add-description": "Sentence starters on every desk"})
    c.post(f"{base}/prediction/", {"prediction": "More students will explain their thinking"})
    c.post(f"{base}/measures/", {"add-name": "Students explaining", "add-unit": "% of students",
                                 "add-direction": "up", "add-nature": "outcome", "add-chart": "run"})
    c.post(f"{base}/implement/", {"implementation_notes": "Weeks 1-3 in grade 9", "add-basis": "data"})
    cycle.refresh_from_db()
    assert cycle.stage == "implement"
    assert [i.description for i in cycle.change_ideas.all()] == ["Sentence starters on every desk"]
    assert cycle.measures.get().name == "Students explaining"
    c.post(f"{base}/plan/", {"title": "Turn and talk (v2)", "smaller_goal": "Half", "started": "2016-10-03"})
    cycle.refresh_from_db()
    assert (cycle.title, cycle.stage) == ("Turn and talk (v2)", "implement")  # editing the plan is not going back
    r = c.post(f"{base}/reflect/", {"results": "38% to 61%", "next_step": "adapt",
                                    "next_step_thinking": "Works in ELA; try it in science"})
    assert r["Location"] == f"{base}/share/"
    r = c.post(f"{base}/share/", {"lessons": "Starters need modelling first"})
    cycle.refresh_from_db()
    assert r["Location"] == cycle.get_absolute_url() and (cycle.stage, cycle.next_step) == ("share", "adapt")
    page = c.get(f"{base}/share/").content.decode()
    assert page.count('aria-label="done"') == 7 and "Share it with your team first" in page


def test_skipping_a_step_saves_nothing_and_does_not_move_the_stage(world, cycle):
    r = world.client("teacher").post(f"/inquiry/cycles/{cycle.pk}/steps/implement/", {"add-basis": "data"})
    cycle.refresh_from_db()
    assert r.status_code == 302 and cycle.stage == "plan"


def test_a_cycle_that_ends_before_it_starts_is_refused_at_its_step(world, cycle):
    r = world.client("teacher").post(f"/inquiry/cycles/{cycle.pk}/steps/plan/", {
        "title": "T", "started": "2016-10-03", "ended": "2016-09-01"})
    assert r.status_code == 400 and "A cycle cannot end before it starts." in r.content.decode()
    cycle.refresh_from_db()
    assert cycle.title == "Turn and talk"


@pytest.mark.parametrize("role, step_status, page_status", [
    ("principal", 200, 200), ("facilitator", 403, 200), ("coach", 403, 200), ("outsider", 404, 404)])
def test_only_people_who_may_change_a_cycle_reach_its_steps(world, cycle, role, step_status, page_status):
    teacher = world.client("teacher")
    for kind, record in (("problems", cycle.goal.problem), ("cycles", cycle)):  # the goal goes with its problem
        assert teacher.post(f"/inquiry/{kind}/{record.pk}/share/", {"visibility": "network"}).status_code == 302
    c = world.client(role)
    assert c.get(f"/inquiry/cycles/{cycle.pk}/steps/reflect/").status_code == step_status
    posted = c.post(f"/inquiry/cycles/{cycle.pk}/steps/reflect/", {"results": "x"}).status_code
    assert posted == (302 if step_status == 200 else step_status)
    assert c.get(cycle.get_absolute_url()).status_code == page_status


def test_a_step_that_does_not_exist_is_not_found(world, cycle):
    assert world.client("teacher").get(f"/inquiry/cycles/{cycle.pk}/steps/dance/").status_code == 404


def test_the_detail_pages_continue_at_the_first_step_not_done(world, cycle):
    body = world.client("teacher").get(cycle.get_absolute_url()).content.decode()
    assert f'href="/inquiry/cycles/{cycle.pk}/steps/change-ideas/">Continue step by step' in body


def test_a_step_page_asks_the_same_number_of_queries_however_many_parts(world, cycle):
    c, url = world.client("teacher"), f"/inquiry/cycles/{cycle.pk}/steps/measures/"

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            assert c.get(url).status_code == 200
        return len(ctx)

    m.Measure.objects.create(cycle=cycle, name="M0")
    few = queries()
    m.Measure.objects.bulk_create(m.Measure(cycle=cycle, name=f"M{i}") for i in range(1, 12))
    assert queries() == few


def test_sharing_the_problem_shares_its_year_long_goal_with_it(world, started):
    teacher = world.client("teacher")
    teacher.post(f"/inquiry/problems/{started.pk}/steps/goal/", {"add-statement": "80% explain their reasoning"})
    assert teacher.post(f"/inquiry/problems/{started.pk}/share/", {"visibility": "team"}).status_code == 302
    goal = m.YearGoal.objects.get()
    assert goal.visibility == "team" and [e.to_level for e in publications_of(goal)] == ["team"]  # recorded
    r = teacher.post("/inquiry/cycles/start/", {"goal": goal.pk, "title": "Turn and talk"})
    assert r.status_code == 302 and m.Cycle.objects.get().visibility == "private"  # its author's draft, always
    assert "80% explain" in world.client("principal").get(started.get_absolute_url()).content.decode()
