"""The progress dashboard on the demo's districts tells the truth.

SOAR has no networks: its school implementation teams' cycles (Desert Grove, Valley) are on the dashboard. NYC's
190 network schools are mostly "no record yet" (the demo holds the Cycles of Learning of a handful of case-study
schools): those are shown apart, not as a wall of overdue; the case-study schools show their steps. The summary's
numbers are the list's, and a researcher sees people only by pseudonym.
"""
import csv
import io
from collections import Counter

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from districtlab.org.models import District, Person, SchoolYear


def signed_in(username):
    c = Client()
    c.force_login(get_user_model().objects.get(username=username))
    return c


def year_of(short_name, name):
    return SchoolYear.objects.get(district__short_name=short_name, name=name)


def dashboard(username, query=""):
    """The page's main part, the CSV rows and the API's JSON, with the same filters."""
    c = signed_in(username)
    page = c.get(f"/inquiry/progress/{query}")
    assert page.status_code == 200
    body = page.content.decode()
    rows = list(csv.DictReader(io.StringIO(c.get(f"/inquiry/progress.csv{query}").content.decode())))
    api = page = c.get(f"/api/cycles-progress/{query}").json()
    while page["next"]:  # the API gives the schools a page at a time
        page = c.get(page["next"]).json()
        api["schools"] += page["schools"]
    return body[body.index("<main"):body.index("</main>")], rows, api


def row_of(body, school):
    start = body.index(f">{school}<")
    return body[start:body.index("</tr>", start)]


def test_soar_shows_desert_grove_and_valley_with_their_cycles(db, demo):
    body, rows, api = dashboard("soar.central")
    assert "2014-15" in body and "<h2>2</h2><p>schools in the program</p>" in body.replace("\n  ", "")
    schools = {s["school_name"]: s for s in api["schools"]}
    assert {name: (s["step_reached"], s["cycles"], s["overdue"]) for name, s in schools.items()} == {
        "Desert Grove High School": ("reflect", 1, []), "Valley High School": ("reflect", 1, [])}
    assert "<td>Reflect and adjust</td><td>1</td>" in row_of(body, "Valley High School")
    # the year before: Desert Grove's "Think It Out" pilot, and the other implementation teams with no record yet
    earlier = year_of("SOAR", "2013-14")
    assert f'<a href="?year={earlier.pk}">2013-14</a> (1 cycle)' in body
    body, rows, api = dashboard("soar.central", f"?year={earlier.pk}")
    assert {r["school"]: (r["step_reached"], r["cycles"]) for r in rows} == {
        "Desert Grove High School": ("Share lessons", "1"), "Forest Glen High School": ("No record yet", "0"),
        "Valley High School": ("No record yet", "0")}
    assert api["summary"]["cycles"] == 1 and api["summary"]["overdue"] == 0


def test_nyc_shows_the_case_study_schools_and_no_wall_of_red(db, demo):
    body, rows, api = dashboard("nyc.central")
    summary = api["summary"]
    assert (summary["schools"], summary["with_record"], summary["no_record"]) == (190, 4, 186)
    steps = {s["school_name"]: (s["step_reached"], s["cycles"], s["meets_expectation"])
             for s in api["schools"] if s["step_reached"] != "none"}
    assert steps == {"P.S. 8": ("implement", 1, False), "P.S. 23": ("reflect", 1, False), "P.S. 24": ("share", 2, True),
                     "P.S. 38": ("share", 1, False)}
    # overdue is what a program director calls late: none here, and the rules say why
    assert summary["overdue"] == body.count('class="error"') == 0
    assert "No record yet: nothing for this year is shared with you from that school" in body
    assert "a school with fewer has not met the expectation but is not overdue" in body
    # the case-study schools come first, then the schools with no record yet, apart
    divider = body.index("No record yet (186 schools)")
    assert max(body.index(f">P.S. {n}<") for n in (8, 23, 24, 38)) < divider < body.index("<td>No record yet</td>")
    assert "<td>Share lessons</td><td>2</td><td>1</td>\n<td>yes</td>" in row_of(body, "P.S. 24")
    assert "Not started" not in body


@pytest.mark.parametrize("username, year", [("nyc.central", "2016-17"), ("nyc.central", "2014-15"),
                                            ("nyc.facilitator", "2016-17"), ("soar.central", "2014-15"),
                                            ("soar.researcher", "2013-14")])
def test_the_summary_numbers_are_the_lists(db, demo, username, year):
    short = "SOAR" if username.startswith("soar") else "NYC DOE"
    body, rows, api = dashboard(username, f"?year={year_of(short, year).pk}")
    summary, schools = api["summary"], api["schools"]
    assert summary["schools"] == len(schools) == len(rows)
    reached = Counter(s["step_reached"] for s in schools)
    assert summary["reached"] == {step: reached[step] for step in summary["reached"]}
    assert summary["no_record"] == summary["reached"]["none"] == sum(r["step_reached"] == "No record yet" for r in rows)
    assert summary["overdue"] == sum(bool(s["overdue"]) for s in schools) == sum(bool(r["overdue"]) for r in rows)
    assert summary["meeting"] == sum(s["meets_expectation"] for s in schools)
    assert summary["cycles"] == sum(s["cycles"] for s in schools) == sum(int(r["cycles"]) for r in rows)
    assert summary["shared"] == sum(s["cycles_shared"] for s in schools)
    flat = body.replace("\n  ", "")
    for number, words in [("schools", "schools in the program"), ("overdue", "with an overdue step"),
                          ("no_record", "with no record yet (not counted as behind)")]:
        assert f"<h2>{summary[number]}</h2><p>{words}</p>" in flat


@pytest.mark.parametrize("username, short", [("nyc.researcher", "NYC DOE"), ("soar.researcher", "SOAR")])
def test_a_researcher_sees_the_dashboard_by_pseudonym(db, demo, username, short):
    body, rows, api = dashboard(username)
    assert api["schools"]  # the researcher sees the program's schools
    shown = body + str(rows) + str(api)
    names = {name for name in Person.objects.values_list("name", flat=True) if len(name) > 3}
    assert [name for name in names if name in shown] == []
    year = District.objects.get(short_name=short).current_school_year
    facilitator = Person.objects.filter(facilitated_networks__school_year=year).order_by("pk").first()
    if facilitator is not None:  # the facilitator box suggests them by pseudonym, never by name
        suggestions = signed_in(username).get(f"/choose/facilitator/?field=facilitator&year={year.pk}&facilitator="
                                               f"{facilitator.research_id[-4:]}").content.decode()
        assert facilitator.research_id in suggestions and facilitator.name not in suggestions
