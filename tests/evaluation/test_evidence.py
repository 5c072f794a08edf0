"""A survey's results offered as perceptual evidence for a cycle, a practice or a network: shown there to whoever
sees it (the survey's figure, never a group under its smallest size), added only by readers of its results."""
import pytest

from districtlab.evaluation import actions
from districtlab.evaluation import models as e

from .conftest import make_survey
from .test_surveys import submit_as

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(world):
    made = make_survey(world)
    actions.open_survey(made.survey)
    actions.invite(made.survey)
    submit_as(made, ["teacher", "principal", "coach"], [(4, 4, 2), (5, 4, 1), (3, 3, 3)])
    return made


def test_the_facilitator_offers_a_scale_as_evidence_for_their_network(answered):
    made, w = answered, answered.world
    c = w.client("facilitator")
    r = c.post("/surveys/evidence/new/", {"survey": made.survey.pk, "scale": made.scale.pk,
                                          "network": w.network.name, "note": "Our triad's view of its visits"})
    assert r.status_code == 302, r.content.decode()[:3000]
    link = e.SurveyEvidence.objects.get()
    assert link.network == w.network and link.added_by == w.people["facilitator"]
    page = w.client("teacher").get(w.network.get_absolute_url()).content.decode()
    assert "Survey evidence" in page and "mean score 3.89 of 5, from 3 respondents" in page
    assert f"/surveys/{made.survey.pk}/results/" not in page  # the teacher may not open the results: no link to them
    assert f"/surveys/{made.survey.pk}/results/" in c.get(w.network.get_absolute_url()).content.decode()


def test_evidence_for_a_cycle_shows_on_the_cycle_for_its_readers_only(answered, teachers_inquiry):
    made, w = answered, answered.world
    cycle = teachers_inquiry["cycle"]  # the teacher's private draft
    e.SurveyEvidence.objects.create(survey=made.survey, cycle=cycle, note="What staff told us")
    assert "What staff told us" in w.client("teacher").get(cycle.get_absolute_url()).content.decode()
    assert w.client("central").get(cycle.get_absolute_url()).status_code == 404


def test_only_readers_of_the_results_offer_them(answered):
    made, w = answered, answered.world
    data = {"survey": made.survey.pk, "network": w.network.name}
    for role in ("teacher", "researcher", "partner"):
        r = w.client(role).post("/surveys/evidence/new/", data)
        assert r.status_code in (400, 403), role
    assert not e.SurveyEvidence.objects.exists()
    r = w.client("central").post("/surveys/evidence/new/", {**data, "cycle": "", "practice": ""})
    assert r.status_code == 302
    from districtlab.practices.models import Practice

    practice = Practice.objects.create(district=w.district, author=w.people["teacher"], name="Anchor chart",
                                       kind="routine", description="d", visibility="district")
    both = w.client("central").post("/surveys/evidence/new/", {**data, "practice": practice.name})
    assert both.status_code == 400 and "Choose one cycle, practice or network" in both.content.decode()


def test_a_small_groups_figure_is_held_back(answered):
    made, w = answered, answered.world
    e.Survey.objects.filter(pk=made.survey.pk).update(minimum_group=5)
    e.SurveyEvidence.objects.create(survey=made.survey, scale=made.scale, network=w.network)
    page = w.client("teacher").get(w.network.get_absolute_url()).content.decode()
    assert "held back (fewer than 5 respondents)" in page and "3.89" not in page


def test_a_principal_offers_their_own_schools_survey_though_invited_to_others(answered):
    made, w = answered, answered.world
    own = e.Survey.objects.create(district=w.district, school_year=w.year, title="Workshops at P.S. 7", school=w.host,
                                  status="closed")
    assert made.survey.title < own.title  # the survey they may not read comes first, by title
    page = w.client("principal").get(w.network.get_absolute_url()).content.decode()
    assert "Offer a survey's results as evidence" in page
    assert "Offer a survey's results as evidence" not in w.client("teacher").get(
        w.network.get_absolute_url()).content.decode()
