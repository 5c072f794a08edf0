"""Applications for the Model/Master principal and teacher designations under a call, and their approval chain
(issue 14).

Seed 004: Model and Master principals are selected by their superintendent with the Chancellor's approval (~2953);
each designation has a stipend and a term. Who may hold one (years in post, qualifying ratings) and who approves it,
in order, are the district's data (``Eligibility`` beside ``org.DesignationRule``). The applicant is the person:
teachers apply for teacher designations, principals for principal ones. Approved applications become designations
of positions when the call's proposal is published; that is also when "only at hosts of" is checked, since the
networks of the call's year do not exist before.
"""
import datetime as dt
from decimal import Decimal

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.views import generic

from districtlab.analysis.tenure import tenure_years
from districtlab.core.history import StaleRevision, carry_revision
from districtlab.core.permissions import CHANGE, CREATE, can, scope
from districtlab.core.roles import ADMIN, CENTRAL, POSITION_ROLE, Designation, PositionKind
from districtlab.core.views import ActorMixin, read_revision
from districtlab.org import models as org

from .. import cycle
from .. import models as m
from ..policies import runs

#: The position a designation's applicant holds: teachers for teacher designations, principals for principal ones.
HOLDER = {Designation.MODEL_TEACHER: PositionKind.TEACHER, Designation.MASTER_TEACHER: PositionKind.TEACHER,
          Designation.MODEL_PRINCIPAL: PositionKind.PRINCIPAL, Designation.MASTER_PRINCIPAL: PositionKind.PRINCIPAL}
DEFAULT_CHAIN = [k.strip() for k in m.Eligibility._meta.get_field("approvers").default.split(",")]
KIND_LABELS = dict(PositionKind.choices)
STATEMENT_LENGTH = 10000
REASON_LENGTH = 2000
S = m.DesignationApplication.Status


def current_positions(qs, district):
    """``qs`` (positions) held during the district's current school year (today, when it has none)."""
    year = district.current_school_year
    start, end = (year.start, year.end) if year else (dt.date.today(), dt.date.today())
    return qs.filter(Q(start=None) | Q(start__lte=end), Q(end=None) | Q(end__gte=start))


def held_kinds(actor, district) -> set[str]:
    """The kinds of position the actor holds in the district now: what makes them an approver of a step."""
    if actor.person is None:
        return set()
    return set(current_positions(org.Position.objects.filter(person=actor.person, district=district), district)
               .values_list("kind", flat=True))


def rules_of(district_id) -> dict[str, org.DesignationRule]:
    """Designation → the district's rule, with its eligibility (``rule.eligibility``, None when not set)."""
    rules = {}
    for rule in (org.DesignationRule.objects.filter(district_id=district_id)
                 .select_related("first_year", "eligibility_rules")):
        try:
            rule.eligibility = rule.eligibility_rules
        except m.Eligibility.DoesNotExist:
            rule.eligibility = None
        rules[rule.designation] = rule
    return rules


def chain_of(rule) -> list[str]:
    """Who approves, in order (kinds of position): the rule's eligibility, or superintendent then the district
    administrator (for the Chancellor) when the district has not said."""
    eligibility = getattr(rule, "eligibility", None) if rule else None
    return eligibility.chain if eligibility else list(DEFAULT_CHAIN)


def next_step(application, chain, steps_done: int):
    """(step, kind of position) whose approval ``application`` waits for, or None when it waits for nobody."""
    if application.status != S.SUBMITTED or steps_done >= len(chain):
        return None
    return steps_done, chain[steps_done]


def labels(kinds) -> str:
    return ", then ".join(KIND_LABELS.get(k, k) for k in kinds)


def eligibility_problems(application, rule, positions, as_of: dt.date) -> dict[str, str]:
    """Why ``application`` may not be submitted, by field (empty when it may): the district's rule for its
    designation, the position the applicant holds, their years in post (from ``positions``, overlaps counted once,
    up to ``as_of``) and their rating against the qualifying ones."""
    label = application.get_designation_display()
    if rule is None:
        return {"designation": f"The district has not set out the {label} designation yet: central office "
                               f"adds its rule (stipend, term, who may apply) first."}
    year = application.call.school_year
    if rule.first_year and year.start < rule.first_year.start:
        return {"designation": f"{label} designations begin in {rule.first_year.name}; this call is for "
                               f"{year.name}."}
    kind = HOLDER[application.designation]
    held = [p for p in positions if p.kind == kind]
    if not held:
        return {"designation": f"A {label} holds a {KIND_LABELS[kind].lower()} position; none of your positions "
                               f"in this district is one."}
    problems = {}
    eligibility = rule.eligibility
    if eligibility and eligibility.min_tenure_years:
        have = tenure_years([(p.start, p.end) for p in held], as_of)
        if Decimal(str(have)) < eligibility.min_tenure_years:
            problems["designation"] = (
                f"A {label} has at least {float(eligibility.min_tenure_years):g} years as a {KIND_LABELS[kind].lower()}; "
                f"your positions give {have:g}.")
    ratings = [r.strip() for r in eligibility.ratings.split(",") if r.strip()] if eligibility else []
    rating = application.rating.strip()
    if ratings and not rating:
        problems["rating"] = f"Give your latest rating: those that qualify are {', '.join(ratings)}."
    elif ratings and rating.casefold() not in {r.casefold() for r in ratings}:
        problems["rating"] = (f"A rating of “{rating}” does not qualify for {label}: those that qualify are "
                              f"{', '.join(ratings)}.")
    return problems


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

    def clean_statement(self):
        text = self.cleaned_data.get("statement", "")
        if len(text) > STATEMENT_LENGTH:
            raise forms.ValidationError(f"Keep the statement under {STATEMENT_LENGTH:,} characters "
                                        f"(it has {len(text):,}).")
        return text


def call_for(actor, pk):
    return get_object_or_404(scope(actor, m.Call.objects.select_related("district__current_school_year",
                                                                        "school_year")), pk=pk)


def applicant_positions(actor, call):
    """The actor's current positions in the call's district that may apply for a designation."""
    if actor.person is None:
        return []
    return list(current_positions(org.Position.objects.filter(
        person=actor.person, district_id=call.district_id, kind__in=set(HOLDER.values())), call.district)
        .select_related("school"))


def visible(actor, qs, call, kinds):
    """The designation applications of ``qs`` the actor reads: their own, central office's (every submitted one),
    and, for an approver, those that reach a step of the kind of position they hold."""
    seen = Q(pk__in=scope(actor, m.DesignationApplication.objects.filter(call=call)).values("pk"))
    if kinds:
        chains = {d: chain_of(rule) for d, rule in rules_of(call.district_id).items()}
        theirs = [d for d in HOLDER if set(chains.get(d, DEFAULT_CHAIN)) & kinds]
        seen |= Q(designation__in=theirs) & ~Q(status__in=[S.DRAFT])
    return qs.filter(seen)


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
        kinds = held_kinds(self.actor, call.district)
        rules = rules_of(call.district_id)
        base = (m.DesignationApplication.objects.filter(call=call).select_related("person", "school")
                .annotate(steps=Count("approvals")).order_by("designation", "person__name", "pk"))
        shown = visible(self.actor, base, call, kinds)
        waiting = []
        if kinds:
            for a in shown.filter(status=S.SUBMITTED).exclude(person_id=self.actor.person_id):
                step = next_step(a, chain_of(rules.get(a.designation)), a.steps)
                if step and step[1] in kinds:
                    waiting.append((a, KIND_LABELS.get(step[1], step[1])))
        filters = DesignationFilter(request.GET or None)
        if filters.is_valid():
            if filters.cleaned_data["status"]:
                shown = shown.filter(status=filters.cleaned_data["status"])
            if filters.cleaned_data["designation"]:
                shown = shown.filter(designation=filters.cleaned_data["designation"])
        page = Paginator(shown, 25).get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        ordered = [rules.get(d) for d in HOLDER]
        ctx = self.get_context_data(
            call=call, page_obj=page, paginator=page.paginator, object_list=page.object_list, waiting=waiting,
            filterset=filters, querystring=query.urlencode(),
            rules=[(Designation(d).label, r, labels(chain_of(r)) if r else "") for d, r in zip(HOLDER, ordered)],
            can_apply=bool(applicant_positions(self.actor, call)), runs=runs(self.actor, call.district_id))
        return self.render_to_response(ctx)


class DesignationApply(ActorMixin, generic.TemplateView):
    """Apply for a designation (or go on with a draft): "Save draft" keeps it; "Submit" checks eligibility first,
    and what was typed is kept as a draft when it is refused, with each reason beside its field."""

    template_name = "matching/designation_apply.html"

    def prepare(self):
        self.call = call_for(self.actor, self.kwargs["pk"])
        self.positions = applicant_positions(self.actor, self.call)
        self.allowed = [d for d, kind in HOLDER.items() if any(p.kind == kind for p in self.positions)]

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
        kind = HOLDER[designation]
        application.school = next(p.school for p in self.positions if p.kind == kind)
        application.rating = form.cleaned_data["rating"].strip()
        application.statement = form.cleaned_data["statement"]
        if not can(self.actor, CREATE if application.pk is None else CHANGE, application):
            raise PermissionDenied("You apply only for yourself.")
        if "submit" in request.POST:
            rule = rules_of(self.call.district_id).get(designation)
            problems = eligibility_problems(application, rule, self.positions, self.call.district.records_until())
            if problems:
                application.save()
                for name, message in problems.items():
                    form.add_error(name, message)
                messages.error(request, "Saved as a draft, not submitted: see what stops it below.")
                return self.render_to_response(self.get_context_data(form=form, draft=application), status=400)
            application.status = S.SUBMITTED
        application.save()
        messages.success(request, "Submitted: it now goes to its approvers, in order." if application.status ==
                         S.SUBMITTED else "Draft saved. Submit it when it is ready.")
        return redirect(application)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        rules = rules_of(self.call.district_id)
        ctx.update(call=self.call, positions=self.positions, closed=cycle.refusal(self.call),
                   rules=[(Designation(d).label, rules.get(d), labels(chain_of(rules.get(d)))) for d in self.allowed])
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
        if data.get("decision") == "decline" and not (data.get("reason") or "").strip():
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
        self.kinds = held_kinds(self.actor, call.district) if self.actor.in_district(call.district_id) else set()
        self.application = get_object_or_404(visible(self.actor, qs.filter(pk=candidate.pk), call, self.kinds))
        self.rule = rules_of(call.district_id).get(self.application.designation)
        self.chain = chain_of(self.rule)
        self.approvals = list(self.application.approvals.select_related("approver").order_by("step"))
        self.step = next_step(self.application, self.chain, len(self.approvals))

    def may_decide(self) -> bool:
        """The next step's approver: someone holding that kind of position in the district, not the applicant."""
        return bool(self.step and self.step[1] in self.kinds and self.actor.person_id != self.application.person_id)

    def get(self, request, *args, **kwargs):
        self.prepare()
        return self.render_to_response(self.get_context_data(form=DecisionForm() if self.may_decide() else None))

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        a = self.application
        done = {x.step: x for x in self.approvals}
        steps = [(i, KIND_LABELS.get(kind, kind), done.get(i)) for i, kind in enumerate(self.chain)]
        approvers = {}
        if self.step:
            approvers = {self.step[1]: list(current_positions(org.Position.objects.filter(
                district_id=a.call.district_id, kind=self.step[1]), a.call.district).select_related("person")
                .order_by("person__name"))}
        problems = None
        if a.status == S.DRAFT and a.person_id == self.actor.person_id:
            problems = eligibility_problems(a, self.rule, applicant_positions(self.actor, a.call),
                                            a.call.district.records_until())
        ctx.update(application=a, call=a.call, rule=self.rule, chain_words=labels(self.chain), steps=steps,
                   step=self.step, waiting_on=approvers.get(self.step[1]) if self.step else None,
                   may_decide=self.may_decide(), mine=a.person_id == self.actor.person_id, problems=problems)
        return ctx


class DesignationDecide(DesignationDetail):
    """The next approver approves or declines (with a reason); a decline ends the chain, the last approval
    approves the application."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        self.prepare()
        if not self.may_decide():
            raise PermissionDenied("Only the approver of the application's next step decides it.")
        form = DecisionForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        step, kind = self.step
        approved = form.cleaned_data["decision"] == "approve"
        try:
            with transaction.atomic():
                application = m.DesignationApplication.objects.select_for_update().get(pk=self.application.pk)
                if application.status != S.SUBMITTED or application.approvals.count() != step:
                    raise IntegrityError("decided meanwhile")
                m.Approval.objects.create(application=application, step=step, approver_kind=kind,
                                          approver=self.actor.person, approved=approved,
                                          reason=form.cleaned_data["reason"].strip())
                if not approved:
                    application.status = S.DECLINED
                elif step + 1 == len(self.chain):
                    application.status = S.APPROVED
                application.save()
        except IntegrityError:
            messages.error(request, "Someone decided this step meanwhile: here is the application as it is now.")
            return redirect("matching:designation-detail", pk=self.application.pk)
        if not approved:
            messages.success(request, "Declined; the applicant reads your reason.")
        elif step + 1 == len(self.chain):
            messages.success(request, "Approved: the designation is given when the call's networks are published.")
        else:
            following = KIND_LABELS.get(self.chain[step + 1], self.chain[step + 1]).lower()
            messages.success(request, f"Approved; it now waits for the {following}.")
        return redirect("matching:designation-detail", pk=self.application.pk)


#: Who may approve a designation: those who hold a position in the district office (they read every application).
APPROVER_KINDS = [(k, label) for k, label in PositionKind.choices if POSITION_ROLE[k] in (ADMIN, CENTRAL)]


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
        chain = [data.get(k) for k in ("first", "second", "third")]
        if chain[2] and not chain[1]:
            self.add_error("second", "Name the second approver before a third.")
        kinds = [k for k in chain if k]
        if len(kinds) != len(set(kinds)):
            self.add_error("second", "Each kind of approver appears once in the chain.")
        data["approvers"] = ",".join(kinds)
        return data


class EligibilityList(ActorMixin, generic.TemplateView):
    """Central office's page for the eligibility of each of the district's designations."""

    template_name = "matching/designation_eligibility.html"

    def get(self, request, *args, **kwargs):
        call = call_for(self.actor, kwargs["pk"])
        if not runs(self.actor, call.district_id):
            raise PermissionDenied("Central office sets who may hold a designation.")
        rules = rules_of(call.district_id)
        return self.render_to_response(self.get_context_data(
            call=call, rules=[(Designation(d).label, rules.get(d), labels(chain_of(rules.get(d))) if d in rules
                               else "") for d in HOLDER]))


class EligibilityEdit(ActorMixin, generic.TemplateView):
    """Set who may hold one designation (fewest years in post, qualifying ratings) and who approves it, in order."""

    template_name = "matching/designation_eligibility_form.html"

    def prepare(self):
        self.rule = get_object_or_404(scope(self.actor, org.DesignationRule.objects.select_related("district")),
                                      pk=self.kwargs["pk"])
        self.eligibility = m.Eligibility.objects.filter(rule=self.rule).first() or m.Eligibility(rule=self.rule)
        action = CREATE if self.eligibility.pk is None else CHANGE
        if not runs(self.actor, self.rule.district_id) or not can(self.actor, action, self.eligibility):
            raise PermissionDenied("Central office sets who may hold a designation.")
        self.back = request_call(self.request, self.rule.district_id)

    def initial(self):
        e = self.eligibility
        chain = e.chain + ["", "", ""]
        return {"min_tenure_years": e.min_tenure_years, "ratings": e.ratings, "first": chain[0] or
                PositionKind.SUPERINTENDENT, "second": chain[1], "third": chain[2]}

    def form(self, data=None):
        return carry_revision(EligibilityForm(data, initial=self.initial()), self.eligibility)

    def get(self, request, *args, **kwargs):
        self.prepare()
        return self.render_to_response(self.get_context_data(form=self.form()))

    def post(self, request, *args, **kwargs):
        self.prepare()
        form = self.form(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        e = self.eligibility
        read = read_revision(form) if e.pk else None
        e.min_tenure_years = form.cleaned_data["min_tenure_years"]
        e.ratings = ", ".join(r.strip() for r in form.cleaned_data["ratings"].split(",") if r.strip())
        e.approvers = form.cleaned_data["approvers"]
        try:
            with transaction.atomic():
                if read is not None:
                    e.expect_revision(read)
                e.save()
        except StaleRevision:
            messages.error(request, "Someone changed these rules after you opened the page: here they are now. "
                                    "Make your change again.")
            return redirect(request.get_full_path())
        messages.success(request, f"Saved who may hold a {self.rule.get_designation_display()} and who approves.")
        return redirect(self.back or request.get_full_path())

    def get_context_data(self, **kwargs):
        return super().get_context_data(rule=self.rule, back=self.back, **kwargs)


def request_call(request, district_id):
    """Where an eligibility page returns: the call it was opened from (``?call=``), if it is of the district."""
    pk = request.GET.get("call", "")
    if pk.isdigit() and m.Call.objects.filter(pk=pk, district_id=district_id).exists():
        return reverse("matching:eligibility", args=[pk])
    return None


urlpatterns = [
    path("calls/<int:pk>/designations/", DesignationList.as_view(), name="designation-list"),
    path("calls/<int:pk>/designations/apply/", DesignationApply.as_view(), name="designation-apply"),
    path("calls/<int:pk>/designations/eligibility/", EligibilityList.as_view(), name="eligibility"),
    path("designations/<int:pk>/", DesignationDetail.as_view(), name="designation-detail"),
    path("designations/<int:pk>/decide/", DesignationDecide.as_view(), name="designation-decide"),
    path("designation-rules/<int:pk>/eligibility/", EligibilityEdit.as_view(), name="eligibility-edit"),
]
