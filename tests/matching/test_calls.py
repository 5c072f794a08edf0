"""Calls for applications: central office opens and edits them; the call's page is the cycle's hub (issue 14)."""
import datetime as dt

import pytest
from django.urls import reverse

from districtlab.matching import models as mm
from districtlab.org import models as m

ROLES = ["admin", "central", "facilitator", "principal", "teacher", "coach", "partner", "researcher", "outsider"]


def call_data(cycle, **changes):
    data = {"district": cycle.world.district.pk, "school_year": cycle.next_year.pk, "title": "LPP 2018-19",
            "opens": "2018-03-01", "closes": "2018-04-15", "offers_host": "on", "offers_partner": "on",
            "focus_areas": [cycle.world.lfa.pk, cycle.lfa2.pk], "questions": "Why?\nWho?",
            "years_before_graduation": 3, "partners_min": 2, "partners_max": 3, "weight_lfa": 10,
            "weight_grade": 3, "weight_borough": 1, "networks_per_facilitator": 4, "schools_per_facilitator": 10}
    data.update(changes)
    return data


@pytest.fixture
def later_year(cycle):
    return m.SchoolYear.objects.create(district=cycle.world.district, name="2018-19", start=dt.date(2018, 9, 1),
                                       end=dt.date(2019, 6, 30))


@pytest.mark.parametrize("role", ROLES)
def test_who_sees_the_calls(cycle, role):
    r = cycle.client(role).get(reverse("matching:call-list"))
    assert r.status_code == 200
    listed = cycle.call.title in r.content.decode()
    assert listed == (role in ("admin", "central", "facilitator", "principal", "teacher", "coach"))
    detail = cycle.client(role).get(cycle.call.get_absolute_url())
    assert detail.status_code == (200 if listed else 404)


@pytest.mark.parametrize("role", ROLES)
def test_the_navigation_offers_applications_to_who_uses_them(cycle, role):
    page = cycle.client(role).get(reverse("home")).content.decode()
    shown = f'href="{reverse("matching:call-list")}"' in page
    assert shown == (role in ("admin", "central", "facilitator", "principal", "outsider"))  # outsider: admin elsewhere


def test_the_hub_counts_applications_for_reviewers_only(cycle):
    mm.Application.objects.filter(pk=cycle.applications["P.S. 9"].pk).update(decision="accepted")
    page = cycle.client("central").get(cycle.call.get_absolute_url()).content.decode()
    assert "Student discourse" in page and "Rigorous instruction" in page  # focus areas with Framework elements
    assert "Why does your school want to take part?" in page
    assert "Review the applications" in page and "Acceptance rates" in page
    assert "<th scope=\"row\">Submitted</th><td>4</td>" in page
    assert "<th scope=\"row\">Accepted</th><td>1</td>" in page
    principal = cycle.client("principal").get(cycle.call.get_absolute_url()).content.decode()
    assert "Review the applications" not in principal
    assert "Apply for P.S. 7" in principal


@pytest.mark.parametrize("role, status", [("central", 200), ("admin", 200), ("facilitator", 403),
                                          ("principal", 403), ("teacher", 403), ("researcher", 403),
                                          ("coach", 403)])
def test_who_may_open_a_call(cycle, role, status):
    assert cycle.client(role).get(reverse("matching:call-create")).status_code == status


def test_central_office_opens_a_call(cycle, later_year):
    r = cycle.client("central").post(reverse("matching:call-create"), call_data(cycle, school_year=later_year.pk))
    assert r.status_code == 302, r.content.decode()
    call = mm.Call.objects.get(title="LPP 2018-19")
    assert set(call.focus_areas.all()) == {cycle.world.lfa, cycle.lfa2}
    assert call.question_list == ["Why?", "Who?"]
    page = cycle.client("central").get(r["Location"]).content.decode()
    assert "LPP 2018-19" in page


@pytest.mark.parametrize("changes, field, message", [
    ({"closes": "2018-02-01"}, "closes", "cannot close before it opens"),
    ({"offers_host": "", "offers_partner": ""}, "offers_host", "Offer at least one role"),
    ({"partners_min": 4, "partners_max": 2}, "partners_max", "cannot be fewer than the fewest"),
    ({"focus_areas": []}, "focus_areas", "Offer at least one focus area"),
    ({"opens": "inf"}, "opens", "Enter a valid date"),
    ({"partners_min": "inf"}, "partners_min", "Enter a whole number"),
    ({"questions": "x" * 20001}, "questions", "under 20,000 characters"),
])
def test_a_bad_call_is_refused_beside_its_field(cycle, later_year, changes, field, message):
    data = call_data(cycle, school_year=later_year.pk, **changes)
    r = cycle.client("central").post(reverse("matching:call-create"), data)
    assert r.status_code == 400
    page = r.content.decode()
    assert f'id="id_{field}_error"' in page and message in page
    assert "LPP 2018-19" in page  # what was typed is kept


def test_an_admin_of_another_district_cannot_open_one_in_this_district(cycle, later_year):
    r = cycle.client("outsider").post(reverse("matching:call-create"), call_data(cycle, school_year=later_year.pk))
    assert r.status_code == 400
    assert not mm.Call.objects.filter(title="LPP 2018-19").exists()


def test_one_call_per_school_year(cycle):
    r = cycle.client("central").post(reverse("matching:call-create"), call_data(cycle))
    assert r.status_code == 400
    assert "already exists" in r.content.decode()


def test_another_districts_year_or_focus_area_is_refused(cycle, later_year):
    elsewhere = m.LearningFocusArea.objects.create(district=cycle.world.other_district, name="Elsewhere focus")
    r = cycle.client("central").post(reverse("matching:call-create"), call_data(
        cycle, school_year=cycle.world.other_district.current_school_year_id, focus_areas=[elsewhere.pk]))
    assert r.status_code == 400
    assert mm.Call.objects.count() == 1


def test_central_office_edits_a_call_and_others_may_not(cycle):
    url = reverse("matching:call-edit", args=[cycle.call.pk])
    data = call_data(cycle, title="=HYPERLINK(\"http://evil\")", opens=str(cycle.call.opens),
                     closes=str(cycle.call.closes))
    for role, status in [("facilitator", 403), ("principal", 403), ("outsider", 404)]:
        assert cycle.client(role).post(url, data).status_code == status
    r = cycle.client("central").post(url, data)
    assert r.status_code == 302, r.content.decode()
    cycle.call.refresh_from_db()
    assert cycle.call.title == "=HYPERLINK(\"http://evil\")"  # kept as text, shown escaped
    page = cycle.client("central").get(cycle.call.get_absolute_url()).content.decode()
    assert "=HYPERLINK(&quot;http://evil&quot;)" in page


def test_wrong_ids_are_not_found(cycle):
    c = cycle.client("central")
    for name in ("call-detail", "call-edit", "apply", "review", "criteria", "acceptance"):
        assert c.get(reverse(f"matching:{name}", args=[999999])).status_code == 404
