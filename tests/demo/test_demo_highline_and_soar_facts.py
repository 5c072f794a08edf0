"""Highline's and SOAR's facts from seeds 000 and 001 (issue 11), seen as signed-in users of the demo see them."""
import re

from tests.demo.test_demo_true_to_the_seeds import api_list, export, people_by_id, signed_in

KINDS = {"reading": "How the source was read", "gap": "Not in the source", "synthetic": "Filled with synthetic data"}


def table(user, title):
    """``{first cell: second cell}`` of the reference table ``title`` as ``user`` gets it from the API."""
    tables = {t["title"]: t for t in api_list(signed_in(user), "/api/reference-tables/")}
    return {row[0]: row[1] for row in tables[title]["rows"]}


def notes(user):
    return {r["subject"]: r for r in export(signed_in(user), "data-notes")}


def test_oak_parks_english_learners_and_languages_are_kept_in_words(db, demo):
    oak = table("highline.teacher", "Oak Park Elementary")  # practitioners see it on the district page
    assert oak["English Language Learners"] == "Nearly a third of the students"  # seed 000 ~314
    assert oak["Languages of Oak Park families"] == "Include Spanish, Vietnamese, Somali, Cakchiquel, and Punjabi"
    assert "“goer” school" in oak["Described in 2004 as"]  # ~318-321
    c = signed_in("highline.admin")
    school = next(s for s in api_list(c, "/api/schools/") if s["name"] == "Oak Park Elementary")
    measures = {r["measure"]: r["value"] for r in api_list(c, f"/api/demographics/?school={school['id']}")}
    assert measures["% Latino"] == "40%" and not any("English" in k or "ELL" in k for k in measures)  # no number
    note = notes("highline.researcher")["Oak Park English learners"]
    assert note["kind"] == KINDS["reading"] and "Nearly a third" in note["kept"]


def test_how_studio_and_residency_schools_were_chosen_and_supported(db, demo):
    model = table("highline.principal", "Elementary Studio/Residency Project, 2005-06")
    assert "readiness to lead the instructional improvement work" in model["Studio schools"]  # ~354-355
    assert "similar demographics" in model["Residency schools"]  # ~359-360
    assert model["Substitute teachers"].startswith("Provided by the school district")  # ~365-366
    assert "not working directly with residency students" in model["External consultant"]  # ~351-352
    assert model["Designed by"].startswith("Two Directors of Elementary Education")  # ~376-379


def test_caryn_is_a_30_year_veteran_and_her_tenure_says_so(db, demo):
    c = signed_in("highline.admin")
    rows = [r for r in export(c, "people") if r["name"] == "Caryn"]
    assert [(r["position"], r["school"], r["start"]) for r in rows] == [("Teacher", "Oak Park Elementary",
                                                                         "1975-09-01")]  # seed 000 ~397
    caryn = next(p for p in people_by_id(c).values() if p["name"] == "Caryn")
    page = c.get(f"/people/{caryn['id']}/").content.decode()
    tenure = float(re.search(r"([\d.]+) years? in post", page).group(1))
    assert tenure > 30  # derived from her position: 30 years by 2005-06, more since
    note = notes("highline.researcher")["Start of Caryn's teaching"]
    assert note["kind"] == KINDS["synthetic"] and note["kept"].startswith("1975-09-01") and "demo's" in note["note"]


def test_principals_extra_coaching_days_and_summer_plan(db, demo):
    oak = table("highline.coach", "Oak Park Elementary")
    assert oak["Extra coaching (2005-06)"].startswith("Eight extra days of job-embedded coaching")  # ~772
    assert "Held back monies" in oak["Principal's resources for the studio work (2005-06)"]  # ~769
    assert "Two groups of teachers and coaches to Teachers College" in oak["Planned for summer 2006"]  # ~773-774


def test_end_of_year_evaluations_are_a_fact_without_records(db, demo):
    model = table("highline.director", "Elementary Studio/Residency Project, 2005-06")
    assert model["End-of-year evaluations"].startswith("Collected by central office leaders from all participants")
    note = notes("highline.researcher")["End-of-year evaluations of the studio sessions"]
    assert note["kind"] == KINDS["gap"] and "~900-905" in note["sources"]


def test_each_elementary_director_covers_10_11_schools_and_was_in_post_before_the_studio_year(db, demo):
    directors = table("highline.central", "Elementary Directors' responsibilities")
    assert directors["Schools each"] == "About 10-11"  # seed 000 ~1462-1463
    assert directors["For those schools"] == "Evaluation and professional development responsibilities"
    starts = {(r["name"], r["position"]): r["start"] for r in export(signed_in("highline.admin"), "people")}
    assert starts[("Elementary Director 1", "Elementary director")] == "2004-09-01"  # designed the model in 2005
    assert starts[("Oak Park principal", "Principal")] == "2004-09-01"  # approached Caryn in summer 2005
    assert notes("highline.researcher")["In post before 2005-06"]["kind"] == KINDS["reading"]


def test_highline_studys_evidence(db, demo):
    evidence = table("highline.researcher", "The study's evidence")
    assert "Five central office instructional leaders" in evidence["Central office informants (first two years)"]
    assert "six or seven days between January and June 2006" in evidence["At Oak Park, 2005-06"]


def test_soars_67_interviews(db, demo):
    interviews = table("soar.researcher", "The study's interviews")
    assert interviews["Interviews in all"] == "67, across the three phases of the work"  # seed 001 ~102
    assert interviews["When"] == "Every summer"
    note = notes("soar.researcher")["Interviews by phase"]
    assert note["kind"] == KINDS["gap"] and note["kept"].startswith("67")
    phases = table("soar.admin", "Table 2: Phases of the work and data sources")
    assert "Interviews" not in phases  # Table 2 as printed: no interviews row
