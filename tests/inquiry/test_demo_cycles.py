"""The demo's Cycles of Learning: the seeds' documented cycles in their own words, charts that do and do not
show a signal, synthetic data marked so, a private draft only its author sees, and loading twice changes nothing."""
import datetime as dt

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model

from districtlab.analysis.runchart import run_chart
from districtlab.analysis.spc import control_chart
from districtlab.core.permissions import actor_for, scope
from districtlab.demo.loader import load_demo
from districtlab.inquiry import models as m
from districtlab.org.models import DataNote, NetworkMembership, TeamMembership

from ..conftest import snapshot_of


def cycles_of(school, year):
    return m.Cycle.objects.filter(school__name=school, goal__problem__school_year__name=year).select_related(
        "goal__problem__focus_area", "network")


def chart(measure):
    """The measure's chart parts, computed by the analysis functions from its stored points."""
    points = list(measure.points.all())
    xs, ys, parts = [p.label for p in points], [p.value for p in points], [p.part for p in points]
    if measure.chart == "run":
        return run_chart(xs, ys, parts)
    return control_chart(xs, ys, measure.chart, [p.denominator for p in points], parts)


def signals(parts):
    return any(p.runs.runs_signal or any(q["sigma_signal"] for q in p.points) for p in parts)


@pytest.mark.parametrize("school,problem,goal,cycle_goal,change_idea,data", [
    ("P.S. 8", "Students are interacting negatively", "ability to communicate with each other",
     "Include student collaboration in lesson plans", "Have students rate themselves on collaboration rubric",
     "Lesson observations"),
    ("P.S. 24", "Students did not make adequate growth in reading", "80% of standardized assessment students",
     "100% of targeted teachers use Fountas and Pinnell running records",
     "Professional development around Fountas and Pinnell and the Literacy Continuum",
     "Guided reading tracking sheets used during small group instruction"),
    ("P.S. 38", "We do not have an environment where teachers learn from one another",
     "Improve teacher practice and collaboration", "Create a professional setting for teachers to work together",
     "Implement teacher-led professional learning series", "Teacher surveys"),
])
def test_table_11_cycles_in_the_seeds_words(db, demo, school, problem, goal, cycle_goal, change_idea, data):
    cycle = cycles_of(school, "2016-17").get(smaller_goal__contains=cycle_goal)
    pop = cycle.goal.problem
    assert pop.statement == problem and goal in cycle.goal.statement
    assert change_idea in [c.description for c in cycle.change_ideas.all()]
    assert cycle.measures.filter(data_source__contains=data).exists()
    network = NetworkMembership.objects.program().get(school__name=school,
                                                        network__school_year__name="2016-17").network
    assert cycle.network == pop.network == network and pop.focus_area == network.focus_area
    assert cycle.visibility == pop.visibility == "network"
    assert TeamMembership.objects.filter(team=pop.team, person=pop.author).exists()


def test_appendix_c_entries_for_ps_14_and_ps_15(db, demo):
    p14, p15 = (cycles_of(s, "2014-15").get() for s in ("P.S. 14", "P.S. 15"))
    assert p14.goal.statement == "Improve teacher teams" and p15.goal.statement == "Improve school culture"
    assert p14.goal.problem.how_decided == "Quality Review, Learning Environment Survey"
    assert "cross-grade teacher committees" in p14.change_ideas.get().description
    assert "“Proficient”" in p14.results
    assert {c.description for c in p15.change_ideas.all()} == {
        "Implemented new social-emotional learning curriculum", "Redefined school values",
        "Implemented a new PBIS system"}
    assert p14.measures.get().data_source == "Observations of team meetings"
    assert p15.measures.get().data_source == "Lesson observations"
    assert p14.network.name == p15.network.name == "P.S. 13 triad"
    assert p14.goal.problem.focus_area.name == "Teacher leadership; student SEL"


def test_soar_pilots_with_perceptual_and_outcome_evidence(db, demo):
    think = m.Cycle.objects.get(district__short_name="SOAR", title__contains="Think It Out")
    assert think.school.name == "Desert Grove High School" and think.goal.problem.school_year.name == "2013-14"
    assert {(e.nature, "sample of students" in e.description) for e in think.evidence.all()} == {("perceptual", True)}
    assert "remain in class" in think.results and think.next_step == "adopt"
    valley = m.Cycle.objects.get(school__name="Valley High School", title="Grade reflection and goal-setting form")
    natures = {e.nature: e.description for e in valley.evidence.all()}
    assert natures["outcome"] == "Student passing rates" and "exit surveys" in natures["perceptual"].lower()
    assert "more students reaching honor roll" in valley.results
    assert valley.goal.statement == "Increase the number of students on the schools' honor roll"


def test_some_charts_show_a_signal_and_some_do_not(db, demo):
    measures = {ms.name: ms for ms in m.Measure.objects.filter(points__isnull=False).distinct()}
    found = {name: signals(chart(ms)) for name, ms in measures.items()}
    assert found["Observed lessons with a collaborative activity"]  # P.S. 8: a shift once the rubric began
    assert not found["Collaboration rubric ratings"]  # noise around its median
    assert found["Students reaching honor roll"] and not found["Students passing all classes"]  # Valley, as the seed
    tracking = measures["Small-group sessions with a guided reading tracking sheet"]
    assert tracking.chart == "p" and all(p.denominator for p in tracking.points.all()) and found[tracking.name]
    assert not found["Staff attending the workshops"]  # a p chart in control
    run = [name for name, ms in measures.items() if ms.chart == "run"]
    assert {found[name] for name in run} == {True, False}
    rebased = chart(measures["Grade-team meetings focused on student work"])  # P.S. 14: the median rebased
    assert [p.part for p in rebased] == ["before common expectations", "after common expectations"]
    assert rebased[0].median < rebased[1].median and not any(p.runs.runs_signal for p in rebased)


def test_measure_data_is_synthetic_weekly_and_inside_the_school_year(db, demo):
    with_data = m.Measure.objects.filter(points__isnull=False).distinct().select_related("cycle__goal__problem")
    assert with_data.count() >= 10
    for measure in with_data:
        year = measure.cycle.goal.problem.school_year
        labels = [dt.date.fromisoformat(p.label) for p in measure.points.all()]
        assert measure.synthetic and 8 <= len(labels) <= 20, measure.name
        assert labels == sorted(labels) and year.start <= labels[0] and labels[-1] <= year.end, measure.name


def test_stages_dates_and_what_a_completion_dashboard_shows(db, demo):
    cycles = m.Cycle.objects.select_related("goal__problem__school_year")
    assert {c.stage for c in cycles} == {"plan", "implement", "reflect", "share"}
    for c in cycles:
        year = c.goal.problem.school_year
        assert year.start <= c.started <= (c.ended or c.started) <= year.end, c.title
        assert c.next_step or c.stage != "share", c.title
    shared = cycles.filter(goal__problem__school_year__name="2016-17").exclude(visibility="private")
    assert shared.filter(school__name="P.S. 24").count() == 2
    quad = NetworkMembership.objects.get(school__name="P.S. 8", network__school_year__name="2016-17").network
    assert quad.memberships.exclude(school__in=shared.values("school")).exists()  # a school with no cycle yet


def test_the_private_draft_is_its_authors_alone(db, demo):
    draft = m.Cycle.objects.get(visibility="private")
    assert draft.school.name == "P.S. 8" and draft.stage == "plan"
    users = get_user_model().objects

    def sees(username, model=m.Cycle, **where):
        return scope(actor_for(users.get(username=username)), model.objects.filter(**where)).exists()

    assert draft.author.user.username == "nyc.teacher" and sees("nyc.teacher", pk=draft.pk)
    for other in ("nyc.facilitator", "nyc.admin", "nyc.central", "nyc.coach", "nyc.researcher"):
        assert not sees(other, pk=draft.pk), other
        assert not sees(other, m.Measure, cycle=draft), other
    assert sees("nyc.facilitator", school=draft.school, visibility="network")  # the shared cycle is seen


def test_seed_conflicts_become_data_notes_citing_seed_and_lines(db, demo):
    for subject, seed, other in [("P.S. 24's change idea, 2016-17", "004", "explicit instruction"),
                                 ("Year of P.S. 38's teacher-led professional learning series", "004", "2015-2016"),
                                 ("P.S. 8's year-long goal wording", "004", "effectively communicate")]:
        note = DataNote.objects.get(subject=subject)
        assert note.sources.startswith(f"seeds/{seed}_") and "~" in note.sources and other in note.other
    reading = DataNote.objects.get(subject="Who implemented the grade reflection form")  # 001 ~192 and ~194 agree
    assert reading.kind == "reading" and reading.sources.startswith("seeds/001_") and "at Desert Grove" in reading.note


def inquiry_snapshot():
    return snapshot_of(apps.get_app_config("inquiry").get_models())


def test_loading_again_changes_nothing(db, demo):
    before = inquiry_snapshot(), DataNote.objects.count(), TeamMembership.objects.count()
    load_demo()
    assert (inquiry_snapshot(), DataNote.objects.count(), TeamMembership.objects.count()) == before
