"""The demo's researcher (nyc.researcher) reads NYC DOE through pseudonyms only: the networks export, a visit
with its next steps and its summary, the people list and the API name nobody and order nobody by real name."""
import csv
import io

import pytest
from django.test import Client

from districtlab.org.models import District, Person
from districtlab.visits.models import Meeting

pytestmark = pytest.mark.django_db


def client(username):
    from django.contrib.auth import get_user_model

    c = Client()
    c.force_login(get_user_model().objects.get(username=username))
    return c


@pytest.fixture(scope="module")
def nyc_names(demo, django_db_blocker):
    with django_db_blocker.unblock():
        return {p.name for p in Person.objects.filter(district__short_name="NYC DOE").exclude(
            user__username="nyc.researcher")}


def leaked(names, text):
    return sorted(n for n in names if n in text)


def test_the_networks_export_and_people_list(demo, nyc_names):
    c = client("nyc.researcher")
    text = c.get("/transfer/export/networks.csv?year=2016-17").content.decode()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows and all(r["facilitator"].startswith("Participant ") for r in rows if r["facilitator"])
    assert not leaked(nyc_names, text)
    page = c.get(f"/people/?district={District.objects.get(short_name='NYC DOE').pk}")
    ids = [p.pk for p in page.context["object_list"]]
    assert ids == sorted(ids) and not leaked(nyc_names, page.content.decode())
    api = c.get("/api/people/").json()["results"]
    assert [p["id"] for p in api] == sorted(p["id"] for p in api) and not leaked(nyc_names, str(api))


def test_a_visit_with_next_steps_and_its_summary(demo, nyc_names):
    visit = Meeting.objects.filter(district__short_name="NYC DOE", next_steps__owner__isnull=False).first()
    assert visit is not None
    facilitator = client("nyc.facilitator")
    if facilitator.post(f"/visits/{visit.pk}/summary/").status_code != 302:  # another facilitator's network
        client("nyc.central").post(f"/visits/{visit.pk}/summary/")
    visit.refresh_from_db()
    assert visit.summary and "owner: " in visit.summary
    c = client("nyc.researcher")
    page = c.get(visit.get_absolute_url())
    assert page.status_code == 200
    body = page.content.decode()
    assert "owner: Participant " in body and not leaked(nyc_names, body) and "@demo.districtlab.org" not in body
    api = c.get(f"/api/meetings/{visit.pk}/").json()
    assert "owner: Participant " in api["summary"] and not leaked(nyc_names, api["summary"])
