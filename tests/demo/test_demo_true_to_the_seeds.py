"""The demo is true to the seeds (issue 11, part A): facts the seeds give, seen through the API and the exports.

Each test reads what a signed-in user gets back, not the loader's tables.
"""
import csv
import io

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from districtlab.org import models as m


def signed_in(username):
    c = Client()
    c.force_login(get_user_model().objects.get(username=username))
    return c


def api_list(c, url):
    """Every row of a paginated API list."""
    rows = []
    while url:
        page = c.get(url)
        assert page.status_code == 200, (url, page.content[:300])
        body = page.json()
        rows += body["results"]
        url = body["next"]
    return rows


def export(c, kind):
    response = c.get(f"/transfer/export/{kind}.csv")
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def people_by_id(c):
    return {p["id"]: p for p in api_list(c, "/api/people/")}


def facilitators_of(c, year):
    """``{network name: [facilitator names]}`` for the NYC DOE networks of ``year``."""
    people = people_by_id(c)
    return {n["name"]: [people[f]["name"] for f in n["facilitators"]]
            for n in api_list(c, f"/api/networks/?year={year}")}


def test_each_year_1_sample_triad_has_its_own_facilitator(db, demo):
    networks = facilitators_of(signed_in("nyc.admin"), "2014-15")
    sample = {name: who for name, who in networks.items() if name in {
        "P.S. 1 triad", "P.S. 4 triad", "P.S. 7 triad", "P.S. 10 triad", "P.S. 13 triad", "P.S. 16 triad"}}
    assert len(sample) == 6 and all(len(who) == 1 for who in sample.values())
    assert len({who[0] for who in sample.values()}) == 6  # seed 004 ~1367: "each triad ... a different Facilitator"
    assert sample["P.S. 16 triad"] == ["Larry"]  # the dual language triad (~5868-5869)
    assert sample["P.S. 10 triad"] == ["P.S. 10 triad's Facilitator"]  # a former assistant principal (~5908)


def test_the_seeds_facilitators_by_their_pseudonyms(db, demo):
    c = signed_in("nyc.admin")
    assert facilitators_of(c, "2015-16")["P.S. 23 triad"] == ["Kimberly"]  # ~4366-4367
    in_2016_17 = facilitators_of(c, "2016-17")
    assert in_2016_17["P.S. 23 triad"] == ["Kimberly"] and in_2016_17["P.S. 16 triad"] == ["Larry"]
    caseload = sum(who == ["Kimberly"] for who in in_2016_17.values())
    assert 3 <= caseload <= 4
    kimberly = m.Person.objects.get(district__short_name="NYC DOE", name="Kimberly")
    assert kimberly.user.username == "nyc.facilitator"  # the README's sign-in is one of the seed's Facilitators
    people = {p["name"]: p for p in people_by_id(c).values()}
    for name in ("Kimberly", "Larry", "Kristina", "Carmen Fariña", "Lee Teitel"):
        assert people[name]["synthetic"] is False, name
    positions = {(r["name"], r["position"]): r for r in export(c, "people")}
    assert positions[("P.S. 10 triad's Facilitator", "Facilitator")]["title"] == "Former assistant principal"
    assert positions[("Carmen Fariña", "Central office staff")]["title"] == "Chancellor"
    assert positions[("Kimberly", "Facilitator")]["start"] == ""  # the seed gives no Facilitator's start


def test_ps45_is_a_district_75_school(db, demo):
    c = signed_in("nyc.admin")
    types = {t["id"]: t["name"] for t in api_list(c, "/api/school-types/")}
    schools = {s["name"]: s for s in api_list(c, "/api/schools/?search=P.S.")}
    district_75 = {name for name, s in schools.items() if "District 75" in {types[t] for t in s["types"]}}
    assert district_75 == {"P.S. 23", "P.S. 24", "P.S. 25", "P.S. 45"}


def test_ps24_principal_since_2014_15_and_invented_dates_marked_synthetic(db, demo):
    c = signed_in("nyc.admin")
    rows = [r for r in export(c, "people") if r["name"] == "P.S. 24 principal"]
    assert [(r["position"], r["school"], r["start"]) for r in rows] == [("Principal", "P.S. 24", "2014-09-01")]
    people = {p["name"]: p for p in people_by_id(c).values()}
    # every person the seed does not name has start dates the demo chose: tagged synthetic like the rest
    unnamed = [name for name, p in people.items() if name.startswith("P.S. ") and not p["pseudonym"]]
    assert "P.S. 24 principal" in unnamed and "P.S. 10 triad's Facilitator" in unnamed
    assert all(people[name]["synthetic"] for name in unnamed), [n for n in unnamed if not people[n]["synthetic"]]
    note = {r["subject"]: r for r in export(c, "data-notes")}["Unnamed people"]
    assert "synthetic" in note["note"] and "start dates" in note["note"]


def test_soar_table_1_is_2012_13_data(db, demo):
    c = signed_in("soar.admin")
    years = {y["id"]: y["name"] for y in api_list(c, "/api/school-years/")}
    school = next(s for s in api_list(c, "/api/schools/") if s["name"] == "Forest Glen High School")
    rows = api_list(c, f"/api/demographics/?school={school['id']}")
    assert {years[r["school_year"]] for r in rows} == {"2012-13"}
    subjects = {r["subject"]: r for r in export(c, "data-notes")}
    assert "Year of Table 1" not in subjects
    assert not any("not dated" in r["note"] for r in subjects.values())
    assert subjects["Who implemented the grade reflection form"]["kind"] == "How the source was read"


def test_data_notes_name_the_real_conflicts_and_no_false_ones(db, demo):
    notes = {r["subject"]: r for r in export(signed_in("nyc.researcher"), "data-notes")}
    conflict = "Sources disagree"
    kinds = {subject: r["kind"] for subject, r in notes.items()}
    for subject in ("Principal and Facilitator quotes dated before their schools joined", "Table 7's rows and totals",
                    "Observations in all", "School team meeting field notes", "Internationals triad's focus area, "
                    "2015-16", "District 75 triad's focus area, 2015-16", "P.S. 26 network's focus area, 2015-16"):
        assert kinds[subject] == conflict, subject
    assert "236" in notes["Observations in all"]["kept"] and "209" in notes["Observations in all"]["other"]
    assert "81 sets" in notes["School team meeting field notes"]["other"]
    quotes = notes["Principal and Facilitator quotes dated before their schools joined"]
    assert "January 2014" in quotes["kept"] and "Kimberly" in quotes["kept"]
    # not conflicts: read as reading notes, and no note compares the seed with a project document
    for subject in ("Framework elements and dimensions", "How many site visits a year",
                    "Origin of P.S. 12's ten practices"):
        assert kinds[subject] == "How the source was read", subject
    assert "Framework elements" not in notes and not any(subject.startswith("Issue ") for subject in notes)
    text = " ".join(" ".join(r.values()) for r in notes.values())
    assert "names no one" not in text and "Facilitators are unnamed" not in text and "Issue 6" not in text
    assert "Kimberly, Larry and Kristina" in notes["Program staff and school staff"]["note"]
    highline = {r["subject"]: r for r in export(signed_in("highline.researcher"), "data-notes")}
    assert highline["Highline's White students as the majority group"]["kind"] == "How the source was read"


def test_observation_measures_are_perceptual_as_the_notes_say(db, demo):
    measures = [x for user in ("nyc.admin", "nyc.teacher")  # P.S. 8's cycles are shared with its network
                for x in api_list(signed_in(user), "/api/measures/") if "observ" in x["data_source"].lower()]
    names = {x["name"] for x in measures}
    assert {"Observed lessons with a collaborative activity", "Grade-team meetings focused on student work",
            "Observed lessons using the social-emotional learning curriculum"} <= names
    assert {x["nature"] for x in measures} == {"perceptual"}


def test_export_schools_for_a_year_without_a_district(db, demo):
    """``districtlab export schools --year 2014-15``, every district: that year's spans (seed 004 Table 3)."""
    out = io.StringIO()
    call_command("export_data", "schools", "--year", "2014-15", stdout=out)
    rows = [r for r in csv.DictReader(io.StringIO(out.getvalue())) if r["name"] == "P.S. 16"]
    assert [(r["grades"], r["school_year"]) for r in rows] == [("PK-8", "2014-15")]  # ~1548 (K-8 in 2016-17)


def test_ps16_principal_is_a_model_principal_from_2015_16(db, demo):
    """P.S. 16 was in LPP three years (Appendix C, ~7335-7336, ~7349-7351; Table 5 "Returning"), though in the
    research sample only in 2014-15 and 2016-17: its principal's designation starts with the designations' first
    year, 2015-16, and a note says the seed gives P.S. 16 no 2015-16 network."""
    c = signed_in("nyc.admin")
    principal = next(p for p in people_by_id(c).values() if p["name"] == "Alicia Moreno")
    positions = api_list(c, f"/api/positions/?person={principal['id']}")
    assert [(p["designation"], p["designation_start"], p["designation_end"]) for p in positions] == [
        ("model_principal", "2015-09-01", None)]
    note = {r["subject"]: r for r in export(signed_in("nyc.researcher"), "data-notes")}["P.S. 16 in 2015-16"]
    assert "3 years in LPP" in note["note"] and "Table 4" in note["note"]
