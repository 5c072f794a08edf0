"""Pages and API lists issue a number of queries that does not grow with the data."""
import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from districtlab.org import models as m


def grow(world, n, tag):
    """Add n schools, each with a network, a team, people, positions and demographics."""
    d, y = world.district, world.year
    for i in range(n):
        school = m.School.objects.create(district=d, name=f"{tag} school {i}", grades="K-5", region="Bronx")
        t = m.SchoolType.objects.get_or_create(district=d, name=f"Type {i % 3}")[0]
        school.types.add(t)
        m.Demographic.objects.create(school=school, school_year=y, measure="% ELL", value="40-60%")
        m.Demographic.objects.create(school=world.host, school_year=y, measure=f"{tag} measure {i}", value="5")
        net = m.Network.objects.create(district=d, school_year=y, name=f"{tag} net {i}", kind="pair",
                                       focus_area=world.lfa)
        m.NetworkMembership.objects.create(network=net, school=school, role="host")
        m.NetworkMembership.objects.create(network=world.network, school=school, role="partner")
        person = m.Person.objects.create(district=d, name=f"{tag} person {i}")
        m.Position.objects.create(person=person, district=d, school=world.host, kind="teacher",
                                  start=dt.date(2016, 9, 1))
        m.Position.objects.create(person=person, district=d, school=school, kind="coach")
        net.facilitators.add(person)
        team = m.Team.objects.create(district=d, school=school, school_year=y, kind="plc", name=f"{tag} team {i}")
        m.TeamMembership.objects.create(team=team, person=person)
        m.TeamMembership.objects.create(team=world.team, person=person, role="member")
        m.Note.objects.create(district=d, author=person, title=f"{tag} note {i}", visibility="district",
                              team=world.team)


def count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        r = client.get(url)
    assert r.status_code == 200, url
    return len(ctx.captured_queries)


URLS = [
    "/", "/schools/", "/networks/", "/teams/", "/people/", "/notes/", "/years/", "/focus-areas/", "/districts/",
    "{district}", "{host}", "{network}", "{team}", "{teacher}",
    "/api/schools/", "/api/networks/", "/api/people/", "/api/teams/", "/api/network-memberships/",
    "/api/team-memberships/", "/api/positions/", "/api/demographics/", "/api/notes/",
    "/transfer/export/networks.csv", "/transfer/export/schools.csv", "/transfer/export/people.csv",
]


@pytest.mark.parametrize("role", ["central", "teacher", "researcher"])
def test_queries_do_not_grow_with_rows(world, role):
    c = world.client(role)
    urls = [u.format(district=world.district.get_absolute_url(), host=world.host.get_absolute_url(),
                     network=world.network.get_absolute_url(), team=world.team.get_absolute_url(),
                     teacher=world.people["teacher"].get_absolute_url()) for u in URLS]
    grow(world, 3, "a")
    small = {u: count(c, u) for u in urls}
    grow(world, 12, "b")
    large = {u: count(c, u) for u in urls}
    assert small == large
