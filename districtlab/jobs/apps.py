from django.apps import AppConfig


class JobsConfig(AppConfig):
    """Background work: a job per piece of work a person started (a summary to send, an export to prepare), run by
    Django's tasks API on the database queue or Redis, with retries, its progress and failure shown to them."""

    name = "districtlab.jobs"
    label = "jobs"
    verbose_name = "Background work"

    def ready(self):
        from districtlab.core.permissions import register

        from . import health  # noqa: F401  (registers the queue's readiness check)
        from .models import Analysis, Job
        from .policies import AnalysisPolicy, JobPolicy

        register(Job, JobPolicy())
        register(Analysis, AnalysisPolicy())
