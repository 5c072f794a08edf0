"""Applications for the Model/Master principal and teacher designations under a call, and their approval chain
(issue 14).

Seed 004: Model and Master principals are selected by their superintendent with the Chancellor's approval (~2953);
each designation has a stipend and a term. Who may hold one (years in post, qualifying ratings) and who approves it,
in order, are the district's data (``Eligibility`` beside ``org.DesignationRule``). The applicant is the person:
teachers apply for teacher designations, principals for principal ones. Approved applications become designations
of positions when the call's proposal is published; that is also when "only at hosts of" is checked, since the
networks of the call's year do not exist before.
"""
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.views import generic

from districtlab.core.changes import changes_after, changes_since, history_url
from districtlab.core.choosers import ChooserField
from districtlab.core.history import (REVISION, SEEN, ChangedMeanwhile, StaleRevision, carry_revision,
                                      expect_unchanged, latest_change)
from districtlab.core.people import name_for
from districtlab.core.permissions import CHANGE, CREATE, can, scope
from districtlab.core.roles import Designation, PositionKind
from districtlab.core.views import ActorMixin, PolicyDeleteView, conflict_context, kept_as_typed, read_revision
from districtlab.org import models as org
from districtlab.org.filters import SCHOOLS
from districtlab.org.forms import chosen_ids

from .. import cycle
from .. import designations as domain
from .. import models as m
from ..designations import applicant_positions  # noqa: F401  (the agreements' template tag asks it from here)
from ..forms import ChosenSchools
from ..policies import runs

STATEMENT_LENGTH = 10000
REASON_LENGTH = 2000
S = m.DesignationApplication.Status


class DesignationForm(forms.ModelForm):
    class Meta:
        model = m.DesignationApplication
        fields = ["designation", "rating", "statement"]
        widgets = {"statement": forms.Textarea(attrs={"rows": 6})}
        labels = {"designation": "Designation", "rating": "Your latest rating",
                  "statement": "Why you, and what you would do"}

    def __init__(self, *args, allowed=(), **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["designation"]
        field.choices = [c for c in field.choices if c[0] in allowed]
        field.error_messages["invalid_choice"] = "Choose one of the designations your position may apply for."
        self.fields["statement"].max_length = STATEMENT_LENGTH
        self.fields["statement"].widget.attrs["maxlength"] = STATEMENT_LENGTH
        # the revision of the draft the page showed (0: none), so that saving over a draft saved since in another
        # tab is refused rather than overwriting it
        self.fields[REVISION] = forms.IntegerField(widget=forms.HiddenInput, required=False, initial=(
            self.instance.revision if self.instance.pk else 0))

    def clean_statement(self):
        text = self.cleaned_data.get("statement", "")
        if len(text) > STATEMENT_LENGTH:
            raise forms.ValidationError(f"Keep the statement under {STATEMENT_LENGTH:,} characters "
                                        f"(it has {len(text):,}).")
        return text


def call_for(actor, pk):
    return get_object_or_404(scope(actor, m.Call.objects.select_related("district__current_school_year",
                                                                        "school_year")), pk=pk)


class DesignationFilter(forms.Form):
    status = forms.ChoiceField(choices=[("", "Any")] + [c for c in S.choices if c[0] != S.DRAFT] +
                               [(S.DRAFT, "Draft (yours)")], required=False)
    designation = forms.ChoiceField(choices=[("", "Any")] + [c for c in Designation.choices if c[0]], required=False)


class DesignationList(ActorMixin, generic.TemplateView):
    """A call's designation applications: those waiting for the viewer's approval first, then every one the viewer
    may read, filtered by status and designation, with the rules as the district set them."""

    template_name = "matching/designation_list.html"

    def get(self, request, *args, **kwargs):
        call = call_for(self.actor, kwargs["pk"])
        kinds = domain.held_kinds(self.actor, call.district)
        rules = domain.rules_of(call.district_id)
        base = (m.DesignationApplication.objects.filter(call=call).select_related("call__district", "person", "school")
                .annotate(steps=Count("approvals")).order_by("designation", "person__name", "pk"))
        shown = domain.visible(self.actor, base, call, kinds)
        waiting = domain.waiting_for(self.actor, shown.filter(status=S.SUBMITTED), rules) if kinds else []
        filters = DesignationFilter(request.GET or None)
        if filters.is_valid():
            if filters.cleaned_data["status"]:
                shown = shown.filter(status=filters.cleaned_data["status"])
            if filters.cleaned_data["designation"]:
                shown = shown.filter(designation=filters.cleaned_data["designation"])
        page = Paginator(shown, 25).get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        ordered = [rules.get(d) for d in domain.HOLDER]
        ctx = self.get_context_data(
            call=call, page_obj=page, paginator=page.paginator, object_list=page.object_list, waiting=waiting,
            filterset=filters, querystring=query.urlencode(),
            rules=[(Designation(d).label, r, domain.labels(domain.chain_of(r)) if r else "")
                   for d, r in zip(domain.HOLDER, ordered)],
            can_apply=bool(domain.applicant_positions(self.actor, call)), runs=runs(self.actor, call.district_id))
        return self.render_to_response(ctx)


class DesignationApply(ActorMixin, generic.TemplateView):
    """Apply for a designation (or go on with a draft): "Save draft" keeps it; "Submit" checks eligibility first,
    and what was typed is kept as a draft when it is refused, with each reason beside its field."""

    template_name = "matching/designation_apply.html"

    def prepare(self):
        self.call = call_for(self.actor, self.kwargs["pk"])
        self.positions = domain.applicant_positions(self.actor, self.call)
        self.allowed = domain.open_to(self.positions)

    def mine(self, designation):
        return m.DesignationApplication.objects.filter(call=self.call, person_id=self.actor.person_id,
                                                       designation=designation).first()

    def get(self, request, *args, **kwargs):
        self.prepare()
        if not self.allowed:
            return self.render_to_response(self.get_context_data(form=None), status=403)
        draft = self.mine(request.GET.get("designation")) if request.GET.get("designation") in self.allowed else None
        if draft and draft.status != S.DRAFT:
            return redirect(draft)
        form = DesignationForm(instance=draft, allowed=self.allowed, initial={"designation": request.GET.get(
            "designation")} if draft is None else None)
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request, *args, **kwargs):
        self.prepare()
        if not self.allowed:
            return self.render_to_response(self.get_context_data(form=None), status=403)
        form = DesignationForm(request.POST, allowed=self.allowed)
        if closed := cycle.refusal(self.call):  # designations are applied for while the call is open, as schools do
            form.add_error(None, closed)
            return self.render_to_response(self.get_context_data(form=form), status=400)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        designation = form.cleaned_data["designation"]
        application = self.mine(designation) or m.DesignationApplication(
            call=self.call, person=self.actor.person, designation=designation, synthetic=False)
        if application.status != S.DRAFT:
            form.add_error("designation", f"You have already applied for {application.get_designation_display()} "
                                          f"under this call ({application.get_status_display().lower()}).")
            return self.render_to_response(self.get_context_data(form=form), status=400)
        application.school = domain.school_of(self.positions, designation)
        application.rating = form.cleaned_data["rating"].strip()
        application.statement = form.cleaned_data["statement"]
        if not can(self.actor, CREATE if application.pk is None else CHANGE, application):
            raise PermissionDenied("You apply only for yourself.")
        read = read_revision(form) if application.pk else None
        problems = {}
        if "submit" in request.POST:
            rule = domain.rules_of(self.call.district_id).get(designation)
            problems = domain.eligibility_problems(application, rule, self.positions,
                                                   self.call.district.records_until())
            if not problems:
                application.status = S.SUBMITTED
        try:
            with transaction.atomic():
                if read is not None:  # refused, in the UPDATE itself, if the draft was saved since the page showed it
                    application.expect_revision(read)
                application.save()
        except StaleRevision:
            current = self.mine(designation)
            kept = DesignationForm(kept_as_typed(form, REVISION, current.revision), allowed=self.allowed)
            return self.render_to_response(self.get_context_data(
                form=kept, **conflict_context(self.actor, current, read)), status=409)
        if problems:
            for name, message in problems.items():
                form.add_error(name, message)
            messages.error(request, "Saved as a draft, not submitted: see what stops it below.")
            return self.render_to_response(self.get_context_data(form=form, draft=application), status=400)
        messages.success(request, "Submitted: it now goes to its approvers, in order." if application.status ==
                         S.SUBMITTED else "Draft saved. Submit it when it is ready.")
        return redirect(application)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        rules = domain.rules_of(self.call.district_id)
        ctx.update(call=self.call, positions=self.positions, closed=cycle.refusal(self.call),
                   rules=[(Designation(d).label, rules.get(d), domain.labels(domain.chain_of(rules.get(d))))
                          for d in self.allowed])
        return ctx


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", "Approve"), ("decline", "Decline")],
                                 widget=forms.RadioSelect, error_messages={
                                     "required": "Choose approve or decline.",
                                     "invalid_choice": "Choose approve or decline."})
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=REASON_LENGTH,
                             help_text="Needed when you decline; the applicant reads it.")

    def clean(self):
        data = super().clean()
        if data.get("decision") and domain.needs_reason(data["decision"] == "approve", data.get("reason") or ""):
            self.add_error("reason", "Say why you decline: the applicant reads it.")
        return data


class DesignationDetail(ActorMixin, generic.TemplateView):
    """One designation application: what was asked, the rule as data, and each step of its approval chain."""

    template_name = "matching/designation_detail.html"

    def prepare(self):
        qs = m.DesignationApplication.objects.select_related(
            "call__district__current_school_year", "call__school_year", "person", "school")
        candidate = get_object_or_404(qs, pk=self.kwargs["pk"])
        call = candidate.call
        kinds = domain.held_kinds(self.actor, call.district) if self.actor.in_district(call.district_id) else set()
        self.application = get_object_or_404(domain.visible(self.actor, qs.filter(pk=candidate.pk), call, kinds))
        self.rule = domain.rules_of(call.district_id).get(self.application.designation)
        self.chain = domain.chain_of(self.rule)
        self.approvals = list(self.application.approvals.select_related("approver").order_by("step"))
        self.step = domain.next_step(self.application, self.chain, len(self.approvals))
        self.route = domain.approvers(self.application, self.step[1]) if self.step else None

    def may_decide(self) -> bool:
        return domain.may_decide(self.actor.person_id, self.application, self.step, self.route)

    def decision_form(self, data=None):
        """The approver's form, carrying the application's revision and the latest change of its approvals the
        page showed: a decision on a step someone decided since is refused, not recorded twice."""
        form = carry_revision(DecisionForm(data), self.application)
        form.fields[SEEN] = forms.IntegerField(widget=forms.HiddenInput, required=False, initial=latest_change(
            m.Approval, application_id=self.application.pk))
        return form

    def get(self, request, *args, **kwargs):
        self.prepare()
        return self.render_to_response(self.get_context_data(form=self.decision_form() if self.may_decide() else None))

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        a = self.application
        done = {x.step: x for x in self.approvals}
        steps = [(i, self.route.label if self.step and self.step[0] == i else domain.kind_label(kind), done.get(i))
                 for i, kind in enumerate(self.chain)]
        problems = None
        if a.status == S.DRAFT and a.person_id == self.actor.person_id:
            problems = domain.eligibility_problems(a, self.rule, domain.applicant_positions(self.actor, a.call),
                                                   a.call.district.records_until())
        ctx.update(application=a, call=a.call, rule=self.rule, chain_words=domain.labels(self.chain), steps=steps,
                   step=self.step, waiting_on=self.route.positions if self.route else None,
                   may_decide=self.may_decide(), mine=a.person_id == self.actor.person_id, problems=problems)
        return ctx


class DesignationDecide(DesignationDetail):
    """The next approver approves or declines (with a reason); a decline ends the chain, the last approval
    approves the application."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        self.prepare()
        form = self.decision_form(request.POST)
        read, seen = read_revision(request.POST), read_revision(request.POST, SEEN)
        if not self.may_decide():
            if self.changed_since(read, seen):  # their step was decided by someone else after the page showed it
                return self.refuse(form, read, seen)
            raise PermissionDenied("Only the approver of the application's next step decides it.")
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        step, kind = self.step
        approved = form.cleaned_data["decision"] == "approve"
        try:
            with transaction.atomic():
                application = m.DesignationApplication.objects.select_for_update().get(pk=self.application.pk)
                if application.status != S.SUBMITTED or application.approvals.count() != step or (
                        read is not None and application.revision != read):
                    raise IntegrityError("decided meanwhile")
                expect_unchanged(m.Approval, seen, application_id=application.pk)
                done = domain.record_decision(application, self.chain, step, kind, self.actor.person, approved,
                                              form.cleaned_data["reason"])
        except (IntegrityError, ChangedMeanwhile):
            return self.refuse(form, read, seen)
        messages.success(request, done)
        return redirect("matching:designation-detail", pk=self.application.pk)

    def changed_since(self, read, seen) -> bool:
        return (read is not None and self.application.revision != read) or (
            seen is not None and m.Approval.history.filter(history_id__gt=seen,
                                                           application_id=self.application.pk).exists())

    def refuse(self, form, read, seen):
        """Someone decided (or the applicant changed) the application after this page showed it: the page as it is
        now (409), with who did what meanwhile; the decision typed is kept, in the form if it is still this
        approver's step, else in words."""
        self.prepare()
        a = self.application
        conflict = changes_since(self.actor, a, read) if read is not None else []
        if seen is not None:
            conflict += changes_after(self.actor, ChangedMeanwhile(m.Approval, seen, {"application_id": a.pk}))
        typed = (form.data.get("reason") or "").strip()
        kept, again = "", ""
        if self.may_decide():
            data = kept_as_typed(form, REVISION, a.revision)
            data[SEEN] = latest_change(m.Approval, application_id=a.pk)
            form = self.decision_form(data)
        else:
            form = None
            kept = "Your decision was not recorded" + (f"; what you wrote: “{typed}”." if typed else ".")
            again = "The step you were deciding is no longer waiting for you."
        return self.render_to_response(self.get_context_data(
            form=form, conflicted=True, conflict=conflict, verbose_name=a._meta.verbose_name, kept=kept,
            again=again), status=409)


APPROVER_KINDS = domain.APPROVER_KINDS


class EligibilityForm(forms.Form):
    min_tenure_years = forms.DecimalField(label="Fewest years in post", min_value=0, max_value=60, max_digits=4,
                                          decimal_places=1, initial=0)
    ratings = forms.CharField(label="Ratings that qualify", required=False, max_length=200,
                              help_text="Separated by commas, e.g. “Highly effective, Effective”. Empty: any rating.")
    first = forms.ChoiceField(label="First approver", choices=APPROVER_KINDS)
    second = forms.ChoiceField(label="Then", choices=[("", "Nobody else"), *APPROVER_KINDS], required=False)
    third = forms.ChoiceField(label="Then", choices=[("", "Nobody else"), *APPROVER_KINDS], required=False)

    def clean(self):
        data = super().clean()
        slots = ("first", "second", "third")
        chain = [data.get(k) or "" for k in slots]
        for slot, problem in domain.chain_problems(chain):
            self.add_error(slots[slot], problem)
        data["approvers"] = ",".join(k for k in chain if k)
        return data


class EligibilityList(ActorMixin, generic.TemplateView):
    """Central office's page for the eligibility of each of the district's designations."""

    template_name = "matching/designation_eligibility.html"

    def get(self, request, *args, **kwargs):
        call = call_for(self.actor, kwargs["pk"])
        if not runs(self.actor, call.district_id):
            raise PermissionDenied("Central office sets who may hold a designation.")
        rules = domain.rules_of(call.district_id)
        return self.render_to_response(self.get_context_data(
            call=call, rules=[(Designation(d).label, rules.get(d), domain.labels(domain.chain_of(rules.get(d)))
                               if d in rules else "") for d in domain.HOLDER]))


class RecordFormPage(ActorMixin, generic.TemplateView):
    """A page editing one tracked record through a plain form: ``prepare`` finds it (``self.record``, new or not)
    and refuses who may not, ``form`` carries its revision, ``save`` writes it in one transaction. A save read at
    an older revision is refused (409) with what changed meanwhile and what was typed kept."""

    def get(self, request, *args, **kwargs):
        self.prepare()
        return self.render_to_response(self.get_context_data(form=self.form()))

    def post(self, request, *args, **kwargs):
        self.prepare()
        form = self.form(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        read = read_revision(form) if self.record.pk else None
        try:
            with transaction.atomic():
                self.save(form, read)
        except StaleRevision:
            self.record = current = self.current()
            kept = self.form(kept_as_typed(form, REVISION, current.revision))
            return self.render_to_response(self.get_context_data(
                form=kept, **conflict_context(self.actor, current, read)), status=409)
        except IntegrityError:
            if (refused := self.taken_meanwhile(form)) is None:
                raise
            return refused
        return self.saved()

    def current(self):
        """The record as it is now (after a refused save)."""
        return type(self.record)._default_manager.get(pk=self.record.pk)

    def taken_meanwhile(self, form):
        """The answer when a save breaks a uniqueness someone else took meanwhile (None: not expected here)."""
        return None


class EligibilityEdit(RecordFormPage):
    """Set who may hold one designation (fewest years in post, qualifying ratings) and who approves it, in order."""

    template_name = "matching/designation_eligibility_form.html"

    def prepare(self):
        self.rule = get_object_or_404(scope(self.actor, org.DesignationRule.objects.select_related("district")),
                                      pk=self.kwargs["pk"])
        self.record = m.Eligibility.objects.filter(rule=self.rule).first() or m.Eligibility(rule=self.rule)
        action = CREATE if self.record.pk is None else CHANGE
        if not runs(self.actor, self.rule.district_id) or not can(self.actor, action, self.record):
            raise PermissionDenied("Central office sets who may hold a designation.")
        self.back = request_call(self.request, self.rule.district_id)

    def initial(self):
        e = self.record
        chain = e.chain + ["", "", ""]
        return {"min_tenure_years": e.min_tenure_years, "ratings": e.ratings, "first": chain[0] or
                PositionKind.SUPERINTENDENT, "second": chain[1], "third": chain[2]}

    def form(self, data=None):
        return carry_revision(EligibilityForm(data, initial=self.initial()), self.record)

    def save(self, form, read):
        e = self.record
        e.min_tenure_years = form.cleaned_data["min_tenure_years"]
        e.ratings = ", ".join(domain.qualifying_ratings(form.cleaned_data["ratings"]))
        e.approvers = form.cleaned_data["approvers"]
        if read is not None:
            e.expect_revision(read)
        e.save()

    def saved(self):
        messages.success(self.request, f"Saved who may hold a {self.rule.get_designation_display()} and who "
                                       "approves.")
        return redirect(self.back or self.request.get_full_path())

    def get_context_data(self, **kwargs):
        return super().get_context_data(rule=self.rule, back=self.back, **kwargs)


# -- Superintendents' schools (``Coverage``): whose schools each approver decides for ------------------------------

class CoverageForm(forms.Form):
    """One approver's schools: the position (a superintendent's, or another approver's, held now in the district),
    what the district calls them, and the schools, chosen by typing (no list of the whole district): those recorded
    so far are shown ticked (untick to take one off) and the chooser adds one more each save."""

    position = forms.ModelChoiceField(org.Position.objects.none(), label="Whose schools",
                                      empty_label="Choose a superintendent",
                                      error_messages={"required": "Choose whose schools these are.",
                                                      "invalid_choice": "Choose one of the district's approvers."})
    name = forms.CharField(label="What the district calls them", max_length=200, required=False,
                           help_text="e.g. “District 2” or “Brooklyn North”. Shown beside the approver's step.")
    schools = ChosenSchools(org.School.objects.none(), required=False, label="Schools")
    schools_add = ChooserField(SCHOOLS, queryset=org.School.objects.none(), label="Add a school",
                               error_messages={"invalid_choice": "No school of the district is called that."})

    def __init__(self, *args, actor, district, coverage, **kwargs):
        super().__init__(*args, **kwargs)
        taken = m.Coverage.objects.filter(position__district=district).exclude(pk=coverage.pk).values("position_id")
        kinds = [k for k, _ in domain.APPROVER_KINDS]
        positions = domain.current_positions(org.Position.objects.filter(district=district, kind__in=kinds),
                                             district).exclude(pk__in=taken).select_related("person")
        if coverage.pk:  # the position it is recorded for stays a choice, even once that position has ended
            positions = positions | org.Position.objects.filter(pk=coverage.position_id)
        self.fields["position"].queryset = positions.order_by("kind", "person__name", "pk")
        self.fields["position"].label_from_instance = lambda p: f"{name_for(actor, p.person)} ({p.get_kind_display()})"
        schools = org.School.objects.filter(district=district).order_by("name")
        self.fields["schools"].queryset = self.fields["schools_add"].queryset = schools
        shown = self.named(schools, coverage)
        self.fields["schools"].show(shown)
        if not self.is_bound:  # those recorded, ticked
            self.initial["schools"] = [s.pk for s in shown]
        self.fields["schools_add"].widget.attrs["placeholder"] = "Type a school's name"

    def named(self, schools, coverage) -> list:
        """The schools shown: those ticked in the data sent (when bound), else those recorded."""
        if self.is_bound:
            ids = chosen_ids(self, "schools")
            return list(schools.filter(pk__in=ids)) if ids else []
        return list(coverage.schools.order_by("name")) if coverage.pk else []

    def clean(self):
        data = super().clean()
        found = data.get("schools_add")
        if found is not None:
            if len(found[:2]) > 1:
                self.add_error("schools_add", f"Several schools are called something like "
                                              f"“{self.data.get('schools_add')}”: type more of the name, or choose "
                                              f"one of the suggestions.")
            elif "schools" in data:
                data["schools"] = [*data["schools"], *(s for s in found if s not in data["schools"])]
        if not self.errors and not data.get("schools"):
            self.add_error("schools_add", "Add at least one school (or remove these schools altogether).")
        data["name"] = (data.get("name") or "").strip()
        return data


class CoverageMixin(ActorMixin):
    """The district's approvers' schools, set by central office from a call's designation pages."""

    def refuse_unless_runs(self, district_id):
        if not runs(self.actor, district_id):
            raise PermissionDenied("Central office sets whose schools each superintendent decides for.")


class CoverageList(CoverageMixin, generic.TemplateView):
    """Whose schools each superintendent (or other approver) decides for, with those who have none recorded and how
    many of the district's schools nobody covers."""

    template_name = "matching/designation_coverage.html"

    def get(self, request, *args, **kwargs):
        call = call_for(self.actor, kwargs["pk"])
        self.refuse_unless_runs(call.district_id)
        district = call.district
        covers = list(scope(self.actor, m.Coverage.objects.filter(position__district=district))
                      .select_related("position__person").annotate(covered=Count("schools"))
                      .order_by("position__kind", "position__person__name", "pk"))
        first = {}
        for row in m.Coverage.schools.through.objects.filter(coverage__in=covers).select_related("school").order_by(
                "school__name"):
            first.setdefault(row.coverage_id, []).append(row.school.name)
        rows = [(c, name_for(self.actor, c.position.person), first.get(c.pk, [])[:5]) for c in covers]
        recorded = {c.position_id for c in covers}
        without = [name_for(self.actor, p.person) for p in domain.current_positions(
            org.Position.objects.filter(district=district, kind=PositionKind.SUPERINTENDENT), district)
            .select_related("person").order_by("person__name", "pk") if p.pk not in recorded]
        covered = m.Coverage.schools.through.objects.filter(coverage__position__district=district).values("school_id")
        uncovered = org.School.objects.filter(district=district).exclude(pk__in=covered).count() if covers else None
        return self.render_to_response(self.get_context_data(call=call, rows=rows, without=without,
                                                             uncovered=uncovered))


class CoverageEdit(CoverageMixin, RecordFormPage):
    """Add or change one approver's schools. A change saved by someone else after the page was read is refused
    (409) with what they changed, and what was typed kept."""

    template_name = "matching/designation_coverage_form.html"

    def prepare(self):
        if "coverage" in self.kwargs:
            self.record = get_object_or_404(scope(self.actor, m.Coverage.objects.select_related(
                "position__district__current_school_year")), pk=self.kwargs["coverage"])
            self.district = self.record.position.district
            action = CHANGE
            self.back = request_call(self.request, self.district.pk, "matching:coverage")
        else:
            call = call_for(self.actor, self.kwargs["pk"])
            self.district = call.district
            self.record = m.Coverage()
            action = CREATE
            self.back = reverse("matching:coverage", args=[call.pk])
        self.refuse_unless_runs(self.district.pk)
        if not can(self.actor, action, self.record if self.record.pk else m.Coverage):
            raise PermissionDenied("Central office sets whose schools each superintendent decides for.")

    def form(self, data=None):
        c = self.record
        initial = {"position": c.position_id, "name": c.name} if c.pk else {}
        return carry_revision(CoverageForm(data, initial=initial, actor=self.actor, district=self.district,
                                           coverage=c), c)

    def save(self, form, read):
        c = self.record
        c.position = form.cleaned_data["position"]
        c.name = form.cleaned_data["name"]
        if read is not None:  # locked as it is now: the schools change after the record's fields
            if not m.Coverage.objects.select_for_update().filter(pk=c.pk, revision=read).exists():
                raise StaleRevision(c, read)
            c.expect_revision(read)
        c.save()
        c.schools.set(form.cleaned_data["schools"])

    def current(self):
        return m.Coverage.objects.select_related("position__district").get(pk=self.record.pk)

    def taken_meanwhile(self, form):
        form.add_error("position", "Someone has just recorded this approver's schools: change those instead.")
        return self.render_to_response(self.get_context_data(form=form), status=409)

    def saved(self):
        messages.success(self.request, f"Saved the schools of {name_for(self.actor, self.record.position.person)}.")
        return redirect(self.back)

    def get_context_data(self, **kwargs):
        c = self.record
        return super().get_context_data(
            coverage=c, district=self.district, back=self.back, history_url=history_url(c) if c.pk else None,
            delete_url=reverse("matching:coverage-delete", args=[c.pk]) + (
                f"?{self.request.GET.urlencode()}" if self.request.GET else "") if c.pk else None, **kwargs)


class CoverageRemove(PolicyDeleteView):
    """Remove one approver's schools (asked first; refused, 409, if they were changed after the page was read):
    their steps then go to every holder of their kind, as for schools nobody covers."""

    model = m.Coverage

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        if not runs(self.actor, obj.district_id):
            raise PermissionDenied("Central office sets whose schools each superintendent decides for.")
        return obj

    def get_success_url(self):
        return request_call(self.request, self.object.district_id, "matching:coverage") or reverse("home")


def request_call(request, district_id, to="matching:eligibility"):
    """Where an eligibility (or approver's schools) page returns: the call's page ``to`` it was opened from
    (``?call=``), if the call is of the district."""
    pk = request.GET.get("call", "")
    if pk.isdigit() and len(pk) < 19 and m.Call.objects.filter(pk=pk, district_id=district_id).exists():
        return reverse(to, args=[pk])
    return None


urlpatterns = [
    path("calls/<int:pk>/designations/", DesignationList.as_view(), name="designation-list"),
    path("calls/<int:pk>/designations/apply/", DesignationApply.as_view(), name="designation-apply"),
    path("calls/<int:pk>/designations/eligibility/", EligibilityList.as_view(), name="eligibility"),
    path("designations/<int:pk>/", DesignationDetail.as_view(), name="designation-detail"),
    path("designations/<int:pk>/decide/", DesignationDecide.as_view(), name="designation-decide"),
    path("designation-rules/<int:pk>/eligibility/", EligibilityEdit.as_view(), name="eligibility-edit"),
    path("calls/<int:pk>/designations/superintendents/", CoverageList.as_view(), name="coverage"),
    path("calls/<int:pk>/designations/superintendents/new/", CoverageEdit.as_view(), name="coverage-create"),
    path("superintendents-schools/<int:coverage>/", CoverageEdit.as_view(), name="coverage-edit"),
    path("superintendents-schools/<int:pk>/remove/", CoverageRemove.as_view(), name="coverage-delete"),
]
