"""Match proposals: the list of a call's proposals, forming one (a background job), its page, pinning schools and
solving the rest again, comparing two side by side, publishing one, and each school's placement (its letter page).

Central office forms, pins and publishes; facilitators read proposals; a placement is read by its school's staff
and the program's staff (``policies``)."""
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.views import generic

from districtlab.core.changes import changes_since
from districtlab.core.permissions import CHANGE, CREATE, VIEW, can, scope
from districtlab.core.views import ActorMixin, read_revision
from districtlab.jobs.tasks import latest, start
from districtlab.org.models import NetworkMembership

from .. import models as m
from ..proposals import Unpublishable, letters_job, pinned_proposal, publish, settings_for, solve_job

PAGE = 25
HOSTS = (m.Application.Role.HOST, m.Application.Role.EITHER)
PARTNERS = (m.Application.Role.PARTNER, m.Application.Role.EITHER)
MAKE_HOST = "host"


class CallProposals(ActorMixin):
    """A page about a call's proposals: the call must be visible (404) and its proposals readable (403)."""

    def get_call(self, pk):
        call = get_object_or_404(scope(self.actor, m.Call.objects.select_related("school_year", "district")), pk=pk)
        if not can(self.actor, VIEW, m.Proposal(call=call)):
            raise PermissionDenied("Only central office and facilitators see match proposals.")
        return call

    def may_run(self, call) -> bool:
        return can(self.actor, CREATE, m.Proposal(call=call))


class ProposalPage(ActorMixin):
    """A page about one proposal: visible to the actor (404 otherwise); ``action`` asks more (403)."""

    action = VIEW

    def get_proposal(self, pk):
        proposal = get_object_or_404(scope(self.actor, m.Proposal.objects.select_related(
            "call__school_year", "call__district", "created_by", "based_on")), pk=pk)
        if not can(self.actor, self.action, proposal):
            raise PermissionDenied("Only central office forms, changes and publishes proposals.")
        return proposal


# -- The list, and forming a proposal -----------------------------------------------------------------------------

class ProposalForm(forms.Form):
    name = forms.CharField(max_length=200, required=False, help_text="Leave empty for “Proposal N”.")
    time_limit = forms.IntegerField(label="Seconds the solver may take", min_value=1, max_value=300, initial=30,
                                    help_text="A longer search may find a better score; 30 seconds is usually "
                                              "within a fraction of a percent of the best.")


class ProposalList(CallProposals, generic.View):
    def get(self, request, pk):
        call = self.get_call(pk)
        proposals = (m.Proposal.objects.filter(call=call).select_related("created_by", "based_on")
                     .order_by("-created_at", "-pk"))
        page = Paginator(proposals, PAGE).get_page(request.GET.get("page"))
        return render(request, "matching/proposal_list.html", {
            "call": call, "page_obj": page, "paginator": page.paginator, "proposals": page.object_list,
            "may_run": self.may_run(call), "compare": CompareForm(call=call, proposals=proposals),
            "form": ProposalForm()})


class ProposalCreate(CallProposals, generic.View):
    """Form a proposal from the call's accepted applications: the solver runs as a background job."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.call = self.get_call(kwargs["pk"])
            if not self.may_run(self.call):
                raise PermissionDenied("Only central office forms proposals.")
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, pk):
        return render(request, "matching/proposal_form.html", {"call": self.call, "form": ProposalForm()})

    def post(self, request, pk):
        form = ProposalForm(request.POST)
        if not form.is_valid():
            return render(request, "matching/proposal_form.html", {"call": self.call, "form": form}, status=400)
        number = m.Proposal.objects.filter(call=self.call).count() + 1
        proposal = m.Proposal.objects.create(
            call=self.call, name=form.cleaned_data["name"] or f"Proposal {number}", created_by=self.actor.person,
            settings=settings_for(self.call, form.cleaned_data["time_limit"]))
        solve_in_background(request, proposal)
        return redirect(proposal)


def solve_in_background(request, proposal):
    start(solve_job, "Forming the networks", owner=request.user, about=proposal)


# -- A proposal's page --------------------------------------------------------------------------------------------

class ProposalDetail(ProposalPage, generic.View):
    def get(self, request, pk):
        proposal = self.get_proposal(pk)
        ctx = {"proposal": proposal, "call": proposal.call, "result": proposal.result,
               "may_run": can(self.actor, CHANGE, proposal), "job": latest(proposal, solve_job),
               "letters_job": latest(proposal, letters_job)}
        if proposal.status in (m.Proposal.Status.READY, m.Proposal.Status.PUBLISHED):
            ctx["pins"] = pins_in_words(proposal)
            ctx["networks"] = explained(proposal.result)
            ctx["published"] = m.Proposal.objects.filter(call=proposal.call,
                                                         status=m.Proposal.Status.PUBLISHED).first()
            if proposal.status == m.Proposal.Status.PUBLISHED:
                ctx["placements"] = (scope(self.actor, m.Placement.objects.filter(application__call=proposal.call))
                                     .select_related("application__school", "network")
                                     .order_by("network__name", "application__school__name"))
        return render(request, "matching/proposal_detail.html", ctx)


ORDINAL = {1: "1st", 2: "2nd", 3: "3rd"}


def why(partner: dict, host: dict) -> list[str]:
    """Each part of a partner's score in its host's network, in words."""
    focus = (f"the focus area is its {ORDINAL[partner['rank']]} choice (+{partner['lfa']})" if partner["rank"]
             else "the focus area is not among its choices (+0)")
    grade = (f"same grade band, {host['grade_band']} (+{partner['grade']})" if partner["grade"]
             else f"grade band {partner['grade_band'] or 'not recorded'}, the host's {host['grade_band'] or '—'} (+0)")
    if host["grade_band"] == partner["grade_band"] and not partner["grade"]:
        grade = f"same grade band, {host['grade_band'] or 'not recorded'} (+0)"
    borough = (f"same borough, {host['borough']} (+{partner['borough']})" if partner["borough"]
               else f"borough {partner['borough'] or 'not recorded'}, the host's {host['borough'] or '—'} (+0)")
    if host["borough"] == partner["borough"] and not partner["borough"]:
        borough = f"same borough, {host['borough'] or 'not recorded'} (+0)"
    return [focus, grade, borough]


def explained(result) -> list[dict]:
    """The networks of a result, each partner with why it scores what it does."""
    return [{**n, "partners": [{**p, "why": why(p, n["host"])} for p in n["partners"]]}
            for n in result.get("networks", [])]


def names_in(result) -> dict[int, str]:
    """School id → name, for every school a proposal's result names."""
    schools = [s for n in result.get("networks", []) for s in [n["host"], *n["partners"]]]
    return {s["school"]: s["name"] for s in [*schools, *result.get("unplaced", [])]}


def pins_in_words(proposal) -> list[tuple[str, str]]:
    names = names_in(proposal.result)
    out = []
    for school, host in (proposal.pins or {}).items():
        school = names.get(int(school), "a school")
        out.append((school, "hosts its own network" if names.get(int(host)) == school else
                    f"joins {names.get(int(host), 'a host')}'s network"))
    return sorted(out)


# -- Pin and solve again ------------------------------------------------------------------------------------------

class PinForm(forms.Form):
    school = forms.TypedChoiceField(coerce=int, required=False, empty_value=None, help_text="A school of this call.")
    to = forms.ChoiceField(label="Put it", required=False,
                           help_text="Make it a host, or put it in a host's network.")
    unpin = forms.TypedMultipleChoiceField(coerce=int, required=False, widget=forms.CheckboxSelectMultiple,
                                           label="Pins to remove")

    def __init__(self, *args, proposal, applications, **kwargs):
        super().__init__(*args, **kwargs)
        self.proposal, self.applications = proposal, applications
        self.fields["school"].choices = [("", "—")] + [(a.school_id, a.school.name) for a in applications.values()]
        hosts = [(str(a.school_id), f"In {a.school.name}'s network") for a in applications.values() if a.role in HOSTS]
        self.fields["to"].choices = [("", "—"), (MAKE_HOST, "Host its own network"), *hosts]
        names = {a.school_id: a.school.name for a in applications.values()}
        self.fields["unpin"].choices = [(int(s), names.get(int(s), "A school no longer accepted"))
                                        for s in (proposal.pins or {})]

    def clean(self):
        data = super().clean()
        school, to = data.get("school"), data.get("to")
        if school is not None and not to and "to" not in self.errors:
            self.add_error("to", f"Choose where to put {self.applications[school].school.name}.")
        if school is None or not to:
            if not data.get("unpin") and not self.errors:
                self.add_error("school", "Choose a school and where to put it, or a pin to remove.")
            return data
        a = self.applications[school]
        host = school if to == MAKE_HOST else int(to)
        if host == school and a.role not in HOSTS:
            self.add_error("to", f"{a.school.name} applied only as a partner, so it cannot host.")
        elif host != school and a.role not in PARTNERS:
            self.add_error("to", f"{a.school.name} applied only to host, so it cannot join another school's network.")
        data["host"] = host
        return data


class ProposalPin(ProposalPage, generic.View):
    """Pin a school to a host (or make it a host), then solve the rest again: a new proposal based on this one."""

    action = CHANGE

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.proposal = self.get_proposal(kwargs["pk"])
            if self.proposal.status not in (m.Proposal.Status.READY, m.Proposal.Status.PUBLISHED):
                messages.error(request, "Only a proposal whose networks are formed can be pinned and solved again.")
                return redirect(self.proposal)
        return super().dispatch(request, *args, **kwargs)

    def form(self, data=None):
        from ..proposals import accepted

        applications = {a.school_id: a for a in accepted(self.proposal.call)}
        initial = {"school": self.request.GET.get("school")} if data is None else None
        return PinForm(data, initial=initial, proposal=self.proposal, applications=applications)

    def get(self, request, pk):
        return self.page(self.form())

    def post(self, request, pk):
        form = self.form(request.POST)
        if not form.is_valid():
            return self.page(form, status=400)
        pins = {int(s): int(h) for s, h in (self.proposal.pins or {}).items()
                if int(s) not in form.cleaned_data["unpin"]}
        if form.cleaned_data.get("host") is not None:
            pins[form.cleaned_data["school"]] = form.cleaned_data["host"]
        new = pinned_proposal(self.proposal, pins, self.actor.person)
        solve_in_background(request, new)
        return redirect(new)

    def page(self, form, status=200):
        return render(self.request, "matching/proposal_pin.html", {
            "proposal": self.proposal, "call": self.proposal.call, "form": form,
            "pins": pins_in_words(self.proposal)}, status=status)


# -- Compare two --------------------------------------------------------------------------------------------------

class CompareForm(forms.Form):
    a = forms.ModelChoiceField(queryset=m.Proposal.objects.none(), label="Proposal",
                               error_messages={"invalid_choice": "Choose one of this call's proposals."})
    b = forms.ModelChoiceField(queryset=m.Proposal.objects.none(), label="Compared with",
                               error_messages={"invalid_choice": "Choose one of this call's proposals."})

    def __init__(self, *args, call, proposals=None, **kwargs):
        super().__init__(*args, **kwargs)
        formed = (proposals if proposals is not None else m.Proposal.objects.filter(call=call)).filter(
            status__in=[m.Proposal.Status.READY, m.Proposal.Status.PUBLISHED])
        for name in ("a", "b"):
            self.fields[name].queryset = formed


def placements(result) -> dict[int, tuple[int, str]]:
    """School id → (host school id, host name) in a proposal's result."""
    out = {}
    for n in result.get("networks", []):
        for s in [n["host"], *n["partners"]]:
            out[s["school"]] = (n["host"]["school"], n["host"]["name"])
    return out


def comparison(a, b) -> dict:
    """Which schools moved between two proposals, and each one's score, placed count and proof."""
    names = {**names_in(a.result), **names_in(b.result)}
    in_a, in_b = placements(a.result), placements(b.result)
    rows = []
    for school in sorted(names, key=lambda s: (names[s], s)):
        x, y = in_a.get(school), in_b.get(school)
        if (x and x[0]) != (y and y[0]):
            rows.append({"name": names[school], "a": where(school, x), "b": where(school, y)})
    return {"moved": rows, "same": len(names) - len(rows),
            "totals": [(label, a.result.get(key), b.result.get(key)) for label, key in (
                ("Schools placed", "placed"), ("Score", "score"), ("Best possible score (bound)", "bound"))] + [
                ("Networks", len(a.result.get("networks", [])), len(b.result.get("networks", []))),
                ("Networks needing a facilitator", len(a.result.get("needs_facilitator", [])),
                 len(b.result.get("needs_facilitator", [])))]}


def where(school, place) -> str:
    if place is None:
        return "Not placed"
    return "Hosts its own network" if place[0] == school else f"In {place[1]}'s network"


class ProposalCompare(CallProposals, generic.View):
    def get(self, request, pk):
        call = self.get_call(pk)
        form = CompareForm(request.GET or None, call=call)
        ctx = {"call": call, "form": form}
        status = 200
        if form.is_bound:
            if form.is_valid():
                ctx.update(a=form.cleaned_data["a"], b=form.cleaned_data["b"],
                           **comparison(form.cleaned_data["a"], form.cleaned_data["b"]))
            else:
                status = 400
        return render(request, "matching/proposal_compare.html", ctx, status=status)


# -- Publish ------------------------------------------------------------------------------------------------------

class ProposalPublish(ProposalPage, generic.View):
    """Asks first; publishing creates next year's networks and sends the letters (a background job)."""

    action = CHANGE

    def get(self, request, pk):
        return self.page(self.get_proposal(pk))

    def page(self, proposal, status=200, **extra):
        """The page asking first; it carries the revision of the proposal it shows, so that publishing one someone
        changed (published, formed again) after it was shown is refused with what changed (409)."""
        return render(self.request, "matching/proposal_publish.html", {
            "proposal": proposal, "call": proposal.call, "result": proposal.result, "revision": proposal.revision,
            "designations": m.DesignationApplication.objects.filter(
                call=proposal.call, status=m.DesignationApplication.Status.APPROVED).count(), **extra}, status=status)

    def post(self, request, pk):
        proposal = self.get_proposal(pk)
        read = read_revision(request.POST)
        try:
            with transaction.atomic():
                if read is not None and m.Proposal.objects.select_for_update().filter(pk=pk).values_list(
                        "revision", flat=True).get() != read:
                    current = self.get_proposal(pk)
                    return self.page(current, status=409, conflicted=True, verbose_name="proposal",
                                     conflict=changes_since(self.actor, current, read),
                                     kept="It was not published.",
                                     again="Publish again to publish it as it is now, or go back.")
                done = publish(proposal, self.actor.person)
        except Unpublishable as exc:
            messages.error(request, f"Not published: {exc}")
            return redirect(proposal)
        messages.success(request, f"Published: {len(done.networks)} networks for {proposal.call.school_year}, "
                                  f"{len(done.placements)} schools placed. The letters are being sent.")
        for note in done.notes:
            messages.warning(request, note)
        start(letters_job, "Sending the letters to schools", owner=request.user, about=proposal,
              params={"base": request.build_absolute_uri("/")})
        return redirect(proposal)


# -- A school's placement (its letter page) -----------------------------------------------------------------------

class PlacementDetail(ActorMixin, generic.View):
    def get(self, request, pk):
        placement = get_object_or_404(scope(self.actor, m.Placement.objects.select_related(
            "application__school", "application__call__school_year", "network__focus_area",
            "network__school_year")), pk=pk)
        members = list(NetworkMembership.objects.filter(network=placement.network).select_related("school")
                       .order_by("role", "school__name"))
        mine = next((ms for ms in members if ms.school_id == placement.application.school_id), None)
        sign = reverse("matching:sign", args=[placement.pk])
        return render(request, "matching/placement_detail.html", {
            "placement": placement, "call": placement.application.call, "network": placement.network,
            "mine": mine, "host": next((ms.school for ms in members if ms.role == NetworkMembership.Role.HOST), None),
            "partners": [ms for ms in members if ms.role == NetworkMembership.Role.PARTNER],
            "facilitators": list(placement.network.facilitators.order_by("name")),
            "sign_url": sign if placement.application.school_id in self.actor.school_ids else None})


urlpatterns = [
    path("calls/<int:pk>/proposals/", ProposalList.as_view(), name="proposal-list"),
    path("calls/<int:pk>/proposals/new/", ProposalCreate.as_view(), name="proposal-create"),
    path("calls/<int:pk>/proposals/compare/", ProposalCompare.as_view(), name="proposal-compare"),
    path("proposals/<int:pk>/", ProposalDetail.as_view(), name="proposal-detail"),
    path("proposals/<int:pk>/pin/", ProposalPin.as_view(), name="proposal-pin"),
    path("proposals/<int:pk>/publish/", ProposalPublish.as_view(), name="proposal-publish"),
    path("placements/<int:pk>/", PlacementDetail.as_view(), name="placement-detail"),
]
