"""Finished background jobs are forgotten after ``DISTRICTLAB_JOBS_KEEP_DAYS`` (issue 13: nothing grows forever):
their prepared downloads with them, the task queue's records too; jobs still waiting or running are kept."""
import datetime as dt
import io

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone

from districtlab.jobs.models import Job
from districtlab.jobs.tasks import prune
from tests.core.queues import database_queue

pytestmark = pytest.mark.django_db


def job(status, days_ago, file=False):
    finished = timezone.now() - dt.timedelta(days=days_ago) if status in Job.FINISHED else None
    made = Job.objects.create(handler="x.y", label=f"{status} {days_ago} days ago", status=status, finished=finished)
    if file:
        made.file.save("schools.csv", ContentFile(b"name\nP.S. 7\n"))
    return made


def test_jobs_finished_long_ago_are_forgotten_with_their_files(settings):
    settings.DISTRICTLAB_JOBS_KEEP_DAYS = 30
    old_download, old_failure = job(Job.Status.DONE, 31, file=True), job(Job.Status.FAILED, 45)
    recent, waiting, running = job(Job.Status.DONE, 29, file=True), job(Job.Status.QUEUED, 0), job(Job.Status.RUNNING, 0)
    storage, old_file, recent_file = Job.file.field.storage, old_download.file.name, recent.file.name
    assert storage.exists(old_file)

    assert prune() == 2
    assert set(Job.objects.values_list("pk", flat=True)) == {recent.pk, waiting.pk, running.pk}
    assert not storage.exists(old_file) and storage.exists(recent_file)
    assert prune(days=0) == 1  # a shorter keep, asked for: the recent one goes too
    assert set(Job.objects.values_list("pk", flat=True)) == {waiting.pk, running.pk}


@pytest.mark.django_db(transaction=True)  # the worker commits as it would beside the server
def test_the_worker_forgets_old_jobs_and_their_queue_records_when_it_starts(settings):
    from django_tasks_db.models import DBTaskResult

    run_worker = database_queue(settings)
    kept = job(Job.Status.DONE, 1)
    job(Job.Status.DONE, 40)
    DBTaskResult.objects.create(task_path="districtlab.jobs.tasks.run_job", queue_name="default", status="SUCCESSFUL",
                                backend_name="default", args_kwargs={"args": [], "kwargs": {}},
                                finished_at=timezone.now() - dt.timedelta(days=40))
    run_worker()
    out = io.StringIO()
    assert list(Job.objects.values_list("pk", flat=True)) == [kept.pk]
    assert not DBTaskResult.objects.exists()
    job(Job.Status.FAILED, 90)
    call_command("worker", batch=True, stdout=out)
    assert "1 job(s) finished more than 30 days ago forgotten" in out.getvalue()
