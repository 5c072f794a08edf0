"""A network runs a site visit: the agenda from a template, invitations, attendance, observations, feedback,
next steps carried to the next visit, and the summary emailed to everyone who came."""
import datetime as dt

import pytest
from django.core import mail
from icalendar import Calendar

from districtlab.visits import models as m


def test_the_facilitator_plans_a_site_visit_and_a_site_visit_needs_its_network(world):
    c = world.client("facilitator")
    data = {"district": world.district.pk, "school_year": world.year.pk, "kind": "site_visit",
            "title": "November site visit", "date": "2016-11-16", "status": "planned", "host": world.partner.pk}
    r = c.post("/visits/meetings/new/", data)
    assert r.status_code == 400 and 'id="id_network_error"' in r.content.decode()
    assert 'value="November site visit"' in r.content.decode() and not m.Meeting.objects.exists()
    assert c.post("/visits/meetings/new/", {**data, "network": world.network.pk}).status_code == 302
    assert world.client("teacher").post("/visits/meetings/new/", {**data, "network": world.network.pk}
                                        ).status_code == 400  # a teacher does not run the network's visits


@pytest.mark.parametrize("role, page, edit", [("facilitator", 200, 200), ("principal", 200, 200),
                                              ("coach", 200, 403), ("teacher", 200, 403), ("central", 200, 200),
                                              ("partner", 404, 404), ("outsider", 404, 404)])
def test_who_sees_and_who_runs_a_visit(world, visit, role, page, edit):
    c = world.client(role)
    assert c.get(visit.get_absolute_url()).status_code == page
    assert c.get(f"/visits/meetings/{visit.pk}/edit/").status_code == edit
    assert ("October site visit" in c.get("/visits/").content.decode()) == (page == 200)


def test_the_agenda_comes_from_a_template_with_clock_times_and_opens_with_last_visits_next_steps(world, visit,
                                                                                                 template):
    before = m.Meeting.objects.create(district=world.district, school_year=world.year, kind="site_visit",
                                      title="September site visit", date=dt.date(2016, 9, 21), network=world.network,
                                      host=world.partner)
    m.NextStep.objects.create(meeting=before, text="Share the turn-and-talk anchor chart")
    m.NextStep.objects.create(meeting=before, text="Done already", done_on=dt.date(2016, 10, 1))
    c = world.client("facilitator")
    assert c.post(f"/visits/{visit.pk}/agenda/from-template/", {"template": template.pk}).status_code == 302
    titles = list(visit.agenda.values_list("title", "minutes"))
    assert titles == [("Next steps from September site visit (Sep 21)", 15), ("Norms review", 10),
                      ("Low-inference observation", 45), ("Glow and grow", 20)]
    body = c.get(visit.get_absolute_url()).content.decode()
    assert "Share the turn-and-talk anchor chart" in body and "Done already" not in body.split("<h2>Agenda")[0]
    for time in ("8:30 AM", "8:45 AM", "8:55 AM", "9:40 AM"):
        assert f"<td>{time}</td>" in body
    glow = visit.agenda.get(title="Glow and grow")
    c.post(f"/visits/{visit.pk}/agenda/move/", {"item": glow.pk, "direction": "up"})
    assert list(visit.agenda.values_list("title", flat=True))[2:] == ["Glow and grow", "Low-inference observation"]
    assert world.client("coach").post(f"/visits/{visit.pk}/agenda/move/", {"item": glow.pk, "direction": "up"}
                                      ).status_code == 403


def test_one_click_invites_both_school_teams_and_the_facilitator_with_a_calendar_attachment(world, visit,
                                                                                            partner_team):
    r = world.client("facilitator").post(f"/visits/{visit.pk}/invite/")
    invited = {(a.person.name, a.leader) for a in visit.attendance.select_related("person")}
    assert r.status_code == 302 and invited == {("Pat Principal", True), ("Tess Teacher", False),
                                                ("Cole Coach", False), ("Fay Facilitator", False)}
    assert len(mail.outbox) == 1 and set(mail.outbox[0].bcc) == {"principal@example.org", "teacher@example.org",
                                                                 "coach@example.org", "facilitator@example.org"}
    name, content, kind = mail.outbox[0].attachments[0]
    events = Calendar.from_ical(content).walk("VEVENT")
    assert kind == "text/calendar" and [str(e["SUMMARY"]) for e in events] == ["October site visit"]
    world.client("facilitator").post(f"/visits/{visit.pk}/invite/")
    assert visit.attendance.count() == 4 and len(mail.outbox) == 1  # nobody is invited twice


def test_attendance_marks_who_came_and_the_visit_held(world, visit):
    world.client("facilitator").post(f"/visits/{visit.pk}/invite/")
    came = visit.attendance.get(person=world.people["principal"])
    world.client("facilitator").post(f"/visits/{visit.pk}/attendance/", {"present": [came.pk]})
    visit.refresh_from_db()
    assert visit.status == "held" and list(visit.attendance.filter(attended=True)) == [came]
    assert visit.attendance.filter(attended=False).count() == 2


def test_a_partner_cannot_read_or_edit_the_hosts_private_notes(world, visit):
    host = world.client("teacher")
    r = host.post("/visits/observations/new/", {"meeting": visit.pk, "where": "Room 210",
                                                "text": "PRIVATE-NOTE: 12 of 28 students spoke"})
    note = m.Observation.objects.get()
    assert r.status_code == 302 and (note.visibility, note.network, note.school) == ("private", world.network,
                                                                                      world.host)
    coach = world.client("coach")
    assert "PRIVATE-NOTE" not in coach.get(visit.get_absolute_url()).content.decode()
    assert coach.get(f"/visits/observations/{note.pk}/edit/").status_code == 404
    host.post(f"/visits/observations/{note.pk}/share/", {"visibility": "network"})
    assert "PRIVATE-NOTE" in coach.get(visit.get_absolute_url()).content.decode()
    assert coach.get(f"/visits/observations/{note.pk}/edit/").status_code == 403
    assert coach.post(f"/visits/observations/{note.pk}/edit/", {"meeting": visit.pk, "text": "changed"}
                      ).status_code == 403


def test_partners_give_glow_and_grow_feedback_and_set_next_steps(world, visit):
    sel = m.FeedbackCategory.objects.create(district=world.district, name="SEL")
    coach = world.client("coach")
    r = coach.post("/visits/feedback/new/", {"meeting": visit.pk, "kind": "glow", "category": sel.pk,
                                             "text": "Students used sentence starters", "to_school": world.host.pk,
                                             "from_school": world.partner.pk})
    assert r.status_code == 302
    r = coach.post("/visits/next-steps/new/", {"meeting": visit.pk, "text": "Try the starters in grade 6",
                                               "owner": world.people["coach"].pk, "due": "2016-11-30x"})
    assert r.status_code == 400 and 'id="id_due_error"' in r.content.decode()
    assert coach.post("/visits/next-steps/new/", {"meeting": visit.pk, "text": "Try the starters in grade 6",
                                                  "owner": world.people["coach"].pk, "due": "2016-11-30"}
                      ).status_code == 302
    body = world.client("principal").get(visit.get_absolute_url()).content.decode()
    assert "Students used sentence starters" in body and "Try the starters in grade 6" in body
    assert world.client("partner").post("/visits/feedback/new/", {
        "meeting": visit.pk, "kind": "grow", "text": "x"}).status_code in (400, 403)


def test_my_open_next_steps_are_on_my_home_page_overdue_ones_flagged(world, visit):
    m.NextStep.objects.create(meeting=visit, text="Bring student work", owner=world.people["coach"],
                              due=dt.date(2016, 11, 1))
    m.NextStep.objects.create(meeting=visit, text="Finished", owner=world.people["coach"], done_on=dt.date(2016, 11, 2))
    home = world.client("coach").get("/").content.decode()
    card = home[home.index('id="steps-h"'):home.index("</section>", home.index('id="steps-h"'))]
    assert "Bring student work" in card and "overdue" in card and "Finished" not in card
    assert 'id="steps-h"' not in world.client("teacher").get("/").content.decode()


def test_the_summary_says_what_was_seen_the_feedback_and_next_steps_and_goes_to_who_came(world, visit):
    world.client("facilitator").post(f"/visits/{visit.pk}/invite/")
    mail.outbox.clear()
    came = visit.attendance.filter(person__in=[world.people["principal"], world.people["facilitator"]])
    world.client("facilitator").post(f"/visits/{visit.pk}/attendance/", {"present": [a.pk for a in came]})
    ctx = dict(district=world.district, meeting=visit, network=world.network, school=world.host)
    m.Observation.objects.create(author=world.people["teacher"], text="Students turned and talked", where="Room 210",
                                 visibility="network", **ctx)
    m.Observation.objects.create(author=world.people["teacher"], text="PRIVATE-NOTE", **ctx)
    m.Feedback.objects.create(meeting=visit, kind="grow", text="More wait time")
    m.NextStep.objects.create(meeting=visit, text="Share the rubric", owner=world.people["principal"],
                              due=dt.date(2016, 11, 2))
    assert world.client("facilitator").post(f"/visits/{visit.pk}/summary/").status_code == 302
    visit.refresh_from_db()
    assert "Students turned and talked (Room 210)" in visit.summary and "PRIVATE-NOTE" not in visit.summary
    assert "Grow (what to work on)\n- More wait time" in visit.summary
    assert "- Share the rubric; owner: Pat Principal; due Nov 2, 2016" in visit.summary
    assert len(mail.outbox) == 1 and sorted(mail.outbox[0].to) == ["facilitator@example.org",
                                                                   "principal@example.org"]
    assert mail.outbox[0].body == visit.summary and visit.summary_sent_at is not None
    assert "Students turned and talked" in world.client("coach").get(visit.get_absolute_url()).content.decode()
    assert world.client("teacher").post(f"/visits/{visit.pk}/summary/").status_code == 403


def test_norms_are_agreed_with_a_vote_and_revisited(world):
    c = world.client("teacher")
    r = c.post("/visits/norms/new/", {"district": world.district.pk, "network": world.network.pk,
                                      "text": "Listen without a plan in your head", "status": "agreed",
                                      "votes_for": 9, "votes_against": 1})
    assert r.status_code == 400 and "Say when the norm was agreed." in r.content.decode()
    assert c.post("/visits/norms/new/", {"district": world.district.pk, "network": world.network.pk,
                                         "text": "Listen without a plan in your head", "status": "agreed",
                                         "agreed_on": "2016-09-21", "votes_for": 9, "votes_against": 1}
                  ).status_code == 302
    norm = m.Norm.objects.get()
    assert c.post("/visits/norm-reviews/new/", {"norm": norm.pk, "date": "2017-01-18", "outcome": "kept"}
                  ).status_code == 302
    body = world.client("coach").get("/visits/norms/").content.decode()
    assert "9 for, 1 against" in body and "Jan 18, 2017: kept" in body
    assert "Listen without a plan" not in world.client("outsider").get("/visits/norms/").content.decode()
