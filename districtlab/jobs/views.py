"""A job's page and its status line (polled by htmx while the job runs), and a prepared file's download."""
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render

from districtlab.core.permissions import actor_for, can

from .models import Job

VIEW = "view"


def visible_job(request, pk) -> Job:
    job = get_object_or_404(Job, pk=pk)
    if not can(actor_for(request.user), VIEW, job):
        raise Http404("No such job.")  # another person's job is as absent as one that never was
    return job


@login_required
def job_page(request, pk):
    return render(request, "jobs/job.html", {"job": visible_job(request, pk)})


@login_required
def job_status(request, pk):
    return render(request, "jobs/_status.html", {"job": visible_job(request, pk)})


@login_required
def job_download(request, pk):
    job = visible_job(request, pk)
    if job.status != Job.Status.DONE or not job.file:
        raise Http404("Nothing to download yet.")
    return FileResponse(job.file.open("rb"), as_attachment=True, filename=job.params.get("filename") or None)
