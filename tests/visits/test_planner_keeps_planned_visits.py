"""The year planner keeps the visits a network has already planned, each with its own host (the meeting's), and
counts hosting by them: February's visit at the partner school is shown and counted as the partner's."""
import datetime as dt
import re

import pytest

from districtlab.org import models as org
from districtlab.visits import models as m

PLAN = {"first": "2016-10-01", "last": "2017-05-01", "weekday": "2", "length": "full_day", "host_extra": "1"}


@pytest.fixture
def planned(world):
    """A triad (P.S. 7 hosts; P.S. 8, P.S. 9 partners) with February's visit at P.S. 8 and May's with no host."""
    third = org.School.objects.create(district=world.district, name="P.S. 9")
    org.NetworkMembership.objects.create(network=world.network, school=third, role="partner")
    common = {"district": world.district, "school_year": world.year, "network": world.network,
              "kind": m.Meeting.Kind.SITE_VISIT}
    feb = m.Meeting.objects.create(**common, title="February visit", date=dt.date(2017, 2, 8), host=world.partner)
    may = m.Meeting.objects.create(**common, title="Final visit", date=dt.date(2017, 5, 17))
    return feb, may


def rows(body: str):
    table = re.search(r"<caption class=\"sr-only\">Proposed visits</caption>.*?</table>", body, re.S).group(0)
    return [re.sub(r"<[^>]+>", "", "|".join(re.findall(r"<td>(.*?)</td>", tr))).replace("\n", " ")
            for tr in re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]]


def test_planned_visits_keep_their_date_and_own_host(world, planned):
    r = world.client("facilitator").get(f"/visits/networks/{world.network.pk}/planner/", PLAN)
    shown = rows(r.content.decode())
    assert r.status_code == 200 and len(shown) == 8
    february = next(row for row in shown if row.startswith("February 2017"))
    may = next(row for row in shown if row.startswith("May 2017"))
    assert february == "February 2017|Wednesday, Feb 8, 2017|P.S. 8 (already planned)"
    assert may == "May 2017|Wednesday, May 17, 2017|No host school recorded (already planned)"
    assert sum("(already planned)" in row for row in shown) == 2


def test_hosting_counts_each_visit_by_its_own_host(world, planned):
    r = world.client("facilitator").get(f"/visits/networks/{world.network.pk}/planner/", PLAN)
    visits = [v for v, _host, _planned in r.context["visits"]]
    hosting = dict(r.context["hosting"])
    assert hosting == {school: sum(v.host == school for v in visits) for school in ("P.S. 7", "P.S. 8", "P.S. 9")}
    assert sum(hosting.values()) == 7  # eight months; May's visit has no host school
    assert hosting["P.S. 7"] >= 2 and min(hosting.values()) >= 1
    assert "P.S. 8 " + str(hosting["P.S. 8"]) + "×" in r.content.decode()


def test_creating_the_plan_adds_only_the_other_months(world, planned):
    r = world.client("facilitator").post(f"/visits/networks/{world.network.pk}/planner/", PLAN)
    visits = m.Meeting.objects.filter(network=world.network, kind=m.Meeting.Kind.SITE_VISIT)
    assert r.status_code == 302 and visits.count() == 8
    assert {v.date.month for v in visits} == {10, 11, 12, 1, 2, 3, 4, 5}
    assert visits.get(date__month=2).host == world.partner and visits.get(date__month=5).host is None
