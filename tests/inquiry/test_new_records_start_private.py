"""Whatever its parent's rung, a new cycle, goal or part of the inquiry is its author's private draft until they
share it, and the Share box offers every rung above the one it is on."""
import re

import pytest

from districtlab.inquiry import models as m


@pytest.fixture
def shared_goal(world):
    """The teacher's problem of practice and year-long goal, already shared with the network."""
    ctx = dict(district=world.district, author=world.people["teacher"], team=world.team, school=world.host,
               network=world.network, visibility="network")
    problem = m.ProblemOfPractice.objects.create(school_year=world.year, statement="Students rarely explain", **ctx)
    return m.YearGoal.objects.create(problem=problem, statement="80% explain their reasoning by June", **ctx)


def share_choices(page: str) -> list[str]:
    box = page.split('name="visibility"', 1)[1].split("</select>", 1)[0]
    return re.findall(r'<option value="(\w+)"', box)


def cycles_counted(world, role):
    """How many of the host school's cycles ``role`` sees counted on the progress dashboard (as JSON)."""
    rows = world.client(role).get(f"/api/cycles-progress/?year={world.year.pk}").json()["schools"]
    return next(r["cycles"] for r in rows if r["school"] == world.host.pk)


def test_a_cycle_started_step_by_step_under_a_network_goal_is_a_private_draft(world, shared_goal):
    teacher = world.client("teacher")
    r = teacher.post("/inquiry/cycles/start/", {"goal": shared_goal.pk, "title": "SECRET-TURN-AND-TALK",
                                                "smaller_goal": "Half of students use sentence starters"})
    cycle = m.Cycle.objects.get()
    assert r.status_code == 302 and cycle.visibility == "private"
    # nobody else sees it yet: not the facilitator, not the network's pages, not the progress counts
    assert world.client("facilitator").get(cycle.get_absolute_url()).status_code == 404
    assert "SECRET-TURN-AND-TALK" not in world.client("facilitator").get("/inquiry/facilitator/").content.decode()
    assert cycles_counted(world, "central") == 0
    # the Share box offers every rung above "private", not only "The district"
    page = teacher.get(f"/inquiry/cycles/{cycle.pk}/steps/share/").content.decode()
    assert share_choices(page) == ["team", "school", "network", "district"]
    assert teacher.post(f"/inquiry/cycles/{cycle.pk}/share/", {"visibility": "network"}).status_code == 302
    assert world.client("facilitator").get(cycle.get_absolute_url()).status_code == 200
    assert cycles_counted(world, "central") == 1


def test_a_cycle_made_on_its_full_form_is_a_private_draft_too(world, shared_goal):
    r = world.client("teacher").post("/inquiry/cycles/new/", {"goal": shared_goal.pk, "title": "Full form",
                                                              "stage": "plan"})
    assert r.status_code == 302, r.content.decode()[:500]
    assert m.Cycle.objects.get().visibility == "private"


def test_a_goal_added_at_its_guide_step_under_a_shared_problem_is_a_private_draft(world, shared_goal):
    problem = shared_goal.problem
    r = world.client("teacher").post(f"/inquiry/problems/{problem.pk}/steps/goal/",
                                     {"add-statement": "A second goal, still a draft"})
    assert r.status_code == 302
    goal = m.YearGoal.objects.get(statement="A second goal, still a draft")
    assert (goal.visibility, goal.team, goal.network) == ("private", world.team, world.network)
    assert world.client("principal").get(problem.get_absolute_url()).content.decode().count("still a draft") == 0


def test_records_posted_to_the_api_under_shared_parents_are_private_drafts(world, shared_goal):
    teacher = world.client("teacher")
    goal = teacher.post("/api/year-goals/", {"problem": shared_goal.problem.pk, "statement": "Another goal"},
                        content_type="application/json")
    cycle = teacher.post("/api/cycles/", {"goal": shared_goal.pk, "title": "Through the API"},
                         content_type="application/json")
    assert (goal.status_code, cycle.status_code) == (201, 201)
    assert goal.json()["visibility"] == cycle.json()["visibility"] == "private"
    assert world.client("facilitator").get(f"/api/cycles/{cycle.json()['id']}/").status_code == 404
