"""An export larger than the configured number of records is prepared by the task queue: the download link
leads to a page whose status line updates itself, then offers the file, the same file a small export gives."""
import pytest

from districtlab.jobs.models import Job
from tests.core.queues import queue  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_large_export_is_prepared_in_the_background_then_downloaded(world, queue, settings):
    c = world.client("admin")
    at_once = c.get("/transfer/export/people.csv?year=2016-17")
    assert at_once.status_code == 200 and at_once["Content-Type"].startswith("text/csv")  # 9 people: small
    settings.DISTRICTLAB_EXPORT_BACKGROUND_ROWS = 5
    r = c.get("/transfer/export/people.csv?year=2016-17")
    job = Job.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/jobs/{job.pk}/"
    page = c.get(r["Location"]).content.decode()
    assert "Preparing the people export:</strong> waiting for a worker" in page and 'hx-trigger="every 2s"' in page
    assert c.get(f"/jobs/{job.pk}/download/").status_code == 404  # nothing yet
    queue()
    status = c.get(f"/jobs/{job.pk}/status/").content.decode()
    assert "Preparing the people export: done.</strong>" in status and "rows" in status
    assert f'href="/jobs/{job.pk}/download/"' in status and "hx-trigger" not in status
    download = c.get(f"/jobs/{job.pk}/download/")
    assert download.status_code == 200 and 'filename="people-2016-17.csv"' in download["Content-Disposition"]
    assert b"".join(download.streaming_content) == at_once.content
    assert world.client("central").get(f"/jobs/{job.pk}/download/").status_code == 404  # the admin's own file


def test_the_background_export_reads_as_its_requester_may(world, queue, settings):
    settings.DISTRICTLAB_EXPORT_BACKGROUND_ROWS = 0
    c = world.client("researcher")
    job_url = c.get("/transfer/export/people.csv")["Location"]
    queue()
    job = Job.objects.get()
    body = b"".join(c.get(f"/jobs/{job.pk}/download/").streaming_content).decode("utf-8-sig")
    assert "Tess Teacher" not in body and world.people["teacher"].research_id in body  # pseudonyms, as at once
    assert job_url == f"/jobs/{job.pk}/"
