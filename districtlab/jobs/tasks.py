"""Background work through Django's tasks API (the ``django-tasks`` backport): the database queue by default, Redis
with ``REDIS_URL``. Every job runs through one task, ``run_job``, which records each attempt on the job, tries
again after a pause when an attempt fails, and keeps the reason when the last one fails.

A piece of work is a function ``handler(job) -> str`` (what came of it, in the person's words); it reports how far
it got with ``progress(job, text)``, raises ``Failed`` with the reason for a failure worth trying again and
``Refused`` for one that trying again cannot mend.
"""
import datetime as dt
import json
import logging
import os
import socket

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task, task_backends
from django_tasks.backends.immediate import ImmediateBackend
from django_tasks_db import DatabaseBackend

from .models import Job, stopped

logger = logging.getLogger(__name__)


class Failed(Exception):
    """A failure worth trying again (a server did not answer): its message is the reason the person reads."""


class Refused(Failed):
    """A failure trying again cannot mend (the record is gone, the request makes no sense): its message is the
    reason the person reads."""


def queue_backend():
    """The configured task backend itself (``default_task_backend`` is a proxy, which ``isinstance`` cannot see)."""
    return task_backends[DEFAULT_TASK_BACKEND_ALIAS]


def dotted(handler) -> str:
    return f"{handler.__module__}.{handler.__qualname__}"


def start(handler, label: str, *, owner=None, about=None, params: dict | None = None, key: str = "") -> Job:
    """Queue ``handler`` (a module-level function) as a new job and return it.

    ``about`` is the record the job is about (its page shows the job's progress); ``params`` must be JSON.
    """
    job = Job.objects.create(
        handler=dotted(handler), label=label, owner=owner, params=params or {}, key=key,
        target_type=ContentType.objects.get_for_model(about) if about is not None else None,
        target_id=about.pk if about is not None else None,
        max_attempts=settings.DISTRICTLAB_TASK_ATTEMPTS)
    enqueue(job)
    job.refresh_from_db()  # a backend that runs jobs at once (the tests') has done it already
    return job


def enqueue(job: Job, delay: float = 0) -> None:
    """Hand ``job`` to the queue. The database queue takes it in the same transaction as the job (both or neither
    are saved); a queue outside the database (Redis) gets it once that transaction has committed, so a worker
    never looks for a job that is not saved yet."""
    backend = queue_backend()
    runner = run_job.using(queue_name=settings.DISTRICTLAB_TASK_QUEUE)
    if delay and backend.supports_defer:
        runner = runner.using(run_after=timezone.now() + dt.timedelta(seconds=delay))

    def hand_over():
        result = runner.enqueue(str(job.pk))
        Job.objects.filter(pk=job.pk).update(task_id=str(result.id))

    if isinstance(backend, (DatabaseBackend, ImmediateBackend)):
        hand_over()
    else:
        transaction.on_commit(hand_over)


def progress(job: Job, text: str) -> None:
    """Say how far ``job`` has got (shown on its status line while it runs)."""
    job.progress = text
    Job.objects.filter(pk=job.pk).update(progress=text, updated=timezone.now())


def reason(exc: BaseException) -> str:
    """Why an attempt failed, in words a person can act on."""
    if isinstance(exc, Failed):
        return str(exc)
    if isinstance(exc, DatabaseError):
        return f"the database was busy or unavailable ({type(exc).__name__})"
    return f"an unexpected error ({type(exc).__name__}: {exc})"


def retry_delay(attempt: int) -> float:
    """Seconds before attempt ``attempt + 1``: the configured pause, doubled after each failure."""
    return settings.DISTRICTLAB_TASK_RETRY_SECONDS * 2 ** (attempt - 1)


@task(queue_name=settings.DISTRICTLAB_TASK_QUEUE)
def run_job(job_id: str) -> str:
    """Run one attempt of a job; on failure, queue the next attempt or record the job as failed (and raise, so
    the task queue records the failure too)."""
    job = Job.objects.filter(pk=job_id).first()
    if job is None or job.is_finished:  # removed meanwhile, or already done by an earlier delivery of this task
        return ""
    job.attempts += 1
    job.status, job.retry_at, job.worker = Job.Status.RUNNING, None, this_process()
    job.save(update_fields=["attempts", "status", "retry_at", "worker", "updated"])
    try:
        message = import_string(job.handler)(job) or ""
    except Exception as exc:
        job.error = reason(exc)
        if job.attempts < job.max_attempts and not isinstance(exc, Refused):
            delay = retry_delay(job.attempts)
            job.status, job.retry_at = Job.Status.RETRYING, timezone.now() + dt.timedelta(seconds=delay)
            job.save(update_fields=["status", "error", "retry_at", "updated"])
            logger.warning("Job %s (%s) attempt %d failed, trying again in %ss: %s", job.pk, job.label,
                           job.attempts, delay, job.error)
            enqueue(job, delay)
            return f"attempt {job.attempts} failed; trying again"
        job.status, job.finished = Job.Status.FAILED, timezone.now()
        job.save(update_fields=["status", "error", "finished", "updated"])
        raise
    job.status, job.message, job.error, job.finished = Job.Status.DONE, message, "", timezone.now()
    job.save(update_fields=["status", "message", "error", "finished", "progress", "file", "output", "params",
                            "updated"])
    if cache.add("districtlab:jobs-pruned", True, PRUNE_EVERY):  # a worker that runs for weeks keeps the tables small
        prune()
    return message


PRUNE_EVERY = 3600  # seconds between prunings by a worker (each worker process: at most this often)


def prune(days: float | None = None) -> int:
    """Forget jobs finished more than ``days`` ago (``DISTRICTLAB_JOBS_KEEP_DAYS``, default 30), their files
    (a download not fetched by then) and the task queue's records of them. Returns how many jobs."""
    before = timezone.now() - dt.timedelta(days=settings.DISTRICTLAB_JOBS_KEEP_DAYS if days is None else days)
    old = Job.objects.filter(status__in=Job.FINISHED, finished__lt=before)
    for name in old.exclude(file="").values_list("file", flat=True).iterator():
        Job.file.field.storage.delete(name)
    count, _ = old.delete()
    if isinstance(queue_backend(), DatabaseBackend):
        from django_tasks_db.models import DBTaskResult
        DBTaskResult.objects.finished().filter(finished_at__lt=before).delete()
    return count


def this_process() -> str:
    """This process as a job's ``worker``: host:pid."""
    return f"{socket.gethostname()}:{os.getpid()}"


def give_up_on_abandoned() -> int:
    """Record as failed the jobs left running by workers that have stopped: those of a worker on this machine whose
    process is gone (a worker starting says so at once), and those silent for longer than the task timeout wherever
    they ran (``Job.objects.stalled()``). Returns how many."""
    host = f"{socket.gethostname()}:"
    gone = [pk for pk, worker in Job.objects.filter(status=Job.Status.RUNNING, worker__startswith=host)
            .values_list("pk", "worker") if not running(int(worker.rsplit(":", 1)[1]))]
    count = Job.objects.filter(pk__in=gone).give_up(stopped(f"its process on {host[:-1]} ended"))
    return count + sum(job.is_finished for job in Job.objects.stalled())  # reading one fails it (Job.from_db)


def running(pid: int) -> bool:
    """Whether process ``pid`` runs on this machine (and is not this one, which is only starting)."""
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def latest(about, handler) -> Job | None:
    """The newest job running ``handler`` about the record ``about``."""
    return Job.objects.filter(target_type=ContentType.objects.get_for_model(about), target_id=about.pk,
                              handler=dotted(handler)).order_by("-created").first()


def computed(owner, handler, label: str, params: dict, page: str = "",
             stamp: str = "") -> tuple[Job | None, Job | None]:
    """An analysis read "as of" when it was computed: the latest result of ``handler`` for ``params`` computed for
    ``owner`` (or None), and the job computing a newer one (or None). A new one starts when there is none, when the
    latest is older than ``DISTRICTLAB_ANALYTICS_MAX_AGE`` seconds, or when ``stamp`` (the latest change to the
    records it reads, read before computing) differs from the latest's; ``page`` is where to see the result."""
    key = f"{dotted(handler)}:{json.dumps(params, sort_keys=True)}"
    jobs = Job.objects.filter(owner=owner, key=key)
    done = jobs.filter(status=Job.Status.DONE).order_by("-finished").first()
    building = jobs.exclude(status__in=Job.FINISHED).order_by("-created").first()
    if building is not None and building.is_finished:  # its worker stopped (``Job.from_db``): start it again
        building = None
    fresh = done is not None and done.params.get("stamp", "") == stamp and done.finished >= timezone.now() - (
        dt.timedelta(seconds=settings.DISTRICTLAB_ANALYTICS_MAX_AGE))
    if building is None and not fresh:
        building = start(handler, label, owner=owner, params={**params, "page": page, "stamp": stamp}, key=key)
        if building.status == Job.Status.DONE:  # a backend that runs jobs at once
            done, building = building, None
    if done is not None:
        jobs.filter(status__in=Job.FINISHED, created__lt=done.created).delete()  # results nobody reads again
    return done, building
