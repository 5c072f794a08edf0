"""Pages for a team's Cycles of Learning: the school's inquiry, a cycle, a measure with its chart."""
import csv

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from districtlab.analysis.runchart import run_chart
from districtlab.analysis.spc import control_chart
from districtlab.core.forms import PublishForm
from districtlab.core.permissions import CHANGE, CREATE, actor_for, can, scope
from districtlab.core.views import ScopedDetailView
from districtlab.org.models import School
from districtlab.org.spreadsheets import SpreadsheetError

from . import models as m
from .charts import chart_svg
from .forms import DataEntryForm
from .series import read_pasted, read_series

# What facilitators ask at each step (seed 004, facilitator questions ~6644).
PROMPTS = {
    m.Cycle.Stage.PLAN: ["How will you know that change worked?"],
}


class SchoolInquiry(ScopedDetailView):
    """A school's Cycles of Learning: problems of practice, goals, cycles and their measures, by year."""

    model = School
    template_name = "inquiry/school_inquiry.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        cycles = scope(self.actor, m.Cycle.objects.all()).prefetch_related("measures", "change_ideas")
        goals = scope(self.actor, m.YearGoal.objects.all()).prefetch_related(Prefetch("cycles", queryset=cycles))
        ctx["problems"] = (
            scope(self.actor, m.ProblemOfPractice.objects.filter(school=self.object))
            .select_related("school_year", "focus_area", "team", "author")
            .prefetch_related(Prefetch("goals", queryset=goals), "evidence")
        )
        ctx["can_start"] = can(self.actor, CREATE, m.ProblemOfPractice)
        return ctx


class ProblemDetail(ScopedDetailView):
    model = m.ProblemOfPractice
    template_name = "inquiry/problem_detail.html"

    def base_queryset(self):
        return m.ProblemOfPractice.objects.select_related("school", "school_year", "focus_area", "team", "author")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["goals"] = scope(self.actor, self.object.goals.all()).prefetch_related(
            Prefetch("cycles", queryset=scope(self.actor, m.Cycle.objects.all())))
        ctx["evidence"] = self.object.evidence.all()
        ctx["publish_form"] = PublishForm(record=self.object)
        return ctx


class CycleDetail(ScopedDetailView):
    model = m.Cycle
    template_name = "inquiry/cycle_detail.html"

    def base_queryset(self):
        return m.Cycle.objects.select_related("goal__problem__school", "author")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(
            change_ideas=self.object.change_ideas.all(),
            measures=self.object.measures.all(),
            evidence=self.object.evidence.all(),
            prompts=PROMPTS.get(self.object.stage, []),
            stages=m.Cycle.Stage.choices,
            publish_form=PublishForm(record=self.object),
        )
        return ctx


def analyse(measure, points):
    """The run chart or control chart of a measure's points, per part (plain dicts)."""
    xs = [p.label for p in points]
    ys = [p.value for p in points]
    parts = [p.part for p in points]
    if measure.chart == "run":
        return [part.as_dict() for part in run_chart(xs, ys, parts)]
    ns = [p.denominator for p in points]
    return [part.as_dict() for part in control_chart(xs, ys, measure.chart, ns, parts)]


class MeasureDetail(ScopedDetailView):
    """A measure: its chart (with centre line, limits, parts and signals), the same numbers as a table."""

    model = m.Measure
    template_name = "inquiry/measure_detail.html"

    def base_queryset(self):
        return m.Measure.objects.select_related("cycle__goal__problem__school")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        points = list(self.object.points.all())
        ctx["points"], ctx["form"] = points, kwargs.get("form") or DataEntryForm()
        ctx["can_enter"] = can(self.actor, CHANGE, self.object)
        if points:
            try:
                parts = analyse(self.object, points)
            except ValueError as exc:
                ctx["analysis_error"] = str(exc)
            else:
                ctx["parts"] = parts
                ctx["svg"] = chart_svg(parts, self.object.name, self.object.unit)
        return ctx


class MeasureData(MeasureDetail):
    """Enter a measure's data: pasted rows or a file, appended or replacing; all rows or none."""

    def post(self, request, pk):
        self.object = get_object_or_404(scope(self.actor, m.Measure.objects.all()), pk=pk)
        if not can(self.actor, CHANGE, self.object):
            raise PermissionDenied("You cannot enter data for this measure.")
        form = DataEntryForm(request.POST, request.FILES)
        if form.is_valid():
            limit = settings.DISTRICTLAB_MAX_IMPORT_BYTES
            try:
                upload = form.cleaned_data["file"]
                series = (read_series(upload.name, upload.read(), limit) if upload
                          else read_pasted(form.cleaned_data["pasted"], limit))
                if self.object.chart in ("p", "pp", "u", "up") and (
                        series.ns is None or any(n is None for n in series.ns)):
                    raise SpreadsheetError("This measure's chart needs a denominator (n) on every row.")
            except SpreadsheetError as exc:
                form.add_error(None, str(exc))
            else:
                added = self.save_points(series, form.cleaned_data["mode"])
                messages.success(request, f"Saved {added} data point{'s' if added != 1 else ''}.")
                return redirect(self.object)
        return render(request, self.template_name, self.get_context_data(object=self.object, form=form), status=400)

    @transaction.atomic
    def save_points(self, series, mode):
        if mode == "replace":
            self.object.points.all().delete()
            start = 0
        else:
            last = self.object.points.order_by("-position").first()
            start = last.position + 1 if last else 0
        m.DataPoint.objects.bulk_create(
            m.DataPoint(measure=self.object, position=start + i, label=x, value=y,
                        denominator=series.ns[i] if series.ns else None,
                        part=series.parts[i] if series.parts else "")
            for i, (x, y) in enumerate(zip(series.xs, series.ys)))
        return len(series.ys)


@login_required
def measure_csv(request, pk):
    """A measure's data as CSV, in the columns the data entry reads back."""
    measure = get_object_or_404(scope(actor_for(request.user), m.Measure.objects.all()), pk=pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="measure-{measure.pk}.csv"'
    writer = csv.writer(response)
    writer.writerow(["x", "y", "n", "part"])
    for p in measure.points.all():
        writer.writerow([p.label, f"{p.value:g}", "" if p.denominator is None else f"{p.denominator:g}", p.part])
    return response
