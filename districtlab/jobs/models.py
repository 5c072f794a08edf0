"""A job: one piece of background work a person started, what it is about, and how it went."""
import datetime as dt
import uuid

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

STALL_MARGIN = 300  # seconds past the task timeout before a silent running job counts as failed


def stall_limit() -> dt.timedelta:
    """How long a running job may go without a word (its start or a progress report) before it counts as failed: the
    task timeout, after which RQ kills it (its queue's DEFAULT_TIMEOUT; the same bound is applied to the database
    queue, which has none), plus a margin."""
    queue = settings.RQ_QUEUES.get(settings.DISTRICTLAB_TASK_QUEUE) or settings.RQ_QUEUES.get("default") or {}
    return dt.timedelta(seconds=(queue.get("DEFAULT_TIMEOUT") or 180) + STALL_MARGIN)  # 180: RQ's own default


def stopped(why: str) -> str:
    return f"the worker stopped while doing this ({why}); start it again"


class JobQuerySet(models.QuerySet):
    def stalled(self):
        """Running jobs nothing has been heard from for longer than ``stall_limit()``: their worker was killed, or
        the task timeout stopped them, before they could record how they ended."""
        return self.filter(status=Job.Status.RUNNING, updated__lt=timezone.now() - stall_limit())

    def give_up(self, reason: str) -> int:
        """Record these jobs, where still running, as failed with ``reason``: a person may start them again."""
        now = timezone.now()
        return self.filter(status=Job.Status.RUNNING).update(status=Job.Status.FAILED, error=reason, finished=now,
                                                             updated=now)


class Job(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting for a worker"
        RUNNING = "running", "In progress"
        RETRYING = "retrying", "Failed; trying again"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    FINISHED = (Status.DONE, Status.FAILED)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    handler = models.CharField(max_length=200, help_text="The function that does the work, by dotted path.")
    label = models.CharField(max_length=200, help_text="What is being done, in the person's words.")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE,
                              related_name="jobs")
    target_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.CASCADE)
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    params = models.JSONField(default=dict, blank=True)
    key = models.CharField(max_length=255, blank=True, db_index=True,
                           help_text="What it computes, so a page finds the latest result for the same question.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.CharField(max_length=200, blank=True, help_text="How far it has got, e.g. rows written.")
    message = models.TextField(blank=True, help_text="What came of it, when done.")
    output = models.TextField(blank=True, help_text="A computed analysis as its page shows it (HTML).")
    error = models.TextField(blank=True, help_text="Why the last attempt failed, in plain words.")
    attempts = models.PositiveSmallIntegerField(default=0)
    max_attempts = models.PositiveSmallIntegerField(default=3)
    retry_at = models.DateTimeField(null=True, blank=True)
    task_id = models.CharField(max_length=64, blank=True, help_text="The task queue's id for the latest attempt.")
    worker = models.CharField(max_length=200, blank=True,
                              help_text="The process running its latest attempt, as host:pid.")
    file = models.FileField(upload_to="jobs/", blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    finished = models.DateTimeField(null=True, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]
        indexes = [models.Index(fields=["target_type", "target_id", "handler"]), models.Index(fields=["owner", "key"])]

    def __str__(self):
        return f"{self.label} ({self.get_status_display().lower()})"

    @classmethod
    def from_db(cls, db, field_names, values):
        """A job read while running but silent for longer than ``stall_limit()`` is failed from then on, saying
        why, wherever it is read (its status line stops polling; a page may start the work again)."""
        job = super().from_db(db, field_names, values)
        if {"status", "updated"} <= job.__dict__.keys() and job.status == cls.Status.RUNNING and (
                job.updated < timezone.now() - stall_limit()):
            silent = round((timezone.now() - job.updated).total_seconds() / 60)
            reason = stopped(f"nothing was heard from it for {silent} minutes")
            if cls.objects.filter(pk=job.pk, updated=job.updated).give_up(reason):
                fresh = cls.objects.filter(pk=job.pk).values("status", "error", "finished", "updated").first()
                job.__dict__.update(fresh or {})
        return job

    @property
    def is_finished(self) -> bool:
        return self.status in self.FINISHED

    @property
    def target(self):
        if self.target_type_id is None:
            return None
        return self.target_type.model_class()._default_manager.filter(pk=self.target_id).first()

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("jobs:job", args=[self.pk])


class Analysis(models.Model):
    """A district-wide analysis of a school year (every school's standing, say), computed in the background and read
    "as of" when it was computed: one per school year and kind, as plain data. Pages filter it to what their viewer
    may see (``jobs.analyses``)."""

    district = models.ForeignKey("org.District", on_delete=models.CASCADE, related_name="+")
    school_year = models.ForeignKey("org.SchoolYear", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=40, help_text="What was computed, e.g. cycles-progress.")
    data = models.JSONField(default=dict, blank=True, help_text="The result, as plain data.")
    computed = models.DateTimeField(help_text="When it was computed: pages show it as “as of”.")
    stamp = models.CharField(max_length=255, blank=True,
                             help_text="The day and the latest change to the records it read, when computed.")

    class Meta:
        verbose_name_plural = "analyses"
        constraints = [models.UniqueConstraint(fields=["school_year", "kind"], name="jobs_one_analysis_per_year")]

    def __str__(self):
        return f"{self.kind} for {self.school_year_id}"


class AnalysisRow(models.Model):
    """A row of a stored analysis (one per school, network or visit), with the fields its page filters, sorts and
    counts by: a page asks SQL for one page of rows, scoped to its viewer, and counts them with one aggregate."""

    analysis = models.ForeignKey(Analysis, on_delete=models.CASCADE, related_name="+")

    class Meta:
        abstract = True


class AnalysisMembership(AnalysisRow):
    """A school in a network in the analysed year: what a page narrows rows to (a network, a facilitator's networks)
    and scopes them by (the memberships its viewer may see)."""

    membership = models.ForeignKey("org.NetworkMembership", on_delete=models.CASCADE, related_name="+")
    network = models.ForeignKey("org.Network", on_delete=models.CASCADE, related_name="+")
    school = models.ForeignKey("org.School", on_delete=models.CASCADE, related_name="+")

    class Meta:
        indexes = [models.Index(fields=["analysis", "school"]), models.Index(fields=["analysis", "network"])]


class SchoolStanding(AnalysisRow):
    """A school's standing in its Cycles of Learning (``analysis.completion.Standing``), counted from what is shared
    beyond its authors. Its overdue cycles are kept as ``[id, stage, end]``: a title is read when it is shown, where
    the viewer may read it."""

    school = models.ForeignKey("org.School", on_delete=models.CASCADE, related_name="+")
    position = models.PositiveIntegerField(help_text="Its place on the dashboard: schools with a record first, then "
                                                     "by name as people read numbers.")
    program = models.BooleanField(help_text="In the program without a network: a school team or inquiry that year.")
    reached = models.CharField(max_length=20)
    cycles = models.PositiveIntegerField()
    shared = models.PositiveIntegerField()
    meets_expectation = models.BooleanField()
    overdue = models.BooleanField()
    first_cycle_due = models.CharField(max_length=200, blank=True, help_text="Its overdue first cycle, in words.")
    late = models.JSONField(default=list, blank=True, help_text="Its overdue cycles: [id, stage, end].")

    class Meta:
        indexes = [models.Index(fields=["analysis", "position"])]


class TeamCadence(AnalysisRow):
    """A network school's school-team meetings against the rules: its gaps as ``[start, end, days]`` (none: on
    cadence); ``recorded`` is false when it has no team meeting recorded that year."""

    school = models.ForeignKey("org.School", on_delete=models.CASCADE, related_name="+")
    position = models.PositiveIntegerField(help_text="Its place in the lists: by name.")
    recorded = models.BooleanField()
    has_gaps = models.BooleanField()
    gaps = models.JSONField(default=list, blank=True)

    class Meta:
        # the two lists a page reads a page of, in order: a partial index each (a boolean in an index's key is not
        # used by SQLite, to which Django writes ``WHERE has_gaps``, not ``WHERE has_gaps = 1``)
        indexes = [models.Index(fields=["analysis", "position"], condition=models.Q(has_gaps=True),
                                name="cadence_gaps_in_order"),
                   models.Index(fields=["analysis", "position"], condition=models.Q(recorded=False),
                                name="cadence_unrecorded_in_order")]


class CheckedNetwork(AnalysisRow):
    """A network whose visits were checked: the site visits it held."""

    network = models.ForeignKey("org.Network", on_delete=models.CASCADE, related_name="+")
    visits = models.PositiveIntegerField()


class MissingLeader(AnalysisRow):
    """A school with no principal or AP recorded at a site visit held."""

    meeting = models.ForeignKey("visits.Meeting", on_delete=models.CASCADE, related_name="+")
    network = models.ForeignKey("org.Network", on_delete=models.CASCADE, related_name="+")
    school = models.ForeignKey("org.School", on_delete=models.CASCADE, related_name="+")
    position = models.PositiveIntegerField(help_text="Its place in the list: by the visit's date, then school name.")

    class Meta:
        indexes = [models.Index(fields=["analysis", "position"])]
