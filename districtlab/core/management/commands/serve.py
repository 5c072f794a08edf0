"""``districtlab serve``: DistrictLab on gunicorn, a production web server, with its static files collected."""
import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connections
from django.db.migrations.executor import MigrationExecutor
from gunicorn.app.base import BaseApplication

from districtlab.core.staticfiles import collect_static_if_needed


def default_workers() -> int:
    """Two processes per CPU and one more (gunicorn's advice), at most eight: each holds the whole application."""
    return min(2 * (os.cpu_count() or 1) + 1, 8)


def pending_migrations() -> list[str]:
    """The migrations the database still lacks, as ``app.name``."""
    executor = MigrationExecutor(connections["default"])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]


def close_databases():
    """Close this process's connections and PostgreSQL pools before gunicorn forks: a pool's threads would not
    survive into the workers, which open their own."""
    for connection in connections.all():
        connection.close()
        if getattr(connection, "pool", None):
            connection.close_pool()


class Server(BaseApplication):
    """gunicorn run from Python: its settings are ours, not read from the command line or a file."""

    def __init__(self, options: dict):
        self.options = options
        super().__init__()

    def load_config(self):
        for name, value in self.options.items():
            self.cfg.set(name, value)

    def load(self):
        """The application, with every view module imported and the URLs resolved: with ``preload_app`` this runs
        once, before the workers are forked, so a new worker (one replaced after ``max_requests``) starts at once
        rather than spending seconds of CPU importing DataFrame, graph and chart libraries while others wait."""
        from django.urls import get_resolver

        from districtlab.wsgi import application

        get_resolver().reverse_dict  # noqa: B018  (imports every view module and fills the reverse lookup)
        close_databases()  # had an import asked the database anything, the workers must not share its connection
        return application


class Command(BaseCommand):
    help = ("Serve DistrictLab with gunicorn (threaded worker processes; static files compressed and cached). "
            "The database must be up to date: run `districtlab migrate` first.")

    def add_arguments(self, parser):
        parser.add_argument("--bind", default="127.0.0.1:8000", help="Address to listen on (default 127.0.0.1:8000).")
        parser.add_argument("--workers", type=int, default=default_workers(),
                            help="Worker processes (default: two per CPU and one more, at most 8).")
        parser.add_argument("--threads", type=int, default=4, help="Threads per worker process (default 4).")
        parser.add_argument("--timeout", type=int, default=120,
                            help="Seconds a request may take before its worker is restarted (default 120).")

    def handle(self, *args, bind, workers, threads, timeout, **options):
        try:
            pending = pending_migrations()
        except DatabaseError as exc:
            raise CommandError(f"The database does not answer: {exc}", returncode=2) from exc
        if pending:
            raise CommandError(
                f"The database is not up to date ({len(pending)} migrations to apply, e.g. {pending[0]}). "
                "Run `districtlab migrate` first, then `districtlab serve` again.", returncode=2)
        if collect_static_if_needed():
            self.stdout.write("Static files collected.")
        close_databases()
        self.stdout.write(f"DistrictLab is serving at http://{bind}/ ({workers} processes × {threads} threads; "
                          "Ctrl-C stops it)", ending="\n")
        self.stdout.flush()
        Server({
            "bind": [bind],
            "workers": workers,
            "worker_class": "gthread",
            "threads": threads,
            "timeout": timeout,
            "graceful_timeout": 30,
            "keepalive": 5,
            "preload_app": True,  # load the application once, then fork: workers share its memory and start at once
            "max_requests": 2000,  # a worker is replaced now and then, so memory never creeps up
            "max_requests_jitter": 200,
            "accesslog": None,  # districtlab.core.requestlog logs every request, with its user
            "errorlog": "-",
            "logconfig_dict": {  # gunicorn's own messages as JSON lines too, like the application's
                "version": 1, "disable_existing_loggers": False, "formatters": settings.LOGGING["formatters"],
                "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
                "root": {"level": "WARNING", "handlers": ["console"]},
                "loggers": {"gunicorn.error": {"level": "INFO", "handlers": ["console"], "propagate": False}},
            },
            "proc_name": "districtlab",
            "control_socket_disable": True,  # no shared socket in $HOME: several servers may run on one machine
        }).run()
