"""Every organisation list page and API list, the home page, record pages and the choosers' suggestions ask the same
number of queries in a district three times the size."""
from tests.query_counts import assert_flat, sizes  # noqa: F401  (the fixture)


def urls(world):
    school, network = world.schools[1], world.district.networks.filter(school_year__name="2016-17").first()
    return {
        "home": "/", "schools": "/schools/", "hosts": "/schools/?year=2016-17&network_role=host",
        "networks": "/networks/", "networks of a year": "/networks/?year=2016-17", "teams": "/teams/",
        "a school's teams": f"/teams/?school={school.name}", "people": "/people/",
        "people named": "/people/?q=Person 1",
        "a school's people": f"/people/?school={school.pk}", "district": world.district.get_absolute_url(),
        "school": school.get_absolute_url(), "team": world.teams[1].get_absolute_url(),
        "person": world.people[7].get_absolute_url(), "network": network.get_absolute_url(),
        "api schools": "/api/schools/", "api people": "/api/people/", "api networks": "/api/networks/",
        "api teams": "/api/teams/", "api network memberships": "/api/network-memberships/?returning=false",
        "api team memberships": "/api/team-memberships/", "api positions": "/api/positions/",
        "api demographics": "/api/demographics/",
        "school suggestions": "/choose/school/?field=school&school=P.S.",
        "network suggestions": "/choose/network/?field=network&network=Triad&year=2016-17",
    }


def test_organisation_lists_ask_the_same_queries_in_a_district_three_times_the_size(sizes):
    assert_flat(sizes, urls)
