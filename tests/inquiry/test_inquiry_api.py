"""Cycles of Learning through the API: the same ladder, context and rules as the pages."""
import pytest

from districtlab.inquiry import models as m


def post(client, url, data):
    return client.post(url, data, content_type="application/json")


@pytest.fixture
def draft(world):
    r = post(world.client("teacher"), "/api/problems-of-practice/", {
        "team": world.team.pk, "school_year": world.year.pk, "statement": "Students rarely explain their thinking",
        "visibility": "district", "author": world.people["principal"].pk})
    assert r.status_code == 201, r.json()
    return m.ProblemOfPractice.objects.get(pk=r.json()["id"])


def test_a_problem_posted_is_the_authors_private_draft_with_its_teams_context(world, draft):
    assert (draft.author, draft.visibility) == (world.people["teacher"], "private")  # not what was asked for
    assert (draft.district, draft.school, draft.network) == (world.district, world.host, world.network)
    for role in ("principal", "central", "facilitator", "admin"):
        assert world.client(role).get(f"/api/problems-of-practice/{draft.pk}/").status_code == 404, role
        assert world.client(role).get("/api/problems-of-practice/").json()["count"] == 0, role


def test_only_the_team_names_its_problem(world):
    r = post(world.client("coach"), "/api/problems-of-practice/", {
        "team": world.team.pk, "school_year": world.year.pk, "statement": "Not my team"})
    assert r.status_code in (400, 403) and not m.ProblemOfPractice.objects.exists()
    r = post(world.client("teacher"), "/api/problems-of-practice/", {"school_year": world.year.pk, "statement": "x"})
    assert r.status_code == 400 and "team" in r.json()


def test_goals_and_cycles_take_their_parents_context_and_start_as_private_drafts(world, draft):
    teacher = world.client("teacher")
    assert post(teacher, f"/api/problems-of-practice/{draft.pk}/publish/", {"visibility": "team"}).status_code == 200
    principal = world.client("principal")
    goal = post(principal, "/api/year-goals/", {"problem": draft.pk, "statement": "80% explain by June"}).json()
    assert (goal["visibility"], goal["team"], goal["school"]) == ("private", world.team.pk, world.host.pk)
    assert post(principal, f"/api/year-goals/{goal['id']}/publish/", {"visibility": "team"}).status_code == 200
    cycle = post(teacher, "/api/cycles/", {"goal": goal["id"], "title": "Turn and talk", "started": "2016-10-03",
                                           "ended": "2016-09-01"})
    assert cycle.status_code == 400 and "ended" in cycle.json()
    cycle = post(teacher, "/api/cycles/", {"goal": goal["id"], "title": "Turn and talk"}).json()
    assert cycle["stage"] == "plan" and cycle["visibility"] == "private"
    r = post(world.client("central"), "/api/cycles/", {"goal": goal["id"], "title": "Not mine"})
    assert r.status_code == 400 and m.Cycle.objects.count() == 1  # central cannot even see the goal
    assert post(world.client("facilitator"), f"/api/cycles/{cycle['id']}/publish/",
                {"visibility": "network"}).status_code == 404


def test_measures_and_data_points_belong_to_whoever_may_change_the_cycle(world, draft):
    teacher = world.client("teacher")
    goal = post(teacher, "/api/year-goals/", {"problem": draft.pk, "statement": "G"}).json()
    cycle = post(teacher, "/api/cycles/", {"goal": goal["id"], "title": "T"}).json()
    measure = post(teacher, "/api/measures/", {"cycle": cycle["id"], "name": "Explaining", "chart": "zz"})
    assert measure.status_code == 400 and "chart" in measure.json()
    measure = post(teacher, "/api/measures/", {"cycle": cycle["id"], "name": "Explaining"}).json()
    assert post(teacher, "/api/data-points/", {"measure": measure["id"], "position": 0, "label": "W1",
                                               "value": 3}).status_code == 201
    assert post(teacher, "/api/data-points/", {"measure": measure["id"], "position": 0, "label": "W1",
                                               "value": 4}).status_code == 400
    assert post(world.client("principal"), "/api/data-points/", {"measure": measure["id"], "position": 1,
                                                                 "label": "W2", "value": 4}).status_code == 400
    assert m.DataPoint.objects.count() == 1


def test_progress_as_json_for_central_office_only(world, draft):
    teacher = world.client("teacher")
    post(teacher, f"/api/problems-of-practice/{draft.pk}/publish/", {"visibility": "network"})
    body = world.client("central").get("/api/cycles-progress/").json()
    schools = {s["school_name"]: s for s in body["schools"]}
    assert body["summary"]["schools"] == 2 and schools["P.S. 7"]["step_reached"] == "problem"
    assert schools["P.S. 8"]["step_reached"] == "none" and schools["P.S. 8"]["networks"] == [world.network.pk]
    assert world.client("teacher").get("/api/cycles-progress/").status_code == 403
    bad = world.client("central").get("/api/cycles-progress/?network=abc")
    assert bad.status_code == 400 and "network" in bad.json()


def test_the_schema_documents_the_inquiry_endpoints(world):
    schema = world.client("central").get("/api/schema/?format=json").json()
    assert {"/api/cycles/", "/api/cycles/{id}/publish/", "/api/measures/", "/api/cycles-progress/"} <= set(
        schema["paths"])
