"""The API refuses what the pages' forms refuse, with the same message on the same field: one validation for both."""
import pytest
from django.core.exceptions import ValidationError

from districtlab.inquiry import models as inquiry
from districtlab.org import models as org


def post(client, url, data):
    return client.post(url, data, content_type="application/json")


@pytest.fixture
def design_team(world):
    """A district design team (no school) that the teacher belongs to."""
    team = org.Team.objects.create(district=world.district, school_year=world.year, kind="design_team",
                                   name="District design team")
    org.TeamMembership.objects.create(team=team, person=world.people["teacher"], role="member")
    return team


def test_a_problem_of_practice_for_a_team_without_a_school_is_refused_by_the_api(world, design_team):
    r = post(world.client("teacher"), "/api/problems-of-practice/",
             {"team": design_team.pk, "school_year": world.year.pk, "statement": "Students rarely explain"})
    assert r.status_code == 400, r.content
    assert "school team" in " ".join(r.json()["team"])
    assert not inquiry.ProblemOfPractice.objects.exists()


def test_the_same_rule_holds_on_a_problem_moved_to_such_a_team_and_pages_keep_working(world, design_team):
    teacher = world.client("teacher")
    r = post(teacher, "/api/problems-of-practice/",
             {"team": world.team.pk, "school_year": world.year.pk, "statement": "Students rarely explain"})
    assert r.status_code == 201, r.content
    pk = r.json()["id"]
    url = f"/api/problems-of-practice/{pk}/"
    r = teacher.patch(url, {"team": design_team.pk}, content_type="application/json",
                      headers={"If-Match": teacher.get(url)["ETag"]})
    assert r.status_code == 400 and "team" in r.json()
    problem = inquiry.ProblemOfPractice.objects.get(pk=pk)
    assert problem.team == world.team and problem.school == world.host  # nothing changed
    assert teacher.get(f"/inquiry/problems/{pk}/").status_code == 200


def test_a_problem_for_a_school_year_of_another_district_is_refused_by_the_api(world):
    r = post(world.client("teacher"), "/api/problems-of-practice/",
             {"team": world.team.pk, "school_year": world.other_district.current_school_year_id, "statement": "x"})
    assert r.status_code == 400
    assert not inquiry.ProblemOfPractice.objects.exists()


def test_the_form_and_the_api_give_the_same_reason(world, design_team):
    """The rule lives on the model: whatever reaches it through a page or the API hears the same words."""
    problem = inquiry.ProblemOfPractice(district=world.district, author=world.people["teacher"], team=design_team,
                                        school_year=world.year, statement="x")
    with pytest.raises(ValidationError) as refused:
        problem.full_clean()
    api = post(world.client("teacher"), "/api/problems-of-practice/",
               {"team": design_team.pk, "school_year": world.year.pk, "statement": "x"}).json()
    assert api["team"] == refused.value.message_dict["team"]


def test_a_note_about_a_team_of_another_school_is_refused_by_the_page_and_the_api(world):
    partner_team = org.Team.objects.create(district=world.district, school=world.partner, school_year=world.year,
                                           kind="school_team", name="P.S. 8 LPP team")
    data = {"district": world.district.pk, "title": "Mixed up", "team": partner_team.pk, "school": world.host.pk}
    api = post(world.client("admin"), "/api/notes/", data)
    assert api.status_code == 400, api.content
    assert api.json()["school"] == ["That team belongs to another school."]
    page = world.client("admin").post("/notes/new/", data)
    assert page.status_code == 400
    assert "That team belongs to another school." in page.content.decode()
    assert not org.Note.objects.exists()


def test_a_note_about_a_team_takes_the_teams_school_through_the_api_as_on_the_page(world):
    r = post(world.client("teacher"), "/api/notes/",
             {"district": world.district.pk, "title": "About our team", "team": world.team.pk})
    assert r.status_code == 201, r.content
    assert r.json()["school"] == world.host.pk
