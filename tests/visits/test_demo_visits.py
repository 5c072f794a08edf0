"""The demo's meetings and visits: the seeds' documented studio sessions and site visits in their own words, each
citing its seed lines; P.S. 24's glows, grows and next steps; P.S. 21's timings; a private observation only its
author sees; and loading twice changes nothing."""
import datetime as dt
import re

from django.apps import apps
from django.contrib.auth import get_user_model

from districtlab.core.permissions import actor_for, scope
from districtlab.demo.loader import DEMO_PASSWORD, load_demo
from districtlab.org.models import DataNote, Network
from districtlab.visits import models as m
from districtlab.visits.views import agenda_times, previous_visit

from ..conftest import snapshot_of
from ..sign_in import sign_in_with_password

SOURCE = re.compile(r"^seeds/00[014]_[0-9a-f]+\.txt ~?\d+(-\d+)?")


def meeting(title_start, **where):
    return m.Meeting.objects.select_related("host", "network", "team").get(title__startswith=title_start, **where)


def signed_in(username):
    c = sign_in_with_password(username, DEMO_PASSWORD)
    assert c, username
    return c


def test_oak_park_studio_sessions_in_order_from_fall_to_the_last_in_april(db, demo):
    sessions = list(m.Meeting.objects.filter(district__short_name="Highline", kind="studio"))
    assert [s.title for s in sessions] == [
        "Studio session 1 of 3 (fall 2005)", "Studio session 2 of 3 (fall 2005)", "Studio session 3 of 3 (fall 2005)",
        "Studio session (January 2006): video of Caryn conferring",
        "Last studio session (April 2006): new video, Sheryl coaching Caryn"]
    assert [(s.date.year, s.date.month) for s in sessions[3:]] == [(2006, 1), (2006, 4)]
    assert all(s.date < dt.date(2006, 1, 1) for s in sessions[:3])
    assert all(s.host.name == "Oak Park Elementary" and s.length == "half_day" and s.status == "held"
               for s in sessions)
    first, january, april = sessions[0], sessions[3], sessions[4]
    assert first.lens.splitlines()[0] == ("Why do so many students who struggle to read fluently succeed in making "
                                          "meaning from text in a read aloud setting?")
    assert len(first.lens.splitlines()) == 4 and "demo shows them at the first" in first.notes
    assert "In January 2006 things changed" in january.notes and "what was your intention was" in january.notes
    assert "“the last studio session in April”, in the morning" in april.notes
    assert april.lens.splitlines() == [
        "What would progress look like for this child?",
        "What would you expect that a proficient child could read, discuss, and write about at year end in 2nd grade?",
        "How do you keep students motivated and interested?"]
    for s in sessions:
        present = {a.person.name for a in s.attendance.select_related("person") if a.attended}
        assert {"Caryn", "Sheryl", "Lea", "Oak Park principal"} <= present
        assert 11 <= len(present) <= 15  # seed 000 ~363-365
    assert "Highline researcher (synthetic)" in {a.person.name for a in january.attendance.all()}


def test_the_may_demonstration_and_its_audience_are_not_a_studio_session(db, demo):
    demo = meeting("Caryn's classroom demonstration", district__short_name="Highline")
    assert demo.kind == "other" and demo.date.month == 5 and demo.location == "Caryn's 2nd-grade classroom"
    assert "About a month later" in demo.notes and "about 10-12 adults" in demo.notes
    assert "a visiting team of professionals from another school district" in demo.notes
    assert sorted(a.person.name for a in demo.attendance.select_related("person")) == ["Caryn", "Sheryl"]


def test_the_compliance_page_finds_one_studio_session_short(db, demo):
    page = signed_in("highline.central").get("/visits/compliance/").content.decode()
    assert "Only 5 of the 6 studio sessions expected were held in the year (1 short)." in page
    assert "fewer than the 11-15 expected" not in page
    rules = m.Rules.objects.get(district__short_name="Highline")
    assert (rules.studio_sessions_per_year, rules.studio_min_participants, rules.studio_max_participants) == (6, 11, 15)
    assert DataNote.objects.get(subject="Studio sessions held at Oak Park, 2005-06").other == (
        "“six half day in-services throughout the year”")


def test_ps_10_hosts_ps_12_in_october_2014(db, demo):
    visit = meeting("Triad site visit at P.S. 10")
    assert (visit.date.year, visit.date.month, visit.kind, visit.host.name) == (2014, 10, "site_visit", "P.S. 10")
    assert visit.network.name == "P.S. 10 triad" and visit.network.school_year.name == "2014-15"
    assert {ms.school.name for ms in visit.network.memberships.all()} == {"P.S. 10", "P.S. 11", "P.S. 12"}
    assert {(a.person.name, a.school.name, a.leader) for a in visit.attendance.select_related("person", "school")} == {
        ("P.S. 10 principal", "P.S. 10", True),
        ("P.S. 12 principal", "P.S. 12", True)}
    assert "little teacher talk and a lot of student work" in visit.notes
    seen = visit.observations.get()
    assert seen.author.name.startswith("P.S. 12 principal") and seen.visibility == "district"
    assert "incredibly thought-through questions" in seen.text
    step = visit.next_steps.get()
    assert step.school.name == "P.S. 12" and "giving teachers more ownership over planning" in step.text


def test_the_postponed_visit_to_ps_12_and_the_return_to_the_host_school(db, demo):
    postponed = meeting("Site visit at P.S. 12 (postponed")
    instead = meeting("Site visit at P.S. 10 (in place")
    first = meeting("First site visit to P.S. 12")
    assert postponed.status == "postponed" and postponed.host.name == "P.S. 12"
    assert "postponing the site visit to P.S. 12 for another month" in postponed.notes
    assert (instead.status, instead.date, instead.network) == ("held", postponed.date, postponed.network)
    assert first.date > postponed.date and first.host.name == "P.S. 12" and first.status == "held"
    assert previous_visit(first) == instead  # a postponed visit carries nothing forward
    assert "mostly positive feedback" in first.notes and "the seed does not list the ten" in first.notes
    assert DataNote.objects.filter(subject="P.S. 12's “same 10” practices", note__contains="never lists").exists()


def test_ps_24_february_2017_checklist_glows_grows_and_four_next_steps(db, demo):
    visit = meeting("Site visit at P.S. 24")
    assert (visit.date.year, visit.date.month, visit.network.name, visit.host.name) == (
        2017, 2, "P.S. 23 triad", "P.S. 24")
    assert "“Instructor(s) are explicitly teaching an objective”" in visit.lens
    assert visit.feedback_requests.get().question.startswith("“Instructor(s) are explicitly teaching an objective”")
    glows = list(visit.feedback.filter(kind="glow").values_list("text", flat=True))
    grows = dict(visit.feedback.filter(kind="grow").values_list("text", "from_school__name"))
    assert glows == ["[Teachers] are differentiating, posting objectives and using groups – they have the foundation "
                     "and structure"]
    assert grows == {
        "Training staff and working with staff, engagement with students, very teacher driven": None,
        "Questioning, think alouds [verbally narrating the thinking expected of students]": None,
        "Teachers need to talk less so students could talk more, peer to peer": "P.S. 45",
        "That’s part of lesson planning, asking questions that would make students engage": "P.S. 23"}
    assert all(f.to_school == visit.host for f in visit.feedback.all())
    steps = {s.text: (s.owner.name if s.owner else None, s.due) for s in visit.next_steps.all()}
    assert steps == {"Using data to plan lessons for group instruction": (None, None),
                     "PD for paras and for teachers using paras": ("Helen Cho", None),
                     "Think alouds": (None, None), "Questions in the lesson plan": (None, None)}
    leaders = {a.school.name for a in visit.attendance.filter(leader=True, attended=True)}
    assert leaders == {"P.S. 23", "P.S. 24", "P.S. 45"}  # a principal or AP of each school (seed 004 ~4256-4258)


def test_the_coachs_home_page_shows_her_open_next_step_and_the_next_visit_carries_the_rest(db, demo):
    home = signed_in("nyc.coach").get("/").content.decode()
    assert "My next steps" in home and "PD for paras and for teachers using paras" in home
    final = meeting("Final interschool site visit of the P.S. 23 triad")
    page = signed_in("nyc.central").get(final.get_absolute_url()).content.decode()
    assert "Open next steps from Site visit at P.S. 24" in page and "Questions in the lesson plan" in page


def test_ps_21s_visit_keeps_the_plans_clock_times(db, demo):
    visit = meeting("Site visit at P.S. 21")
    assert visit.date == dt.date(2016, 4, 6) and "“4/6”" in visit.notes  # the seed's only LPP visit day
    times = [(item.title, at.strftime("%H:%M")) for item, at in agenda_times(visit, visit.agenda.all())]
    assert times == [("Visitors arrive and eat lunch", "12:00"),
                     ("Framing, then classroom visits and student-led circles", "12:30"),
                     ("Debrief: feedback from the interschool network", "15:00"),
                     ("School team time: what are we taking back?", "15:30")]
    assert visit.lens.splitlines()[0] == "What structures, if any, promote student voice?"
    assert visit.feedback_requests.count() == 3
    page = signed_in("nyc.central").get(visit.get_absolute_url()).content.decode()
    for clock in ("12:00 PM", "12:30 PM", "3:00 PM"):
        assert f"<td>{clock}</td>" in page
    plan = meeting("P.S. 21 team plans")
    assert plan.kind == "team_meeting" and plan.date < visit.date and "debrief at 3.00pm" in plan.notes
    assert DataNote.objects.get(subject="P.S. 21's guiding questions").other.startswith("The assistant principal's")


def test_ps_38s_plan_is_said_to_be_ps_38s_not_ps_34s(db, demo):
    plan = meeting("P.S. 38 team plans")
    assert plan.team.name == "P.S. 38 LPP team 2015-16" and "[P.S. 38, School Team Meeting, March 2016]" in plan.notes
    assert plan.next_steps.count() == 4 and not plan.next_steps.exclude(owner=None).exists()
    visit = meeting("Site visit hosted by P.S. 38")
    assert visit.network.name == "P.S. 34 cohort" and visit.host.name == "P.S. 38"
    assert [t.split(":")[0] for t in visit.agenda.values_list("title", flat=True)] == [
        "Morning", "4th period", "5th period"]
    note = DataNote.objects.get(subject="The “P.S. 34 March 2016 plan”")
    assert note.kept.startswith("P.S. 38's school team meeting") and "~5784-5785" in note.sources


def test_every_meeting_norm_and_protocol_cites_its_seed_lines(db, demo):
    for model in (m.Meeting, m.Norm, m.Protocol):
        sources = list(model.objects.values_list("source", flat=True))
        assert sources and all(SOURCE.match(s) for s in sources), model
    assert not m.Meeting.objects.filter(synthetic=True).exists()  # documented, not invented: only days are
    assert all("When:" in notes for notes in m.Meeting.objects.values_list("notes", flat=True))
    assert m.Meeting.objects.get(title__startswith="P.S. 8 team").notes.startswith("When: March 2, 2017")


def test_protocols_templates_categories_and_rules(db, demo):
    nyc = m.Protocol.objects.filter(district__short_name="NYC DOE")
    assert {"Balcony observers", "3-2-1", "Glow and grow", "Vietnamese Wedding Table Toast",
            "Consultancy Protocol (NSRF)"} <= set(nyc.values_list("name", flat=True))
    assert nyc.get(name="3-2-1").steps.splitlines()[0].startswith("After the gallery walk each participant shares "
                                                                    "three clarifying questions")
    assert nyc.get(name="Consultancy Protocol (NSRF)").steps == ""  # named, no steps in the seed
    template = m.AgendaTemplate.objects.get(district__short_name="NYC DOE", name="Monthly site visit (half day)")
    items = list(template.items.select_related("protocol"))
    assert items[0].protocol.name.startswith("Team-building") and items[-1].protocol.name.startswith("Reflection")
    assert sum(i.minutes for i in items) == 210
    assert m.AgendaTemplate.objects.get(district__short_name="Highline").kind == "studio"
    assert set(m.FeedbackCategory.objects.filter(district__short_name="NYC DOE").values_list("name", flat=True)) == {
        "SEL", "Teacher leadership", "Student leadership"}
    glow = m.Feedback.objects.get(category__name="Teacher leadership")
    assert glow.meeting.host.name == "P.S. 14" and "ask [each other] for help" in glow.text
    rules = m.Rules.objects.get(district__short_name="NYC DOE")
    assert (rules.team_meeting_max_gap_days, rules.leader_at_site_visits) == (14, True)
    assert not m.BlockedDate.objects.exists()  # the seeds state no holidays
    assert DataNote.objects.filter(subject="District holidays, 2016-17", kept="None").exists()


def test_the_six_triad_norms_and_their_review_at_ps_14(db, demo):
    triad = Network.objects.get(name="P.S. 13 triad", school_year__name="2014-15")
    norms = list(triad.norms.all())
    assert len(norms) == 6 and all(n.status == "agreed" for n in norms)
    assert {n.text.split(":")[0] for n in norms} == {"Time and Attendance", "Listening and Communicating",
                                                    "Participation", "Expectations", "Decision-Making", "Evaluation"}
    visit = meeting("Site visit at P.S. 14")
    assert "balcony observers" in visit.notes and "lots of laughter" in visit.notes
    for norm in norms:
        review = norm.reviews.get()
        assert (review.date, review.outcome) == (visit.date, "kept") and "balcony observers" in review.note
    team_norms = m.Norm.objects.filter(team__name="P.S. 8 LPP team 2016-17").values_list("text", flat=True)
    assert "Don’t hog the mike" in team_norms and "Listen without a plan in your head" in team_norms


def test_the_private_observation_is_its_authors_alone(db, demo):
    private = m.Observation.objects.get(visibility="private")
    assert private.author.user.username == "nyc.coach" and private.meeting.title.startswith("Site visit at P.S. 24")
    users = get_user_model().objects

    def sees(username, **where):
        return scope(actor_for(users.get(username=username)), m.Observation.objects.filter(**where)).exists()

    assert sees("nyc.coach", pk=private.pk)
    for other in ("nyc.facilitator", "nyc.admin", "nyc.central", "nyc.principal", "nyc.researcher"):
        assert not sees(other, pk=private.pk), other
    assert sees("highline.teacher", visibility="district", meeting__district__short_name="Highline")
    assert not sees("highline.teacher", meeting__district__short_name="NYC DOE")
    url = private.meeting.get_absolute_url()
    assert "only one post it about teachers taking data" in signed_in("nyc.coach").get(url).content.decode()
    assert "only one post it about teachers taking data" not in signed_in("nyc.facilitator").get(url).content.decode()


def visits_snapshot():
    return snapshot_of(apps.get_app_config("visits").get_models())


def test_loading_again_changes_nothing(db, demo):
    before = visits_snapshot(), DataNote.objects.count()
    assert sum(map(len, before[0].values())) > 100
    load_demo()
    assert (visits_snapshot(), DataNote.objects.count()) == before
