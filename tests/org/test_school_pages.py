"""Schools: the list with its filters, and the school page (demographics by year, teams, networks, people)."""
import datetime as dt

from districtlab.org import models as m


def test_school_list_filters_by_year_role_band_and_region(world):
    other_year = m.SchoolYear.objects.create(district=world.district, name="2015-16", start=dt.date(2015, 9, 1),
                                             end=dt.date(2016, 6, 30))
    old = m.Network.objects.create(district=world.district, school_year=other_year, name="Old pair", kind="pair")
    m.NetworkMembership.objects.create(network=old, school=world.partner, role="host")
    c = world.client("central")

    def names(query):
        r = c.get("/schools/" + query)
        assert r.status_code == 200
        assert not r.context["filterset"] or not r.context["filterset"].form.errors, r.context["filterset"].form.errors
        return {s.name for s in r.context["object_list"]}

    assert names("") == {"P.S. 7", "P.S. 8"}
    assert names("?year=2016-17&network_role=host") == {"P.S. 7"}
    assert names("?year=2015-16&network_role=host") == {"P.S. 8"}
    assert names("?network_role=host") == {"P.S. 7", "P.S. 8"}
    assert names("?grade_band=Middle") == {"P.S. 8"}
    assert names("?region=Brooklyn") == {"P.S. 7"}
    assert names("?q=7") == {"P.S. 7"}


def test_unknown_filter_value_is_explained_not_a_500(world):
    r = world.client("central").get("/schools/?year=1999-00")
    assert r.status_code == 200
    assert "Select a valid choice" in r.content.decode()


def test_school_page_shows_demographics_exactly_as_reported(world):
    for measure, value in [("% Poverty", ">80%"), ("% ELL", "40-60%"), ("Enrollment", "700-1200"), ("% SWD", "22")]:
        m.Demographic.objects.create(school=world.host, school_year=world.year, measure=measure, value=value)
    body = world.client("teacher").get(world.host.get_absolute_url()).content.decode()
    for shown in ("&gt;80%", "40-60%", "700-1200", "22"):
        assert shown in body
    stored = m.Demographic.objects.get(measure="% SWD")
    assert stored.number == 22 and m.Demographic.objects.get(measure="% ELL").number is None


def test_school_page_lists_teams_networks_and_people(world):
    body = world.client("coach").get(world.host.get_absolute_url()).content.decode()
    assert "P.S. 7 LPP team" in body
    assert "Growth triad" in body and "Host" in body
    assert "Pat Principal" in body and "Model Principal" in body
    assert "Tess Teacher" in body


def test_empty_school_list_says_what_to_do(world):
    m.School.objects.all().delete()
    body = world.client("central").get("/schools/").content.decode()
    assert "add the first school" in body
