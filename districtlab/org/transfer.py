"""The spreadsheet page: upload with a preview before anything is written, and downloads."""
import re
import tempfile
import time
import uuid
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.base import File
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from districtlab.core.permissions import CREATE, actor_for, build_actor, can, scope
from districtlab.jobs.tasks import Refused, progress, start

from . import models as m
from .exporters import EXPORTERS, export_size
from .forms import ImportForm
from .importers import IMPORTERS
from .spreadsheets import SpreadsheetError, check_size, stream_table, write_rows, write_table

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
MODELS = {"schools": m.School, "people": m.Person}
TOKEN = re.compile(r"^[0-9a-f]{32}$")
PREVIEW_LIFETIME = 24 * 60 * 60  # seconds an unconfirmed upload is kept


def _pending_path(user, token: str, suffix: str) -> Path:
    folder = Path(settings.MEDIA_ROOT) / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{user.pk}-{token}{suffix}"


def _expired(path: Path) -> bool:
    return path.stat().st_mtime < time.time() - PREVIEW_LIFETIME


def _discard_previews(user) -> None:
    """Remove ``user``'s unconfirmed uploads (a new upload replaces them) and anyone's older than a day."""
    for path in _pending_path(user, "", "").parent.iterdir():
        try:
            if path.name.startswith(f"{user.pk}-") or _expired(path):
                path.unlink()
        except FileNotFoundError:  # removed meanwhile by another request
            pass


@login_required
def transfer_page(request):
    actor = actor_for(request.user)
    can_import = any(can(actor, CREATE, model) for model in MODELS.values())
    ctx = {
        "can_import": can_import,
        "districts": scope(actor, m.District.objects.all()),
        "years": scope(actor, m.SchoolYear.objects.all()).values_list("name", flat=True).distinct().order_by("name"),
        "form": ImportForm(),
    }
    if request.method != "POST":
        return render(request, "org/transfer.html", ctx)
    if not can_import:
        raise PermissionDenied("You cannot import records.")
    if request.POST.get("token"):
        return _confirm(request, actor, ctx)
    form = ImportForm(request.POST, request.FILES)
    ctx["form"] = form
    if not form.is_valid():
        return render(request, "org/transfer.html", ctx, status=400)
    kind, upload = form.cleaned_data["kind"], form.cleaned_data["file"]
    try:
        check_size(upload.size, settings.DISTRICTLAB_MAX_IMPORT_BYTES)
    except SpreadsheetError as exc:
        ctx["file_error"] = f"{upload.name}: {exc}"
        return render(request, "org/transfer.html", ctx, status=400)
    data = upload.read()
    _discard_previews(request.user)
    plan, status = _plan(actor, kind, upload.name, data, ctx)
    if plan and plan.ok:
        token = uuid.uuid4().hex
        suffix = ".xlsx" if upload.name.lower().endswith(".xlsx") else ".csv"
        _pending_path(request.user, token, suffix).write_bytes(data)
        ctx.update(token=token, suffix=suffix, kind=kind, filename=upload.name)
    return render(request, "org/transfer.html", ctx, status=status)


def _plan(actor, kind, filename, data, ctx, write=False):
    try:
        with stream_table(filename, data, settings.DISTRICTLAB_MAX_IMPORT_BYTES) as (columns, rows):
            plan = IMPORTERS[kind](actor).run(columns, rows, write=write)
    except SpreadsheetError as exc:
        ctx["file_error"] = f"{filename}: {exc}"
        return None, 400
    ctx["plan"] = plan
    return plan, 200 if plan.ok else 400


def _confirm(request, actor, ctx):
    token, kind, suffix = request.POST["token"], request.POST.get("kind", ""), request.POST.get("suffix", "")
    if not TOKEN.match(token) or kind not in IMPORTERS or suffix not in (".csv", ".xlsx"):
        raise Http404("No such upload.")
    path = _pending_path(request.user, token, suffix)
    if path.exists() and _expired(path):
        path.unlink(missing_ok=True)
    if not path.exists():
        messages.error(request, "That upload has expired or was already imported: upload the file again.")
        return redirect("org:transfer")
    plan, status = _plan(actor, kind, path.name, path.read_bytes(), ctx, write=True)
    if plan is None or not plan.ok:  # the data changed since the preview; nothing was written
        return render(request, "org/transfer.html", ctx, status=status)
    path.unlink()
    messages.success(request, f"Imported {plan.rows} row(s) of {kind}: {plan.added} added, {plan.updated} updated.")
    return redirect("org:transfer")


@login_required
def export_download(request, kind, fmt):
    if kind not in EXPORTERS or fmt not in CONTENT_TYPES:
        raise Http404("No such export.")
    actor = actor_for(request.user)
    district = None
    if district_id := request.GET.get("district"):
        if not district_id.isdigit():
            raise Http404("No such district.")
        district = scope(actor, m.District.objects.filter(pk=district_id)).first()
        if district is None:
            raise Http404("No such district.")
    year = request.GET.get("year") or None
    name = "-".join(filter(None, [kind, district.short_name if district else "", year]))
    if export_size(actor, kind, district, year) > settings.DISTRICTLAB_EXPORT_BACKGROUND_ROWS:
        job = start(export_job, f"Preparing the {kind} export", owner=request.user, params={
            "kind": kind, "fmt": fmt, "district": district.pk if district else None, "year": year,
            "filename": file_name(name, fmt)})
        return redirect(job)
    columns, rows = EXPORTERS[kind](actor, district, year)
    return spreadsheet_response(columns, rows, fmt, name)


def export_job(job) -> str:
    """Prepare a large export in the background, as its requester may read it now; the file waits on the job."""
    actor, p = build_actor(job.owner), job.params
    if not actor.authenticated:
        raise Refused("the account that asked for it can no longer sign in")
    district = None
    if p["district"] is not None:
        district = scope(actor, m.District.objects.filter(pk=p["district"])).first()
        if district is None:
            raise Refused("that district is no longer one you may export")
    progress(job, "reading the records")
    return save_table(job, *EXPORTERS[p["kind"]](actor, district, p["year"]))


def save_table(job, columns, rows) -> str:
    """Write a background export's rows, as they are read, to the file that waits on its job (``params``: ``fmt``,
    ``filename``)."""
    progress(job, "writing the rows")
    with tempfile.TemporaryFile() as file:
        count = write_rows(columns, rows, job.params["fmt"], file)
        job.file.save(f"{job.pk}/{job.params['filename']}", File(file), save=False)
    return f"{count:,} rows."


def file_name(name, fmt):
    return f'{re.sub(r"[^A-Za-z0-9._-]+", "_", name)}.{fmt}'


def spreadsheet_response(columns, rows, fmt, name):
    """A CSV or XLSX download called ``name``; an unknown format is not found."""
    if fmt not in CONTENT_TYPES:
        raise Http404("No such format: use csv or xlsx.")
    response = HttpResponse(write_table(columns, rows, fmt), content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{file_name(name, fmt)}"'
    return response
