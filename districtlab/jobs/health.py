"""The task queue's readiness check (``/readyz``): the database queue's table, or Redis, answers."""
import django_rq
from django.conf import settings
from django_tasks_db import DatabaseBackend
from django_tasks_db.models import DBTaskResult
from django_tasks_rq.backend import RQBackend

from districtlab.core.health import readiness_check

from .tasks import queue_backend


@readiness_check("queue")
def queue_answers():
    backend = queue_backend()
    if isinstance(backend, DatabaseBackend):
        DBTaskResult.objects.filter(status="READY").exists()
    elif isinstance(backend, RQBackend):
        django_rq.get_connection(settings.DISTRICTLAB_TASK_QUEUE).ping()
