"""Central office and facilitators review a call's applications: the list with each school's facts and history, the
rubric, scores, host visits, and central office's decisions (issue 14)."""
import datetime as dt

import pytest
from django.urls import reverse

from districtlab.matching import models as mm
from districtlab.org import models as m
from tests.query_counts import assert_flat, sizes  # noqa: F401  (the fixture)

ROLES = ["admin", "central", "facilitator", "principal", "teacher", "coach", "partner", "researcher", "outsider"]


def review(cycle, role="central", query=""):
    return cycle.client(role).get(reverse("matching:review", args=[cycle.call.pk]) + query)


@pytest.mark.parametrize("role, status", [("admin", 200), ("central", 200), ("facilitator", 200), ("principal", 403),
                                          ("teacher", 403), ("coach", 403), ("partner", 404), ("researcher", 404),
                                          ("outsider", 404)])
def test_who_reviews(cycle, role, status):
    assert review(cycle, role).status_code == status
    app = cycle.applications["P.S. 9"]
    detail = cycle.client(role).get(app.get_absolute_url())
    assert detail.status_code == (200 if status == 200 else 404)
    if status == 200:
        assert "Rubric scores" in detail.content.decode()


def test_the_list_shows_submitted_applications_with_each_schools_facts_and_history(cycle):
    mm.Application.objects.create(call=cycle.call, school=cycle.world.host, answers={})  # a draft: not for review
    mm.Application.objects.filter(pk=cycle.applications["P.S. 11"].pk).update(status="withdrawn")
    d75 = m.SchoolType.objects.create(district=cycle.world.district, name="District 75")
    cycle.schools["P.S. 9"].types.add(d75)
    older = m.SchoolYear.objects.create(district=cycle.world.district, name="2015-16", start=dt.date(2015, 9, 1),
                                        end=dt.date(2016, 6, 30))
    m.Demographic.objects.create(school=cycle.schools["P.S. 9"], school_year=older, measure="% ELL", value="10%")
    m.Demographic.objects.create(school=cycle.schools["P.S. 9"], school_year=cycle.world.year, measure="% ELL",
                                 value="40-60%")
    page = review(cycle).content.decode()
    assert "P.S. 8" in page and "P.S. 9" in page and "P.S. 10" in page
    assert "P.S. 7" not in page and "P.S. 11" not in page
    assert "District 75" in page and "2016-17: % ELL 40-60%" in page and "10%" not in page
    assert "2016-17: Growth triad (partner)" in page  # P.S. 8's history
    assert "Bronx · Elementary" in page


@pytest.mark.parametrize("query, shown, hidden", [
    ("?role=host", ["P.S. 9"], ["P.S. 8", "P.S. 10"]),
    ("?borough=Queens", ["P.S. 8", "P.S. 11"], ["P.S. 9", "P.S. 10"]),
    ("?grade_band=High", ["P.S. 10"], ["P.S. 8", "P.S. 9"]),
    ("?decision=undecided", ["P.S. 8", "P.S. 9"], []),
    ("?decision=accepted", ["P.S. 10"], ["P.S. 9", "P.S. 8"]),
])
def test_filters(cycle, query, shown, hidden):
    mm.Application.objects.filter(pk=cycle.applications["P.S. 10"].pk).update(decision="accepted")
    page = review(cycle, query=query).content.decode()
    table = page.split("<tbody>")[1]
    for name in shown:
        assert f">{name}</a>" in table
    for name in hidden:
        assert f">{name}</a>" not in table


def test_focus_area_filter_counts_any_choice(cycle):
    app = cycle.applications["P.S. 8"]
    app.lfa_2 = cycle.lfa2
    app.save()
    table = review(cycle, query=f"?focus_area={cycle.lfa2.pk}").content.decode().split("<tbody>")[1]
    assert ">P.S. 8</a>" in table and ">P.S. 9</a>" in table and ">P.S. 11</a>" not in table


@pytest.mark.parametrize("query", ["?role=inf", "?focus_area=999999", "?focus_area=abc", "?decision==HYPERLINK(1)",
                                   "?page=999", "?borough=" + "x" * 5000])
def test_bad_filters_are_not_errors(cycle, query):
    r = review(cycle, query=query)
    assert r.status_code in (200, 404)
    if r.status_code == 200 and "page" not in query:
        assert "Select a valid choice" in r.content.decode()


def test_the_list_pages(cycle):
    for i in range(30):
        school = m.School.objects.create(district=cycle.world.district, name=f"Z school {i:02d}", region="Bronx")
        mm.Application.objects.create(call=cycle.call, school=school, status="submitted")
    first, second = review(cycle).content.decode(), review(cycle, query="?page=2").content.decode()
    assert "1–25 of 34" in first and "Z school 29" not in first and "Z school 29" in second


def test_reviewers_score_and_see_totals_and_mean(cycle):
    app = cycle.applications["P.S. 9"]
    url = reverse("matching:score", args=[app.pk])
    ready, team = cycle.criteria
    r = cycle.client("central").post(url, {f"points_{ready.pk}": 4, f"points_{team.pk}": 5,
                                          f"comment_{team.pk}": "=HYPERLINK(\"x\")"})
    assert r.status_code == 302
    cycle.client("facilitator").post(url, {f"points_{ready.pk}": 2, f"points_{team.pk}": 1})
    page = cycle.client("central").get(app.get_absolute_url()).content.decode()
    assert "Cy Central" in page and "Fay Facilitator" in page
    assert "<td>9</td>" in page and "<td>3</td>" in page and "<td>6.0</td>" in page  # totals and their mean
    assert "=HYPERLINK(&quot;x&quot;)" in page
    listed = review(cycle).content.decode()
    assert "6.0 <small>(2 reviewers)</small>" in listed
    cycle.client("central").post(url, {f"points_{ready.pk}": 3, f"points_{team.pk}": ""})  # a blank removes it
    assert list(mm.Score.objects.filter(reviewer=cycle.world.people["central"]).values_list("points", flat=True)) == [3]


@pytest.mark.parametrize("value, message", [("5", "less than or equal to 4"), ("-1", "greater than or equal to 0"),
                                            ("inf", "Enter a whole number"), ("1e3", "Enter a whole number")])
def test_a_score_out_of_range_is_named(cycle, value, message):
    app = cycle.applications["P.S. 9"]
    ready, _ = cycle.criteria
    r = cycle.client("central").post(reverse("matching:score", args=[app.pk]), {f"points_{ready.pk}": value})
    assert r.status_code == 400
    page = r.content.decode()
    assert f'id="id_points_{ready.pk}_error"' in page and message in page
    assert not mm.Score.objects.exists()


@pytest.mark.parametrize("role, status", [("principal", 404), ("teacher", 404), ("coach", 404), ("researcher", 404),
                                          ("outsider", 404), ("partner", 404)])
def test_only_reviewers_score(cycle, role, status):
    app = cycle.applications["P.S. 9"]
    ready, _ = cycle.criteria
    r = cycle.client(role).post(reverse("matching:score", args=[app.pk]), {f"points_{ready.pk}": 1})
    assert r.status_code == status
    assert not mm.Score.objects.exists()


def test_the_school_never_sees_its_scores(cycle):
    app = mm.Application.objects.create(call=cycle.call, school=cycle.world.host, status="submitted",
                                        role="host", answers={})
    ready, _ = cycle.criteria
    cycle.client("central").post(reverse("matching:score", args=[app.pk]),
                                 {f"points_{ready.pk}": 1, f"comment_{ready.pk}": "SECRET-REVIEW"})
    page = cycle.client("principal").get(app.get_absolute_url()).content.decode()
    assert "SECRET-REVIEW" not in page and "Rubric scores" not in page
    assert cycle.client("principal").get(reverse("matching:score", args=[app.pk])).status_code == 403


def test_a_host_visit_is_recorded_for_host_applicants(cycle):
    app = cycle.applications["P.S. 10"]  # either
    url = reverse("matching:hostvisit-create", args=[app.pk])
    c = cycle.client("facilitator")
    assert "Fay Facilitator" in c.get(url).content.decode()
    r = c.post(url, {"visited_on": "2017-03-02", "visitors": [cycle.world.people["facilitator"].pk],
                     "notes": "Strong team routines.", "recommendation": "ready"})
    assert r.status_code == 302
    page = cycle.client("central").get(app.get_absolute_url()).content.decode()
    assert "Mar 2, 2017" in page and "Ready to host" in page and "Strong team routines." in page
    r = c.post(url, {"visited_on": "not a date", "notes": "kept"})
    assert r.status_code == 400 and 'id="id_visited_on_error"' in r.content.decode() and "kept" in r.content.decode()
    r = c.post(url, {"visited_on": "2017-03-02", "visitors": [cycle.world.people["teacher"].pk]})
    assert r.status_code == 400 and 'id="id_visitors_error"' in r.content.decode()
    partner_only = cycle.applications["P.S. 8"]
    r = c.get(reverse("matching:hostvisit-create", args=[partner_only.pk]), follow=True)
    assert "Host visits are for schools applying to host." in r.content.decode()
    assert cycle.client("teacher").post(url, {"visited_on": "2017-03-02"}).status_code == 404
    assert mm.HostVisit.objects.count() == 1


def test_central_office_decides_with_a_reason(cycle):
    app = cycle.applications["P.S. 9"]
    url = reverse("matching:application-decide", args=[app.pk])
    assert cycle.client("facilitator").post(url, {"decision": "accepted"}).status_code == 403
    assert "Record the decision" not in cycle.client("facilitator").get(app.get_absolute_url()).content.decode()
    c = cycle.client("central")
    r = c.post(url, {"decision": "declined", "reason": "   "})
    assert r.status_code == 400
    page = r.content.decode()
    assert 'id="id_reason_error"' in page and "Give the reason for wait-listing or declining." in page
    r = c.post(url, {"decision": "inf"})
    assert r.status_code == 400 and 'id="id_decision_error"' in r.content.decode()
    app.refresh_from_db()
    assert app.decision == ""
    assert c.post(url, {"decision": "waitlisted", "reason": "Room for two more hosts only."}).status_code == 302
    app.refresh_from_db()
    assert app.decision == "waitlisted" and app.decided_by == cycle.world.people["central"] and app.decided_at
    assert c.post(url, {"decision": "accepted"}).status_code == 302  # no reason needed
    app.refresh_from_db()
    assert app.get_decision_display() == "Accepted"


def test_the_school_reads_its_decision(cycle):
    app = mm.Application.objects.create(call=cycle.call, school=cycle.world.host, status="submitted", answers={})
    cycle.client("central").post(reverse("matching:application-decide", args=[app.pk]),
                                 {"decision": "declined", "reason": "Apply again next year."})
    page = cycle.client("principal").get(app.get_absolute_url()).content.decode()
    assert "Declined" in page and "Apply again next year." in page and "Record the decision" not in page


def test_central_office_keeps_the_rubric(cycle):
    url = reverse("matching:criteria", args=[cycle.call.pk])
    page = cycle.client("facilitator").get(url).content.decode()
    assert "Readiness to host" in page and "Add a criterion" not in page
    assert cycle.client("facilitator").post(url, {"name": "X", "points": 3, "order": 3}).status_code == 403
    assert cycle.client("principal").get(url).status_code == 403
    c = cycle.client("central")
    assert c.post(url, {"name": "Shared focus", "points": 3, "order": 3}).status_code == 302
    assert "Shared focus" in c.get(url).content.decode()
    for data, field, message in [({"name": "readiness to host", "points": 2, "order": 4}, "name", "already has"),
                                 ({"name": "Big", "points": 1000, "order": 4}, "points", "between 1 and 100"),
                                 ({"name": "", "points": 2, "order": 4}, "name", "required"),
                                 ({"name": "Inf", "points": "inf", "order": 4}, "points", "whole number")]:
        r = c.post(url, data)
        assert r.status_code == 400 and f'id="id_{field}_error"' in r.content.decode() and message in \
            r.content.decode(), data
    criterion = cycle.criteria[0]
    r = c.post(reverse("matching:rubriccriterion-edit", args=[criterion.pk]),
               {"call": cycle.call.pk, "name": "Ready to host", "points": 4, "order": 1,
                "revision": criterion.revision})
    assert r.status_code == 302
    assert c.post(reverse("matching:rubriccriterion-delete", args=[criterion.pk])).status_code == 302
    assert not mm.RubricCriterion.objects.filter(pk=criterion.pk).exists()
    assert cycle.client("facilitator").post(
        reverse("matching:rubriccriterion-delete", args=[cycle.criteria[1].pk])).status_code == 403


def review_urls(world):
    call = mm.Call.objects.get(district=world.district)
    return {"review": reverse("matching:review", args=[call.pk]), "calls": reverse("matching:call-list"),
            "call": call.get_absolute_url(), "acceptance": reverse("matching:acceptance", args=[call.pk]),
            "application": call.applications.first().get_absolute_url()}


def test_review_pages_ask_a_fixed_number_of_queries(sizes):  # noqa: F811
    for world in sizes:
        year = m.SchoolYear.objects.create(district=world.district, name="2017-18", start=dt.date(2017, 9, 1),
                                           end=dt.date(2018, 6, 30))
        lfa = m.LearningFocusArea.objects.get(district=world.district)
        call = mm.Call.objects.create(district=world.district, school_year=year, title="Call",
                                      opens=dt.date(2017, 3, 1), closes=dt.date(2017, 4, 1), questions="Why?")
        call.focus_areas.add(lfa)
        criteria = [mm.RubricCriterion.objects.create(call=call, name=f"C{i}", points=4) for i in range(2)]
        for i, school in enumerate(world.schools):
            app = mm.Application.objects.create(call=call, school=school, status="submitted", lfa_1=lfa,
                                                role="host" if i % 3 == 0 else "partner", answers={"Why?": "x"},
                                                decision="accepted" if i % 2 else "")
            app.want.add(world.schools[i - 1])
            for c in criteria:
                mm.Score.objects.create(application=app, criterion=c, reviewer=world.people[i], points=2)
    assert_flat(sizes, review_urls)
