"""The network's year: the rotation planner, iCalendar feeds, feedback trends and compliance with the rules."""
import datetime as dt

import pytest
from icalendar import Calendar

from districtlab.org import models as org
from districtlab.visits import models as m

PLAN = {"first": "2016-10-01", "last": "2017-05-01", "weekday": "2", "length": "full_day", "host_extra": "1"}


@pytest.fixture
def third_school(world):
    school = org.School.objects.create(district=world.district, name="P.S. 9")
    org.NetworkMembership.objects.create(network=world.network, school=school, role="partner")
    return school


def test_the_planner_proposes_a_visit_a_month_every_school_hosting_around_blocked_dates(world, third_school):
    m.BlockedDate.objects.create(district=world.district, start=dt.date(2016, 12, 19), end=dt.date(2017, 1, 2),
                                 reason="Winter recess")
    m.BlockedDate.objects.create(district=world.district, school=third_school, start=dt.date(2016, 10, 1),
                                 end=dt.date(2016, 10, 31), reason="Testing month")
    r = world.client("facilitator").get(f"/visits/networks/{world.network.pk}/planner/", PLAN)
    body = r.content.decode()
    visits = [v for v, _, _ in r.context["visits"]]
    assert r.status_code == 200 and [v.slot for v in visits] == [
        "November 2016", "December 2016", "January 2017", "February 2017", "March 2017", "April 2017", "May 2017"]
    assert r.context["skipped"][0][0] == "October 2016" and "blocked by P.S. 9" in r.context["skipped"][0][1]
    assert all(v.date.weekday() == 2 for v in visits) and len({v.date for v in visits}) == 7
    hosting = dict(r.context["hosting"])
    assert set(hosting) == {"P.S. 7", "P.S. 8", "P.S. 9"} and hosting["P.S. 7"] >= 2  # the host hosts once more
    assert visits[0].host == "P.S. 7"  # the host school opens the year
    assert not any(dt.date(2016, 12, 19) <= v.date <= dt.date(2017, 1, 2) for v in visits)
    assert "Create these visits" in body


def test_creating_the_plan_makes_the_visits_once(world, third_school):
    c = world.client("facilitator")
    r = c.post(f"/visits/networks/{world.network.pk}/planner/", PLAN)
    visits = m.Meeting.objects.filter(network=world.network, kind="site_visit")
    assert r.status_code == 302 and visits.count() == 8 and visits.first().title == "Site visit at P.S. 7"
    c.post(f"/visits/networks/{world.network.pk}/planner/", PLAN)
    assert m.Meeting.objects.filter(network=world.network).count() == 8


def test_a_plan_that_cannot_be_made_says_why_and_bad_months_are_named(world, third_school):
    c = world.client("facilitator")
    r = c.get(f"/visits/networks/{world.network.pk}/planner/", {**PLAN, "last": "2016-11-01"})
    assert r.status_code == 200 and "at least once" in r.context["problem"]
    r = c.get(f"/visits/networks/{world.network.pk}/planner/", {**PLAN, "last": "2018-05-01"})
    assert r.status_code == 400 and "Choose a month within 2016-17" in r.content.decode()
    assert world.client("teacher").get(f"/visits/networks/{world.network.pk}/planner/").status_code == 403
    assert world.client("outsider").get(f"/visits/networks/{world.network.pk}/planner/").status_code == 404


def feed_events(client, url):
    r = client.get(url)
    assert r.status_code == 200 and r["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(r.content).walk("VEVENT")


def test_a_private_feed_parses_as_icalendar_and_stops_when_revoked(world, visit, client):
    teacher = world.client("teacher")
    teacher.post("/visits/calendar/", {"action": "renew"})
    token = m.CalendarFeed.objects.get(person=world.people["teacher"]).token
    events = feed_events(client, f"/visits/calendar/{token}.ics")  # no sign-in: calendar apps cannot sign in
    assert [str(e["SUMMARY"]) for e in events] == ["October site visit"]
    start = events[0]["DTSTART"].dt
    assert start == dt.datetime(2016, 10, 19, 8, 30, tzinfo=start.tzinfo) and str(start.tzinfo) == "America/New_York"
    assert str(events[0]["UID"]) == f"meeting-{visit.pk}@testserver" and str(events[0]["STATUS"]) == "CONFIRMED"
    assert len(feed_events(client, f"/visits/calendar/{token}/networks/{world.network.pk}.ics")) == 1
    teacher.post("/visits/calendar/", {"action": "revoke"})
    assert client.get(f"/visits/calendar/{token}.ics").status_code == 404
    assert client.get("/visits/calendar/not-a-token.ics").status_code == 404


def test_a_feed_holds_only_the_persons_own_meetings(world, visit, client):
    other = org.Network.objects.create(district=world.district, school_year=world.year, name="Other pair", kind="pair")
    m.Meeting.objects.create(district=world.district, school_year=world.year, kind="site_visit", title="NOT-MINE",
                             date=dt.date(2016, 10, 20), network=other)
    world.client("coach").post("/visits/calendar/", {"action": "renew"})
    token = m.CalendarFeed.objects.get(person=world.people["coach"]).token
    assert [str(e["SUMMARY"]) for e in feed_events(client, f"/visits/calendar/{token}.ics")] == [
        "October site visit"]
    assert client.get(f"/visits/calendar/{token}/networks/{other.pk}.ics").status_code == 200  # same district
    assert feed_events(client, f"/visits/calendar/{token}/networks/{other.pk}.ics") == []  # but not a participant


def test_feedback_trends_by_category_over_months_with_what_schools_asked(world, visit):
    sel = m.FeedbackCategory.objects.create(district=world.district, name="SEL")
    lead = m.FeedbackCategory.objects.create(district=world.district, name="Teacher leadership")
    later = m.Meeting.objects.create(district=world.district, school_year=world.year, kind="site_visit",
                                     title="December visit", date=dt.date(2016, 12, 14), network=world.network)
    for meeting, kind, category in [(visit, "glow", sel), (visit, "grow", lead), (later, "glow", sel)]:
        m.Feedback.objects.create(meeting=meeting, kind=kind, category=category, text="x")
    m.FeedbackRequest.objects.create(meeting=visit, school=world.host, question="Are questions open-ended?")
    r = world.client("coach").get(f"/visits/networks/{world.network.pk}/feedback/")
    body = r.content.decode()
    assert [p["period"] for p in r.context["periods"]] == ["2016-10", "2016-11", "2016-12"]
    assert r.context["totals"] == {"SEL": {"glow": 2, "grow": 0}, "Teacher leadership": {"glow": 0, "grow": 1}}
    assert "<svg" in body and "Are questions open-ended?" in body


def test_compliance_flags_gaps_over_fourteen_days_and_missing_leaders(world, visit, partner_team):
    for day in (dt.date(2016, 9, 7), dt.date(2016, 9, 21), dt.date(2016, 10, 6)):  # 14 days, then 15
        m.Meeting.objects.create(district=world.district, school_year=world.year, kind="team_meeting",
                                 title="Team meeting", date=day, team=world.team, status="held")
    world.client("facilitator").post(f"/visits/{visit.pk}/invite/")
    leader = visit.attendance.get(person=world.people["principal"])
    world.client("facilitator").post(f"/visits/{visit.pk}/attendance/", {"present": [leader.pk]})
    r = world.client("central").get("/visits/compliance/")
    assert r.context["unrecorded"] == ["P.S. 8"] and r.context["on_cadence"] == 0
    cadence = dict(r.context["cadence"])
    gaps = [(g.start, g.end, g.days) for g in cadence["P.S. 7"]]
    assert (dt.date(2016, 9, 21), dt.date(2016, 10, 6), 15) in gaps
    assert not any(g[0] == dt.date(2016, 9, 7) for g in gaps)
    assert [(v.title, school) for v, school in r.context["absent"]] == [("October site visit", "P.S. 8")]
    assert world.client("teacher").get("/visits/compliance/").status_code == 403


def test_the_rules_are_the_districts_data(world, visit):
    m.Rules.objects.create(district=world.district, team_meeting_max_gap_days=30, leader_at_site_visits=False)
    r = world.client("central").get("/visits/compliance/")
    assert r.context["absent"] == [] and "at least every 30 days" in r.content.decode()


def test_studio_sessions_are_counted_and_sized_against_the_model(world):
    studio = m.Meeting.objects.create(district=world.district, school_year=world.year, kind="studio",
                                      title="Studio 1", date=dt.date(2016, 10, 12), network=world.network,
                                      host=world.host, status="held")
    for i in range(9):
        who = org.Person.objects.create(district=world.district, name=f"Participant {i}")
        m.Attendance.objects.create(meeting=studio, person=who, attended=True)
    m.Attendance.objects.create(meeting=studio, person=world.people["coach"], attended=False)
    findings = world.client("central").get("/visits/compliance/").context["studio"]
    assert any("Studio 1 (Oct 12, 2016) had 9 participants, fewer than the 11-15 expected" in f for f in findings)
    assert findings[0] == "Only 1 of the 6 studio sessions expected were held in the year (5 short)."


def test_a_district_without_a_team_meeting_rule_is_not_checked_for_it(world, visit):
    m.Rules.objects.create(district=world.district, check_team_meetings=False)
    r = world.client("central").get("/visits/compliance/")
    assert r.context["cadence"] is None and "This district does not check school-team meetings." in (
        r.content.decode())


def test_central_office_sets_the_rules_on_a_page_with_errors_by_field(world, visit):
    c = world.client("central")
    assert 'href="/visits/rules/new/?district=' in c.get("/visits/compliance/").content.decode()
    r = c.post("/visits/rules/new/", {"district": world.district.pk, "check_team_meetings": "on",
                                      "team_meeting_max_gap_days": 21, "leader_at_site_visits": "on",
                                      "studio_sessions_per_year": 6, "studio_min_participants": 16,
                                      "studio_max_participants": 15})
    assert r.status_code == 400 and "cannot be fewer than the fewest" in r.content.decode()
    r = c.post("/visits/rules/new/", {"district": world.district.pk, "check_team_meetings": "on",
                                      "team_meeting_max_gap_days": 21, "studio_sessions_per_year": 6,
                                      "studio_min_participants": 11, "studio_max_participants": 15})
    assert r.status_code == 302 and "at least every 21 days" in c.get("/visits/compliance/").content.decode()
    rules = m.Rules.objects.get()
    assert world.client("facilitator").post(f"/visits/rules/{rules.pk}/edit/", {
        "district": world.district.pk, "team_meeting_max_gap_days": 90}).status_code == 403
    assert 'href="/visits/rules/' not in world.client("facilitator").get("/visits/compliance/").content.decode()
