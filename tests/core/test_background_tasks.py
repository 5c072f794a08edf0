"""Background work on the real queues, the database's and Redis's: a job waits until a worker runs it, a failed
attempt is tried again, and the last failure is kept with its reason and shown to the person who started it."""
import pytest
from django.core.mail import EmailMessage
from django.test import Client

from districtlab.accounts import mail
from districtlab.jobs.models import Job
from districtlab.jobs.tasks import run_job
from tests.core.queues import Inbox, RefusingOnce, no_smtp, queue, smtp  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db(transaction=True)


def message(to="coach@example.org"):
    return EmailMessage("Agenda for Thursday", "Norms review, then the low-inference observation.",
                        "districtlab@example.org", [to])


def test_a_job_waits_in_the_queue_until_a_worker_runs_it(world, queue, smtp):
    inbox = smtp(Inbox())
    job = mail.send(message(), label="Sending the agenda", owner=world.users["facilitator"])
    job.refresh_from_db()
    assert job.status == Job.Status.QUEUED and job.task_id and inbox.messages == []
    assert run_job.get_result(job.task_id).status == "READY"  # the task queue holds it, not the request
    queue()
    to, received = inbox.wait()
    job.refresh_from_db()
    assert to == ["coach@example.org"] and received["Subject"] == "Agenda for Thursday"
    assert (job.status, job.attempts, job.message) == (Job.Status.DONE, 1, "Sent to 1 person.")
    assert job.params == {}  # the message is not kept once delivered
    assert run_job.get_result(job.task_id).status == "SUCCESSFUL"


def test_a_failed_attempt_is_tried_again(world, queue, smtp):
    inbox = smtp(RefusingOnce())
    job = mail.send(message(), owner=world.users["facilitator"])
    queue()
    job.refresh_from_db()
    assert inbox.refused == 1 and len(inbox.messages) == 1
    assert (job.status, job.attempts, job.error) == (Job.Status.DONE, 2, "")


def test_the_last_failure_is_kept_with_its_reason_and_shown_to_who_started_it(world, queue, no_smtp):
    job = mail.send(message(), label="Sending the agenda", owner=world.users["facilitator"])
    queue()
    job.refresh_from_db()
    assert (job.status, job.attempts) == (Job.Status.FAILED, 3)
    assert job.error.startswith("the mail server could not be reached")
    assert run_job.get_result(job.task_id).status == "FAILED"  # the queue records the failure too
    page = world.client("facilitator").get(f"/jobs/{job.pk}/").content.decode()
    assert "Sending the agenda: failed</strong> after 3 attempts: the mail server could not be reached" in page
    assert world.client("teacher").get(f"/jobs/{job.pk}/").status_code == 404  # another person's job
    assert Client().get(f"/jobs/{job.pk}/status/").status_code == 302  # a sign-in first


def test_the_status_line_polls_while_the_job_runs_and_stops_when_done(world, queue, smtp):
    smtp(Inbox())
    job = mail.send(message(), label="Sending the agenda", owner=world.users["facilitator"])
    c = world.client("facilitator")
    waiting = c.get(f"/jobs/{job.pk}/status/").content.decode()
    assert "waiting for a worker" in waiting and 'hx-trigger="every 2s"' in waiting and "<script" not in waiting
    queue()
    done = c.get(f"/jobs/{job.pk}/status/").content.decode()
    assert "Sending the agenda: done.</strong> Sent to 1 person." in done and "hx-trigger" not in done


def test_readiness_names_the_queue(world, queue, client):
    body = client.get("/readyz").json()
    assert body["checks"]["queue"] == "ok"


def test_readiness_fails_when_redis_does_not_answer(settings, client):
    settings.RQ_QUEUES = {"default": {"URL": "redis://127.0.0.1:1/0"}}
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    r = client.get("/readyz")
    assert r.status_code == 503 and r.json()["checks"]["queue"].startswith("failed")


def test_the_knowledge_flow_is_drawn_in_the_background_and_read_as_of_when_it_was_drawn(world, queue, settings):
    settings.DISTRICTLAB_ANALYTICS_MAX_AGE = 300
    c = world.client("central")
    first = c.get("/practices/flow/").content.decode()
    assert "Drawing the knowledge flow:</strong> waiting for a worker" in first and "learning link" not in first
    queue()
    drawn = c.get("/practices/flow/").content.decode()
    assert "As of " in drawn and "learning links among its 2 schools" in drawn
    assert "Drawing the knowledge flow" not in drawn  # fresh: nothing is redrawn
    settings.DISTRICTLAB_ANALYTICS_MAX_AGE = 0
    stale = c.get("/practices/flow/").content.decode()
    assert "a newer picture is being drawn" in stale and "learning links among its 2 schools" in stale
    queue()
    settings.DISTRICTLAB_ANALYTICS_MAX_AGE = 300
    assert "Drawing the knowledge flow" not in c.get("/practices/flow/").content.decode()
    assert Job.objects.filter(owner=world.users["central"]).count() == 1  # the older picture is removed once read
    assert world.client("teacher").get("/practices/flow/").content.decode().count("Drawing the knowledge flow") == 1
