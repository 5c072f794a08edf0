"""Pages for a team's Cycles of Learning: the school's inquiry, a cycle, a measure with its chart."""
import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views import generic

from districtlab.analysis.completion import STEP_LABELS
from districtlab.core.forms import PublishForm
from districtlab.core.history import (REVISION, SEEN, ChangedMeanwhile, StaleRevision, carry_revision, create_all,
                                      expect_unchanged, latest_change)
from districtlab.core.panels import panels
from districtlab.core.permissions import CHANGE, CREATE, actor_for, build_actor, can, scope
from districtlab.core.views import (ActorMixin, AuthoredCreateView, PolicyObjectMixin, ScopedDetailView,
                                    changed_meanwhile, conflict_context, kept_as_typed, read_revision)
from districtlab.core.visibility import Visibility
from districtlab.org.models import Network, School
from districtlab.org.spreadsheets import SpreadsheetError
from districtlab.jobs.tasks import Refused, start
from districtlab.org.transfer import CONTENT_TYPES, file_name, save_table, spreadsheet_response

from . import models as m
from .forms import PARTS, DataEntryForm, ProgressFilter, part_form, step_form
from .guide import GUIDES, advance, step_of
from .measure_chart import measure_chart
from .progress import (dashboard, expectation_for, memberships, other_years, progress_table, school_rows,
                       side_by_side)
from .series import COLUMN_WORDS, MAX_POINTS, read_pasted, read_series, too_many


def step_url(record, step) -> str:
    return reverse(f"inquiry:{record._meta.model_name}-step", args=[record.pk, step.slug])


def guide_progress(actor, record):
    """Each step of ``record``'s guide, whether it is done, and its address: ``[(step, done, url)]``."""
    steps = GUIDES[type(record)]
    counts = {key: scope(actor, getattr(record, PARTS[key][2]).all()).count() for key in {s.adds for s in steps} - {""}}
    out = []
    for step in steps:
        if step.fields or step.adds:  # something was entered at this step
            done = any(getattr(record, f) not in ("", None) for f in step.fields) or counts.get(step.adds, 0) > 0
        else:  # the sharing step
            done = record.visibility != Visibility.PRIVATE
        out.append((step, done, step_url(record, step)))
    return out


def next_undone(progress):
    return next((url for _step, done, url in progress if not done), progress[-1][2])


class GuidedStart(AuthoredCreateView):
    """Start a problem of practice or a cycle with its guide's first step; the guide takes it from there."""

    template_name = "inquiry/step.html"

    def get_context_data(self, **kwargs):
        steps = GUIDES[self.model]
        return super().get_context_data(step=steps[0], progress=[(s, False, None) for s in steps], **kwargs)

    def get_success_url(self):
        return step_url(self.object, GUIDES[self.model][1])


class GuideStep(PolicyObjectMixin, generic.TemplateView):
    """One step of a guide: a few fields, or one part to add, with the prompts for this point of the work."""

    model = None
    template_name = "inquiry/step.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.object = self.get_object()
            try:
                self.step, self.next = step_of(GUIDES[self.model], kwargs["step"])
            except LookupError:
                raise Http404("There is no such step.") from None
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        step, record = self.step, self.object
        ctx.update(object=record, step=step, progress=guide_progress(self.actor, record),
                   next_url=step_url(record, self.next) if self.next else record.get_absolute_url())
        form, part = self.step_forms(record)
        ctx.setdefault("form", form)
        if step.adds:
            ctx.setdefault("part", part)
            ctx["parts"] = scope(self.actor, getattr(record, PARTS[step.adds][2]).all())
        if step.shares:
            ctx["publish_form"] = PublishForm(record=record, actor=self.actor)
            ctx["publish_url"] = reverse(f"inquiry:{record._meta.model_name}-publish", args=[record.pk])
        return ctx

    def step_forms(self, record, data=None):
        """The step's fields, carrying the revision ``record`` was read at, and the part it may add (or None)."""
        step = self.step
        form = carry_revision(step_form(record, step.fields, self.actor, data), record) if step.fields else None
        return form, part_form(step.adds, record, self.actor, data) if step.adds else None

    def post(self, request, *args, **kwargs):
        step, record = self.step, self.object
        form, part = self.step_forms(record, request.POST)
        if not all(f.is_valid() for f in (form, part) if f is not None):
            return self.render_to_response(self.get_context_data(form=form, part=part), status=400)
        read = read_revision(form) if form is not None else None  # a step that only adds overwrites nothing
        try:
            with transaction.atomic():
                if read is not None:
                    record.expect_revision(read)  # refused, in the UPDATE itself, if saved since the page was read
                changed = bool(form and set(form.changed_data) - {REVISION})
                if form is not None:
                    form.save()
                if part is not None and part.has_changed():
                    if not can(self.actor, CREATE, part.instance):
                        raise PermissionDenied("You cannot add to this record.")
                    part.save()
                    changed = True
                if changed and isinstance(record, m.Cycle) and advance(record, step):
                    record.save(update_fields=["stage", "updated"])
        except StaleRevision:
            return self.conflict(form, read)
        if changed:
            messages.success(request, f"Saved “{step.title}”.")
        if "again" in request.POST:
            return redirect(step_url(record, step))
        return redirect(step_url(record, self.next) if self.next else record.get_absolute_url())

    def conflict(self, form, read):
        """Someone saved the record after this step was read: the edit pages' answer (409), what was typed kept."""
        self.object = current = type(self.object)._default_manager.get(pk=self.object.pk)
        form, part = self.step_forms(current, kept_as_typed(form, REVISION, current.revision))
        ctx = self.get_context_data(form=form, part=part, **conflict_context(self.actor, current, read))
        return self.render_to_response(ctx, status=409)


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
        ctx["publish_form"] = PublishForm(record=self.object, actor=self.actor)
        if ctx["can_change"]:
            ctx["continue_url"] = next_undone(guide_progress(self.actor, self.object))
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
            prompts=[p for s in GUIDES[m.Cycle] if s.stage == self.object.stage for p in s.prompts if p.question],
            stages=m.Cycle.Stage.choices,
            continue_url=ctx["can_change"] and next_undone(guide_progress(self.actor, self.object)),
            publish_form=PublishForm(record=self.object, actor=self.actor),
            panels=panels("cycle", self.actor, self.object),  # e.g. survey results offered as evidence
        )
        return ctx


class MeasureDetail(ScopedDetailView):
    """A measure: its chart (with centre line, limits, parts and signals), the same numbers as a table."""

    model = m.Measure
    template_name = "inquiry/measure_detail.html"

    def base_queryset(self):
        return m.Measure.objects.select_related("cycle__goal__problem__school")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        chart = measure_chart(self.object)  # bounded work, whatever the measure's size
        ctx.update(chart=chart, parts=chart.parts, svg=chart.svg, analysis_error=chart.error,
                   form=kwargs.get("form") or DataEntryForm(), can_enter=can(self.actor, CHANGE, self.object),
                   seen=latest_change(m.DataPoint, measure_id=self.object.pk))
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
                kept = 0 if form.cleaned_data["mode"] == "replace" else self.object.points.count()
                if kept + len(series.ys) > MAX_POINTS:
                    raise SpreadsheetError(f"This measure has {kept:,} points and the data {len(series.ys):,}: "
                                           + too_many(kept + len(series.ys)))
            except SpreadsheetError as exc:
                form.add_error(None, str(exc))
            else:
                try:
                    added = self.save_points(series, form.cleaned_data["mode"], read_revision(request.POST, SEEN))
                except ChangedMeanwhile as stale:
                    return render(request, self.template_name, self.get_context_data(
                        object=self.object, form=form, **changed_meanwhile(
                            self.actor, stale, "measure's data", "The data you gave is below, not yet saved.",
                            "Save data again to replace the data as it is now.")), status=409)
                header = "; ".join(f"“{name}” as the {COLUMN_WORDS[column]}"
                                   for column, name in (series.header or {}).items())
                messages.success(request, f"Saved {added} data point{'s' if added != 1 else ''}."
                                 + (f" The first line was read as column names: {header}." if header else ""))
                return redirect(self.object)
        return render(request, self.template_name, self.get_context_data(object=self.object, form=form), status=400)

    @transaction.atomic
    def save_points(self, series, mode, seen):
        """Add the points, or replace those the page showed (refused if they changed since: ``seen``)."""
        # one writer of its data at a time
        m.Measure.objects.select_for_update(of=("self",)).only("pk").get(pk=self.object.pk)
        if mode == "replace":
            expect_unchanged(m.DataPoint, seen, measure_id=self.object.pk)
            self.object.points.all().delete()
            start = 0
        else:
            last = self.object.points.order_by("-position").first()
            start = last.position + 1 if last else 0
        create_all(m.DataPoint, (
            m.DataPoint(measure=self.object, position=start + i, label=x, value=y,
                        denominator=series.ns[i] if series.ns else None,
                        part=series.parts[i] if series.parts else "")
            for i, (x, y) in enumerate(zip(series.xs, series.ys))))
        return len(series.ys)


@login_required
def measure_svg(request, pk):
    """A measure's chart as an SVG file, as drawn on its page."""
    measure = get_object_or_404(scope(actor_for(request.user), m.Measure.objects.all()), pk=pk)
    chart = measure_chart(measure)
    if not chart.svg:
        return HttpResponse(chart.error or "This measure has no data yet, so there is no chart to download.",
                            status=400, content_type="text/plain; charset=utf-8")
    response = HttpResponse(chart.svg, content_type="image/svg+xml")
    response["Content-Disposition"] = f'attachment; filename="measure-{measure.pk}.svg"'
    return response


@login_required
def measure_csv(request, pk):
    """A measure's data as CSV, in the columns the data entry reads back."""
    measure = get_object_or_404(scope(actor_for(request.user), m.Measure.objects.all()), pk=pk)
    rows = [[p.label, f"{p.value:g}", "" if p.denominator is None else f"{p.denominator:g}", p.part]
            for p in measure.points.all()]
    return spreadsheet_response(["x", "y", "n", "part"], rows, "csv", f"measure-{measure.pk}")


class Progress(ActorMixin, generic.TemplateView):
    """Central office's dashboard: where every network school stands in its Cycles of Learning."""

    template_name = "inquiry/progress.html"
    paginate_by = 100  # the headline counts every school; the table shows a page at a time

    def change_url(self, expectation):
        """Where central office changes the district's expectation, if the actor may."""
        if expectation.pk:
            allowed, url = can(self.actor, CHANGE, expectation), reverse("inquiry:cycleexpectation-edit",
                                                                          args=[expectation.pk])
        else:
            allowed = can(self.actor, CREATE, expectation)
            url = f"{reverse('inquiry:cycleexpectation-create')}?district={expectation.district_id}"
        return url if allowed else None

    def get(self, request, fmt=None):
        if not self.actor.follows_program:
            raise PermissionDenied("The progress dashboard is for central office, facilitators and researchers.")
        form = ProgressFilter(request.GET, actor=self.actor)
        if not form.is_valid():
            return self.render_to_response({"form": form}, status=400)
        year = form.cleaned_data["year"]
        if year is None:
            return self.render_to_response({"form": form})
        expectation = expectation_for(year.district_id)
        expect = expectation.as_expectation()
        query = request.GET.copy()
        query.pop("page", None)
        query = query.urlencode()
        rows, counts, analysis, building = dashboard(
            self.actor, year, form.cleaned_data["network"], form.cleaned_data["facilitator"], expect=expect,
            page=f"{reverse('inquiry:progress')}?{query}")
        if fmt:
            name = f"cycles-progress-{year.district.short_name}-{year.name}"
            if fmt in CONTENT_TYPES and len(rows) > settings.DISTRICTLAB_EXPORT_BACKGROUND_ROWS:
                return redirect(start(progress_export, "Preparing the Cycles of Learning progress download",
                                      owner=request.user, params={"query": query, "fmt": fmt,
                                                                  "filename": file_name(name, fmt)}))
            return spreadsheet_response(*progress_table(rows), fmt, name)
        page = Paginator(rows, self.paginate_by).get_page(request.GET.get("page"))
        return self.render_to_response({
            "form": form, "year": year, "rows": page.object_list, "page_obj": page, "paginator": page.paginator,
            "querystring": query, "counts": counts, "steps": STEP_LABELS, "analysis": analysis, "building": building,
            "rules": expect.rules(year.start, year.end), "as_of": min(dt.date.today(), year.end),
            "year_over": dt.date.today() >= year.end,
            "expectation": self.change_url(expectation), "other_years": other_years(self.actor, year),
            "csv_url": f"{reverse('inquiry:progress-export', args=['csv'])}?{query}",
            "xlsx_url": f"{reverse('inquiry:progress-export', args=['xlsx'])}?{query}",
        })


def progress_export(job) -> str:
    """Prepare a large district's progress download in the background, as its requester may read it now."""
    actor, p = build_actor(job.owner), job.params
    if not actor.follows_program:
        raise Refused("the account that asked for it no longer follows the program")
    form = ProgressFilter(QueryDict(p["query"]), actor=actor)
    if not form.is_valid() or form.cleaned_data["year"] is None:
        raise Refused("its filters no longer match what you may see")
    rows, *_ = dashboard(actor, form.cleaned_data["year"], form.cleaned_data["network"],
                         form.cleaned_data["facilitator"])
    return save_table(job, *progress_table(rows))


def standing_by_school(rows):
    return {r.school.pk: r.standing for r in rows}


class NetworkInquiry(ScopedDetailView):
    """A network's schools' Cycles of Learning side by side, against the common focus area."""

    model = Network
    template_name = "inquiry/network_inquiry.html"

    def base_queryset(self):
        return Network.objects.select_related("school_year", "focus_area", "district")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        year = self.object.school_year
        members = memberships(self.actor, year, network=self.object)
        ctx["networks"] = side_by_side(self.actor, year, members, standing_by_school(school_rows(self.actor, year,
                                                                                                 members)))
        return ctx


class FacilitatorView(ActorMixin, generic.TemplateView):
    """A facilitator's networks this year: every school's inquiry side by side, and what is overdue."""

    template_name = "inquiry/facilitator.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        networks = Network.objects.filter(pk__in=self.actor.facilitated_network_ids).select_related("school_year")
        year = networks[0].school_year if networks else None
        if year is None:
            return ctx
        members = memberships(self.actor, year, facilitator=self.actor.person)
        rows = school_rows(self.actor, year, members)
        ctx.update(year=year, networks=side_by_side(self.actor, year, members, standing_by_school(rows)),
                   overdue=[r for r in rows if r.standing.overdue])
        return ctx
