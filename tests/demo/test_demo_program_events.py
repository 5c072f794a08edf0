"""The program's own meetings and events (issue 11): the NYC Facilitators' weekly meetings, the summer orientations,
Share Fairs and trainings, P.S. 13's "journey story" visit, and SOAR's design-team and implementation-team meetings,
read through the API and the meeting pages as the people who take part in them."""
import datetime as dt
import html

import pytest

from districtlab.visits.models import Meeting

from .test_demo_true_to_the_seeds import api_list, signed_in

NEW_KINDS = {"implementation_team": "Implementation-team meeting", "facilitators": "Facilitators' meeting",
             "orientation": "Orientation", "share_fair": "Share Fair",
             "training": "Training / professional learning session"}


def meetings(c, **where):
    query = "&".join(f"{k}={v}" for k, v in where.items())
    return api_list(c, f"/api/meetings/?{query}")


def named(c, title):
    return next(m for m in api_list(c, "/api/meetings/?ordering=date") if m["title"] == title)


def page(c, meeting):
    response = c.get(f"/visits/{meeting['id']}/")
    assert response.status_code == 200, meeting["title"]
    return html.unescape(response.content.decode())


def test_the_facilitators_meet_weekly_at_the_central_office(db, demo):
    c = signed_in("nyc.facilitator")  # Kimberly, one of the Facilitators
    weekly = meetings(c, kind="facilitators")
    assert len(weekly) == 4  # a weekly series, not a year of rows
    days = [dt.date.fromisoformat(m["date"]) for m in weekly]
    assert [b - a for a, b in zip(days, days[1:])] == [dt.timedelta(days=7)] * 3
    assert all(m["location"] == "Central office" and "day are the demo's" in m["notes"] for m in weekly)
    assert all("agenda templates, protocols and activity ideas" in m["notes"] for m in weekly)  # seed 004 ~3252-3256
    assert all(m["source"].startswith("seeds/004_") and "~3250-3256" in m["source"] for m in weekly)
    teams = {t["id"]: t for t in api_list(c, "/api/teams/?q=Facilitators")}
    team = teams[weekly[0]["team"]]
    assert (team["name"], team["meeting_cadence"], team["kind"]) == ("LPP Facilitators", "Weekly",
                                                                  "community_of_practice")
    people = {p["id"]: p["name"] for p in api_list(c, "/api/people/")}
    members = {people[ms["person"]] for ms in api_list(c, f"/api/team-memberships/?team={team['id']}")}
    facilitators = {people[p["person"]] for p in api_list(c, "/api/positions/?kind=facilitator")}
    assert members == facilitators and {"Kimberly", "Larry", "Kristina"} <= members
    text = page(c, weekly[0])
    assert "Facilitators' meeting" in text and "Central office" in text and "seeds/" not in text


def test_the_summer_orientations(db, demo):
    c = signed_in("nyc.facilitator")
    orientations = {m["title"]: m for m in meetings(c, kind="orientation")}
    assert len(orientations) == 3
    assert {m["date"][:7] for m in orientations.values()} == {"2014-08", "2015-08", "2016-08"}  # each summer
    first = orientations["Summer orientation 2014: the learning stance and the journey story"]
    assert "Alan Blankstein (2011)" in first["notes"] and "“leverage”" in first["notes"]  # ~4584-4587, ~3818-3824
    second = orientations["School Team Orientation, summer 2015: the Cycles of Learning"]
    assert "“The processes are what will bind us together, not the actual work" in second["notes"]  # ~5190-5191
    assert "walk teams through a case study of a school in LPP" in second["notes"]  # ~3499-3502
    text = page(c, second)
    assert "Orientation" in text and "Kimberly" in text  # the Facilitators are there


def test_share_fairs_and_trainings(db, demo):
    c = signed_in("nyc.central")
    years = {y["id"]: y["name"] for y in api_list(c, "/api/school-years/")}
    fairs = [years[m["school_year"]] for m in meetings(c, kind="share_fair")]
    assert sorted(fairs) == ["2014-15", "2014-15", "2015-16"]  # seed 004 ~2176-2181
    trainings = meetings(c, kind="training")
    host = [m for m in trainings if m["title"].startswith("Host principal training")]
    series = [m for m in trainings if m["title"].startswith("Model Teacher training")]
    assert len(host) == 2 and {years[m["school_year"]] for m in host} == {"2014-15"}
    assert all(m["date"] < "2015-03-01" for m in host)  # spoken of as past in March 2015 (~4594-4598)
    assert len(series) == 3 and {years[m["school_year"]] for m in series} == {"2016-17"}  # ~2183
    people = {p["id"]: p["name"] for p in api_list(c, "/api/people/")}
    came = {people[a["person"]] for a in api_list(c, f"/api/attendance/?meeting={host[0]['id']}")}
    assert came == {"Lee Teitel", "P.S. 13 principal"}  # ~4341-4343
    assert "Training / professional learning session" in page(c, series[0])


def test_ps_13s_journey_story_visit(db, demo):
    c = signed_in("nyc.admin")
    visit = named(c, "Site visit at P.S. 13: the host school's journey story")
    networks = {n["id"]: n["name"] for n in api_list(c, "/api/networks/?year=2014-15")}
    schools = {s["id"]: s["name"] for s in api_list(c, "/api/schools/?search=P.S. 13")}
    assert (visit["kind"], networks[visit["network"]], schools[visit["host"]]) == ("site_visit", "P.S. 13 triad",
                                                                                   "P.S. 13")
    assert visit["date"] < named(c, "Site visit at P.S. 14: team-building, norms and balcony observers")["date"]
    assert visit["date"][:7] == "2014-10"  # [P.S. 13 Site Visit, October 2014]
    assert "“For a man who loves his hammer, his only solution to every problem is a nail.”" in visit["notes"]
    assert "“Safe place where students wanted to come every day.”" in visit["notes"]  # ~4526-4527
    protocols = {p["id"]: p["name"] for p in api_list(c, "/api/protocols/")}
    agenda = api_list(c, f"/api/agenda-items/?meeting={visit['id']}")
    assert [protocols[a["protocol"]] for a in agenda] == ["Journey story"]
    (ap,) = api_list(c, f"/api/attendance/?meeting={visit['id']}")
    assert ap["leader"] and ap["role"] == "assistant principal for middle school (host)"
    assert "The host school team's journey story (a PowerPoint)" in page(c, visit)


def test_soars_design_team_and_implementation_team_meetings(db, demo):
    c = signed_in("soar.central")
    design = meetings(c, kind="design_team")
    teams = {t["id"]: t["name"] for t in api_list(c, "/api/teams/")}
    assert len(design) == 2 and {teams[m["team"]] for m in design} == {"District design team"}
    assert [m["date"][:7] for m in design] == ["2013-02", "2013-06"]  # design phase: February-August 2013
    assert all(m["source"].startswith("seeds/001_") for m in design)
    together = {m["title"]: m for m in meetings(c, kind="implementation_team")}
    assert len(together) == 3
    spring = together["Spring session: Desert Grove shares “Think It Out”"]
    assert "“elicited much interest from the other schools.”" in spring["notes"]  # seed 001 ~186
    shares = api_list(c, "/api/share-outs/")
    think_it_out = next(s for s in shares if "“Think It Out”" in s["summary"])
    assert think_it_out["date"] == spring["date"]  # one spring session, in the visits and the practice library alike
    two_day = together["Two-day meeting: the school implementation teams learn about SOAR"]
    assert two_day["date"].startswith("2013-08") and "8 Strategies to Build Growth Mindset" in two_day["notes"]
    teacher = signed_in("soar.teacher")  # Jillian, who asked Valley's team about its PD (~200)
    valley = named(teacher, "District meeting: Valley's professional development on mindsets")
    text = page(teacher, valley)
    assert "Implementation-team meeting" in text and "Small groups would have been best." in text


@pytest.mark.parametrize("kind", sorted(NEW_KINDS))
def test_each_new_kind_opens_and_filters(db, demo, kind):
    meeting = Meeting.objects.filter(kind=kind).select_related("district").first()
    assert meeting is not None, kind
    c = signed_in("soar.central" if meeting.district.short_name == "SOAR" else "nyc.central")
    text = page(c, {"id": meeting.pk, "title": meeting.title})
    assert NEW_KINDS[kind] in text
    listed = c.get(f"/visits/?kind={kind}")
    assert listed.status_code == 200 and meeting.title in html.unescape(listed.content.decode())
    offered = html.unescape(c.get("/visits/meetings/new/").content.decode())  # the form for a new meeting
    assert NEW_KINDS[kind] in offered
    assert c.get("/visits/compliance/").status_code == 200


def test_the_seeds_disagreements_and_the_demos_days_are_data_notes(db, demo):
    notes = {n["subject"]: n for n in api_list(signed_in("nyc.researcher"), "/api/data-notes/")}
    counts = notes["Program-wide events and Facilitator sessions observed"]
    assert counts["kind"] == "conflict" and "Table 6" in counts["other"] and "~2176-2181" in counts["sources"]
    assert notes["Days of the program's own events"]["kind"] == "synthetic"
    assert notes["Two October 2014 visits in the P.S. 13 triad"]["kind"] == "reading"
    soar = {n["subject"]: n for n in api_list(signed_in("soar.central"), "/api/data-notes/")}
    assert soar["Days of SOAR's meetings"]["kind"] == "synthetic" and "seeds/001_" in soar["Days of SOAR's meetings"][
        "sources"]
