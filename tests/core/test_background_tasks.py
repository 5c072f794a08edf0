"""Background work on the real queues, the database's and Redis's: a job waits until a worker runs it, a failed
attempt is tried again, and the last failure is kept with its reason and shown to the person who started it."""
import contextlib
import datetime as dt
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

import psycopg
import pytest
from aiosmtpd.controller import Controller
from django.core.mail import EmailMessage
from django.test import Client
from django.utils import timezone

from districtlab.accounts import mail
from districtlab.jobs.models import Job, stall_limit
from districtlab.jobs.tasks import run_job
from tests.core.queues import Inbox, RefusingOnce, no_smtp, queue, smtp  # noqa: F401  (fixtures)
from tests.core.serving import ROOT, data_env, districtlab

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


def test_a_job_whose_worker_fell_silent_is_failed_and_a_new_request_starts_afresh(world, queue, settings):
    """A worker killed mid-job (or stopped by the task timeout) never records how the job ended: once nothing has
    been heard from it for longer than the task timeout and a margin, it is failed, saying why."""
    settings.DISTRICTLAB_ANALYTICS_MAX_AGE = 300
    c = world.client("central")
    c.get("/practices/flow/")
    job = Job.objects.get(owner=world.users["central"])
    started = timezone.now() - stall_limit() + dt.timedelta(minutes=1)  # a worker took it, then was killed
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING, attempts=1, updated=started)
    assert 'hx-trigger="every 2s"' in c.get(f"/jobs/{job.pk}/status/").content.decode()  # not silent for long yet
    Job.objects.filter(pk=job.pk).update(updated=started - dt.timedelta(minutes=2))
    line = c.get(f"/jobs/{job.pk}/status/").content.decode()
    assert ("Drawing the knowledge flow: failed</strong> after 1 attempt: the worker stopped while doing this "
            "(nothing was heard from it for ") in line and "hx-trigger" not in line
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED and job.finished
    assert "Drawing the knowledge flow:</strong> waiting for a worker" in c.get("/practices/flow/").content.decode()
    fresh = Job.objects.exclude(pk=job.pk).get(owner=world.users["central"])
    queue()
    fresh.refresh_from_db()
    assert fresh.status == Job.Status.DONE
    assert "learning links among its 2 schools" in c.get("/practices/flow/").content.decode()


def shell(env, code: str) -> str:
    done = districtlab(["shell", "-c", code], env)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-1]


SEND = ("from django.core.mail import EmailMessage; from districtlab.accounts import mail; "
        "print(mail.send(EmailMessage('Agenda', 'Norms review.', 'districtlab@example.org', ['coach@example.org']),"
        " label='Sending the agenda').pk)")


def state(env, pk) -> str:
    """The job's status and error, read from its DistrictLab's database directly: the test looks often while a
    worker starts, and a ``districtlab shell`` per look would cost the worker a process start each time."""
    if env.get("DATABASE_URL"):
        with psycopg.connect(env["DATABASE_URL"]) as connection:
            row = connection.execute("SELECT status, error FROM jobs_job WHERE id = %s", [pk]).fetchone()
    else:
        with contextlib.closing(sqlite3.connect(Path(env["DISTRICTLAB_DATA_DIR"]) / "districtlab.sqlite3")) as db:
            row = db.execute("SELECT status, error FROM jobs_job WHERE id = ?", [uuid.UUID(pk).hex]).fetchone()
    return f"{row[0]} | {row[1]}".strip()


@pytest.mark.own_databases  # its own worker and database; what it shows does not depend on the engine
def test_a_killed_worker_leaves_no_job_running_forever(tmp_path):
    """A real ``districtlab worker`` on the database queue takes a job that hangs (a mail server that accepts the
    connection and never answers) and is killed: the next worker to start on the machine says the job failed, and
    sending again works."""
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen()
    port = silent.getsockname()[1]
    with data_env(tmp_path) as env:
        env.pop("REDIS_URL", None)
        env |= {"EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(port), "DISTRICTLAB_TASK_RETRY_SECONDS": "0"}
        pk = shell(env, SEND)
        log = (tmp_path / "worker.log").open("w")
        worker = subprocess.Popen([sys.executable, "-m", "districtlab.cli", "worker", "--interval", "0.2"], cwd=ROOT,
                                  env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 180
            while not state(env, pk).startswith("running"):
                assert worker.poll() is None and time.monotonic() < deadline, (tmp_path / "worker.log").read_text()
                time.sleep(0.5)
        finally:
            worker.send_signal(signal.SIGKILL)
            worker.wait()
            log.close()
        assert state(env, pk).startswith("running")  # nothing else will ever say otherwise
        silent.close()
        inbox = Inbox()
        controller = Controller(inbox, hostname="127.0.0.1", port=port)
        controller.start()
        try:
            restarted = districtlab(["worker", "--batch"], env)
            assert restarted.returncode == 0, restarted.stderr
            assert "1 job(s) left running by a worker that stopped are now shown as failed" in restarted.stdout
            assert state(env, pk) == (f"failed | the worker stopped while doing this (its process on "
                                      f"{socket.gethostname()} ended); start it again")
            again = shell(env, SEND)
            assert districtlab(["worker", "--batch"], env).returncode == 0
            assert state(env, again) == "done |" and inbox.messages
        finally:
            controller.stop()

