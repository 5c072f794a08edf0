"""A school team runs its inquiry: a private draft, shared with the team, goals, cycles and measures."""
import pytest

from districtlab.inquiry import models as m


@pytest.fixture
def problem_form(world):
    return {"team": world.team.pk, "school_year": world.year.pk, "focus_area": world.lfa.pk,
            "statement": "Students rarely talk to each other about their thinking.",
            "how_decided": "Quality review 4.2 and lesson observations"}


def test_a_problem_of_practice_starts_as_the_authors_private_draft(world, problem_form):
    r = world.client("teacher").post("/inquiry/problems/new/", problem_form)
    problem = m.ProblemOfPractice.objects.get()
    assert r.status_code == 302
    assert (problem.author, problem.visibility, problem.school, problem.network) == (
        world.people["teacher"], "private", world.host, world.network)
    for role in ("principal", "central", "admin", "facilitator"):
        assert world.client(role).get(problem.get_absolute_url()).status_code == 404, role
        assert "rarely talk" not in world.client(role).get(f"/inquiry/schools/{world.host.pk}/").content.decode()


def test_only_the_team_or_its_principal_name_the_teams_problem(world, problem_form):
    assert world.client("coach").post("/inquiry/problems/new/", problem_form).status_code == 400  # not on the team
    assert world.client("principal").post("/inquiry/problems/new/", problem_form).status_code == 302
    assert m.ProblemOfPractice.objects.get().author == world.people["principal"]


def test_shared_with_the_team_every_member_can_work_on_it(world, problem_form):
    teacher, principal = world.client("teacher"), world.client("principal")
    teacher.post("/inquiry/problems/new/", problem_form)
    problem = m.ProblemOfPractice.objects.get()
    assert teacher.post(f"/inquiry/problems/{problem.pk}/share/", {"visibility": "team"}).status_code == 302
    assert principal.get(problem.get_absolute_url()).status_code == 200
    r = principal.post("/inquiry/goals/new/", {"problem": problem.pk, "statement": "80% of students explain "
                                                                                  "their reasoning by June"})
    goal = m.YearGoal.objects.get()
    assert r.status_code == 302 and (goal.visibility, goal.team) == ("private", world.team)  # the principal's draft
    assert principal.post(f"/inquiry/goals/{goal.pk}/share/", {"visibility": "team"}).status_code == 302
    assert teacher.get(problem.get_absolute_url()).content.decode().count("80% of students") == 1
    assert world.client("coach").get(problem.get_absolute_url()).status_code == 404  # not on the team
    assert world.client("central").get(problem.get_absolute_url()).status_code == 404  # not shared with the district


def test_a_cycle_with_change_ideas_and_a_measure(world, problem_form):
    c = world.client("teacher")
    c.post("/inquiry/problems/new/", problem_form)
    problem = m.ProblemOfPractice.objects.get()
    c.post("/inquiry/goals/new/", {"problem": problem.pk, "statement": "Goal"})
    goal = m.YearGoal.objects.get()
    r = c.post("/inquiry/cycles/new/", {"goal": goal.pk, "title": "Turn and talk", "stage": "plan",
                                        "smaller_goal": "Half of students use sentence starters",
                                        "prediction": "More students will explain", "started": "2016-10-03"})
    cycle = m.Cycle.objects.get()
    assert r.status_code == 302
    c.post("/inquiry/change-ideas/new/", {"cycle": cycle.pk, "description": "Sentence starters on every desk"})
    c.post("/inquiry/measures/new/", {"cycle": cycle.pk, "name": "Students explaining", "unit": "% of students",
                                      "direction": "up", "nature": "outcome", "chart": "run"})
    body = c.get(cycle.get_absolute_url()).content.decode()
    assert "Sentence starters on every desk" in body and "Students explaining" in body
    assert "How will you know that change worked?" in body  # the facilitator's prompt at the plan step
    assert 'aria-current="step"' in body


def test_cycle_dates_are_checked_beside_the_field(world, problem_form):
    c = world.client("teacher")
    c.post("/inquiry/problems/new/", problem_form)
    c.post("/inquiry/goals/new/", {"problem": m.ProblemOfPractice.objects.get().pk, "statement": "Goal"})
    r = c.post("/inquiry/cycles/new/", {"goal": m.YearGoal.objects.get().pk, "title": "T", "stage": "plan",
                                        "started": "2016-10-03", "ended": "2016-09-01"})
    assert r.status_code == 400 and "A cycle cannot end before it starts." in r.content.decode()
    assert 'value="T"' in r.content.decode()


def test_someone_elses_goal_cannot_get_my_cycle(world, problem_form):
    world.client("teacher").post("/inquiry/problems/new/", problem_form)
    problem = m.ProblemOfPractice.objects.get()
    world.client("teacher").post(f"/inquiry/problems/{problem.pk}/share/", {"visibility": "district"})
    world.client("teacher").post("/inquiry/goals/new/", {"problem": problem.pk, "statement": "Goal"})
    goal = m.YearGoal.objects.get()
    r = world.client("central").post("/inquiry/cycles/new/", {"goal": goal.pk, "title": "Not mine", "stage": "plan"})
    assert r.status_code == 400 and not m.Cycle.objects.exists()
