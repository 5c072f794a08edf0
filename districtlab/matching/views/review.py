"""Review of a call's applications (central office and facilitators): the list with each school's facts and history,
rubric scores, candidate-host visits, decisions (central office only), the rubric itself, and acceptance rates
(issue 14)."""
import django_filters as df
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.functional import cached_property
from django.views import generic

from districtlab.core.history import (REVISION, SEEN, ChangedMeanwhile, StaleRevision, carry_revision,
                                      expect_unchanged, latest_change)
from districtlab.core.permissions import CREATE, can, scope
from districtlab.core.views import (ActorMixin, PolicyCreateView, PolicyDeleteView, PolicyObjectMixin,
                                    PolicyUpdateView, ScopedListView, changed_meanwhile, conflict_context, crud_urls,
                                    kept_as_typed, read_revision)
from districtlab.org import models as org
from districtlab.org.filters import ActorFilterSet
from districtlab.org.transfer import spreadsheet_response

from .. import cycle
from .. import models as m
from ..forms import DecisionForm, HostVisitForm, RubricCriterionForm, ScoreForm
from ..policies import reviews, runs

A = m.Application
UNDECIDED = "undecided"


class ApplicationFilter(ActorFilterSet):
    role = df.ChoiceFilter(choices=A.Role.choices, label="Applied as")
    borough = df.ChoiceFilter(field_name="school__region", label="Borough / region", choices=[])
    grade_band = df.ChoiceFilter(field_name="school__grade_band", label="Grade band", choices=[])
    focus_area = df.ModelChoiceFilter(queryset=org.LearningFocusArea.objects.none(), method="filter_focus",
                                      label="Focus area (any choice)")
    decision = df.ChoiceFilter(choices=[(UNDECIDED, "Not decided"), *[c for c in A.Decision.choices if c[0]]],
                               method="filter_decision")

    class Meta:
        model = A
        fields = ["role", "borough", "grade_band", "focus_area", "decision"]

    def __init__(self, *args, call, **kwargs):
        self.call = call
        super().__init__(*args, **kwargs)

    @property
    def form(self):
        form = super().form
        form.fields["focus_area"].queryset = self.call.focus_areas.order_by("name")
        return form

    def choices_from_data(self):
        schools = org.School.objects.filter(district_id=self.call.district_id)

        def distinct(field):
            values = schools.exclude(**{field: ""}).order_by(field).values_list(field, flat=True).distinct()
            return [(v, v) for v in values]

        return {"borough": distinct("region"), "grade_band": distinct("grade_band")}

    def filter_focus(self, qs, name, value):
        return qs.filter(Q(lfa_1=value) | Q(lfa_2=value) | Q(lfa_3=value))

    def filter_decision(self, qs, name, value):
        return qs.filter(decision="" if value == UNDECIDED else value)


class CallPart(ActorMixin):
    """A page of one call for its reviewers (central office and facilitators); anyone else is refused."""

    runners_only = False

    @cached_property
    def call(self):
        call = get_object_or_404(scope(self.actor, m.Call.objects.select_related("district", "school_year")),
                                 pk=self.kwargs["pk"])
        allowed = runs if self.runners_only else reviews
        if not allowed(self.actor, call.district_id):
            raise PermissionDenied("This page is for the program's central office" +
                                   ("." if self.runners_only else " and facilitators."))
        return call


class ReviewList(CallPart, ScopedListView):
    model = A
    template_name = "matching/review_list.html"

    def base_queryset(self):
        return cycle.for_review(A.objects.filter(call=self.call, status=A.Status.SUBMITTED)).order_by("school__name")

    def get_queryset(self):
        qs = super(ScopedListView, self).get_queryset()
        self.filterset = ApplicationFilter(self.request.GET or None, queryset=qs, actor=self.actor, call=self.call)
        return self.filterset.qs if self.filterset.is_bound and self.filterset.is_valid() else qs

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["call"] = self.call
        ctx["rows"] = [{"app": a, "demographics": cycle.latest_demographics(a.school),
                        "history": cycle.program_history(a.school), "mean": cycle.mean_score(a)}
                       for a in ctx["object_list"]]
        return ctx


def review_context(actor, app) -> dict:
    """What a reviewer reads on an application's page beyond what the school wrote."""
    school = cycle.for_review(A.objects.filter(pk=app.pk)).get().school
    criteria = list(app.call.criteria.all())
    host_role = app.role in (A.Role.HOST, A.Role.EITHER)
    return {
        "reviewing": True,
        "types": [t.name for t in school.types.all()],
        "demographics": cycle.latest_demographics(school),
        "history": cycle.program_history(school),
        "standing": cycle.standing(app.call, app.school_id),
        "criteria": criteria,
        "scores": cycle.score_table(app, criteria),
        "host_role": host_role,
        "host_visits": list(app.host_visits.prefetch_related("visitors")) if host_role else [],
        "may_score": bool(criteria) and actor.person_id is not None and app.status == A.Status.SUBMITTED,
        "may_decide": runs(actor, app.call.district_id) and app.status == A.Status.SUBMITTED,
        "decision_form": carry_revision(DecisionForm(initial={"decision": app.decision, "reason": app.decision_reason}),
                                        app),
    }


class ApplicationPart(PolicyObjectMixin):
    """A reviewer's action on one submitted application."""

    model = A
    action = "view"

    def base_queryset(self):
        return A.objects.select_related("call__district", "school")

    def get_object(self, queryset=None):
        app = super().get_object(queryset)
        if not reviews(self.actor, app.call.district_id):
            raise PermissionDenied("Only the program's central office and facilitators review applications.")
        return app


class Decide(ApplicationPart, generic.View):
    """Accept, wait-list or decline (with a reason for the last two): central office only."""

    def post(self, request, pk):
        app = self.get_object()
        if not runs(self.actor, app.call.district_id):
            raise PermissionDenied("Only central office decides on applications.")
        if app.status != A.Status.SUBMITTED:
            messages.error(request, "Only a submitted application can be decided on.")
            return redirect(app)
        form = carry_revision(DecisionForm(request.POST), app)
        if not form.is_valid():
            return self.page(request, pk, form, 400)
        read = read_revision(form)
        try:
            with transaction.atomic():
                if read is not None:  # deciding on what the page showed, not on what the school changed since
                    app.expect_revision(read)
                cycle.decide(app, form.cleaned_data["decision"], form.cleaned_data["reason"], self.actor.person)
        except StaleRevision:
            current = self.get_object()
            kept = carry_revision(DecisionForm(kept_as_typed(form, REVISION, current.revision)), current)
            return self.page(request, pk, kept, 409, **conflict_context(self.actor, current, read))
        messages.success(request, f"{app.school}: {app.get_decision_display().lower()}.")
        return redirect(app)

    def page(self, request, pk, form, status, **extra):
        """The application's page again, with the decision form as it was sent."""
        from .calls import ApplicationDetail

        page = ApplicationDetail()
        page.setup(request, pk=pk)
        page.object = app = page.get_object()
        ctx = page.get_context_data(object=app, **extra)
        ctx["decision_form"] = form
        return render(request, page.template_name, ctx, status=status)

    def get(self, request, pk):
        return redirect("matching:application-detail", pk)


class ScoreApplication(ApplicationPart, generic.View):
    """The signed-in reviewer's scores of one application, one per criterion; a blank removes theirs."""

    template_name = "matching/review_score.html"

    def setup_scores(self, pk):
        app = self.get_object()
        if self.actor.person_id is None:
            raise PermissionDenied("Scores are given by a person of the district's staff.")
        criteria = list(app.call.criteria.all())
        mine = {s.criterion_id: s for s in app.scores.filter(reviewer_id=self.actor.person_id)}
        return app, criteria, mine

    def seen(self, app) -> int:
        """The latest change of the reviewer's scores of ``app``: what the page shows, sent back (``SEEN``), so that
        a save from a page opened before another (in another tab) is refused rather than overwriting it."""
        return latest_change(m.Score, application_id=app.pk, reviewer_id=self.actor.person_id)

    def get(self, request, pk):
        app, criteria, mine = self.setup_scores(pk)
        return self.page(app, ScoreForm(criteria=criteria, scores=mine, seen=self.seen(app)))

    def page(self, app, form, status=200, **extra):
        return render(self.request, self.template_name, {"object": app, "call": app.call, "form": form, **extra},
                      status=status)

    def post(self, request, pk):
        app, criteria, mine = self.setup_scores(pk)
        if not criteria:
            messages.error(request, "This call has no rubric yet: central office adds its criteria first.")
            return redirect(app)
        if app.status != A.Status.SUBMITTED:
            messages.error(request, "Only a submitted application is scored.")
            return redirect(app)
        form = ScoreForm(request.POST, criteria=criteria, scores=mine, seen=self.seen(app))
        if not form.is_valid():
            return self.page(app, form, status=400)
        try:
            with transaction.atomic():
                A.objects.select_for_update().only("pk").get(pk=app.pk)  # one save of scores of it at a time
                expect_unchanged(m.Score, read_revision(form, SEEN), application_id=app.pk,
                                 reviewer_id=self.actor.person_id)
                self.save_scores(app, criteria, mine, form)
        except ChangedMeanwhile as stale:
            app, criteria, mine = self.setup_scores(pk)
            seen = self.seen(app)
            kept = ScoreForm(kept_as_typed(form, SEEN, seen), criteria=criteria, scores=mine, seen=seen)
            return self.page(app, kept, status=409, **changed_meanwhile(
                self.actor, stale, "application's scores", kept="What you typed is below, not yet saved.",
                again="Save again to replace those scores with yours, or cancel to keep them."))
        messages.success(request, f"Saved your scores of {app.school}'s application.")
        return redirect(app)

    def save_scores(self, app, criteria, mine, form):
        for c in criteria:
            points, comment = form.cleaned_data[f"points_{c.pk}"], form.cleaned_data[f"comment_{c.pk}"]
            given = mine.get(c.pk)
            if points is None:
                if given is not None:
                    given.delete()
                continue
            if given is None:
                given = m.Score(application=app, criterion=c, reviewer_id=self.actor.person_id)
            if (given.points, given.comment) != (points, comment):
                given.points, given.comment = points, comment
                given.save()


class HostVisitCreate(ApplicationPart, generic.View):
    """Record central office's visit to a school applying to host."""

    template_name = "matching/review_hostvisit.html"

    def form(self, app, data=None):
        return HostVisitForm(data, instance=m.HostVisit(application=app), actor=self.actor)

    def allowed(self, app):
        if app.role not in (A.Role.HOST, A.Role.EITHER):
            return "Host visits are for schools applying to host."
        if app.status != A.Status.SUBMITTED:
            return "Only a submitted application gets a host visit."
        if not can(self.actor, CREATE, m.HostVisit(application=app)):
            return "You cannot record host visits for this call."
        return ""

    def get(self, request, pk):
        app = self.get_object()
        if problem := self.allowed(app):
            messages.error(request, problem)
            return redirect(app)
        return render(request, self.template_name, {"object": app, "form": self.form(app)})

    def post(self, request, pk):
        app = self.get_object()
        if problem := self.allowed(app):
            messages.error(request, problem)
            return redirect(app)
        form = self.form(app, request.POST)
        if not form.is_valid():
            return render(request, self.template_name, {"object": app, "form": form}, status=400)
        form.save()
        messages.success(request, f"Recorded the visit to {app.school}.")
        return redirect(app)


class HostVisitEdit(PolicyUpdateView):
    model = m.HostVisit
    form_class = HostVisitForm


class Criteria(CallPart, generic.View):
    """The call's rubric: each criterion with its most points; central office adds, edits and removes them."""

    template_name = "matching/review_criteria.html"

    def page(self, form, status=200):
        call = self.call
        return render(self.request, self.template_name, {
            "call": call, "criteria": call.criteria.all(), "form": form,
            "may_change": can(self.actor, CREATE, m.RubricCriterion(call=call))}, status=status)

    def new_form(self, data=None):
        initial = {"call": self.call.pk, "order": self.call.criteria.count() + 1}
        form = RubricCriterionForm(data, initial=initial, instance=m.RubricCriterion(call=self.call), actor=self.actor)
        del form.fields["call"]
        return form

    def get(self, request, pk):
        return self.page(self.new_form())

    def post(self, request, pk):
        if not can(self.actor, CREATE, m.RubricCriterion(call=self.call)):
            raise PermissionDenied("Only central office changes the rubric.")
        form = self.new_form(request.POST)
        if not form.is_valid():
            return self.page(form, status=400)
        form.save()
        messages.success(request, f"Added “{form.instance}” to the rubric.")
        return redirect("matching:criteria", self.call.pk)


class CriterionCreate(PolicyCreateView):
    """The rubric's own page adds criteria; this address (from ``crud_urls``) goes there."""

    model = m.RubricCriterion

    def get(self, request, *args, **kwargs):
        call = request.GET.get("call")
        return redirect("matching:criteria", call) if call and call.isdigit() else redirect("matching:call-list")

    post = get


class Acceptance(CallPart, generic.View):
    template_name = "matching/acceptance.html"

    def get(self, request, pk, fmt=None):
        rates = cycle.acceptance(self.call)
        if fmt is None:
            return render(request, self.template_name, {"call": self.call, **rates})
        columns = ["Grouped by", "Group", "Applied", "Accepted", "Wait-listed", "Declined", "Acceptance rate (%)"]
        rows = [[by, r.group, r.applied, r.accepted, r.waitlisted, r.declined,
                 "" if r.rate is None else round(100 * r.rate, 1)]
                for by, table in [*rates["tables"], ("All", [rates["overall"]])] for r in table]
        return spreadsheet_response(columns, rows, fmt, f"acceptance-{self.call.school_year.name}")


urlpatterns = [
    path("calls/<int:pk>/review/", ReviewList.as_view(), name="review"),
    path("calls/<int:pk>/criteria/", Criteria.as_view(), name="criteria"),
    path("calls/<int:pk>/acceptance/", Acceptance.as_view(), name="acceptance"),
    path("calls/<int:pk>/acceptance.<str:fmt>", Acceptance.as_view(), name="acceptance"),
    path("applications/<int:pk>/decide/", Decide.as_view(), name="application-decide"),
    path("applications/<int:pk>/score/", ScoreApplication.as_view(), name="score"),
    path("applications/<int:pk>/host-visits/new/", HostVisitCreate.as_view(), name="hostvisit-create"),
    path("host-visits/<int:pk>/edit/", HostVisitEdit.as_view(), name="hostvisit-edit"),
    path("host-visits/<int:pk>/delete/", PolicyDeleteView.as_view(model=m.HostVisit, success_url=None),
         name="hostvisit-delete"),
    *crud_urls("criteria", m.RubricCriterion, RubricCriterionForm, create_view=CriterionCreate),
]
