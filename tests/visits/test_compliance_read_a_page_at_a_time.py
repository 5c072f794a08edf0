"""The compliance page reads the district's check stored as rows (a school's team-meeting gaps, a network's visits, a
school without a leader at a visit) a page at a time, scoped to the networks its viewer follows. On the demo, what
its pages show together is what ``analysis.cadence`` finds from the records themselves."""
import datetime as dt
import re
from collections import defaultdict

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from districtlab.analysis.cadence import leaders_absent, meeting_gaps
from districtlab.org import models as org
from districtlab.visits import models as m
from districtlab.visits.views import COMPLIANCE_PAGE, DONE, rule_set


def pages(c, param, context_key):
    """Every page's ``context_key`` rows, following ``param`` to the last page."""
    found, number = [], 1
    while True:
        r = c.get(f"/visits/compliance/?{param}={number}")
        assert r.status_code == 200
        found += list(r.context[context_key])
        page = r.context["page_obj" if param == "page" else "absent_page"]
        if not page.has_next():
            return found, r
        number += 1


def found_directly(year, networks):
    """What ``analysis.cadence`` finds for ``networks``' schools in ``year``, from the records."""
    rules = rule_set(m.Rules.objects.filter(district_id=year.district_id).first() or m.Rules())
    as_of = min(dt.date.today(), year.end)
    schools = defaultdict(set)
    for ms in org.NetworkMembership.objects.filter(network__in=networks).select_related("school"):
        schools[ms.network_id].add(ms.school)
    held = m.Meeting.objects.filter(school_year=year, date__lte=as_of).exclude(status__in=DONE)
    days = defaultdict(list)
    for meeting in held.filter(kind="team_meeting").select_related("team"):
        days[meeting.team.school_id].append(meeting.date)
    every = {s for group in schools.values() for s in group}
    gaps = {s.name: [(g.start, g.end, g.days) for g in meeting_gaps(days[s.pk], start=year.start, until=as_of,
                                                                     rules=rules)]
            for s in every if s.pk in days}
    visits = held.filter(kind="site_visit", network__in=networks)
    led = defaultdict(set)
    for a in m.Attendance.objects.filter(meeting__in=visits, attended=True, leader=True).select_related("school"):
        led[a.meeting_id].add(a.school)
    absent = leaders_absent(((v, schools[v.network_id], led[v.pk]) for v in visits), rules=rules)
    return ({name: found for name, found in gaps.items() if found}, sorted(s.name for s in every if s.pk not in days),
            sorted((v.pk, s.name) for v, s in absent), visits.count())


@pytest.mark.parametrize("username", ["nyc.central", "nyc.facilitator"])
def test_every_page_together_is_what_the_records_say(db, demo, username):
    user = get_user_model().objects.get(username=username)
    c = Client()
    c.force_login(user)
    cadence, first = pages(c, "page", "cadence")
    absent, _ = pages(c, "absent_page", "absent")
    year = first.context["year"]
    networks = org.Network.objects.program().filter(school_year=year)
    if username == "nyc.facilitator":
        networks = networks.filter(facilitators__user=user)
    gaps, unrecorded, missing, visits = found_directly(year, networks)
    assert {name: [(g.start, g.end, g.days) for g in found] for name, found in cadence} == gaps
    assert [name for name, _ in cadence] == sorted(gaps) and first.context["page_obj"].paginator.count == len(gaps)
    assert first.context["unrecorded"] == unrecorded[:COMPLIANCE_PAGE]
    assert first.context["unrecorded_more"] == max(len(unrecorded) - COMPLIANCE_PAGE, 0)
    assert sorted((visit.pk, school) for visit, school in absent) == missing
    body = first.content.decode()
    assert re.search(rf"\b{networks.count()} networks? ·", body) and re.search(rf"· {visits} site visits? held", body)
