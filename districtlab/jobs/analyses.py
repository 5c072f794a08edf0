"""District-wide analyses computed in the background and read "as of" when they were computed.

A page such as the Cycles-progress dashboard or the compliance page reads a school year's result as stored (one
``Analysis`` per school year and kind: a little plain data, and rows, one per school, network or visit, in tables
with the fields the page filters, sorts and counts by) and asks SQL for one page of the rows its viewer may see and
their counts, so a request does the work of one page whatever the district's size. The result is
computed again by a background job when it is older than ``DISTRICTLAB_ANALYTICS_MAX_AGE`` seconds, when a record it
reads has changed since (a newer entry in those records' history, or a new day), and when someone asks (Refresh);
meanwhile the page shows the stored result, when it was computed, and the job's status line.

The first visit to a school year with nothing stored computes it in the request, once: the page has something to
show at once, whether or not a worker is running yet (about a second at New York's 1,800 schools), and every later
visit reads what was stored.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from districtlab.core.history import newest_changes
from districtlab.org.models import SchoolYear

from .models import Analysis, Job
from .tasks import Refused, start

KINDS: dict[str, Kind] = {}


@dataclass(frozen=True)
class Kind:
    """A district-wide analysis: ``compute(year)`` gives its result from the ``sources``, the models (with history) it
    reads, as ``(data, rows)``: plain data (JSON) and unsaved rows of its ``tables`` (``AnalysisRow``s, without their
    analysis); ``label`` says what its job does, in a person's words."""

    name: str
    label: str
    compute: Callable[[SchoolYear], tuple[dict, list]]
    sources: tuple
    tables: tuple = ()

    def __post_init__(self):
        KINDS[self.name] = self


def job_key(kind: Kind, year) -> str:
    return f"analysis:{kind.name}:{year.pk}"


def latest_changes(kind: Kind, year) -> str:
    """Today and the newest history entry of each of ``kind``'s sources (one query): another value means a record
    it reads may have changed since, or the day has."""
    return f"{dt.date.today().isoformat()}:{newest_changes(kind.sources)}"


def compute(kind: Kind, year, stamp: str = "") -> Analysis:
    """Compute ``kind`` for ``year`` now and store it. The stamp is read first, so a change made while computing
    leaves the result stale."""
    stamp = stamp or latest_changes(kind, year)
    data, rows = kind.compute(year)
    with transaction.atomic():  # readers see the old result or the new one, whole
        analysis, _ = Analysis.objects.update_or_create(school_year=year, kind=kind.name, defaults={
            "district_id": year.district_id, "data": data, "computed": timezone.now(), "stamp": stamp})
        for row in rows:
            row.analysis = analysis
        for table in kind.tables:
            table.objects.filter(analysis=analysis).delete()
            table.objects.bulk_create([row for row in rows if type(row) is table], batch_size=2000)
    return analysis


def rebuild(job) -> str:
    """Compute a stored analysis again (a background job about it)."""
    analysis = job.target
    if analysis is None:
        raise Refused("its school year is no longer recorded")
    import_module(job.params["module"])  # the module that defines the kind (a worker may not have read it yet)
    compute(KINDS[analysis.kind], analysis.school_year)
    return ""


def refresh(kind: Kind, analysis: Analysis, user, page: str = "") -> Job:
    """The job computing ``analysis`` again: the one under way, or a new one (older finished ones are removed)."""
    jobs = Job.objects.filter(key=job_key(kind, analysis.school_year)).order_by("-created")
    under_way = jobs.exclude(status__in=Job.FINISHED).first()
    if under_way is not None:
        return under_way
    jobs.delete()
    return start(rebuild, kind.label, owner=user, about=analysis, key=job_key(kind, analysis.school_year),
                 params={"module": kind.compute.__module__, "page": page})


def stored(kind: Kind, year, user, page: str = "") -> tuple[Analysis, Job | None]:
    """``kind``'s result for ``year`` as stored (computed here if it never was) and the job computing a newer one,
    or the last one's failure, to show its status line (None when there is nothing to say). A stale result starts
    a job, unless the last one failed within the maximum age: that failure is shown until someone asks again."""
    analysis = Analysis.objects.filter(school_year=year, kind=kind.name).first()
    stamp = latest_changes(kind, year)
    if analysis is None:
        return compute(kind, year, stamp), None
    now, max_age = timezone.now(), dt.timedelta(seconds=settings.DISTRICTLAB_ANALYTICS_MAX_AGE)
    job = Job.objects.filter(key=job_key(kind, year)).order_by("-created").first()
    failed_lately = job is not None and job.status == Job.Status.FAILED and job.finished >= now - max_age
    if (job is None or job.is_finished) and not failed_lately and (
            analysis.stamp != stamp or analysis.computed < now - max_age):
        job = refresh(kind, analysis, user, page)
        if job.status == Job.Status.DONE:  # a backend that runs jobs at once
            analysis.refresh_from_db()
    return analysis, None if job is None or job.status == Job.Status.DONE else job
