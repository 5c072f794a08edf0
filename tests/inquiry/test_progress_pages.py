"""Following the inquiry: central office's progress dashboard, the network side by side, the facilitator view."""
import csv
import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from districtlab.inquiry import models as m
from districtlab.org import models as org


def inquiry(world, school, *, team=None, visibility="network", cycles=(), author="teacher"):
    ctx = dict(district=world.district, author=world.people[author], team=team, school=school,
               network=world.network, visibility=visibility)
    problem = m.ProblemOfPractice.objects.create(school_year=world.year, statement=f"Problem at {school}", **ctx)
    goal = m.YearGoal.objects.create(problem=problem, statement=f"Goal at {school}", **ctx)
    for title, stage, ended in cycles:
        m.Cycle.objects.create(goal=goal, title=title, stage=stage, ended=ended, **ctx)
    return goal


@pytest.fixture
def followed(world):
    """P.S. 7 shares two cycles with its network, one of them overdue; P.S. 8 has shared nothing."""
    goal = inquiry(world, world.host, team=world.team, cycles=[
        ("Turn and talk", "share", dt.date(2016, 11, 18)), ("Exit tickets", "implement", dt.date(2017, 3, 1))])
    m.Cycle.objects.create(goal=goal, title="SECRET-DRAFT", district=world.district, author=world.people["teacher"],
                           team=world.team, school=world.host, network=world.network, visibility="private")
    return goal


def page(world, role, url="/inquiry/progress/", status=200):
    r = world.client(role).get(url)
    assert r.status_code == status, r.content.decode()[:500]
    return r.content.decode()


def test_central_office_sees_every_network_school_and_where_it_stands(world, followed):
    body = page(world, "central")
    assert "Riverside Unified, 2016-17" in body
    host_row = body[body.index(">P.S. 7<"):body.index("</tr>", body.index(">P.S. 7<"))]
    partner_row = body[body.index(">P.S. 8<"):body.index("</tr>", body.index(">P.S. 8<"))]
    assert "<td>Share lessons</td><td>2</td><td>1</td>" in host_row and "<td>yes</td>" in host_row
    # central office counts what the school shared with its network, but cannot read its words
    assert "A cycle was to end Mar 1, 2017 and is still at Implement" in host_row and "Exit tickets" not in body
    assert "“Exit tickets” was to end Mar 1, 2017" in page(world, "facilitator")  # the network's facilitator reads it
    # nothing recorded here: shown apart as "no record yet", not as behind
    assert "<td>No record yet</td>" in partner_row and "<td>—</td>\n<td>—</td>" in partner_row
    assert "SECRET-DRAFT" not in body and "(2 cycles in all," in body  # a private draft counts for nobody else


@pytest.mark.parametrize("role, status", [("admin", 200), ("facilitator", 200), ("researcher", 200),
                                          ("principal", 403), ("teacher", 403), ("coach", 403), ("partner", 403)])
def test_the_dashboard_is_for_central_office_facilitators_and_researchers(world, followed, role, status):
    page(world, role, status=status)


def test_another_district_sees_none_of_these_schools(world, followed):
    body = page(world, "outsider")
    assert "P.S. 7" not in body and "Elsewhere District, 2016-17" in body


def test_filters_by_network_and_facilitator(world, followed):
    other_network = org.Network.objects.create(district=world.district, school_year=world.year, name="Other pair",
                                               kind="pair")
    lone = org.School.objects.create(district=world.district, name="P.S. 99")
    org.NetworkMembership.objects.create(network=other_network, school=lone, role="host")
    everything = page(world, "central")
    by_network = page(world, "central", f"/inquiry/progress/?network={world.network.pk}")
    by_facilitator = page(world, "central", f"/inquiry/progress/?facilitator={world.people['facilitator'].pk}")
    assert "P.S. 99" in everything and "P.S. 99" not in by_network and "P.S. 99" not in by_facilitator
    assert "P.S. 7" in by_network and "P.S. 7" in by_facilitator


def test_bad_filters_are_named_and_refused(world, followed):
    body = page(world, "central", "/inquiry/progress/?year=abc", status=400)
    assert 'id="id_year_error"' in body
    last_year = org.SchoolYear.objects.create(district=world.district, name="2015-16", start=dt.date(2015, 9, 1),
                                              end=dt.date(2016, 6, 30))
    body = page(world, "central", f"/inquiry/progress/?year={last_year.pk}&network={world.network.pk}", status=400)
    assert "That is not one of this year&#x27;s networks." in body and 'id="id_network_error"' in body


def test_the_dashboard_downloads_as_csv_and_excel_with_the_same_filters(world, followed):
    c = world.client("central")
    rows = list(csv.reader(io.StringIO(c.get(f"/inquiry/progress.csv?network={world.network.pk}").content.decode())))
    assert rows[0] == ["school", "networks", "facilitators", "step_reached", "cycles", "cycles_shared",
                       "meets_expectation", "overdue"]
    assert rows[1][:7] == ["P.S. 7", "Growth triad", "Fay Facilitator", "Share lessons", "2", "1", "yes"]
    assert rows[2] == ["P.S. 8", "Growth triad", "Fay Facilitator", "No record yet", "0", "0", "no", ""]
    sheet = load_workbook(io.BytesIO(c.get("/inquiry/progress.xlsx").content)).active
    assert [cell.value for cell in sheet[2]][:5] == ["P.S. 7", "Growth triad", "Fay Facilitator", "Share lessons", 2]
    assert c.get("/inquiry/progress.pdf").status_code == 404
    assert world.client("teacher").get("/inquiry/progress.csv").status_code == 403


def test_the_network_page_shows_its_schools_side_by_side_against_the_focus_area(world, followed):
    body = page(world, "coach", f"/inquiry/networks/{world.network.pk}/")  # P.S. 8's coach, in the network
    assert "Teacher growth &amp; teams" in body and "Problem at P.S. 7" in body and "Exit tickets" in body
    assert body.index("P.S. 7") < body.index("P.S. 8") and "Nothing shared with you yet." in body
    assert "SECRET-DRAFT" not in body
    page(world, "outsider", f"/inquiry/networks/{world.network.pk}/", status=404)


def test_the_facilitator_sees_their_networks_and_what_is_overdue(world, followed):
    body = page(world, "facilitator", "/inquiry/facilitator/")
    assert "Growth triad" in body and "Turn and talk" in body
    overdue = body[body.index('id="overdue-h"'):body.index("</section>", body.index('id="overdue-h"'))]
    assert "P.S. 7" in overdue and "P.S. 8" not in overdue  # P.S. 8 has no record yet: not behind
    assert "You facilitate no network this year." in page(world, "central", "/inquiry/facilitator/")


@pytest.mark.parametrize("url", ["/inquiry/progress/", "/inquiry/facilitator/", "NETWORK"])
def test_progress_pages_ask_the_same_number_of_queries_however_many_schools(world, followed, url):
    url = f"/inquiry/networks/{world.network.pk}/" if url == "NETWORK" else url
    role = "central" if url == "/inquiry/progress/" else "facilitator"

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            page(world, role, url)
        return len(ctx)

    queries(), queries()  # the first visit makes the district's count (once), the next makes it again (tests keep
    # no count fresh) and meets the job's bookkeeping for the first time
    few = queries()
    for i in range(10):
        school = org.School.objects.create(district=world.district, name=f"P.S. {100 + i}")
        org.NetworkMembership.objects.create(network=world.network, school=school, role="partner")
        inquiry(world, school, cycles=[(f"Cycle {i}", "plan", None)], author="central")
    assert queries() == few


def test_home_lists_my_teams_cycles_and_my_drafts(world, followed):
    mine = page(world, "teacher", "/")
    card = mine[mine.index('id="cycles-h"'):mine.index("</section>", mine.index('id="cycles-h"'))]
    assert "Turn and talk" in card and "Exit tickets" in card and "Was to end Mar 1, 2017" in card
    assert "SECRET-DRAFT" in card and "only you can see this" in card
    principal = page(world, "principal", "/")  # on the team: sees what is shared with it, not the draft
    assert "Exit tickets" in principal and "SECRET-DRAFT" not in principal
    assert 'id="cycles-h"' not in page(world, "central", "/")  # on no team, wrote no cycle


def test_schools_are_listed_as_people_read_their_numbers(world, followed):
    org.NetworkMembership.objects.create(network=world.network, role="partner",
                                         school=org.School.objects.create(district=world.district, name="P.S. 10"))
    rows = world.client("central").get("/inquiry/progress.csv").content.decode().splitlines()
    assert [r.split(",")[0] for r in rows[1:]] == ["P.S. 7", "P.S. 8", "P.S. 10"]


def test_cycles_export_one_row_per_cycle_the_viewer_may_see(world, followed):
    from districtlab.inquiry.exporters import CYCLE_COLUMNS

    rows = list(csv.reader(io.StringIO(world.client("facilitator").get(
        "/transfer/export/cycles.csv?year=2016-17").content.decode())))
    assert rows[0] == CYCLE_COLUMNS
    assert [(r[2], r[7], r[8]) for r in rows[1:]] == [("P.S. 7", "Turn and talk", "Share lessons"),
                                                       ("P.S. 7", "Exit tickets", "Implement")]
    teacher_rows = world.client("teacher").get("/transfer/export/cycles.csv").content.decode()
    assert "SECRET-DRAFT" in teacher_rows  # the author's own draft, for the author only
    assert "Turn and talk" not in world.client("outsider").get("/transfer/export/cycles.csv").content.decode()


def test_the_table_shows_a_page_at_a_time_while_the_headline_counts_every_school(world, followed, monkeypatch):
    from districtlab.inquiry.views import Progress

    monkeypatch.setattr(Progress, "paginate_by", 1)
    first, second = page(world, "central"), page(world, "central", "/inquiry/progress/?page=2")
    assert ">P.S. 7<" in first and ">P.S. 8<" not in first and "1–1 of 2" in first
    assert ">P.S. 8<" in second and "<h2>2</h2><p>schools in the program</p>" in second.replace("\n  ", "")


def test_researchers_see_facilitators_by_pseudonym(world, followed):
    body = page(world, "researcher")
    assert "Fay Facilitator" not in body and world.people["facilitator"].research_id in body


def test_central_office_sets_the_districts_expectation(world, followed):
    c = world.client("central")
    assert 'href="/inquiry/expectations/new/?district=' in page(world, "central")
    assert 'Change the expectation' not in page(world, "facilitator")
    assert c.post("/inquiry/expectations/new/", {"district": world.district.pk, "cycles_per_year": 3,
                                                  "first_cycle_weeks": "ten"}).status_code == 400
    assert c.post("/inquiry/expectations/new/", {"district": world.district.pk, "cycles_per_year": 3,
                                                  "first_cycle_weeks": 10}).status_code == 302
    body = page(world, "central")
    host_row = body[body.index(">P.S. 7<"):body.index("</tr>", body.index(">P.S. 7<"))]
    assert "<td>no</td>" in host_row and '<th scope="col">At least 3 cycles</th>' in body
    assert "At least 3 cycles in the year" in body
