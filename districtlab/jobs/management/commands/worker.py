"""``districtlab worker``: run the background jobs (summaries, invitations, large exports) from the task queue."""
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django_tasks_db import DatabaseBackend
from django_tasks_rq.backend import RQBackend

from districtlab.core.management.commands.serve import close_databases
from districtlab.jobs.tasks import give_up_on_abandoned, prune, queue_backend


class Command(BaseCommand):
    help = ("Run DistrictLab's background jobs: from the database queue, or from Redis when REDIS_URL is set. "
            "Run one or more beside `districtlab serve`; each takes one job at a time.")

    def add_arguments(self, parser):
        parser.add_argument("--batch", action="store_true",
                            help="Run the jobs waiting now (and their retries that are due), then stop.")
        parser.add_argument("--interval", type=float, default=1.0,
                            help="Seconds between looks at an empty database queue (default 1).")
        parser.add_argument("--in-process", action="store_true",
                            help="With Redis, run each job in the worker process itself instead of a forked child.")

    def handle(self, *args, batch, interval, in_process, **options):
        queue, backend = settings.DISTRICTLAB_TASK_QUEUE, queue_backend()
        verbosity = options["verbosity"]
        if isinstance(backend, (DatabaseBackend, RQBackend)) and (abandoned := give_up_on_abandoned()) and verbosity:
            self.stdout.write(f"{abandoned} job(s) left running by a worker that stopped are now shown as failed.")
        if (forgotten := prune()) and verbosity:
            self.stdout.write(f"{forgotten} job(s) finished more than {settings.DISTRICTLAB_JOBS_KEEP_DAYS:g} days "
                              "ago forgotten, with their files.")
        if isinstance(backend, DatabaseBackend):
            call_command("db_worker", queue_name=queue, batch=batch, interval=interval, reload=False,
                         startup_delay=not batch, verbosity=verbosity)
        elif isinstance(backend, RQBackend):
            from django_rq.workers import get_worker
            from django_tasks_rq.backend import Job
            from rq.worker import SimpleWorker

            worker = get_worker(queue, job_class=Job, **({"worker_class": SimpleWorker} if in_process else {}))
            if not in_process:
                close_databases()  # each job runs in a forked child, which opens its own connections
            worker.work(burst=batch, with_scheduler=True, logging_level="WARNING" if verbosity < 2 else "INFO")
        else:
            raise CommandError(f"The task backend {type(backend).__name__} runs jobs without a worker.")
