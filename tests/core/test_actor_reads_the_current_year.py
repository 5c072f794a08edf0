"""Who someone is comes from the district's current school year: last year's positions, teams and networks give no
rights; a district with no current year goes by today's date."""
import datetime as dt

from districtlab.core.permissions import build_actor
from districtlab.org import models as m


def actor(world, role):
    return build_actor(world.people[role].user)


def last_year(world):
    return m.SchoolYear.objects.create(district=world.district, name="2015-16", start=dt.date(2015, 9, 1),
                                       end=dt.date(2016, 6, 30))


def test_the_fixture_people_have_their_current_rights(world):
    principal, facilitator = actor(world, "principal"), actor(world, "facilitator")
    assert principal.led_school_ids == {world.host.pk} and principal.team_ids == {world.team.pk}
    assert principal.network_ids == {world.network.pk} and not principal.facilitated_network_ids
    assert facilitator.network_ids == facilitator.facilitated_network_ids == {world.network.pk}


def test_last_years_teams_and_networks_give_no_rights(world):
    old = last_year(world)
    network = m.Network.objects.create(district=world.district, school_year=old, name="Old triad", kind="triad")
    m.NetworkMembership.objects.create(network=network, school=world.host, role="host")
    network.facilitators.add(world.people["facilitator"])
    team = m.Team.objects.create(district=world.district, school=world.host, school_year=old, kind="school_team",
                                 name="Old team")
    m.TeamMembership.objects.create(team=team, person=world.people["teacher"], role="member",
                                    end=dt.date(2016, 6, 30))
    assert actor(world, "principal").network_ids == {world.network.pk}
    assert actor(world, "facilitator").facilitated_network_ids == {world.network.pk}
    assert actor(world, "teacher").team_ids == {world.team.pk}


def test_a_position_that_ended_before_the_year_gives_no_role(world):
    m.Position.objects.filter(person=world.people["principal"]).update(end=dt.date(2016, 6, 30))
    principal = actor(world, "principal")
    assert not principal.roles and not principal.school_ids and not principal.network_ids


def test_without_a_current_year_the_year_of_today_counts(world):
    today = dt.date.today()
    now = m.SchoolYear.objects.create(district=world.district, name="This year", start=today - dt.timedelta(days=30),
                                      end=today + dt.timedelta(days=30))
    current = m.Network.objects.create(district=world.district, school_year=now, name="Current triad", kind="triad")
    current.facilitators.add(world.people["facilitator"])
    m.NetworkMembership.objects.create(network=current, school=world.host, role="partner")
    m.District.objects.filter(pk=world.district.pk).update(current_school_year=None)
    assert actor(world, "facilitator").facilitated_network_ids == {current.pk}
    assert actor(world, "principal").network_ids == {current.pk}
