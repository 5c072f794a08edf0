"""The Cycles-progress dashboard reads the district's count as stored, "as of" when it was made, and each viewer
sees only what they may: the count is made once in the first request, then again by a background job (on the real
queues, the database's and Redis's) when it is old, when a record it reads changes, or when someone asks."""
import csv
import datetime as dt
import io

import pytest

from districtlab.inquiry import models as m
from districtlab.jobs.models import Analysis, Job
from tests.core.queues import queue  # noqa: F401  (the fixture)
from tests.inquiry.test_progress_pages import inquiry, page

pytestmark = pytest.mark.django_db(transaction=True)
COUNTING = "Counting every school&#x27;s Cycles of Learning"


@pytest.fixture
def counted(world, settings):
    """P.S. 7 shares two cycles with its network, one overdue; the count is kept for five minutes."""
    settings.DISTRICTLAB_ANALYTICS_MAX_AGE = 300
    return inquiry(world, world.host, team=world.team, cycles=[
        ("Turn and talk", "share", dt.date(2016, 11, 18)), ("Exit tickets", "implement", dt.date(2017, 3, 1))])


def summary_of(body):
    return body[body.index('id="summary"'):body.index("</div>", body.index('id="summary"'))]


def test_the_first_visit_counts_once_and_later_visits_read_the_count_as_of_when_it_was_made(world, queue, counted):
    first = page(world, "central")
    assert "As of " in first and "(2 cycles in all," in first and COUNTING not in first  # nothing left to do
    assert Analysis.objects.filter(kind="cycles-progress").count() == 1 and not Job.objects.exists()
    assert "(2 cycles in all," in page(world, "central") and not Job.objects.exists()  # fresh: read, not counted
    m.Cycle.objects.create(goal=counted, title="Number talks", stage="plan", district=world.district,
                           author=world.people["teacher"], team=world.team, school=world.host,
                           network=world.network, visibility="network")
    stale = page(world, "central")
    assert "(2 cycles in all," in stale and f"{COUNTING}:</strong> waiting for a worker" in stale
    assert "a newer one is being made" in stale
    queue()
    counted_again = page(world, "central")
    assert "(3 cycles in all," in counted_again and COUNTING not in counted_again


def test_an_old_count_is_made_again(world, queue, counted, settings):
    page(world, "central")
    settings.DISTRICTLAB_ANALYTICS_MAX_AGE = 0
    assert f"{COUNTING}:</strong> waiting for a worker" in page(world, "central")
    assert Job.objects.count() == 1
    page(world, "facilitator")
    assert Job.objects.count() == 1  # one job at a time, whoever looks
    queue()
    assert Job.objects.get().status == Job.Status.DONE


def test_each_viewer_reads_the_one_district_count_with_only_what_they_may_see(world, queue, counted):
    central, facilitator, researcher = (page(world, role) for role in ("central", "facilitator", "researcher"))
    assert Analysis.objects.count() == 1 and not Job.objects.exists()
    assert summary_of(central) == summary_of(facilitator) == summary_of(researcher)
    # the network's facilitator reads the overdue cycle's title; central office, on the district rung, does not
    assert "“Exit tickets” was to end Mar 1, 2017" in facilitator and "Exit tickets" not in central
    assert "A cycle was to end Mar 1, 2017 and is still at Implement" in central
    assert "Fay Facilitator" in central and "Fay Facilitator" not in researcher  # researchers: pseudonyms
    assert world.people["facilitator"].research_id in researcher
    outsider = page(world, "outsider")  # another district's central office: its own year, none of these schools
    assert "P.S. 7" not in outsider and "Elsewhere District, 2016-17" in outsider
    page(world, "teacher", status=403)


def test_refresh_asks_for_a_new_count_and_shows_its_status_line(world, queue, counted):
    page(world, "central")
    analysis = Analysis.objects.get()
    r = world.client("facilitator").post(f"/jobs/analyses/{analysis.pk}/refresh/",
                                         {"next": "/inquiry/progress/?page=1"})
    assert r.status_code == 302 and r["Location"] == "/inquiry/progress/?page=1"
    job = Job.objects.get()
    assert (job.owner, job.status, job.target) == (world.users["facilitator"], Job.Status.QUEUED, analysis)
    assert f"{COUNTING}:</strong> waiting for a worker" in page(world, "central")  # anyone following sees it
    assert world.client("central").get(f"/jobs/{job.pk}/status/").status_code == 200
    assert world.client("teacher").post(f"/jobs/analyses/{analysis.pk}/refresh/").status_code == 404
    assert world.client("outsider").get(f"/jobs/{job.pk}/status/").status_code == 404
    elsewhere = world.client("central").post(f"/jobs/analyses/{analysis.pk}/refresh/",
                                             {"next": "https://evil.example/"})
    assert elsewhere["Location"] == "/"  # never sent off the site
    queue()
    job.refresh_from_db()
    assert job.status == Job.Status.DONE and Job.objects.count() == 1


def test_the_api_reads_the_same_count_and_says_when_it_was_made(world, queue, counted):
    body = world.client("central").get("/api/cycles-progress/").json()
    analysis = Analysis.objects.get()
    assert body["summary"]["cycles"] == 2 and body["counted_at"] is not None
    assert dt.datetime.fromisoformat(body["counted_at"]) == analysis.computed
    host = next(s for s in body["schools"] if s["school_name"] == "P.S. 7")
    assert host["overdue"] == ["A cycle was to end Mar 1, 2017 and is still at Implement"]


def test_a_large_districts_download_is_prepared_in_the_background_and_has_every_school(world, queue, counted,
                                                                                         settings):
    settings.DISTRICTLAB_EXPORT_BACKGROUND_ROWS = 1
    c = world.client("central")
    r = c.get("/inquiry/progress.csv")
    job = Job.objects.get(handler__endswith="progress_export")
    assert r.status_code == 302 and r["Location"] == f"/jobs/{job.pk}/"
    queue()
    download = c.get(f"/jobs/{job.pk}/download/")
    rows = list(csv.reader(io.StringIO(b"".join(download.streaming_content).decode())))
    assert [row[0] for row in rows] == ["school", "P.S. 7", "P.S. 8"]
    assert rows[1][3:7] == ["Share lessons", "2", "1", "yes"]
