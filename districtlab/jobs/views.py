"""A job's page and its status line (polled by htmx while the job runs), a prepared file's download, and the
Refresh of a stored analysis."""
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from districtlab.core.permissions import CHANGE, actor_for, can

from .analyses import KINDS, refresh
from .models import Analysis, Job

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


@login_required
@require_POST
def refresh_analysis(request, pk):
    """Compute a stored analysis again in the background, then go back to the page that showed it (``next``)."""
    analysis = get_object_or_404(Analysis, pk=pk)
    if not can(actor_for(request.user), CHANGE, analysis) or analysis.kind not in KINDS:
        raise Http404("No such analysis.")
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        back = "/"
    refresh(KINDS[analysis.kind], analysis, request.user, back)
    return redirect(back)
