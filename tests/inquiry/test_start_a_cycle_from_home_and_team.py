"""A team member starts the team's problem of practice, or a cycle, from the home page and the team page, with the
team and school year already chosen; "Start your team's problem of practice" only where the team has none."""
import re

import pytest

from districtlab.core.visibility import Visibility
from districtlab.inquiry import models as m


@pytest.fixture
def goal(world):
    problem = m.ProblemOfPractice.objects.create(
        district=world.district, author=world.people["teacher"], team=world.team, school=world.host,
        network=world.network, school_year=world.year, statement="Students rarely explain their thinking",
        visibility=Visibility.TEAM)
    return m.YearGoal.objects.create(
        district=world.district, author=world.people["teacher"], team=world.team, school=world.host,
        network=world.network, problem=problem, statement="80% explain their reasoning", visibility=Visibility.TEAM)


def selected(page: str, name: str) -> str | None:
    """The value chosen in the form's ``name`` select, or held in its hidden input."""
    select = re.search(rf'<select name="{name}".*?</select>', page, re.S)
    if select:
        chosen = re.search(r'<option value="(\d+)" selected>', select.group(0))
        return chosen.group(1) if chosen else None
    hidden = re.search(rf'<input type="hidden" name="{name}" value="([^"]*)"', page)
    return hidden.group(1) if hidden else None


def goal_choices(page: str) -> set[str]:
    select = re.search(r'<select name="goal".*?</select>', page, re.S).group(0)
    return set(re.findall(r'<option value="(\d+)"', select))


def test_home_offers_the_teams_problem_of_practice_where_it_has_none(world):
    c = world.client("teacher")
    home = c.get("/").content.decode()
    start = f"/inquiry/problems/start/?team={world.team.pk}&amp;school_year={world.year.pk}"
    assert "Start your team's problem of practice" in home and start in home
    assert "Open your problem of practice" not in home and "Start a cycle" not in home
    page = c.get(start.replace("&amp;", "&")).content.decode()
    assert selected(page, "team") == str(world.team.pk) and selected(page, "school_year") == str(world.year.pk)


@pytest.mark.parametrize("where", ["home", "team"])
def test_once_it_has_one_home_and_team_open_it_and_start_a_cycle_for_that_team_and_year(world, goal, where):
    c = world.client("principal")
    page = c.get("/" if where == "home" else f"/teams/{world.team.pk}/").content.decode()
    assert "Start your team's problem of practice" not in page
    assert f'href="/inquiry/problems/{goal.problem.pk}/">Open your problem of practice' in page
    start = f"/inquiry/cycles/start/?team={world.team.pk}&amp;school_year={world.year.pk}"
    assert f'href="{start}">Start a cycle' in page

    form = c.get(start.replace("&amp;", "&")).content.decode()
    assert selected(form, "goal") == str(goal.pk)
    assert selected(form, "team") == str(world.team.pk) and selected(form, "school_year") == str(world.year.pk)
    r = c.post("/inquiry/cycles/start/", {"goal": goal.pk, "title": "Turn and talk", "team": world.team.pk,
                                          "school_year": world.year.pk})
    cycle = m.Cycle.objects.get(title="Turn and talk")
    assert r.status_code == 302 and (cycle.goal, cycle.team, cycle.school) == (goal, world.team, world.host)


def test_the_cycle_start_offers_only_that_teams_goals_for_that_year(world, goal):
    other_team = world.team.__class__.objects.create(district=world.district, school=world.host,
                                                     school_year=world.year, kind="school_team", name="Grade 9 team")
    other = m.YearGoal.objects.create(
        district=world.district, author=world.people["teacher"], team=other_team, school=world.host,
        problem=m.ProblemOfPractice.objects.create(
            district=world.district, author=world.people["teacher"], team=other_team, school=world.host,
            school_year=world.year, statement="Another problem"), statement="Another goal")
    c = world.client("teacher")
    narrowed = c.get(f"/inquiry/cycles/start/?team={world.team.pk}&school_year={world.year.pk}").content.decode()
    assert goal_choices(narrowed) == {str(goal.pk)}
    typed = c.get("/inquiry/cycles/start/").content.decode()  # from no team: typed, never a list of every goal
    assert not re.search(r'<select name="goal"', typed) and 'placeholder="Type a year-long goal' in typed
    suggested = c.get("/choose/yeargoal/?field=goal&goal=o").content.decode()  # in both statements
    assert f'data-value="{goal.pk}"' in suggested and f'data-value="{other.pk}"' in suggested
    r = c.post("/inquiry/cycles/start/", {"goal": "Another goal", "title": "Turn and talk"})
    assert r.status_code == 302 and m.Cycle.objects.get(title="Turn and talk").goal == other


@pytest.mark.parametrize("query", ["team=abc&school_year=1", "team=&school_year=", "team=99999&school_year=99999",
                                   f"team={'9' * 30}&school_year=1"])
def test_a_bad_team_or_year_in_the_address_is_ignored(world, goal, query):
    r = world.client("teacher").get(f"/inquiry/cycles/start/?{query}")
    assert r.status_code == 200 and 'placeholder="Type a year-long goal' in r.content.decode()


def test_someone_outside_the_team_is_offered_neither(world, goal):
    page = world.client("coach").get(f"/teams/{world.team.pk}/").content.decode()
    assert "Start a cycle" not in page and "Start your team's problem of practice" not in page
