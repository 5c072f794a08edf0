"""Calls for applications (central office) and schools' applications to them (principals/APs): the list, the call's
page (the hub of the cycle), applying, saving a draft, submitting and withdrawing (issue 14)."""
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse, reverse_lazy
from django.views import generic

from districtlab.core.changes import changes_since
from districtlab.core.history import REVISION, StaleRevision, carry_revision
from districtlab.core.permissions import CHANGE, scope
from districtlab.core.views import (ActorMixin, PolicyCreateView, PolicyDeleteView, PolicyObjectMixin,
                                    PolicyUpdateView, ScopedDetailView, ScopedListView, conflict_context,
                                    kept_as_typed, read_revision)

from .. import cycle
from .. import models as m
from ..forms import ApplicationForm, CallForm
from ..policies import reviews, runs

A = m.Application


class CallList(ScopedListView):
    model = m.Call
    template_name = "matching/call_list.html"

    def base_queryset(self):
        return m.Call.objects.select_related("school_year", "district").order_by("-opens", "-pk")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        mine = (A.objects.filter(call__in=[c.pk for c in ctx["object_list"]], school_id__in=self.actor.led_school_ids)
                .select_related("school"))
        mine = {a.call_id: a for a in mine}
        for call in ctx["object_list"]:
            call.mine = mine.get(call.pk)
        return ctx


class CallCreate(PolicyCreateView):
    model = m.Call
    form_class = CallForm


class CallEdit(PolicyUpdateView):
    model = m.Call
    form_class = CallForm


class CallDetail(ScopedDetailView):
    model = m.Call
    template_name = "matching/call_detail.html"

    def base_queryset(self):
        return m.Call.objects.select_related("district", "school_year")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        call = self.object
        ctx["call"] = call
        ctx["focus_areas"] = call.focus_areas.order_by("name")
        ctx["refusal"] = cycle.refusal(call)
        ctx["reviewer"] = reviews(self.actor, call.district_id)
        ctx["runner"] = runs(self.actor, call.district_id)
        if ctx["reviewer"]:
            counts = {(r["status"], r["decision"]): r["n"] for r in
                      call.applications.values("status", "decision").annotate(n=Count("pk"))}
            ctx["by_status"] = [(label, sum(n for (s, _), n in counts.items() if s == value))
                                for value, label in A.Status.choices]
            submitted = A.Status.SUBMITTED
            ctx["by_decision"] = [(label, counts.get((submitted, value), 0)) for value, label in A.Decision.choices]
            ctx["criteria_count"] = call.criteria.count()
        ctx["mine"] = list(call.applications.filter(school_id__in=self.actor.led_school_ids).select_related("school"))
        applied = {a.school_id for a in ctx["mine"]}
        ctx["may_apply"] = [s for s in self.schools_led(call) if s.pk not in applied] if not ctx["refusal"] else []
        return ctx

    def schools_led(self, call):
        from districtlab.org.models import School

        return list(School.objects.filter(pk__in=self.actor.led_school_ids, district_id=call.district_id)
                    .order_by("name"))


class Apply(ActorMixin, generic.View):
    """The principal's own school's application to a call: "Apply" (a POST) makes the draft while the call is open;
    a visit (GET) changes nothing and leads to the application, or to the call while there is none."""

    def get_call(self):
        return get_object_or_404(scope(self.actor, m.Call.objects.select_related("district", "school_year")),
                                 pk=self.kwargs["pk"])

    def school(self, call):
        from districtlab.org.models import School

        schools = School.objects.filter(pk__in=self.actor.led_school_ids, district_id=call.district_id).order_by("name")
        wanted = self.request.GET.get("school") or self.request.POST.get("school")
        if wanted:
            if not str(wanted).isdigit():
                return None
            return schools.filter(pk=wanted).first()
        return schools.first()

    def get(self, request, pk):
        return self.apply(request, start=False)

    def post(self, request, pk):
        return self.apply(request, start=True)

    def apply(self, request, start):
        call = self.get_call()
        school = self.school(call)
        if school is None:
            raise PermissionDenied("Only the principal or assistant principal of a school of this district applies "
                                   "for it.")
        existing = A.objects.filter(call=call, school=school).first()
        refused = cycle.refusal(call)
        if existing is None and (refused or not start):
            if refused:
                messages.error(request, refused)
            return redirect(call)
        if existing is None:
            try:
                with transaction.atomic():
                    existing = A.objects.create(call=call, school=school, applicant=self.actor.person,
                                                role=self.offered_role(call))
            except IntegrityError:  # made a moment ago by another of the school's leaders
                existing = A.objects.get(call=call, school=school)
        elif start and existing.status == A.Status.WITHDRAWN and not refused:
            existing.status = A.Status.DRAFT
            existing.save()
            messages.success(request, f"{school}'s application is a draft again.")
        if existing.status == A.Status.DRAFT and not refused:
            return redirect("matching:application-edit", existing.pk)
        return redirect(existing)

    @staticmethod
    def offered_role(call):
        if call.offers_host and call.offers_partner:
            return A.Role.EITHER
        return A.Role.HOST if call.offers_host else A.Role.PARTNER


def application_queryset():
    return A.objects.select_related("call__district", "call__school_year", "school", "lfa_1", "lfa_2", "lfa_3",
                                    "applicant", "decided_by")


class ApplicationDetail(ScopedDetailView):
    model = A
    template_name = "matching/application_detail.html"

    def base_queryset(self):
        return application_queryset()

    def get_context_data(self, **kwargs):
        from .review import review_context

        ctx = super().get_context_data(**kwargs)
        app = self.object
        ctx["call"] = app.call
        ctx["answers"] = [(q, (app.answers or {}).get(q, "")) for q in app.call.question_list]
        ctx["refusal"] = cycle.refusal(app.call)
        ctx["may_withdraw"] = ctx["can_change"] and app.status != A.Status.WITHDRAWN and not hasattr(app, "placement")
        if reviews(self.actor, app.call.district_id):
            ctx.update(review_context(self.actor, app))
        return ctx


class ApplicationEdit(PolicyObjectMixin, generic.View):
    """The application form: Save draft keeps whatever was typed; Submit also checks it is complete. After the call
    closes, or once submitted, it is refused with the reason and the draft is kept."""

    model = A
    action = CHANGE
    template_name = "matching/application_form.html"
    submitting = False

    def base_queryset(self):
        return application_queryset()

    def form(self, app, data=None):
        """The form carries the revision the draft was read at: the school's principal and assistant principal
        may both have it open, and a save based on an older one is refused rather than overwriting."""
        st = cycle.standing(app.call, app.school_id)
        return carry_revision(ApplicationForm(data, instance=app, actor=self.actor, in_program=st.in_program,
                                              graduates=st.graduates), app)

    def render(self, form, status=200, **extra):
        app = form.instance
        return render(self.request, self.template_name, {
            "object": app, "call": app.call, "form": form, "refusal": cycle.refusal(app.call),
            "standing": cycle.standing(app.call, app.school_id), **extra}, status=status)

    def get(self, request, pk):
        app = self.get_object()
        if app.status != A.Status.DRAFT:
            messages.info(request, "This application has been submitted: it changes only by withdrawing it.")
            return redirect(app)
        return self.render(self.form(app))

    def post(self, request, pk):
        app = self.get_object()
        if app.status != A.Status.DRAFT:
            messages.error(request, "This application has already been submitted: it changes only by withdrawing it.")
            return redirect(app)
        form = self.form(app, request.POST)
        if refused := cycle.refusal(app.call):
            form.is_valid()
            form.add_error(None, f"{refused} Your saved draft is kept as it was.")
            return self.render(form, status=400)
        if not form.is_valid():
            return self.render(form, status=400)
        read = read_revision(form)
        try:
            with transaction.atomic():
                if read is not None:
                    form.instance.expect_revision(read)  # refused, in the UPDATE itself, if saved since
                app = form.save()  # what was typed is kept, as a draft, whatever else is missing
        except StaleRevision:
            return self.conflict(form, read)
        if self.submitting and not form.complete():
            form.add_error(None, "Your draft is saved. Complete the fields marked below to submit it.")
            return self.render(form, status=400)
        if self.submitting:
            cycle.submit(app)
            messages.success(request, f"Submitted {app.school}'s application to {app.call}.")
            return redirect(app)
        messages.success(request, "Draft saved. Submit it when it is complete.")
        return redirect("matching:application-edit", app.pk)

    def conflict(self, form, read):
        """Someone saved the draft after this page was read: who changed what meanwhile, everything typed kept,
        and a second Save (now based on the latest revision) replaces their changes knowingly (409)."""
        current = self.get_object()
        again = self.form(current, kept_as_typed(form, REVISION, current.revision))
        return self.render(again, status=409, **conflict_context(self.actor, current, read))


class ApplicationSubmit(ApplicationEdit):
    submitting = True

    def get(self, request, pk):
        return HttpResponseRedirect(reverse("matching:application-edit", args=[pk]))


class ApplicationWithdraw(PolicyObjectMixin, generic.View):
    """Withdraw an application (asks first). A school placed in next year's networks no longer withdraws here."""

    model = A
    action = CHANGE

    def base_queryset(self):
        return application_queryset()

    def check(self, app):
        if app.status == A.Status.WITHDRAWN:
            return "This application is already withdrawn."
        if hasattr(app, "placement"):
            return "This school has been placed in a network of next year: ask central office to change that."
        return ""

    def get(self, request, pk):
        app = self.get_object()
        if problem := self.check(app):
            messages.error(request, problem)
            return redirect(app)
        return render(request, "matching/application_withdraw.html", {"object": app, "revision": app.revision})

    def post(self, request, pk):
        app = self.get_object()
        if problem := self.check(app):
            messages.error(request, problem)
            return redirect(app)
        read = read_revision(request.POST)
        try:
            with transaction.atomic():  # withdrawing what the page showed, not what someone changed since
                if read is not None:
                    app.expect_revision(read)
                cycle.withdraw(app)
        except StaleRevision:
            current = self.get_object()
            return render(request, "matching/application_withdraw.html", {
                "object": current, "revision": current.revision, "conflicted": True,
                "conflict": changes_since(self.actor, current, read), "verbose_name": A._meta.verbose_name,
                "kept": "It was not withdrawn.",
                "again": "Withdraw again to withdraw it as it is now, or go back to keep it."}, status=409)
        messages.success(request, f"Withdrew {app.school}'s application.")
        return redirect(app)


urlpatterns = [
    path("", CallList.as_view(), name="call-list"),
    path("calls/new/", CallCreate.as_view(), name="call-create"),
    path("calls/<int:pk>/", CallDetail.as_view(), name="call-detail"),
    path("calls/<int:pk>/edit/", CallEdit.as_view(), name="call-edit"),
    path("calls/<int:pk>/delete/", PolicyDeleteView.as_view(model=m.Call,
                                                            success_url=reverse_lazy("matching:call-list")),
         name="call-delete"),
    path("calls/<int:pk>/apply/", Apply.as_view(), name="apply"),
    path("applications/<int:pk>/", ApplicationDetail.as_view(), name="application-detail"),
    path("applications/<int:pk>/edit/", ApplicationEdit.as_view(), name="application-edit"),
    path("applications/<int:pk>/submit/", ApplicationSubmit.as_view(), name="application-submit"),
    path("applications/<int:pk>/withdraw/", ApplicationWithdraw.as_view(), name="application-withdraw"),
]
