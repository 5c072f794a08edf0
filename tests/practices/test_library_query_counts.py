"""The practice library (filtered by a school or network chosen by name), a practice, conventions and the practices
API lists ask the same number of queries in a district three times the size."""
from districtlab.practices.models import Practice
from tests.query_counts import assert_flat, sizes  # noqa: F401  (the fixture)


def urls(world):
    network = world.district.networks.filter(school_year__name="2016-17").order_by("pk").first()
    practice = Practice.objects.filter(district=world.district).order_by("pk").first()
    return {
        "library": "/practices/", "from or used at a school": f"/practices/?school={world.schools[1].name}",
        "from or used in a network": f"/practices/?network={network.name}",
        "by school id": f"/practices/?school={world.schools[1].pk}", "practice": practice.get_absolute_url(),
        "conventions": "/practices/conventions/", "api practices": "/api/practices/",
        "api practices at a school": f"/api/practices/?school={world.schools[1].name}",
        "api adoptions": "/api/adoptions/",
    }


def test_library_lists_ask_the_same_queries_in_a_district_three_times_the_size(sizes):
    assert_flat(sizes, urls)
