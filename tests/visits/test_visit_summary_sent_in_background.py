"""A visit's summary and invitations are sent by the task queue, not in the request: the visit's page says how the
sending goes (a status line that updates itself) and, when it failed, why."""
import pytest

from districtlab.jobs.models import Job
from tests.core.queues import Inbox, no_smtp, queue, smtp  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def came(world, visit):
    """The principal and the teacher were invited and came."""
    c = world.client("facilitator")
    c.post(f"/visits/{visit.pk}/invite/")
    c.post(f"/visits/{visit.pk}/attendance/", {"present": list(visit.attendance.filter(
        person__in=[world.people["principal"], world.people["teacher"]]).values_list("pk", flat=True))})
    Job.objects.all().delete()  # the invitations' job: not what these tests look at
    return visit


def test_the_summary_is_sent_by_a_worker_and_the_page_shows_its_progress(world, came, queue, smtp):
    inbox = smtp(Inbox())
    c = world.client("facilitator")
    r = c.post(f"/visits/{came.pk}/summary/", follow=True)
    page = r.content.decode()
    assert "The summary is being written and sent" in page and inbox.messages == []
    assert "Sending the visit summary:</strong> waiting for a worker" in page and 'hx-trigger="every 2s"' in page
    queue()
    to, received = inbox.wait()
    came.refresh_from_db()
    assert sorted(to) == ["principal@example.org", "teacher@example.org"]
    assert received.get_payload().replace("\r\n", "\n") == came.summary and came.summary_sent_at is not None
    page = c.get(came.get_absolute_url()).content.decode()
    assert "Sending the visit summary: done.</strong> Summary sent to 2 people and kept on this page." in page
    assert "hx-trigger" not in page  # nothing left to wait for
    assert "Sending the visit summary" not in world.client("teacher").get(came.get_absolute_url()).content.decode()


def test_a_summary_that_cannot_be_sent_says_why_on_the_visits_page(world, came, queue, no_smtp):
    c = world.client("facilitator")
    c.post(f"/visits/{came.pk}/summary/")
    queue()
    came.refresh_from_db()
    assert came.summary_sent_at is None
    page = c.get(came.get_absolute_url()).content.decode()
    assert ("Sending the visit summary: failed</strong> after 3 attempts: the mail server could not be reached"
            in page)
    status = world.client("central").get(f"/jobs/{Job.objects.get().pk}/status/")  # central office runs visits too
    assert status.status_code == 200 and "failed" in status.content.decode()


def test_invitations_go_out_from_the_queue(world, visit, queue, smtp):
    inbox = smtp(Inbox())
    c = world.client("facilitator")
    page = c.post(f"/visits/{visit.pk}/invite/", follow=True).content.decode()
    assert "Invited 3 people (3 by email)" in page and "Sending the invitations:</strong> waiting" in page
    assert inbox.messages == []
    queue()
    to, received = inbox.wait()
    assert sorted(to) == ["facilitator@example.org", "principal@example.org", "teacher@example.org"]
    assert received.get_content_type() == "multipart/mixed"  # the iCalendar attachment travels with it
    assert "Sending the invitations: done.</strong> Sent to 3 people." in c.get(visit.get_absolute_url()
                                                                                ).content.decode()
