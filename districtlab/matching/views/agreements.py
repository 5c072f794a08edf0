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
from django.db.models import Count, Exists, OuterRef, Q, Value
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils import timezone
from django.views import generic

from districtlab.core.people import name_for
from districtlab.core.permissions import CREATE, can, scope
from districtlab.core.roles import PositionKind
from districtlab.core.views import ActorMixin
from districtlab.org import models as org
from districtlab.org.transfer import spreadsheet_response

from .. import models as m
from ..policies import reviews
from ..program import year_before, years_in_program

LEADERS = (PositionKind.PRINCIPAL, PositionKind.ASSISTANT_PRINCIPAL)
PAGE = 25  # schools a page


def fingerprint(text: str) -> str:
    """What a sign page sends back of the agreement it showed, so a changed text is never signed unread."""
    return hashlib.sha256(text.encode()).hexdigest()


def in_year(district, at=""):
    """The positions (``at`` the path to them) held during the district's current school year (or today, when it
    has none)."""
    year = district.current_school_year
    start, end = (year.start, year.end) if year else (dt.date.today(), dt.date.today())
    return (Q(**{f"{at}start": None}) | Q(**{f"{at}start__lte": end}),
            Q(**{f"{at}end": None}) | Q(**{f"{at}end__gte": start}))


def leaders_of(district, school_ids) -> dict[int, list]:
    """School id → the people holding a principal or AP position there in the district's current school year (or
    today, when it has none): one query, whatever the number of schools."""
    positions = (org.Position.objects.filter(school_id__in=list(school_ids), kind__in=LEADERS)
                 .filter(*in_year(district)).select_related("person"))
    out: dict[int, list] = {}
    for p in positions:
        if p.person not in out.setdefault(p.school_id, []):
            out[p.school_id].append(p.person)
    return out


def signed_by(placement, person):
    """A signature of the placement (an ``OuterRef`` to it) by the person (one to them)."""
    return m.Signature.objects.filter(placement_id=placement, person_id=person)


def with_signers(placements, district):
    """``placements`` annotated, in SQL, with ``has_signer`` (someone is recorded to sign: a principal/AP of the
    school this year or a member of its proposed team) and ``unsigned`` (one of them has not signed yet), as
    ``placed_schools`` tells them for a page: so the page's filter, order and counts are the database's work."""
    leaders = org.Position.objects.filter(school_id=OuterRef("application__school_id"), kind__in=LEADERS).filter(
        *in_year(district))
    team = m.Application.team.through.objects.filter(application_id=OuterRef("application_id"))
    outer = OuterRef(OuterRef("pk"))
    return placements.annotate(
        has_signer=Exists(leaders) | Exists(team),
        unsigned=Exists(leaders.filter(~Exists(signed_by(outer, OuterRef("person_id")))))
        | Exists(team.filter(~Exists(signed_by(outer, OuterRef("person_id"))))))


def signer_counts(placements, district) -> tuple[int, int]:
    """(people recorded to sign, those who have signed) over ``placements``: a count each, in SQL."""
    ids = placements.values("pk")
    at = "application__school__positions__"
    leaders = (m.Placement.objects.filter(Q(**{f"{at}kind__in": LEADERS}),  # one join: kind and year of one position
                                          *in_year(district, at), pk__in=ids)
               .values_list("pk", f"{at}person_id"))
    team = m.Placement.objects.filter(pk__in=ids).exclude(application__team=None).values_list(
        "pk", "application__team")
    people = leaders.union(team).count()
    leader = org.Position.objects.filter(school_id=OuterRef("placement__application__school_id"),
                                         person_id=OuterRef("person_id"), kind__in=LEADERS).filter(*in_year(district))
    member = m.Application.team.through.objects.filter(application_id=OuterRef("placement__application_id"),
                                                       person_id=OuterRef("person_id"))
    signed = m.Signature.objects.filter(placement__in=ids).filter(Exists(leader) | Exists(member)).count()
    return people, signed


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
            signed = timezone.localtime(self.me.signature.signed_at)  # the district's day, as the page shows it
            messages.info(request, f"You signed this agreement on {signed:%b %-d, %Y}.")
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
        district = call.district
        placed = with_signers(scope(self.actor, m.Placement.objects.filter(application__call=call)), district)
        unsigned_only = request.GET.get("show") == "unsigned"
        shown = (placed.filter(unsigned=True) if unsigned_only else placed).order_by("application__school__name", "pk")
        if request.GET.get("format") == "csv":  # the whole list, as asked for: an export
            columns = ["School", "Network", "Person", "Signs as", "Signed on"]
            data = [[r.placement.application.school.name, r.placement.network.name, name_for(self.actor, s.person),
                     "Principal or AP" if s.leader else "School team", s.signature.signed_at.date().isoformat()
                     if s.signature else "not signed"]
                    for r in placed_schools(placements_of(shown), district) for s in r.signers
                    if not (unsigned_only and s.signature)]
            return spreadsheet_response(columns, data, "csv", f"agreement signatures {call.school_year.name}")
        page = Paginator(placements_of(shown), PAGE).get_page(request.GET.get("page"))
        rows = placed_schools(page.object_list, district)  # who signs, for this page's schools only
        query = request.GET.copy()
        query.pop("page", None)
        people, signed = signer_counts(placed, district)
        ctx = self.get_context_data(
            call=call, page_obj=page, paginator=page.paginator, rows=rows, unsigned_only=unsigned_only,
            querystring=query.urlencode(), schools=placed.count(), complete=placed.filter(unsigned=False).count(),
            people=people, signed=signed, no_signer=placed.filter(has_signer=False).count(),
            has_text=bool(call.agreement.strip()))
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
        show = request.GET.get("show", "")
        rows, page, totals = [], None, dict(total=0, graduating=0, continuing=0, leaving=0)
        if before is not None:
            schools = in_the_program(call, before)
            shown = schools.filter(graduates=show == "graduating") if show in ("graduating", "continuing") else schools
            page = Paginator(shown.order_by("-graduates", "name", "pk"), PAGE).get_page(request.GET.get("page"))
            rows = continuing_rows(self.actor, call, before, list(page.object_list))
            answers = (scope(self.actor, m.Application.objects.filter(call=call, school__in=schools))
                       .aggregate(continuing=Count("pk", filter=Q(returning=m.Application.Returning.CONTINUE)),
                                  leaving=Count("pk", filter=Q(returning=m.Application.Returning.LEAVE))))
            totals = dict(total=schools.count(), graduating=schools.filter(graduates=True).count(), **answers)
        query = request.GET.copy()
        query.pop("page", None)
        ctx = self.get_context_data(call=call, before=before, page_obj=page, paginator=page and page.paginator,
                                    rows=rows, show=show, querystring=query.urlencode(), **totals)
        return self.render_to_response(ctx)


def in_the_program(call, before):
    """The district's schools in a program network in ``before`` (the year before the call's), each annotated, in
    SQL, with ``graduates``: in the program each of the call's ``years_before_graduation`` years up to ``before``."""
    limit = call.years_before_graduation
    years = list(org.SchoolYear.objects.filter(district_id=call.district_id, start__lte=before.start)
                 .order_by("-start").values_list("pk", flat=True)[:limit])

    def member(year):
        return Exists(org.NetworkMembership.objects.program().filter(school_id=OuterRef("pk"),
                                                                     network__school_year_id=year))

    schools = org.School.objects.filter(member(before.pk), district_id=call.district_id)
    if limit < 1 or len(years) < limit:
        return schools.annotate(graduates=Value(limit < 1))
    every = member(years[0])
    for year in years[1:]:
        every &= member(year)
    return schools.annotate(graduates=every)


def continuing_rows(actor, call, before, schools) -> list[Continuing]:
    """A page of ``in_the_program``: each school's networks in ``before``, years in the program and application."""
    ids = [s.pk for s in schools]
    networks: dict[int, list] = {}
    for ms in (org.NetworkMembership.objects.program().filter(network__school_year=before, school_id__in=ids)
               .select_related("network").order_by("network__name")):
        networks.setdefault(ms.school_id, []).append(ms.network)
    years = years_in_program(ids, before=call.school_year)
    applications = {a.school_id: a for a in scope(actor, m.Application.objects.filter(call=call, school_id__in=ids))}
    return [Continuing(s, networks.get(s.pk, []), years[s.pk], s.graduates, applications.get(s.pk)) for s in schools]


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
