"""District-wide analyses computed in the background and read "as of" when they were computed.

A page such as the Cycles-progress dashboard or the compliance page reads a school year's result as stored (one
``Analysis`` per school year and kind, of plain data) and filters it to what its viewer may see. The result is
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
from django.db.models import Subquery
from django.utils import timezone

from districtlab.org.models import SchoolYear

from .models import Analysis, Job
from .tasks import Refused, start

KINDS: dict[str, Kind] = {}


@dataclass(frozen=True)
class Kind:
    """A district-wide analysis: ``compute(year)`` gives its result as plain data (JSON) from the ``sources``, the
    models (with history) it reads; ``label`` says what its job does, in a person's words."""

    name: str
    label: str
    compute: Callable[[SchoolYear], dict]
    sources: tuple

    def __post_init__(self):
        KINDS[self.name] = self


def job_key(kind: Kind, year) -> str:
    return f"analysis:{kind.name}:{year.pk}"


def latest_changes(kind: Kind, year) -> str:
    """Today and the newest history entry of each of ``kind``'s sources (one query): another value means a record
    it reads may have changed since, or the day has."""
    marks = {f"m{i}": Subquery(model.history.model.objects.order_by("-history_id").values("history_id")[:1])
             for i, model in enumerate(kind.sources)}
    row = SchoolYear.objects.filter(pk=year.pk).values(**marks).first() or {}
    return ":".join([dt.date.today().isoformat(), *(str(row.get(mark) or 0) for mark in marks)])


def compute(kind: Kind, year, stamp: str = "") -> Analysis:
    """Compute ``kind`` for ``year`` now and store it. The stamp is read first, so a change made while computing
    leaves the result stale."""
    stamp = stamp or latest_changes(kind, year)
    analysis, _ = Analysis.objects.update_or_create(school_year=year, kind=kind.name, defaults={
        "district_id": year.district_id, "data": kind.compute(year), "computed": timezone.now(), "stamp": stamp})
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
