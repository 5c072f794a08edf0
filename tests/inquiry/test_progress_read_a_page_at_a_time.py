"""The dashboard of those who count the whole district is read from the district's count stored as a row per school:
a request asks SQL for one page of rows and one aggregate of counts. What it shows is what the records say: on the
demo every row and count equals the standings ``analysis.completion`` computes from the records the viewer may
count (``progress``, counted in the request); a cycle's title shows only where the viewer may read it, and
researchers see facilitators by pseudonym."""
import csv
import datetime as dt
import io

import pytest
from django.contrib.auth import get_user_model

from districtlab.core.permissions import build_actor
from districtlab.inquiry import models as m
from districtlab.inquiry.progress import StoredRows, dashboard, progress
from districtlab.org.models import Network, Person, SchoolYear
from tests.inquiry.test_progress_pages import inquiry, page


def shown(row):
    """A row as every page shows it."""
    s = row.standing
    return (row.school.pk, str(row.school), [n.pk for n in row.networks], row.facilitators, s.reached, s.cycles,
            s.shared, s.meets_expectation, s.overdue)


def viewer(username):
    return build_actor(get_user_model().objects.get(username=username))


@pytest.mark.parametrize("username", ["nyc.central", "nyc.researcher", "soar.central", "highline.central"])
def test_every_row_and_count_is_what_the_records_say(db, demo, username):
    actor = viewer(username)
    [district] = actor.district_ids
    for year in SchoolYear.objects.filter(district_id=district):
        networks = Network.objects.program().filter(school_year=year).order_by("pk")
        facilitator = Person.objects.filter(facilitated_networks__in=networks).order_by("pk").first()
        for network, who in [(None, None), (networks.first(), None), (networks, None), (None, facilitator)]:
            rows, counts, analysis, _ = dashboard(actor, year, network, who)
            counted_here, summary = progress(actor, year, network, who)
            assert isinstance(rows, StoredRows) and analysis is not None
            assert [shown(r) for r in rows] == [shown(r) for r in counted_here], (year, network, who)
            assert counts == summary
            assert [shown(r) for r in rows[1:3]] == [shown(r) for r in counted_here[1:3]]  # a page: the same rows


@pytest.fixture
def late(world):
    """P.S. 7's team keeps an overdue cycle to itself (team rung), shares another with the network, and its teacher
    has a private draft, overdue too."""
    goal = inquiry(world, world.host, team=world.team, cycles=[
        ("Team-only cycle", "implement", dt.date(2016, 11, 1)), ("Network cycle", "plan", dt.date(2016, 12, 1))])
    m.Cycle.objects.filter(title="Team-only cycle").update(visibility="team")
    m.Cycle.objects.create(goal=goal, title="My private draft", stage="plan", ended=dt.date(2016, 10, 1),
                           district=world.district, author=world.people["teacher"], team=world.team,
                           school=world.host, network=world.network, visibility="private")
    return goal


def test_a_cycles_title_shows_only_where_the_viewer_may_read_it(world, late):
    central, facilitator = page(world, "central"), page(world, "facilitator")
    assert "Team-only cycle" not in central and "Network cycle" not in central
    assert central.count("A cycle was to end") == 2  # counted, not named
    assert "“Network cycle” was to end Dec 1, 2016" in facilitator and "Team-only cycle" not in facilitator
    for body in (central, facilitator):
        assert "My private draft" not in body and "Oct 1, 2016" not in body  # a private draft counts for nobody
    api = world.client("facilitator").get("/api/cycles-progress/").json()
    host = next(s for s in api["schools"] if s["school_name"] == "P.S. 7")
    assert host["cycles"] == 2 and host["overdue"] == [
        "A cycle was to end Nov 1, 2016 and is still at Implement",
        "“Network cycle” was to end Dec 1, 2016 and is still at Plan"]


def test_researchers_see_facilitators_by_pseudonym_in_the_page_and_the_download(world, late):
    fay = world.people["facilitator"]
    for role in ("researcher", "central"):
        c = world.client(role)
        body = page(world, role)
        rows = list(csv.DictReader(io.StringIO(c.get("/inquiry/progress.csv").content.decode())))
        facilitators = {r["facilitators"] for r in rows if r["networks"]}
        if role == "researcher":
            assert fay.name not in body and fay.research_id in body and facilitators == {fay.research_id}
        else:
            assert fay.name in body and facilitators == {fay.name}
