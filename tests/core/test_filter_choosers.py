"""Filters that would list a whole district take a school or network by name or id, suggested as one types from
only what the viewer may see (``districtlab.core.choosers``)."""
import datetime as dt
import re

import pytest
from django.test import Client

from districtlab.org.models import Network
from districtlab.practices import models as practices
from districtlab.visits import models as visits

CHOOSERS = [("/practices/", "school"), ("/practices/", "network"), ("/visits/", "network"), ("/teams/", "school"),
            ("/people/", "school"), ("/inquiry/progress/", "network")]


def options(response):
    """The ids a suggestions answer offers."""
    return re.findall(r'role="option"[^>]* data-value="(\d+)"', response.content.decode())


@pytest.mark.parametrize("url, field", CHOOSERS)
def test_a_filter_is_a_labelled_combobox_not_a_list_of_the_district(world, url, field):
    body = world.client("central").get(url).content.decode()
    box = re.search(rf'<input type="text" name="{field}"[^>]*>', body).group(0)
    assert 'role="combobox"' in box and f'aria-controls="id_{field}_options"' in box and "hx-get=" in box
    assert f'<label for="id_{field}">' in body and f'id="id_{field}_options" role="listbox"' in body
    assert not re.search(r"<option[^>]*>(P\.S\. 7|P\.S\. 8|Growth triad)", body)  # no school or network listed
    assert re.search(r'<script src="[^"]*districtlab/chooser[^"]*\.js"', body)
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", body) and " onclick=" not in body  # no inline script


def test_suggestions_are_what_the_viewer_may_see(world):
    url = "/choose/school/?field=school&school=P.S."
    assert set(options(world.client("central").get(url))) == {str(world.host.pk), str(world.partner.pk)}
    assert options(world.client("outsider").get(url)) == []  # another district's schools are never suggested
    net = f"/choose/network/?field=network&network=growth&year={world.year.name}"
    assert options(world.client("facilitator").get(net)) == [str(world.network.pk)]
    assert options(world.client("facilitator").get(net.replace(world.year.name, "2015-16"))) == []  # another year
    assert world.client("central").get("/choose/nothing/?field=x&x=P.S.").status_code == 404
    assert Client().get(url).status_code == 302  # sign in first


def test_a_name_filters_as_its_id_does(world):
    practice = practices.Practice.objects.create(district=world.district, author=world.people["teacher"],
                                                 name="Turn and talk", kind="routine", description="x",
                                                 visibility="district", origin_school=world.host)
    visits.Meeting.objects.create(district=world.district, school_year=world.year, kind="site_visit", title="Visit",
                                  date=dt.date(2016, 10, 19), network=world.network, host=world.host)
    c = world.client("central")
    for url, by_id, by_name, found in [("/api/practices/", f"school={world.host.pk}", "school=p.s. 7", 1),
                                       ("/api/people/", f"school={world.host.pk}", "school=P.S. 7", 2),
                                       ("/api/teams/", f"school={world.host.pk}", "school=P.S. 7", 1)]:
        one, other = c.get(f"{url}?{by_id}").json(), c.get(f"{url}?{by_name}").json()
        assert one["count"] == other["count"] == found and one["results"] == other["results"], url
    assert ">Visit</a>" in c.get("/visits/?network=growth").content.decode()  # part of a name is a search
    Network.objects.create(district=world.district, school_year=world.year, name="Other pair", kind="pair")
    assert ">Visit</a>" not in c.get("/visits/?network=other").content.decode()
    assert c.get("/api/practices/?school=P.S. 8").json()["count"] == 0
    page = c.get(f"/practices/?school={world.host.pk}").content.decode()  # the id chosen shows as its name
    assert 'name="school" value="P.S. 7"' in page and f'value="{world.host.pk}" data-chosen-for="id_school"' in page
    assert practice.name in page


def test_a_name_one_may_not_see_is_refused_as_one_that_does_not_exist(world):
    c = world.client("outsider")
    hidden, unknown = c.get("/api/people/?school=P.S. 7"), c.get("/api/people/?school=No such school")
    assert hidden.status_code == unknown.status_code == 400 and hidden.json() == unknown.json()
    progress = world.client("central").get("/api/cycles-progress/?network=Nowhere")
    assert progress.status_code == 400 and progress.json()["network"] == ["That is not one of this year's networks."]


def test_the_suggestions_script_is_served(world):
    body = world.client("central").get("/visits/").content.decode()
    src = re.search(r'<script src="([^"]*chooser[^"]*\.js)"', body).group(1)
    r = world.client("central").get(src)
    assert r.status_code == 200 and b"aria-activedescendant" in b"".join(r.streaming_content if r.streaming else
                                                                         [r.content])
