"""The program's annual cycle in the demo (issue 14): NYC's 2016-17 call as seed 004 reports it (62% of applicants
accepted, the Framework elements' shares), a 2017-18 call ready for the program director to match and publish, and
Highline's studio/residency match told by data notes, with the district's current year left at 2016-17."""
from collections import Counter

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from districtlab.core import roles as R
from districtlab.core.permissions import actor_for
from districtlab.demo.loader import DemoContext
from districtlab.matching import demo as matching_demo
from districtlab.matching import models as mm
from districtlab.matching.program import years_in_program
from districtlab.org import models as m

from ..conftest import snapshot_of

A = mm.Application


def client_for(username) -> Client:
    c = Client()
    c.force_login(get_user_model().objects.get(username=username))
    return c


def call(year) -> mm.Call:
    return mm.Call.objects.get(district__short_name="NYC DOE", school_year__name=year)


def test_62_percent_of_the_2016_17_applicants_were_accepted(db, demo):
    applications = call("2016-17").applications.select_related("school")
    decisions = Counter(applications.values_list("decision", flat=True))
    assert decisions[A.Decision.ACCEPTED] == 190 and applications.count() == 306
    assert round(100 * 190 / 306) == 62
    network_schools = set(m.NetworkMembership.objects.program().filter(
        network__district__short_name="NYC DOE", network__school_year__name="2016-17").values_list("school", flat=True))
    assert set(applications.filter(decision=A.Decision.ACCEPTED).values_list("school", flat=True)) == network_schools
    others = applications.exclude(decision=A.Decision.ACCEPTED)
    assert set(others.values_list("decision", flat=True)) == {A.Decision.WAITLISTED, A.Decision.DECLINED}
    assert all(a.synthetic and a.school.synthetic and a.decision_reason for a in others)
    returning = applications.filter(returning=A.Returning.CONTINUE).count()
    assert returning == 130  # the seed's returning schools, who reapplied (~3566)

    page = client_for("nyc.central").get(reverse("matching:acceptance", args=[call("2016-17").pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "62% accepted" in text and "190 of 306" in text


def test_framework_elements_on_the_2016_17_applications_have_the_seeds_shares(db, demo):
    listed = Counter()
    for a in call("2016-17").applications.select_related("lfa_1", "lfa_2"):
        listed.update(f.name.lower() for f in (a.lfa_1, a.lfa_2) if f)
        assert a.lfa_1 and a.lfa_1 != a.lfa_2 and a.lfa_3 is None  # one or two elements each
    table = m.ReferenceTable.objects.get(district__short_name="NYC DOE", title__startswith="Framework elements listed")
    total = sum(listed.values())
    assert len(table.rows) == len(listed) == 6
    for name, share in table.rows:  # exactly, not rounded: 119 of 350 is 34%
        assert 100 * listed[name.lower()] == int(share.rstrip("%")) * total, name
    assert total == 350 and listed["rigorous instruction"] == 119 and listed["strong family-community ties"] == 14


def test_the_2017_18_call_is_decided_and_waits_for_the_director(db, demo):
    nyc = m.District.objects.get(short_name="NYC DOE")
    assert nyc.current_school_year.name == "2016-17"
    next_call = call("2017-18")
    assert next_call.synthetic and next_call.partners_min == 2 and next_call.partners_max == 3
    assert not next_call.proposals.exists()
    assert not m.Network.objects.filter(district=nyc, school_year__name="2017-18").exists()

    members = m.NetworkMembership.objects.program().filter(network__district=nyc, network__school_year__name="2016-17")
    years = years_in_program(list(members.values_list("school", flat=True)), before=next_call.school_year)
    applied = {a.school_id: a for a in next_call.applications.all()}
    graduating = {s for s, n in years.items() if n >= 3}
    assert graduating and not graduating & set(applied)  # graduates do not apply again
    staying = set(years) - graduating
    assert staying <= set(applied)
    assert {applied[s].returning for s in staying} == {A.Returning.CONTINUE, A.Returning.LEAVE}

    new = [a for a in applied.values() if a.returning == A.Returning.NEW]
    assert 12 <= len(new) <= 20 and all(a.synthetic and a.school.synthetic for a in new)
    assert all(a.status == A.Status.SUBMITTED for a in applied.values())
    assert all(a.decision for a in applied.values() if a.returning != A.Returning.LEAVE)
    assert {a.decision for a in new} == {A.Decision.ACCEPTED, A.Decision.WAITLISTED, A.Decision.DECLINED}
    assert all(a.scores.count() == next_call.criteria.count() * 2 for a in new)
    assert mm.HostVisit.objects.filter(application__call=next_call).count() >= 2
    waiting = mm.DesignationApplication.objects.filter(call=next_call, status="submitted")
    assert waiting.count() >= 2 and all(d.synthetic for d in waiting)


def test_the_director_forms_networks_that_place_every_accepted_school(db, demo):
    next_call = call("2017-18")
    director = client_for("nyc.central")
    response = director.post(reverse("matching:proposal-create", args=[next_call.pk]), {"name": "", "time_limit": 10})
    assert response.status_code == 302
    proposal = next_call.proposals.get()
    assert proposal.status == mm.Proposal.Status.READY, proposal.problem
    accepted = next_call.applications.filter(status=A.Status.SUBMITTED, decision=A.Decision.ACCEPTED).count()
    assert proposal.result["placed"] == accepted and proposal.result["unplaced"] == []
    sizes = Counter(len(n["partners"]) for n in proposal.result["networks"])
    assert set(sizes) <= {2, 3} and len(proposal.result["networks"]) >= 12
    assert proposal.result["needs_facilitator"] == []  # the district's twelve facilitators, four networks each
    assert director.get(proposal.get_absolute_url()).status_code == 200


def test_the_tours_sign_ins_see_their_part(db, demo):
    next_call = call("2017-18")
    director = client_for("nyc.central")
    for url in (next_call.get_absolute_url(), reverse("matching:review", args=[next_call.pk])):
        assert director.get(url).status_code == 200
    applicant = client_for("nyc.applicant")
    mine = next_call.applications.get(school__name=matching_demo.APPLICANT_PRINCIPAL[2])
    page = applicant.get(mine.get_absolute_url())
    assert page.status_code == 200 and matching_demo.APPLICANT_PRINCIPAL[2] in page.content.decode()
    other = next_call.applications.exclude(school=mine.school).filter(returning=A.Returning.NEW).first()
    assert applicant.get(other.get_absolute_url()).status_code in (403, 404)
    assert client_for("nyc.researcher").get(mine.get_absolute_url()).status_code in (403, 404)


def test_highline_has_no_call_and_a_note_says_why(db, demo):
    highline = m.District.objects.get(short_name="Highline")
    assert not mm.Call.objects.filter(district=highline).exists()
    note = m.DataNote.objects.get(district=highline, subject__startswith="Studio and residency schools")
    assert "similar demographics" in note.note and "~354-360" in note.sources
    pair = m.Network.objects.get(district=highline, kind=m.Network.Kind.STUDIO_RESIDENCY)
    assert sorted(pair.memberships.values_list("role", flat=True)) == ["residency", "studio"]


def test_the_current_year_and_roles_are_unchanged(db, demo):
    nyc = m.District.objects.get(short_name="NYC DOE")
    assert nyc.current_school_year.name == "2016-17"
    assert m.SchoolYear.objects.filter(district=nyc, name="2017-18").exists()
    for username, role in (("nyc.teacher", R.TEACHER), ("nyc.principal", R.PRINCIPAL), ("nyc.central", R.CENTRAL),
                           ("nyc.facilitator", R.FACILITATOR), ("nyc.applicant", R.PRINCIPAL),
                           ("nyc.superintendent", R.CENTRAL)):
        assert actor_for(get_user_model().objects.get(username=username)).has_role(nyc.pk, role), username


@pytest.mark.parametrize("notes", [["Applicants to the 2016-17 program", "Framework elements on the 2016-17 "
                                    "applications", "Dates of the calls for applications", "The 2017-18 call"]])
def test_the_program_cycles_data_notes(db, demo, notes):
    kept = set(m.DataNote.objects.filter(district__short_name="NYC DOE").values_list("subject", flat=True))
    assert set(notes) <= kept


def test_loading_the_program_cycle_again_changes_nothing(db, demo):
    models = [mm.Call, mm.Application, mm.RubricCriterion, mm.Score, mm.HostVisit, mm.DesignationApplication,
              mm.Eligibility, m.School, m.Person, m.Position, m.DataNote, m.SchoolYear, m.LearningFocusArea]
    first = snapshot_of(models)
    again = DemoContext(objects={**demo.objects, "nyc.people": dict(demo["nyc.people"])})  # the session's stays as is
    matching_demo.load(again)
    assert [s[0] for s in again.sign_ins] == ["nyc.applicant", "nyc.superintendent"]
    assert snapshot_of(models) == first
