"""The real task queues for tests about background work: the database queue (its worker run here, against the test
database) and Redis (an RQ worker run here, on a queue of this run's own, removed afterwards), and an SMTP server that
takes mail, refuses it once, or is not there at all."""
import os
import secrets
import socket

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command

from tests.core.test_password_reset import Inbox

REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"


def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": []}}
    return lambda: call_command("worker", batch=True, verbosity=0)


def redis_queue(settings):
    """Redis at ``REDIS_URL`` (default 127.0.0.1:6379): skipped, saying why, where it does not answer, except under
    CI=true, where that fails."""
    import django_rq
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=5).ping()
    except redis.exceptions.ConnectionError as exc:
        why = f"Redis does not answer at {REDIS_URL} ({exc}); `.ci/run` starts it"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(why)
        pytest.skip(why)
    name = f"districtlab-test-{os.getpid()}-{secrets.token_hex(4)}"  # two runs never share a queue
    settings.DISTRICTLAB_TASK_QUEUE = name
    settings.RQ_QUEUES = {"default": {"URL": REDIS_URL}, name: {"URL": REDIS_URL}}  # django-tasks-rq reads "default"
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": [name]}}
    connection = django_rq.get_connection(name)

    def remove():
        keys = list(connection.scan_iter(f"rq:*{name}*"))
        from districtlab.jobs.models import Job

        for task_id in Job.objects.exclude(task_id="").values_list("task_id", flat=True):
            keys += list(connection.scan_iter(f"rq:*{task_id}*"))
        if keys:
            connection.delete(*keys)
        connection.srem("rq:queues", f"rq:queue:{name}")

    return (lambda: call_command("worker", batch=True, in_process=True, verbosity=0)), remove


@pytest.fixture(params=["database", "redis"])
def queue(request, settings):
    """A function that runs the queue's worker until nothing is waiting, on each backend in turn. Tests using it
    commit as the server does (``django_db(transaction=True)``): Redis gets a job when its transaction commits."""
    settings.DISTRICTLAB_TASK_RETRY_SECONDS = 0  # retries are due at once, so one worker run sees them through
    if request.param == "database":
        yield database_queue(settings)
        return
    run, remove = redis_queue(settings)
    yield run
    remove()


class RefusingOnce(Inbox):
    """An inbox whose server answers the first message with "451 try again later"."""

    def __init__(self):
        super().__init__()
        self.refused = 0

    async def handle_DATA(self, server, session, envelope):
        if not self.refused:
            self.refused += 1
            return "451 4.3.0 Mailbox busy, try again later"
        return await super().handle_DATA(server, session, envelope)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def smtp_at(settings, port):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", port, False
    settings.EMAIL_TIMEOUT = 30


@pytest.fixture
def smtp(settings):
    """Start an SMTP server: ``smtp(Inbox())`` or ``smtp(RefusingOnce())``; returns the inbox."""
    controllers = []

    def serve(box):
        port = free_port()
        controller = Controller(box, hostname="127.0.0.1", port=port)
        controller.start()
        controllers.append(controller)
        smtp_at(settings, port)
        return box

    yield serve
    for controller in controllers:
        controller.stop()


@pytest.fixture
def no_smtp(settings):
    """Mail goes to a port where nothing listens: every attempt fails."""
    smtp_at(settings, free_port())
