"""The progress dashboard (page, exports, API), its filters and the inquiry API lists ask the same number of queries
in a district three times the size."""
import csv
import io

from django.test import Client

from districtlab.demo.synthetic import build
from tests.query_counts import assert_flat, sizes  # noqa: F401  (the fixture)


def urls(world):
    network = world.district.networks.filter(school_year__name="2016-17").order_by("pk").first()
    facilitator = network.facilitators.get()
    return {
        "progress": "/inquiry/progress/", "progress of a network": f"/inquiry/progress/?network={network.name}",
        "progress of a network by id": f"/inquiry/progress/?network={network.pk}",
        "progress, last page": "/inquiry/progress/?page=last", "progress csv": "/inquiry/progress.csv",
        "progress xlsx": "/inquiry/progress.xlsx", "api progress": "/api/cycles-progress/",
        "api progress, page 2": "/api/cycles-progress/?page=2",
        "api progress of a network": f"/api/cycles-progress/?network={network.name}",
        "network inquiry": f"/inquiry/networks/{network.pk}/",
        "school inquiry": f"/inquiry/schools/{world.schools[1].pk}/",
        "api problems": "/api/problems-of-practice/", "api goals": "/api/year-goals/", "api cycles": "/api/cycles/",
        "program network suggestions": "/choose/program-network/?field=network&network=Triad",
        "progress of a facilitator": f"/inquiry/progress/?facilitator={facilitator.pk}",
        "progress of a facilitator by name": f"/inquiry/progress/?facilitator={facilitator.name}",
        "facilitator suggestions": "/choose/facilitator/?field=facilitator&facilitator=Person",
    }


def test_progress_and_inquiry_lists_ask_the_same_queries_in_a_district_three_times_the_size(sizes):
    assert_flat(sizes, urls)


def test_the_api_gives_the_schools_a_page_at_a_time_and_the_export_gives_them_all(db):
    world = build(60, username="big")
    c = Client()
    c.force_login(world.user)
    first = c.get("/api/cycles-progress/").json()
    assert first["count"] == first["summary"]["schools"] == 60 and first["previous"] is None
    second = c.get(first["next"]).json()
    assert (len(first["schools"]), len(second["schools"]), second["next"]) == (50, 10, None)
    assert len({s["school"] for s in first["schools"] + second["schools"]}) == 60
    assert len(list(csv.DictReader(io.StringIO(c.get("/inquiry/progress.csv").content.decode())))) == 60
