"""Appendix C's inquiry records for P.S. 12, P.S. 20, P.S. 21 and P.S. 23 (seed 004), as signed-in users get them
from the API: each school's year-long goal, the evidence it was made from, its major changes and the evidence used
to assess them, in the seed's words and typed as the demo types evidence; shared as the demo shares each year.
"""
import pytest

from .test_demo_true_to_the_seeds import api_list, signed_in

OUTCOME, PERCEPTUAL = "outcome", "perceptual"


def nyc_ids(c, school, year):
    district = next(d["id"] for d in api_list(c, "/api/districts/") if d["short_name"] == "NYC DOE")
    school_id = next(s["id"] for s in api_list(c, f"/api/schools/?search={school}") if s["name"] == school)
    [year_row] = api_list(c, f"/api/school-years/?district={district}&name={year}")
    return school_id, year_row["id"]


def inquiry(c, school, year):
    """What ``c`` is served of the school's problem of practice for ``year``: its goal, its one cycle, their
    evidence as (kind, nature, basis, description), the change ideas and the measures with their data points."""
    school_id, year_id = nyc_ids(c, school, year)
    problems = api_list(c, f"/api/problems-of-practice/?school={school_id}&school_year={year_id}")
    if not problems:
        return None
    [problem] = problems
    [goal] = api_list(c, f"/api/year-goals/?problem={problem['id']}")
    [cycle] = api_list(c, f"/api/cycles/?goal={goal['id']}")

    def evidence(of, pk):
        return {(e["kind"], e["nature"], e["basis"], e["description"]) for e in api_list(c, f"/api/evidence/?{of}={pk}")}

    measures = {ms["name"]: ms for ms in api_list(c, f"/api/measures/?cycle={cycle['id']}")}
    return {"problem": problem, "goal": goal, "cycle": cycle, "evidence": evidence("problem", problem["id"]),
            "cycle_evidence": evidence("cycle", cycle["id"]),
            "changes": [i["description"] for i in api_list(c, f"/api/change-ideas/?cycle={cycle['id']}")],
            "measures": measures,
            "points": {name: api_list(c, f"/api/data-points/?measure={ms['id']}") for name, ms in measures.items()}}


# school, year, who sees it, rung, year-long goal, evidence used to create it, major changes, evidence used to
# assess them (seed 004 Appendix C)
RECORDS = [
    ("P.S. 12", "2014-15", "nyc.admin", "district",
     "To improve school’s culture through the implementation of consistent practices",  # ~7403-7405
     {("quality_review", OUTCOME, "data", "Quality Review"), ("lesson_observation", PERCEPTUAL, "data", "Observations")},
     ["Implemented school-wide instructional practices, including common routines for the first 15 minutes of every "
      "lesson, checks for understanding, and the gradual release of responsibility model"],  # ~7423-7430
     {"Lesson observations"}),
    ("P.S. 20", "2015-16", "nyc.admin", "district",
     "Students and teachers will integrate the community principles [an aspect of RJ] into classrooms",
     {("lesson_observation", PERCEPTUAL, "data",
       "Classroom observations that demonstrate classes do not have explicit connection to community principles")},
     ["Incorporated community principles into curriculum maps",
      "Created a bank of practices for integrating principles into instruction"],
     {"Teacher survey", "Lesson observations"}),
    ("P.S. 21", "2015-16", "nyc.admin", "district",
     "To implement talking circles schoolwide that build and sustain community; teach college, career and life "
     "skills; and develop student voice",
     {("student_outcomes", OUTCOME, "data", "Records of “disciplinary issues due to student conflicts”")},
     ["Refined and expanded student-led circles", "Implemented the use of artifacts in circles",
      "Trained student “circle keepers”",
      "Implemented practices that would allow for greater student voice during circles"],
     {"Student reflections", "Teacher reflections", "Classroom observations"}),
    ("P.S. 23", "2016-17", "nyc.facilitator", "network",
     "For cluster teachers to use students' IEP goals and data to drive instruction",
     {("lesson_observation", PERCEPTUAL, "data", "Formal and informal observation reports"),
      ("other", OUTCOME, "data", "Comprehensive Education Plan (2014-2015)"),
      ("survey", PERCEPTUAL, "data", "School Needs Assessment Survey")},
     ["Provided PD to cluster teachers and began holding them to common instructional expectations that aligned "
      "with expectations for core subject teachers"],
     {"Lesson observations"}),
]


@pytest.mark.parametrize("school, year, username, rung, goal, evidence, changes, assessed", RECORDS,
                         ids=[r[0] for r in RECORDS])
def test_appendix_c_goal_evidence_and_changes_in_the_seeds_words(db, demo, school, year, username, rung, goal,
                                                                  evidence, changes, assessed):
    got = inquiry(signed_in(username), school, year)
    assert got is not None, f"{username} is served no {year} record of {school}"
    assert got["goal"]["statement"] == goal
    assert got["evidence"] == evidence
    assert sorted(got["changes"]) == sorted(changes)
    assert set(got["measures"]) == assessed
    assert {ms["nature"] for ms in got["measures"].values()} == {PERCEPTUAL}  # observations, surveys, reflections
    assert got["points"] == {name: [] for name in assessed}  # the seed gives no data: none is invented
    assert {got["problem"]["visibility"], got["goal"]["visibility"], got["cycle"]["visibility"]} == {rung}
    words = [got["problem"]["statement"], got["problem"]["how_decided"], got["cycle"]["implementation_notes"],
             got["cycle"]["results"], got["cycle"]["lessons"], *changes]
    assert not any("~" in text or "seeds/" in text for text in words)  # citations stay in the data notes


def test_the_teams_and_networks_are_the_schools(db, demo):
    c = signed_in("nyc.admin")
    for school, year, network, focus_area in [("P.S. 12", "2014-15", "P.S. 10 triad", "School culture"),
                                              ("P.S. 20", "2015-16", "P.S. 20 triad", "Restorative Justice circles"),
                                              ("P.S. 21", "2015-16", "P.S. 20 triad", "Restorative Justice circles")]:
        problem = inquiry(c, school, year)["problem"]
        team = c.get(f"/api/teams/{problem['team']}/").json()
        assert team["name"] == f"{school} LPP team {year}"
        members = {m["person"] for m in api_list(c, f"/api/team-memberships/?team={team['id']}")}
        assert problem["author"] in members
        assert c.get(f"/api/networks/{problem['network']}/").json()["name"] == network
        assert c.get(f"/api/focus-areas/{problem['focus_area']}/").json()["name"] == focus_area  # Tables 3-4


def test_ps_12s_focus_and_ps_21s_circles_from_the_prose(db, demo):
    c = signed_in("nyc.admin")
    p12 = inquiry(c, "P.S. 12", "2014-15")
    assert p12["problem"]["how_decided"] == "Quality Review, observations"
    assert p12["problem"]["lfa_relation"].startswith("Stronger and more consistent instructional practice")
    assert "ten practices" in p12["cycle"]["implementation_notes"]
    assert {e[:3] for e in p12["cycle_evidence"]} == {("network_feedback", PERCEPTUAL, "practice")}
    p21 = inquiry(c, "P.S. 21", "2015-16")
    assert "develop next steps for promoting it consistently across classrooms" in p21["cycle"]["results"]
    assert {e[:3] for e in p21["cycle_evidence"]} == {("network_feedback", PERCEPTUAL, "practice")}
    assert "We would love to collect these to use as data." in next(iter(p21["cycle_evidence"]))[3]


def test_ps_23_is_its_networks_in_2016_17_only(db, demo):
    admin, kimberly, coach = signed_in("nyc.admin"), signed_in("nyc.facilitator"), signed_in("nyc.coach")
    assert inquiry(admin, "P.S. 23", "2016-17") is None  # shared with the triad, not the whole district
    p23 = inquiry(coach, "P.S. 23", "2016-17")  # P.S. 24's coach, a school of the triad
    assert p23["problem"]["team_roles"].startswith("Paraprofessionals were included on the LPP team")
    assert p23["problem"]["how_decided"].startswith("Our problem and goal are based on the School's Needs Assessment.")
    school_id, _ = nyc_ids(kimberly, "P.S. 23", "2016-17")
    assert [p["id"] for p in api_list(kimberly, f"/api/problems-of-practice/?school={school_id}")] == [
        p23["problem"]["id"]]  # Appendix C gives P.S. 23 no 2015-16 record


def test_data_notes_say_how_appendix_c_was_read_without_repeating_the_focus_area_conflicts(db, demo):
    notes = {n["subject"]: n for n in api_list(signed_in("nyc.admin"), "/api/data-notes/?search=Appendix C")}
    cells = notes["Appendix C's evidence cells for P.S. 12, P.S. 20 and P.S. 21"]
    assert cells["kind"] == "reading" and "Internationals triad's focus area, 2015-16" in cells["note"]
    assert cells["sources"].startswith("seeds/004_") and "~7631-7648" in cells["sources"]
    year = notes["Year of P.S. 23's inquiry record"]
    assert "2016-2017" in year["kept"] and "District 75 triad's focus area, 2016-17" in year["note"]
    assert "P.S. 12, P.S. 14 and P.S. 15" in notes["Appendix C's 2014-15 work as cycles"]["kept"]
    assert "P.S. 14 and P.S. 15's 2014-15 work as cycles" not in notes  # renamed, not kept twice
    every = api_list(signed_in("nyc.admin"), "/api/data-notes/?search=restorative justice practices")
    assert [n["subject"] for n in every] == ["Internationals triad's focus area, 2015-16"]
