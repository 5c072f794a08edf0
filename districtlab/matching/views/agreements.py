"""The agreement each placed school signs (the memorandum of understanding), who has not signed yet, which schools
graduate from the program, and a school's history in it (issue 14).

Seed 004: schools sign an MOU once placed (~3163, ~3766); returning schools continue for up to three years, then
graduate (~3571). Each person signs for themself, and the text they signed is kept as it read then.
"""
import datetime as dt
import hashlib
from dataclasses import dataclass, field

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.views import generic

from districtlab.core.people import name_for
from districtlab.core.permissions import CREATE, can, scope
from districtlab.core.roles import PositionKind
from districtlab.core.views import ActorMixin
from districtlab.org import models as org
from districtlab.org.transfer import spreadsheet_response

from .. import models as m
from ..policies import reviews
from ..program import graduates, year_before, years_in_program

LEADERS = (PositionKind.PRINCIPAL, PositionKind.ASSISTANT_PRINCIPAL)
PAGE = 50  # schools a page


def fingerprint(text: str) -> str:
    """What a sign page sends back of the agreement it showed, so a changed text is never signed unread."""
    return hashlib.sha256(text.encode()).hexdigest()


def leaders_of(district, school_ids) -> dict[int, list]:
    """School id → the people holding a principal or AP position there in the district's current school year (or
    today, when it has none): one query, whatever the number of schools."""
    year = district.current_school_year
    start, end = (year.start, year.end) if year else (dt.date.today(), dt.date.today())
    positions = (org.Position.objects.filter(school_id__in=list(school_ids), kind__in=LEADERS)
                 .filter(Q(start=None) | Q(start__lte=end), Q(end=None) | Q(end__gte=start)).select_related("person"))
    out: dict[int, list] = {}
    for p in positions:
        if p.person not in out.setdefault(p.school_id, []):
            out[p.school_id].append(p.person)
    return out


@dataclass
class Signer:
    person: org.Person
    leader: bool  # the school's principal or AP (else a member of the proposed school team)
    signature: m.Signature | None = None


@dataclass
class PlacedSchool:
    placement: m.Placement
    signers: list = field(default_factory=list)

    @property
    def signed(self):
        return [s for s in self.signers if s.signature]

    @property
    def unsigned(self):
        return [s for s in self.signers if not s.signature]


def placed_schools(placements, district) -> list[PlacedSchool]:
    """Each placement with who signs its agreement (the school's principal/AP, then its proposed school team) and
    their signatures. ``placements`` come with ``application__team`` and ``signatures`` prefetched."""
    placements = list(placements)
    leaders = leaders_of(district, {p.application.school_id for p in placements})
    out = []
    for p in placements:
        signed = {s.person_id: s for s in p.signatures.all()}
        people = [(person, True) for person in leaders.get(p.application.school_id, [])]
        seen = {person.pk for person, _ in people}
        people += [(person, False) for person in sorted(p.application.team.all(), key=lambda x: x.name)
                   if person.pk not in seen]
        out.append(PlacedSchool(p, [Signer(person, leader, signed.get(person.pk)) for person, leader in people]))
    return out


def placements_of(qs):
    return qs.select_related("application__school", "application__call__district__current_school_year",
                             "network").prefetch_related("application__team", "signatures")


class SignAgreement(ActorMixin, generic.TemplateView):
    """A placed school's agreement: its principal/AP and proposed team members read it and each signs for
    themself; the text signed is stored with the signature, so a later change of the call's text leaves it be."""

    template_name = "matching/sign.html"

    def setup_placement(self):
        qs = placements_of(scope(self.actor, m.Placement.objects.all()))
        self.placement = get_object_or_404(qs, pk=self.kwargs["pk"])
        self.call = self.placement.application.call
        self.placed = placed_schools([self.placement], self.call.district)[0]
        self.me = next((s for s in self.placed.signers if s.person.pk == self.actor.person_id), None)

    def get(self, request, *args, **kwargs):
        self.setup_placement()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.setup_placement()
        if self.me is None or not can(self.actor, CREATE, m.Signature(placement=self.placement,
                                                                        person=self.actor.person)):
            raise PermissionDenied("Only the school's principal, assistant principal and proposed team sign.")
        if self.me.signature:
            messages.info(request, f"You signed this agreement on {self.me.signature.signed_at:%b %-d, %Y}.")
            return redirect("matching:sign", pk=self.placement.pk)
        text = self.call.agreement
        problem = None
        if not text.strip():
            problem = "There is no agreement to sign yet: central office has not written it."
        elif request.POST.get("agreement") != fingerprint(text):
            problem = "The agreement changed after you opened this page. Read it as it is now, then sign."
        elif request.POST.get("agree") != "yes":
            problem = "Tick “I have read and agree” to sign."
        if problem:
            return self.render_to_response(self.get_context_data(problem=problem), status=400)
        try:
            with transaction.atomic():
                m.Signature.objects.create(placement=self.placement, person=self.actor.person, text=text)
        except IntegrityError:  # signed meanwhile, in another tab
            pass
        messages.success(request, "Signed. Thank you.")
        return redirect("matching:sign", pk=self.placement.pk)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        text = self.call.agreement
        ctx.update(placement=self.placement, call=self.call, placed=self.placed, me=self.me, agreement=text,
                   fingerprint=fingerprint(text), school=self.placement.application.school,
                   network=self.placement.network, program_staff=reviews(self.actor, self.call.district_id))
        return ctx


def call_for(actor, pk):
    """A call the actor may see (404 otherwise) whose program staff they are (403 otherwise)."""
    call = get_object_or_404(scope(actor, m.Call.objects.select_related("district__current_school_year",
                                                                         "school_year")), pk=pk)
    if not reviews(actor, call.district_id):
        raise PermissionDenied("This page is for central office and facilitators.")
    return call


class Signatures(ActorMixin, generic.TemplateView):
    """Who has signed each placed school's agreement and who has not yet, with counts; "not signed" filters; CSV."""

    template_name = "matching/signatures.html"

    def get(self, request, *args, **kwargs):
        call = call_for(self.actor, kwargs["pk"])
        placements = placements_of(scope(self.actor, m.Placement.objects.filter(application__call=call)))
        rows = placed_schools(placements.order_by("application__school__name", "pk"), call.district)
        unsigned_only = request.GET.get("show") == "unsigned"
        shown = [r for r in rows if r.unsigned] if unsigned_only else rows
        if request.GET.get("format") == "csv":
            columns = ["School", "Network", "Person", "Signs as", "Signed on"]
            data = [[r.placement.application.school.name, r.placement.network.name, name_for(self.actor, s.person),
                     "Principal or AP" if s.leader else "School team", s.signature.signed_at.date().isoformat()
                     if s.signature else "not signed"]
                    for r in shown for s in r.signers if not (unsigned_only and s.signature)]
            return spreadsheet_response(columns, data, "csv", f"agreement signatures {call.school_year.name}")
        page = Paginator(shown, PAGE).get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        ctx = self.get_context_data(
            call=call, page_obj=page, paginator=page.paginator, rows=page.object_list, unsigned_only=unsigned_only,
            querystring=query.urlencode(), schools=len(rows), complete=sum(1 for r in rows if not r.unsigned),
            people=sum(len(r.signers) for r in rows), signed=sum(len(r.signed) for r in rows),
            no_signer=sum(1 for r in rows if not r.signers), has_text=bool(call.agreement.strip()))
        return self.render_to_response(ctx)


@dataclass
class Continuing:
    school: org.School
    networks: list
    years: int
    graduates: bool
    application: m.Application | None


class Graduation(ActorMixin, generic.TemplateView):
    """The schools in the program this year: how many consecutive years each has taken part, which graduate (they
    reach the call's number of years) and which may continue, with what each answered (continue or leave)."""

    template_name = "matching/graduation.html"

    def get(self, request, *args, **kwargs):
        call = call_for(self.actor, kwargs["pk"])
        before = year_before(call.school_year)
        rows = []
        if before is not None:
            memberships = (org.NetworkMembership.objects.program()
                           .filter(network__school_year=before, network__district_id=call.district_id)
                           .select_related("school", "network").order_by("school__name", "network__name"))
            schools: dict[int, tuple] = {}
            for ms in memberships:
                schools.setdefault(ms.school_id, (ms.school, []))[1].append(ms.network)
            years = years_in_program(list(schools), before=call.school_year)
            applications = {a.school_id: a for a in scope(self.actor, m.Application.objects.filter(
                call=call, school_id__in=list(schools)))}
            rows = [Continuing(school, networks, years[pk], graduates(years[pk], call.years_before_graduation),
                               applications.get(pk)) for pk, (school, networks) in schools.items()]
        show = request.GET.get("show", "")
        shown = [r for r in rows if (show != "graduating" or r.graduates) and (show != "continuing" or not r.graduates)]
        shown.sort(key=lambda r: (not r.graduates, r.school.name))
        page = Paginator(shown, PAGE).get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        answered = [r.application.returning for r in rows if r.application and r.application.returning]
        ctx = self.get_context_data(
            call=call, before=before, page_obj=page, paginator=page.paginator, rows=page.object_list, show=show,
            querystring=query.urlencode(), total=len(rows), graduating=sum(r.graduates for r in rows),
            continuing=answered.count(m.Application.Returning.CONTINUE),
            leaving=answered.count(m.Application.Returning.LEAVE))
        return self.render_to_response(ctx)


def sees_history(actor, school) -> bool:
    """The program's staff of the school's district and the school's own staff read its history in the program."""
    return actor.superuser or reviews(actor, school.district_id) or school.pk in actor.school_ids


class SchoolHistory(ActorMixin, generic.TemplateView):
    """Every application of a school (call, role, focus areas, status, decision, where it was placed) and every
    network it belonged to, by school year."""

    template_name = "matching/school_history.html"

    def get(self, request, *args, **kwargs):
        school = get_object_or_404(scope(self.actor, org.School.objects.all()), pk=kwargs["pk"])
        if not sees_history(self.actor, school):
            raise PermissionDenied("A school's history in the program is for its staff and the program's staff.")
        applications = (scope(self.actor, m.Application.objects.filter(school=school))
                        .select_related("call__school_year", "lfa_1", "lfa_2", "lfa_3", "placement__network")
                        .order_by("-call__school_year__start"))
        memberships = (org.NetworkMembership.objects.filter(school=school)
                       .select_related("network__school_year", "network__focus_area", "network__parent")
                       .order_by("-network__school_year__start", "network__name"))
        return self.render_to_response(self.get_context_data(
            school=school, applications=applications, memberships=memberships))


urlpatterns = [
    path("placements/<int:pk>/agreement/", SignAgreement.as_view(), name="sign"),
    path("calls/<int:pk>/signatures/", Signatures.as_view(), name="signatures"),
    path("calls/<int:pk>/graduation/", Graduation.as_view(), name="graduation"),
    path("schools/<int:pk>/history/", SchoolHistory.as_view(), name="school-history"),
]
