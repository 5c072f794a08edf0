"""A record is put only in teams, schools, networks and parents its author may write to: through the pages and the
API alike, anything else is refused beside the field (400) and nothing is stored or moved."""
import pytest

from districtlab.inquiry import models as inquiry
from districtlab.org import models as org
from districtlab.practices import models as practices


def api(client, method, url, data):
    """A change (PUT or PATCH) sends back the ETag of a GET as If-Match, as a client must."""
    headers = {"If-Match": client.get(url)["ETag"]} if method in ("put", "patch") else {}
    return getattr(client, method)(url, data, content_type="application/json", headers=headers)


@pytest.fixture
def problem(world):
    return inquiry.ProblemOfPractice.objects.create(
        district=world.district, author=world.people["teacher"], team=world.team, school=world.host,
        network=world.network, school_year=world.year, statement="Students rarely explain their thinking")


@pytest.fixture
def their_goal(world, partner_team):
    """The coach's year-long goal at P.S. 8, shared with the whole district (the teacher sees it)."""
    ctx = dict(district=world.district, author=world.people["coach"], team=partner_team, school=world.partner,
               network=world.network, visibility="district")
    problem = inquiry.ProblemOfPractice.objects.create(school_year=world.year, statement="Theirs", **ctx)
    return inquiry.YearGoal.objects.create(problem=problem, statement="THEIR-GOAL", **ctx)


def test_a_teacher_cannot_move_their_problem_into_another_schools_team(world, problem, partner_team):
    teacher = world.client("teacher")
    r = api(teacher, "patch", f"/api/problems-of-practice/{problem.pk}/", {"team": partner_team.pk})
    assert r.status_code == 400 and "team you belong to" in r.json()["team"][0]
    r = teacher.post(f"/inquiry/problems/{problem.pk}/edit/", {
        "team": partner_team.pk, "school_year": world.year.pk, "statement": problem.statement})
    assert r.status_code == 400  # the form offers only the teacher's own teams
    problem.refresh_from_db()
    assert (problem.team, problem.school) == (world.team, world.host)  # not moved


def test_a_cycle_cannot_be_moved_under_a_goal_its_author_may_not_change(world, problem, their_goal):
    teacher = world.client("teacher")
    goal = inquiry.YearGoal.objects.create(problem=problem, statement="Mine", district=world.district,
                                           author=world.people["teacher"], team=world.team, school=world.host)
    cycle = inquiry.Cycle.objects.create(goal=goal, title="Mine", district=world.district,
                                         author=world.people["teacher"], team=world.team, school=world.host)
    r = api(teacher, "patch", f"/api/cycles/{cycle.pk}/", {"goal": their_goal.pk})
    assert r.status_code == 400 and "goal" in r.json()
    r = api(teacher, "post", "/api/cycles/", {"goal": their_goal.pk, "title": "In their goal"})
    assert r.status_code == 400 and "goal" in r.json()
    cycle.refresh_from_db()
    assert cycle.goal == goal and inquiry.Cycle.objects.count() == 1


@pytest.mark.parametrize("place", ["team", "school"])
def test_a_note_goes_only_in_the_authors_own_team_or_school(world, partner_team, place):
    teacher, before = world.client("teacher"), org.Note.objects.count()
    theirs = {"team": partner_team.pk, "school": world.partner.pk}[place]
    data = {"district": world.district.pk, "title": "About P.S. 8", "body": "b", place: theirs}
    r = teacher.post("/notes/new/", data)
    assert r.status_code == 400 and "You can only put this in" in r.content.decode()
    r = api(teacher, "post", "/api/notes/", data)
    assert r.status_code == 400 and place in r.json()
    assert org.Note.objects.count() == before
    mine = {"team": world.team.pk, "school": world.host.pk}[place]
    assert api(teacher, "post", "/api/notes/", {**data, place: mine}).status_code == 201


def test_a_note_cannot_be_moved_into_anpartner_team(world, partner_team, private_note):
    r = api(world.client("teacher"), "patch", f"/api/notes/{private_note.pk}/",
            {"team": partner_team.pk, "school": world.partner.pk})
    assert r.status_code == 400 and {"team", "school"} <= set(r.json())
    private_note.refresh_from_db()
    assert private_note.team == world.team


def test_central_office_puts_a_note_in_any_team_of_its_district(world, partner_team):
    r = api(world.client("central"), "post", "/api/notes/", {
        "district": world.district.pk, "title": "For P.S. 8", "team": partner_team.pk, "school": world.partner.pk})
    assert r.status_code == 201, r.json()


def test_a_practice_goes_only_in_the_authors_own_team(world, partner_team):
    data = {"district": world.district.pk, "name": "Turn and talk", "kind": "routine", "description": "d",
            "team": partner_team.pk}
    teacher = world.client("teacher")
    r = api(teacher, "post", "/api/practices/", data)
    assert r.status_code == 400 and "team" in r.json()
    r = teacher.post("/practices/practices/new/", data)
    assert r.status_code == 400 and "You can only put this in a team" in r.content.decode()
    assert not practices.Practice.objects.exists()
    assert api(teacher, "post", "/api/practices/", {**data, "team": world.team.pk}).status_code == 201
