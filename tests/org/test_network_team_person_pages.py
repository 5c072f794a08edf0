"""Network, team and person pages, the district overview and the role-aware home page."""
import datetime as dt
import re

from districtlab.org import models as m


def test_network_page_shows_schools_roles_focus_area_and_facilitator(world):
    body = world.client("teacher").get(world.network.get_absolute_url()).content.decode()
    assert "Teacher growth &amp; teams" in body
    assert "Fay Facilitator" in body
    assert "P.S. 7" in body and "P.S. 8" in body and "returning" in body


def test_team_page_lists_members_and_team_roles(world):
    body = world.client("coach").get(world.team.get_absolute_url()).content.decode()
    assert "Tess Teacher" in body and "Note taker" in body and "Leader" in body


def test_person_page_derives_tenure_from_positions(world):
    today, teacher = dt.date.today(), world.people["teacher"]
    world.district.current_school_year = m.SchoolYear.objects.create(
        district=world.district, name="This year", start=today - dt.timedelta(days=90),
        end=today + dt.timedelta(days=200))
    world.district.save()
    m.Position.objects.filter(person=teacher).update(start=today - dt.timedelta(days=round(3 * 365.25)))
    body = world.client("central").get(teacher.get_absolute_url()).content.decode()
    assert "3.0 years in post" in body and "where the district's records end" not in body
    assert "Model Teacher" in body and "P.S. 7 LPP team" in body


def test_contact_details_only_for_staff_and_self(world):
    url = world.people["teacher"].get_absolute_url()
    assert "teacher@example.org" in world.client("principal").get(url).content.decode()
    assert "teacher@example.org" in world.client("teacher").get(url).content.decode()
    assert "teacher@example.org" not in world.client("coach").get(url).content.decode()
    assert "teacher@example.org" not in world.client("partner").get(url).content.decode()


def test_district_overview_counts_networks_by_type_and_returning_schools(world):
    body = world.client("central").get(world.district.get_absolute_url()).content.decode()
    assert "1 triad" in body
    row = re.search(r"<tr><td><a [^>]*>2016-17</a></td>(.*?)</tr>", body, re.S).group(1)
    cells = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td>(.*?)</td>", row, re.S)]
    assert cells == ["1", "1 triad", "2", "1"]  # networks, by type, schools, returning


def test_home_shows_each_persons_own_world(world):
    teacher = world.client("teacher").get("/").content.decode()
    assert "P.S. 7" in teacher and "P.S. 7 LPP team" in teacher and "Growth triad" in teacher
    assert "Model Teacher" in teacher
    facilitator = world.client("facilitator").get("/").content.decode()
    assert "Growth triad" in facilitator
    assert "Form this year&#x27;s school team: P.S. 8" in facilitator  # P.S. 8 has no school team this year
    central = world.client("central").get("/").content.decode()
    assert "District overview" in central


def test_navigation_reaches_every_page_for_central_office(world):
    c = world.client("central")
    body = c.get("/").content.decode()
    for label, url in [("Schools", "/schools/"), ("Networks", "/networks/"), ("Teams", "/teams/"),
                       ("People", "/people/"), ("District", "/districts/"), ("Import &amp; export", "/transfer/")]:
        assert f'href="{url}"' in body and label in body
        assert c.get(url).status_code == 200


def test_last_years_team_does_not_count_as_this_years(world):
    old_year = m.SchoolYear.objects.create(district=world.district, name="2015-16", start=dt.date(2015, 9, 1),
                                           end=dt.date(2016, 6, 30))
    m.Team.objects.create(district=world.district, school=world.partner, school_year=old_year, kind="school_team",
                          name="P.S. 8 team 2015-16")
    m.Team.objects.create(district=world.district, school=world.partner, school_year=world.year, kind="plc",
                          name="P.S. 8 math PLC")
    body = world.client("facilitator").get("/").content.decode()
    assert "Form this year&#x27;s school team: P.S. 8" in body
    assert "Form this year&#x27;s school team: P.S. 7" not in body


def test_tenure_stops_where_a_past_districts_records_end(world):
    """A district recorded in the past (its current school year is over): an open position runs to the end of
    that year, not to today (a 30-year veteran in 2005-06 is not a 50-year one now)."""
    teacher = world.people["teacher"]
    m.Position.objects.filter(person=teacher).update(start=dt.date(2007, 6, 30), end=None)
    body = world.client("central").get(teacher.get_absolute_url()).content.decode()
    assert "10.0 years in post by Jun 30, 2017, where the district's records end" in " ".join(body.split())
    assert teacher.tenure_years(as_of=dt.date(2012, 6, 30)) == 5.0
