"""A principal applies for their school: a draft first, saved as typed, submitted when complete, withdrawn after
asking; late input refused; a school that has had its years in the program graduates (issue 14)."""
import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from districtlab.matching import models as mm
from districtlab.org import models as m

QUESTIONS = ["Why does your school want to take part?", "What would your team share with other schools?"]


def start(cycle):
    """The principal presses "Apply": P.S. 7's draft (opening the address alone makes nothing)."""
    address = reverse("matching:apply", args=[cycle.call.pk])
    if not mm.Application.objects.filter(call=cycle.call, school=cycle.world.host).exists():
        assert cycle.client("principal").get(address)["Location"] == cycle.call.get_absolute_url()
        assert not mm.Application.objects.filter(call=cycle.call, school=cycle.world.host).exists()
    r = cycle.client("principal").post(address, {"school": cycle.world.host.pk})
    app = mm.Application.objects.get(call=cycle.call, school=cycle.world.host)
    assert r.status_code == 302 and r["Location"] == reverse("matching:application-edit", args=[app.pk])
    return app


def complete(cycle, **changes):
    data = {"role": "host", "lfa_1": cycle.lfa2.pk, "lfa_2": cycle.world.lfa.pk, "answer_0": "We want to learn.",
            "answer_1": "Our turn-and-talk routine.", "want": [cycle.schools["P.S. 9"].pk],
            "avoid": [cycle.schools["P.S. 10"].pk], "team": [cycle.world.people["teacher"].pk],
            "returning": "continue"}
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_the_principal_applies_saves_a_draft_and_submits(cycle):
    app = start(cycle)
    c = cycle.client("principal")
    edit, submit = (reverse(f"matching:application-{n}", args=[app.pk]) for n in ("edit", "submit"))
    page = c.get(edit).content.decode()
    for text in (*QUESTIONS, "Student discourse (Rigorous instruction)", "Host or partner", "Tess Teacher",
                 "Continuing", "Leaving the program"):
        assert text in page
    assert 'name="want_add"' in page and "P.S. 11" not in page  # a chooser, not a list of the whole district
    r = c.post(edit, {"role": "either", "answer_0": "Half an answer"})
    assert r.status_code == 302
    app.refresh_from_db()
    assert app.status == "draft" and app.answers[QUESTIONS[0]] == "Half an answer"
    r = c.post(submit, {"role": "either", "answer_0": "Half an answer, longer now", "returning": "continue"})
    assert r.status_code == 400
    page = r.content.decode()
    assert "Choose your first focus area." in page and 'id="id_lfa_1_error"' in page
    assert 'id="id_answer_1_error"' in page and "Answer this question before you submit." in page
    assert "Half an answer, longer now" in page and "Your draft is saved" in page
    app.refresh_from_db()
    assert app.status == "draft" and app.answers[QUESTIONS[0]] == "Half an answer, longer now"  # nothing lost
    r = c.post(submit, complete(cycle))
    assert r.status_code == 302 and r["Location"] == app.get_absolute_url()
    app.refresh_from_db()
    assert app.status == "submitted" and app.submitted_at and app.lfa_1 == cycle.lfa2
    assert list(app.want.all()) == [cycle.schools["P.S. 9"]] and list(app.team.all()) == [cycle.world.people["teacher"]]
    page = c.get(app.get_absolute_url()).content.decode()
    assert "Submitted" in page and "Our turn-and-talk routine." in page and "Rubric scores" not in page
    assert c.get(edit).status_code == 302  # submitted: it changes only by withdrawing
    assert c.post(edit, complete(cycle, answer_0="changed")).status_code == 302
    app.refresh_from_db()
    assert app.answers[QUESTIONS[0]] == "We want to learn."


def test_one_application_per_school_per_call(cycle):
    app = start(cycle)
    assert start(cycle) == app
    assert mm.Application.objects.filter(call=cycle.call, school=cycle.world.host).count() == 1


@pytest.mark.parametrize("role, status", [("central", 403), ("facilitator", 403), ("teacher", 403), ("coach", 403),
                                          ("partner", 404), ("researcher", 404), ("outsider", 404)])
def test_only_a_schools_principal_applies(cycle, role, status):
    assert cycle.client(role).post(reverse("matching:apply", args=[cycle.call.pk])).status_code == status
    assert not mm.Application.objects.filter(school=cycle.world.host).exists()


@pytest.mark.parametrize("role, status", [("central", 404), ("facilitator", 404), ("teacher", 404), ("coach", 404),
                                          ("partner", 404), ("researcher", 404), ("outsider", 404)])
def test_a_draft_is_the_schools_own(cycle, role, status):
    app = start(cycle)
    c = cycle.client(role)
    assert c.get(app.get_absolute_url()).status_code == status
    assert c.post(reverse("matching:application-edit", args=[app.pk]), complete(cycle)).status_code == status


def test_staff_of_the_school_read_it_once_submitted_but_only_the_principal_changes_it(cycle):
    app = start(cycle)
    cycle.client("principal").post(reverse("matching:application-submit", args=[app.pk]), complete(cycle))
    teacher = cycle.client("teacher")
    assert teacher.get(app.get_absolute_url()).status_code == 200
    assert teacher.post(reverse("matching:application-withdraw", args=[app.pk])).status_code == 403
    assert cycle.client("coach").get(app.get_absolute_url()).status_code == 404  # P.S. 8's coach


@pytest.mark.parametrize("changes, field, message", [
    ({"lfa_2": "LFA1"}, "lfa_2", "Rank each focus area once"),
    ({"lfa_2": None, "lfa_3": "LFA1"}, "lfa_3", "second choice before a third"),
    ({"lfa_1": "OTHER_LFA"}, "lfa_1", "Select a valid choice"),
    ({"want": ["OWN"]}, "want", "is not one of the available choices"),
    ({"want": ["ELSEWHERE"]}, "want", "is not one of the available choices"),
    ({"avoid": ["P.S. 9"]}, "avoid", "both wanted and not wanted"),
    ({"team": ["COACH"]}, "team", "is not one of the available choices"),
    ({"role": "inf"}, "role", "Select a valid choice"),
    ({"answer_0": "x" * 5001}, "answer_0", "at most 5000 characters"),
    ({"lfa_1": "999999"}, "lfa_1", "Select a valid choice"),
])
def test_bad_input_is_named_beside_its_field_and_the_typing_kept(cycle, changes, field, message):
    app = start(cycle)
    other = m.LearningFocusArea.objects.create(district=cycle.world.other_district, name="Elsewhere")
    elsewhere = m.School.objects.create(district=cycle.world.other_district, name="Far away")
    ids = {"LFA1": cycle.lfa2.pk, "OTHER_LFA": other.pk, "OWN": cycle.world.host.pk, "ELSEWHERE": elsewhere.pk,
           "P.S. 9": cycle.schools["P.S. 9"].pk, "COACH": cycle.world.people["coach"].pk}
    changes = {k: ([ids.get(x, x) for x in v] if isinstance(v, list) else ids.get(v, v)) for k, v in changes.items()}
    r = cycle.client("principal").post(reverse("matching:application-submit", args=[app.pk]),
                                       complete(cycle, answer_1="=HYPERLINK(\"http://x\")", **changes))
    assert r.status_code == 400
    page = r.content.decode()
    assert f'id="id_{field}_error"' in page and message in page
    assert "=HYPERLINK(&quot;http://x&quot;)" in page  # what was typed, kept and shown as text
    app.refresh_from_db()
    assert app.status == "draft"


def test_a_role_the_call_does_not_offer_is_refused(cycle):
    mm.Call.objects.filter(pk=cycle.call.pk).update(offers_host=False)
    app = start(cycle)
    assert app.role == "partner"
    r = cycle.client("principal").post(reverse("matching:application-edit", args=[app.pk]), complete(cycle))
    assert r.status_code == 400 and 'id="id_role_error"' in r.content.decode()


def test_late_input_is_refused_and_the_draft_kept(cycle):
    app = start(cycle)
    c = cycle.client("principal")
    c.post(reverse("matching:application-edit", args=[app.pk]), {"role": "either", "answer_0": "My draft"})
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    mm.Call.objects.filter(pk=cycle.call.pk).update(opens=yesterday - dt.timedelta(days=30), closes=yesterday)
    r = c.post(reverse("matching:application-submit", args=[app.pk]), complete(cycle))
    assert r.status_code == 400
    page = r.content.decode()
    assert "Applications closed on" in page and "Your saved draft is kept" in page
    app.refresh_from_db()
    assert app.status == "draft" and app.answers[QUESTIONS[0]] == "My draft"
    page = c.get(app.get_absolute_url()).content.decode()
    assert "My draft" in page


def test_no_application_is_started_after_the_call_closes(cycle):
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    mm.Call.objects.filter(pk=cycle.call.pk).update(opens=yesterday - dt.timedelta(days=30), closes=yesterday)
    r = cycle.client("principal").post(reverse("matching:apply", args=[cycle.call.pk]), follow=True)
    assert "Applications closed on" in r.content.decode()
    assert not mm.Application.objects.filter(school=cycle.world.host).exists()
    assert "Apply for P.S. 7" not in cycle.client("principal").get(cycle.call.get_absolute_url()).content.decode()


def in_program_since(cycle, first_year: int):
    """P.S. 7 in a network each year from ``first_year`` to 2016-17 (the world's)."""
    for y in range(first_year, 2016):
        year = m.SchoolYear.objects.create(district=cycle.world.district, name=f"{y}-{(y + 1) % 100:02d}",
                                           start=dt.date(y, 9, 1), end=dt.date(y + 1, 6, 30))
        net = m.Network.objects.create(district=cycle.world.district, school_year=year, name=f"Triad {y}",
                                       kind="triad")
        m.NetworkMembership.objects.create(network=net, school=cycle.world.host, role="host")


def test_a_school_that_has_had_its_years_graduates(cycle):
    in_program_since(cycle, 2014)  # 2014-15, 2015-16, 2016-17: three years
    app = start(cycle)
    c = cycle.client("principal")
    page = c.get(reverse("matching:application-edit", args=[app.pk])).content.decode()
    assert "It graduates after 3 years, so it cannot continue next year." in page
    r = c.post(reverse("matching:application-submit", args=[app.pk]), complete(cycle))
    assert r.status_code == 400 and "P.S. 7 graduates from the program after 3 years: it cannot continue." in \
        r.content.decode()
    r = c.post(reverse("matching:application-submit", args=[app.pk]),
               {"role": "either", "returning": "leave"})  # leaving needs nothing more
    assert r.status_code == 302
    app.refresh_from_db()
    assert app.status == "submitted" and app.returning == "leave"


def test_a_school_in_its_second_year_continues(cycle):
    in_program_since(cycle, 2015)
    app = start(cycle)
    c = cycle.client("principal")
    r = c.post(reverse("matching:application-submit", args=[app.pk]), complete(cycle, returning=None))
    assert r.status_code == 400 and "Say whether your school continues or leaves the program." in r.content.decode()
    assert c.post(reverse("matching:application-submit", args=[app.pk]), complete(cycle)).status_code == 302


def test_a_new_school_is_not_asked_whether_it_continues(cycle):
    m.NetworkMembership.objects.filter(school=cycle.world.host).delete()
    app = start(cycle)
    c = cycle.client("principal")
    assert 'name="returning"' not in c.get(reverse("matching:application-edit", args=[app.pk])).content.decode()
    assert c.post(reverse("matching:application-submit", args=[app.pk]), complete(cycle)).status_code == 302


def test_withdrawing_asks_first_and_may_apply_again(cycle):
    app = start(cycle)
    c = cycle.client("principal")
    c.post(reverse("matching:application-submit", args=[app.pk]), complete(cycle))
    url = reverse("matching:application-withdraw", args=[app.pk])
    page = c.get(url).content.decode()
    assert "Withdraw P.S. 7's application?" in page and "Yes, withdraw it" in page
    app.refresh_from_db()
    assert app.status == "submitted"
    assert c.post(url).status_code == 302
    app.refresh_from_db()
    assert app.status == "withdrawn"
    page = c.get(app.get_absolute_url()).content.decode()
    assert "Withdrawn" in page and "Apply again" in page
    assert c.post(reverse("matching:apply", args=[cycle.call.pk]), {"school": cycle.world.host.pk}).status_code == 302
    app.refresh_from_db()
    assert app.status == "draft" and app.answers[QUESTIONS[0]] == "We want to learn."
