"""The JSON API: filters, pagination, writes, field errors, token auth, and the OpenAPI schema."""
import pytest
from django.test import Client

from districtlab.accounts.models import ApiToken
from districtlab.org import models as m


def test_lists_are_paginated_and_filtered(world):
    for i in range(60):
        m.School.objects.create(district=world.district, name=f"Extra {i:02d}", region="Bronx")
    c = world.client("central")
    page = c.get("/api/schools/").json()
    assert page["count"] == 62 and len(page["results"]) == 50 and page["next"]
    assert c.get("/api/schools/?page=2").json()["results"][-1]["name"] == "P.S. 8"
    hosts = c.get("/api/schools/?year=2016-17&network_role=host").json()
    assert [s["name"] for s in hosts["results"]] == ["P.S. 7"]
    assert [s["name"] for s in c.get("/api/schools/?search=Extra 05").json()["results"]] == ["Extra 05"]
    nets = c.get(f"/api/networks/?year=2016-17&facilitator={world.people['facilitator'].pk}").json()
    assert [n["name"] for n in nets["results"]] == ["Growth triad"]
    assert c.get("/api/network-memberships/?returning=true").json()["count"] == 1


def test_bad_input_gets_field_errors_not_500(world):
    c = world.client("central")
    r = c.post("/api/school-years/", {"district": world.district.pk, "name": "2017-18", "start": "2018-06-30",
                                     "end": "2017-09-01"}, content_type="application/json")
    assert r.status_code == 400 and r.json() == {"end": ["The year must end after it starts."]}
    r = c.post("/api/schools/", {"district": world.district.pk, "name": "P.S. 7"}, content_type="application/json")
    assert r.status_code == 400 and "non_field_errors" in r.json()
    r = c.post("/api/demographics/", {"school": world.host.pk, "school_year": world.year.pk, "measure": "x",
                                      "value": "lots"}, content_type="application/json")
    assert r.status_code == 400 and "not a reported value" in r.json()["value"][0]
    r = c.post("/api/schools/", "{not json", content_type="application/json")
    assert r.status_code == 400
    r = c.post("/api/schools/", {"district": 999999, "name": "X"}, content_type="application/json")
    assert r.status_code == 400 and "district" in r.json()
    assert c.get("/api/schools/?year=bogus").status_code == 400
    assert c.get("/api/schools/abc/").status_code == 404


def test_cross_district_choices_are_refused_as_field_errors(world):
    r = world.client("central").post("/api/network-memberships/", {
        "network": world.network.pk, "school": m.School.objects.create(district=world.other_district, name="Far").pk,
        "role": "partner"}, content_type="application/json")
    assert r.status_code == 400 and "school" in r.json()


def test_update_and_partial_update(world):
    c = world.client("principal")
    url = f"/api/schools/{world.host.pk}/"
    r = c.patch(url, {"grades": "8-12"}, content_type="application/json", headers={"If-Match": c.get(url)["ETag"]})
    assert r.status_code == 200 and r.json()["grades"] == "8-12"
    url = f"/api/teams/{world.team.pk}/"
    r = c.patch(url, {"school": world.partner.pk}, content_type="application/json",
                headers={"If-Match": c.get(url)["ETag"]})
    assert r.status_code == 403  # a principal cannot move their team into another school
    world.team.refresh_from_db()
    assert world.team.school == world.host


def test_token_auth(world):
    _, key = ApiToken.objects.create(user=world.users["coach"])
    c = Client()
    assert c.get("/api/schools/").status_code == 401
    r = c.get("/api/schools/", HTTP_AUTHORIZATION=f"Token {key}")
    assert r.status_code == 200 and r.json()["count"] == 2
    assert c.get("/api/schools/", HTTP_AUTHORIZATION="Token wrong").status_code == 401


def test_obtain_token_with_username_and_password(world):
    world.users["coach"].set_password("pw-123456")
    world.users["coach"].save()
    r = Client().post("/api/token/", {"username": "coach", "password": "pw-123456"})
    assert r.status_code == 200 and ApiToken.objects.get(user=world.users["coach"]).token_key == r.json()["token"][:15]
    assert Client().post("/api/token/", {"username": "coach", "password": "no"}).status_code == 400


def test_schema_and_docs_are_served_without_cdn(world):
    c = world.client("teacher")
    schema = c.get("/api/schema/?format=json").json()
    assert schema["openapi"].startswith("3.")
    for path in ("/api/schools/", "/api/networks/{id}/", "/api/people/", "/api/notes/{id}/publish/"):
        assert path in schema["paths"]
    docs = c.get("/api/docs/").content.decode()
    assert "swagger-ui" in docs and "cdn" not in docs.lower() and "unpkg" not in docs
    assert c.get("/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js").status_code == 200


@pytest.mark.parametrize("endpoint", ["districts", "school-years", "school-types", "schools", "demographics",
                                      "people", "positions", "teams", "team-memberships", "focus-areas",
                                      "networks", "network-memberships", "notes"])
def test_every_endpoint_lists_only_the_actors_district(world, endpoint):
    outsider = world.client("outsider").get(f"/api/{endpoint}/").json()
    assert all(str(world.district.pk) != str(r.get("district")) for r in outsider["results"])
    assert "P.S. 7" not in str(outsider)
