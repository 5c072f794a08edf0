"""The LP-plus cohorts' sub-groups and pods (seed 004 ~3230-3233, ~7434-7437, ~7524-7530), seen as users see them.

A sub-group sits inside its cohort: the cohort's page lists it, its page names its cohort, and the API gives it with
its parent and schools. It is not a network of the program's own: every count of networks per year, the networks
export, the district page and the progress and compliance dashboards stay the seed's.
"""
from collections import Counter

from tests.demo.test_demo_true_to_the_seeds import api_list, export, signed_in
from tests.inquiry.test_progress_in_the_demo_districts import dashboard

# Seed 004 ~3563-3570: the program's networks by kind, its schools and returning schools, per year.
SEED_SCALE = {
    "2015-16": ({"triad": 23, "pair": 1, "quad": 1, "cohort": 10}, 146, 42),
    "2016-17": ({"triad": 28, "quad": 6, "pair": 1, "cohort": 10}, 190, 130),
}
BY_TYPE = {"2015-16": "10 LP-plus cohorts, 1 pair, 1 quad, 23 triads",
           "2016-17": "10 LP-plus cohorts, 1 pair, 6 quads, 28 triads"}


def nyc_id(c):
    return next(d["id"] for d in api_list(c, "/api/districts/") if d["short_name"] == "NYC DOE")


def networks(c, query):
    return api_list(c, f"/api/networks/?district={nyc_id(c)}&{query}")


def schools_of(c, network_id):
    names = {s["id"]: s["name"] for s in api_list(c, "/api/schools/?search=P.S.")}
    return sorted((names[ms["school"]] for ms in api_list(c, f"/api/network-memberships/?network={network_id}")),
                  key=lambda n: int(n.split()[-1]))


def cohort(c, year, host):
    return next(n for n in networks(c, f"year={year}&kind=cohort") if n["name"] == f"{host} cohort")


def test_ps26_cohort_divided_by_grade_band_and_subject(db, demo):
    c = signed_in("nyc.admin")
    p26 = cohort(c, "2015-16", "P.S. 26")
    groups = networks(c, f"parent={p26['id']}")
    assert len(groups) >= 2 and all(g["kind"] == "subgroup" and g["synthetic"] for g in groups)
    assert all(g["school_year"] == p26["school_year"] and g["focus_area"] == p26["focus_area"] for g in groups)
    members = [schools_of(c, g["id"]) for g in groups]
    assert sorted(s for ms in members for s in ms) == schools_of(c, p26["id"]) == [f"P.S. {i}" for i in range(26, 34)]


def test_ps34_cohort_three_subgroups_of_two_partners_then_pods(db, demo):
    c = signed_in("nyc.admin")
    areas = {f["id"]: f["name"] for f in api_list(c, "/api/focus-areas/?search=")}
    year2 = cohort(c, "2015-16", "P.S. 34")
    groups = networks(c, f"parent={year2['id']}")
    assert len(groups) == 3 and all(g["parent"] == year2["id"] for g in groups)
    pairs = [schools_of(c, g["id"]) for g in groups]
    assert all(len(pair) == 2 for pair in pairs)  # two partner school teams each; the host's Model Teachers support
    assert sorted(s for pair in pairs for s in pair) == ["P.S. 35", "P.S. 36", "P.S. 37", "P.S. 38", "P.S. 39",
                                                         "P.S. 40"]
    year3 = cohort(c, "2016-17", "P.S. 34")
    pods = networks(c, f"parent={year3['id']}")
    assert {areas[p["focus_area"]] for p in pods} == {"Lesson planning", "Interdisciplinary instruction",
                                                       "Social-emotional learning"}
    assert all(p["name"].endswith(" pod") and p["kind"] == "subgroup" for p in pods)
    in_pods = [s for p in pods for s in schools_of(c, p["id"])]
    assert sorted(in_pods, key=lambda n: int(n.split()[-1])) == schools_of(c, year3["id"])
    assert "P.S. 38" in in_pods and any("P.S. 38" in pair for pair in pairs)  # a partner in both years


def test_the_pages_show_subgroups_inside_their_cohort(db, demo):
    c = signed_in("nyc.principal")
    p34 = cohort(c, "2016-17", "P.S. 34")
    page = c.get(f"/networks/{p34['id']}/").content.decode()
    assert "<h2>Sub-groups</h2>" in page and "P.S. 34 cohort: lesson planning pod" in page and "Lesson planning" in page
    pod = next(n for n in networks(c, f"parent={p34['id']}") if n["name"].endswith("lesson planning pod"))
    pod_page = c.get(f"/networks/{pod['id']}/").content.decode()
    assert f'sub-group of <a href="/networks/{p34["id"]}/">P.S. 34 cohort</a>' in pod_page
    assert "None assigned" not in pod_page and "P.S. 38" in pod_page
    listed = c.get(f"/networks/?district={nyc_id(c)}&year=2016-17&q=P.S.+34").content.decode()
    assert listed.count('<tr><td><a href="/networks/') == 1  # the cohort alone, its pods inside its row
    assert "Sub-groups: " in listed and f'href="/networks/{pod["id"]}/"' in listed
    asked = c.get(f"/networks/?district={nyc_id(c)}&year=2016-17&kind=subgroup").content.decode()
    assert asked.count('<tr><td><a href="/networks/') == 3


def test_each_years_network_counts_stay_the_seeds(db, demo):
    c = signed_in("nyc.central")
    page = c.get(f"/districts/{nyc_id(c)}/").content.decode()
    for year, (kinds, schools, returning) in SEED_SCALE.items():
        listed = networks(c, f"year={year}")
        assert Counter(n["kind"] for n in listed) == kinds, year
        rows = [r for r in export(c, "networks") if r["district"] == "NYC DOE" and r["school_year"] == year]
        assert len(rows) == len({r["school"] for r in rows}) == schools, year
        assert sum(r["returning"] == "yes" for r in rows) == returning, year
        assert "Cohort sub-group" not in {r["network_type"] for r in rows}
        row = page[page.index(f">{year}</a></td>"):]
        assert row[:row.index("</tr>")] == (f">{year}</a></td><td>{len(listed)}</td>\n<td>{BY_TYPE[year]}</td>"
                                            f"<td>{schools}</td><td>{returning}</td>"), year
    assert "lesson planning pod" not in c.get("/").content.decode()  # no "Assign a facilitator" for a sub-group


def test_dashboards_count_each_school_once_in_its_cohort(db, demo):
    body, rows, api = dashboard("nyc.central")
    assert len(rows) == 190 and len({r["school"] for r in rows}) == 190
    assert next(r for r in rows if r["school"] == "P.S. 38")["networks"] == "P.S. 34 cohort"
    page = signed_in("nyc.central").get("/visits/compliance/").content.decode()
    assert "· 45 networks ·" in page


def test_program_funds_and_the_notes_on_subgroups_sample_and_quotes(db, demo):
    c = signed_in("nyc.researcher")
    tables = {t["title"]: t for t in api_list(c, "/api/reference-tables/?search=provides")}
    funds = dict(map(tuple, tables["What the program provides besides its three elements"]["rows"]))
    assert funds["Funds for substitute teachers"] == "Substitute teachers when LPP teams are engaging in site visits"
    assert funds["Funds for release time"] == "Release time for LPP participants who engage in extra work"
    assert "supplies and materials" in funds["Funds for supplies and materials"]
    notes = {n["subject"]: n for n in api_list(c, f"/api/data-notes/?district={nyc_id(c)}")}
    assert "grade band and subject area" in notes["Sub-groups of P.S. 26's cohort, 2015-16"]["note"]
    p34 = notes["Sub-groups and pods of P.S. 34's cohort"]
    assert p34["kind"] == "synthetic" and "two partner school teams" in p34["note"]
    sample = notes["Schools outside the analytic sample"]
    assert sample["kind"] == "reading" and "P.S. 27-33" in sample["note"] and "~7434-7435" in sample["sources"]
    assert "P.S. 25" in sample["note"] and "P.S. 45" in sample["note"]  # the District 75 triad's third schools
    quotes = notes["Principal and Facilitator quotes dated before their schools joined"]
    assert "January 2014" in quotes["kept"] and "Table 8" in quotes["other"] and "~2374-2375" in quotes["sources"]
    assert sum("P.S. 20" in n["kept"] and "January 2014" in n["kept"] for n in notes.values()) == 1
