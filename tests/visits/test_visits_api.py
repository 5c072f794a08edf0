"""Meetings and visits through the API: the same participants, rules and ladder as the pages."""
from districtlab.visits import models as m


def post(client, url, data):
    return client.post(url, data, content_type="application/json")


def test_visits_are_listed_for_their_participants_only(world, visit):
    assert world.client("coach").get("/api/meetings/").json()["count"] == 1
    assert world.client("outsider").get("/api/meetings/").json()["count"] == 0
    assert world.client("coach").patch(f"/api/meetings/{visit.pk}/", {"title": "x"},
                                       content_type="application/json").status_code == 403


def test_an_observation_posted_is_a_private_draft_with_the_meetings_context(world, visit):
    r = post(world.client("coach"), "/api/observations/", {"meeting": visit.pk, "text": "Students turned and talked",
                                                          "visibility": "district"})
    assert r.status_code == 201, r.json()
    body = r.json()
    assert (body["visibility"], body["network"], body["school"]) == ("private", world.network.pk, world.host.pk)
    assert world.client("teacher").get(f"/api/observations/{body['id']}/").status_code == 404
    assert post(world.client("coach"), f"/api/observations/{body['id']}/publish/",
                {"visibility": "network"}).status_code == 200
    assert world.client("teacher").get(f"/api/observations/{body['id']}/").status_code == 200


def test_feedback_and_next_steps_by_participants_with_errors_by_field(world, visit):
    coach = world.client("coach")
    r = post(coach, "/api/feedback/", {"meeting": visit.pk, "kind": "shine", "text": "x"})
    assert r.status_code == 400 and "kind" in r.json()
    assert post(coach, "/api/feedback/", {"meeting": visit.pk, "kind": "glow", "text": "Wait time"}
                ).status_code == 201
    r = post(coach, "/api/next-steps/", {"meeting": visit.pk, "text": "Bring work", "due": "soon"})
    assert r.status_code == 400 and "due" in r.json()
    assert post(world.client("partner"), "/api/feedback/", {"meeting": visit.pk, "kind": "glow", "text": "x"}
                ).status_code == 403  # takes part in no meeting
    assert m.Feedback.objects.count() == 1
