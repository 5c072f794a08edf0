"""Acceptance rates of a call by borough, grade band and role, overall, and as a CSV download (issue 14)."""
import csv
import io

import pytest
from django.urls import reverse

from districtlab.matching import models as mm
from districtlab.org import models as m


@pytest.fixture
def decided(cycle):
    """P.S. 8 (Queens, partner) accepted, P.S. 9 (Bronx, host) wait-listed, P.S. 10 (Brooklyn, either) accepted,
    P.S. 11 (Queens, partner) declined; a draft and a withdrawn application that do not count."""
    for name, decision in [("P.S. 8", "accepted"), ("P.S. 9", "waitlisted"), ("P.S. 10", "accepted"),
                           ("P.S. 11", "declined")]:
        mm.Application.objects.filter(pk=cycle.applications[name].pk).update(decision=decision)
    mm.Application.objects.create(call=cycle.call, school=cycle.world.host, answers={})
    gone = m.School.objects.create(district=cycle.world.district, name="Gone", region="Queens")
    mm.Application.objects.create(call=cycle.call, school=gone, status="withdrawn", decision="accepted")
    return cycle


def test_rates_by_borough_grade_band_and_role(decided):
    r = decided.client("central").get(reverse("matching:acceptance", args=[decided.call.pk]))
    assert r.status_code == 200
    page = r.content.decode()
    assert "Overall: 50% accepted</strong> (2 of 4; 1 wait-listed, 1 declined)" in page
    assert ('<th scope="row">Queens</th><td>2</td><td>1</td><td>0</td><td>1</td><td>50%</td>' in page)
    assert ('<th scope="row">Bronx</th><td>1</td><td>0</td><td>1</td><td>0</td><td>0%</td>' in page)
    assert ('<th scope="row">High</th><td>1</td><td>1</td><td>0</td><td>0</td><td>100%</td>' in page)
    assert ('<th scope="row">Partner</th><td>2</td><td>1</td><td>0</td><td>1</td><td>50%</td>' in page)
    assert ('<th scope="row">Host or partner</th><td>1</td><td>1</td>' in page)


def test_the_csv_has_the_same_numbers_and_no_formulas(decided):
    m.School.objects.filter(pk=decided.schools["P.S. 9"].pk).update(region="=HYPERLINK(\"http://evil\")")
    r = decided.client("facilitator").get(reverse("matching:acceptance", args=[decided.call.pk, "csv"]))
    assert r.status_code == 200 and r["Content-Disposition"].startswith("attachment")
    rows = list(csv.reader(io.StringIO(r.content.decode())))
    assert rows[0] == ["Grouped by", "Group", "Applied", "Accepted", "Wait-listed", "Declined", "Acceptance rate (%)"]
    assert ["Borough", "Queens", "2", "1", "0", "1", "50.0"] in rows
    assert ["All", "All applicants", "4", "2", "1", "1", "50.0"] in rows
    assert ["Borough", "'=HYPERLINK(\"http://evil\")", "1", "0", "1", "0", "0.0"] in rows


def test_an_empty_call_says_so(cycle):
    mm.Application.objects.filter(call=cycle.call).delete()
    page = cycle.client("central").get(reverse("matching:acceptance", args=[cycle.call.pk])).content.decode()
    assert "no application submitted yet" in page


@pytest.mark.parametrize("role, status", [("admin", 200), ("central", 200), ("facilitator", 200), ("principal", 403),
                                          ("teacher", 403), ("coach", 403), ("partner", 404), ("researcher", 404),
                                          ("outsider", 404)])
def test_who_sees_the_rates(cycle, role, status):
    c = cycle.client(role)
    assert c.get(reverse("matching:acceptance", args=[cycle.call.pk])).status_code == status
    assert c.get(reverse("matching:acceptance", args=[cycle.call.pk, "csv"])).status_code == status


def test_an_unknown_format_is_not_found(cycle):
    assert cycle.client("central").get(reverse("matching:acceptance", args=[cycle.call.pk, "exe"])).status_code == 404
