"""Whoever sees every school reads the dashboard's headline as the background count stored it with its rows (no count
of the district's rows in the request); a narrower view (a network, a facilitator's networks) counts its few rows.
Either way the headline is what the rows say, and a count stored before it kept its totals is still counted."""
import datetime as dt

from districtlab.jobs.models import Analysis
from districtlab.org import models as org
from tests.inquiry.test_progress_pages import inquiry, page


def summary_of(body):
    return body[body.index('id="summary"'):body.index("Step reached")]


def counted_schools(body):
    return summary_of(body).split("<h2>")[1].split("</h2>")[0]


def test_the_headline_is_stored_with_the_rows_and_the_same_when_counted(world):
    inquiry(world, world.host, team=world.team, cycles=[("Turn and talk", "share", dt.date(2016, 11, 18))])
    other = org.Network.objects.create(district=world.district, school_year=world.year, name="Other pair",
                                       kind="pair")
    org.NetworkMembership.objects.create(network=other, school=org.School.objects.create(
        district=world.district, name="P.S. 99"), role="host")
    whole = page(world, "central")
    totals = Analysis.objects.get(kind="cycles-progress").data["totals"]
    assert totals["schools"] == 3 and totals["cycles"] == 1 and totals["reached"]["share"] == 1
    assert counted_schools(whole) == "3" and "(1 cycle in all, 1 with lessons shared)" in whole
    assert counted_schools(page(world, "central", f"/inquiry/progress/?network={other.pk}")) == "1"  # counted here
    analysis = Analysis.objects.get(kind="cycles-progress")
    del analysis.data["totals"]  # a count stored before it kept its totals
    analysis.save()
    assert summary_of(page(world, "central")) == summary_of(whole)
    api = world.client("researcher").get("/api/cycles-progress/").json()
    assert api["count"] == api["summary"]["schools"] == 3 and api["summary"]["reached"]["share"] == 1


def test_the_compliance_totals_are_stored_with_the_check_and_a_facilitator_counts_their_own(world):
    from districtlab.visits import models as visits

    visits.Meeting.objects.create(district=world.district, school_year=world.year, kind="site_visit", title="Visit",
                                  date=dt.date(2016, 10, 19), network=world.network, host=world.host, status="held")
    other = org.Network.objects.create(district=world.district, school_year=world.year, name="Other pair",
                                       kind="pair")
    org.NetworkMembership.objects.create(network=other, school=org.School.objects.create(
        district=world.district, name="P.S. 99"), role="host")
    central = world.client("central").get("/visits/compliance/")
    totals = Analysis.objects.get(kind="compliance").data["totals"]
    assert totals == {"networks": 2, "on_cadence": 0, "gaps": 0, "unrecorded": 3, "visits": 1, "absent": 2}
    body = central.content.decode()
    assert "2 networks · 1 site visit held" in body and "3 have no team meeting recorded" in body
    assert central.context["absent_page"].paginator.count == 2
    mine = world.client("facilitator").get("/visits/compliance/")  # their own triad: counted from its rows
    assert "1 network · 1 site visit held" in mine.content.decode() and "P.S. 99" not in mine.content.decode()
    assert world.client("teacher").get("/visits/compliance/").status_code == 403
