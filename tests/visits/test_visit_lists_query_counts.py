"""The visits list (filtered by a network too), compliance, a visit, feedback trends and the visits API lists ask the
same number of queries in a district three times the size."""
from django.test import Client

from districtlab.demo.synthetic import build
from districtlab.visits.models import Meeting
from tests.query_counts import assert_flat, sizes  # noqa: F401  (the fixture)


def urls(world):
    network = world.district.networks.filter(school_year__name="2016-17").order_by("pk").first()
    visit = Meeting.objects.filter(network=network).order_by("date").first()
    return {
        "visits": "/visits/", "visits of a network": f"/visits/?network={network.name}",
        "visits of a network by id": f"/visits/?network={network.pk}&year=2016-17",
        "compliance": "/visits/compliance/", "compliance, last pages": "/visits/compliance/?page=last&absent_page=last",
        "visit": visit.get_absolute_url(), "feedback trends": f"/visits/networks/{network.pk}/feedback/",
        "api meetings": "/api/meetings/", "api attendance": "/api/attendance/", "api feedback": "/api/feedback/",
    }


def test_visit_lists_ask_the_same_queries_in_a_district_three_times_the_size(sizes):
    assert_flat(sizes, urls)


def test_compliance_shows_the_schools_with_gaps_a_page_at_a_time(db):
    world = build(60, username="big")  # every school's fortnightly meetings stop in May: a gap to the year's end
    c = Client()
    c.force_login(world.user)
    first, second = (c.get(f"/visits/compliance/{q}").content.decode() for q in ("", "?page=2"))
    assert "60 had longer gaps" in first and "1–50 of 60" in first and 'href="?page=2"' in first
    assert "51–60 of 60" in second and first.count('<th scope="row">') == 50 and second.count('<th scope="row">') == 10
