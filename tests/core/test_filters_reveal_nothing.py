"""Filtering by a record one may not see answers exactly as filtering by a record that does not exist: a filter is
no way to learn that someone's private draft (or another district's network) is there."""
import datetime as dt
import re

import pytest

from districtlab.org import models as org
from districtlab.visits import models as visits

UNKNOWN = 987654


@pytest.fixture
def hidden(world, teachers_inquiry):
    """The teacher's private problem of practice, its goal and cycle; a network and school in another district."""
    problem, goal, cycle = (teachers_inquiry[k] for k in ("problem", "goal", "cycle"))
    other_year = world.other_district.current_school_year
    far_school = org.School.objects.create(district=world.other_district, name="Far away school")
    far_network = org.Network.objects.create(district=world.other_district, school_year=other_year, name="Far triad",
                                             kind="triad")
    visits.Meeting.objects.create(district=world.district, school_year=world.year, kind="site_visit", title="V",
                                  date=dt.date(2016, 10, 19), network=world.network, host=world.host)
    return {"problem": problem.pk, "goal": goal.pk, "cycle": cycle.pk, "school": far_school.pk,
            "network": far_network.pk, "district": world.other_district.pk, "team": world.team.pk}


API = [  # (url, parameter, which hidden record)
    ("/api/year-goals/", "problem", "problem"),
    ("/api/evidence/", "problem", "problem"),
    ("/api/cycles/", "goal", "goal"),
    ("/api/measures/", "cycle", "cycle"),
    ("/api/change-ideas/", "cycle", "cycle"),
    ("/api/positions/", "district", "district"),
    ("/api/demographics/", "school", "school"),
    ("/api/network-memberships/", "network", "network"),
    ("/api/schools/", "district", "district"),
    ("/api/people/", "school", "school"),
    ("/api/practices/", "network", "network"),
    ("/api/meetings/", "network", "network"),
]


@pytest.mark.parametrize("url,param,which", API)
def test_the_api_answers_an_invisible_id_as_an_unknown_one(world, hidden, url, param, which):
    c = world.client("principal")  # sees neither the teacher's draft nor the other district
    invisible, unknown = c.get(f"{url}?{param}={hidden[which]}"), c.get(f"{url}?{param}={UNKNOWN}")
    assert invisible.status_code == unknown.status_code == 400, (invisible.content, unknown.content)
    assert invisible.json() == unknown.json()
    assert param in invisible.json()


def test_the_api_still_filters_by_what_one_may_see(world, hidden):
    r = world.client("teacher").get(f"/api/year-goals/?problem={hidden['problem']}")
    assert r.status_code == 200 and r.json()["count"] == 1


PAGES = [
    ("/schools/", "district", "district"),
    ("/people/", "school", "school"),
    ("/networks/", "district", "district"),
    ("/teams/", "school", "school"),
    ("/practices/", "network", "network"),
    ("/practices/", "school", "school"),
    ("/visits/", "network", "network"),
    ("/inquiry/progress/", "network", "network"),
]


@pytest.mark.parametrize("url,param,which", PAGES)
def test_pages_answer_an_invisible_id_as_an_unknown_one(world, hidden, url, param, which):
    c = world.client("central")
    invisible, unknown = c.get(f"{url}?{param}={hidden[which]}"), c.get(f"{url}?{param}={UNKNOWN}")
    assert invisible.status_code == unknown.status_code, (invisible.status_code, unknown.status_code)
    assert invisible.status_code in (200, 400)
    strip = [str(hidden[which]), str(UNKNOWN)]
    bodies = []
    for response in (invisible, unknown):
        body = response.content.decode()
        for s in strip:
            body = body.replace(s, "ID")
        body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", body)
        bodies.append(body)
    assert bodies[0] == bodies[1]
