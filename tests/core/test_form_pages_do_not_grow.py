"""Every form page that would list a whole district (its schools, networks, teams, meetings, practices, people,
problems, goals or cycles) asks the same queries, lists the same number of <option>s and sends a page of the same
size in a district three times the size: those links are chosen by typing, or offered from what the record is about
(a meeting's schools, a practice's versions), never listed whole (issue 13). Forms whose choices are bounded (a fixed
kind, a district's school years, focus areas or protocols) are not here."""
import pytest
from django.db import transaction
from django.test import Client

from districtlab.core.permissions import actor_for, scope
from districtlab.demo.synthetic import build, build_practices
from districtlab.inquiry import models as inquiry
from districtlab.org import models as org
from districtlab.practices import models as practices
from districtlab.visits import models as visits
from tests.query_counts import LARGE, SMALL, queries


@pytest.fixture(scope="module")
def districts(django_db_setup, django_db_blocker):
    """The two districts of ``tests.query_counts.sizes``, built once for every page here and rolled back after."""
    with django_db_blocker.unblock(), transaction.atomic():
        built = build(SMALL, tag=" S", username="small"), build(LARGE, tag=" L", username="large")
        for world in built:
            build_practices(world)
        yield built
        transaction.set_rollback(True)


def first(world, model, **where):
    """The first ``model`` record (by id) the central office of ``world`` sees."""
    return scope(actor_for(world.user), model.objects.filter(**where)).order_by("pk").first()


def visit(world):
    return first(world, visits.Meeting, kind="site_visit")


def own_practice(world):
    """The central office's own draft (only its author edits it), about a team, school and network, by two makers."""
    practice = practices.Practice.objects.create(
        district=world.district, author=world.user.person, name="Routine", kind="routine", description="x",
        origin_school=world.schools[0], team=world.teams[0], school=world.schools[0],
        network=world.district.networks.first())
    practice.origin_people.add(*world.people[:2])
    return practice


PAGES = {
    "new demographic": lambda w: "/demographics/new/",
    "edit demographic": lambda w: f"/demographics/{first(w, org.Demographic).pk}/edit/",
    "new school-year facts": lambda w: "/school-year-facts/new/",
    "new network": lambda w: "/networks/new/",
    "edit network": lambda w: f"/networks/{first(w, org.Network).pk}/edit/",
    "new network membership": lambda w: "/network-memberships/new/",
    "edit network membership": lambda w: f"/network-memberships/{first(w, org.NetworkMembership).pk}/edit/",
    "new team": lambda w: "/teams/new/",
    "edit team": lambda w: f"/teams/{w.teams[0].pk}/edit/",
    "new team member": lambda w: f"/team-memberships/new/?team={w.teams[0].pk}",
    "edit team member": lambda w: f"/team-memberships/{first(w, org.TeamMembership).pk}/edit/",
    "new position": lambda w: f"/positions/new/?person={w.people[0].pk}",
    "edit position": lambda w: f"/positions/{first(w, org.Position, school__isnull=False).pk}/edit/",
    "new note": lambda w: "/notes/new/",
    "new meeting": lambda w: "/visits/meetings/new/",
    "edit meeting": lambda w: f"/visits/meetings/{visit(w).pk}/edit/",
    "new agenda item": lambda w: f"/visits/agenda/new/?meeting={visit(w).pk}",
    "new attendance": lambda w: f"/visits/attendance/new/?meeting={visit(w).pk}",
    "edit attendance": lambda w: f"/visits/attendance/{first(w, visits.Attendance).pk}/edit/",
    "new feedback": lambda w: f"/visits/feedback/new/?meeting={visit(w).pk}",
    "edit feedback": lambda w: f"/visits/feedback/{first(w, visits.Feedback).pk}/edit/",
    "new feedback request": lambda w: f"/visits/feedback-requests/new/?meeting={visit(w).pk}",
    "new next step": lambda w: f"/visits/next-steps/new/?meeting={visit(w).pk}",
    "new observation": lambda w: f"/visits/observations/new/?meeting={visit(w).pk}",
    "new norm": lambda w: "/visits/norms/new/",
    "new blocked date": lambda w: "/visits/blocked-dates/new/",
    "new practice": lambda w: "/practices/practices/new/",
    "edit practice": lambda w: f"/practices/practices/{own_practice(w).pk}/edit/",
    "new version": lambda w: f"/practices/versions/new/?practice={first(w, practices.Practice).pk}",
    "edit version": lambda w: f"/practices/versions/{first(w, practices.Version).pk}/edit/",
    "new practice evidence": lambda w: f"/practices/evidence/new/?practice={first(w, practices.Practice).pk}",
    "new adoption": lambda w: "/practices/adoptions/new/?practice={0.practice_id}&version={0.pk}".format(
        first(w, practices.Version)),
    "edit adoption": lambda w: f"/practices/adoptions/{first(w, practices.Adoption).pk}/edit/",
    "new share-out": lambda w: "/practices/share-outs/new/",
    "new convention": lambda w: "/practices/conventions/new/",
    "new goal": lambda w: f"/inquiry/goals/new/?problem={first(w, inquiry.ProblemOfPractice).pk}",
    "new cycle": lambda w: f"/inquiry/cycles/new/?goal={first(w, inquiry.YearGoal).pk}",
    "start a cycle": lambda w: f"/inquiry/cycles/start/?team={w.teams[0].pk}&school_year={w.teams[0].school_year_id}",
    "start a cycle, from no team": lambda w: "/inquiry/cycles/start/",
    "start a problem": lambda w: "/inquiry/problems/start/",
    "new change idea": lambda w: f"/inquiry/change-ideas/new/?cycle={first(w, inquiry.Cycle).pk}",
    "new inquiry evidence": lambda w: "/inquiry/evidence/new/",
    "new measure": lambda w: f"/inquiry/measures/new/?cycle={first(w, inquiry.Cycle).pk}",
}


def page(world, url):
    """(queries, <option>s, bytes) of ``url`` for the central office of ``world``, asked once first to warm caches."""
    c = Client()
    c.force_login(world.user)
    queries(c, url)
    asked = queries(c, url)
    body = c.get(url).content
    return asked, body.count(b"<option"), len(body)


@pytest.mark.parametrize("which", PAGES)
def test_the_form_page_does_not_grow_with_the_district(db, districts, which):
    (small_q, small_options, small_bytes), (large_q, large_options, large_bytes) = (
        page(world, PAGES[which](world)) for world in districts)
    assert (small_q, small_options) == (large_q, large_options)
    assert abs(small_bytes - large_bytes) < 100, (small_bytes, large_bytes)  # names differ by a digit or two
