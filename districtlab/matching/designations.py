"""The rules of the Model/Master designations (issue 14), said once; the pages in ``views/designations.py`` call them.

Seed 004: Model and Master principals are selected by their superintendent with the Chancellor's approval (~2953);
each designation has a stipend and a term (``org.DesignationRule``). Who may hold one (years in post, qualifying
ratings) and who approves it, in order (kinds of position), are the district's data (``Eligibility``). The applicant
is the person: teachers apply for teacher designations, principals for principal ones. A step of the chain goes to
the current holders of its kind of position in the district; where the district records which schools a holder
covers (``Coverage``: a superintendent's community school district), only to those covering the applicant's school,
and to every holder of the kind when none covers it.
"""
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q

from districtlab.analysis.tenure import tenure_years
from districtlab.core.permissions import scope
from districtlab.core.roles import ADMIN, CENTRAL, POSITION_ROLE, Designation, PositionKind
from districtlab.org import models as org

from . import models as m

#: The position a designation's applicant holds: teachers for teacher designations, principals for principal ones.
HOLDER = {Designation.MODEL_TEACHER: PositionKind.TEACHER, Designation.MASTER_TEACHER: PositionKind.TEACHER,
          Designation.MODEL_PRINCIPAL: PositionKind.PRINCIPAL, Designation.MASTER_PRINCIPAL: PositionKind.PRINCIPAL}
#: Who approves when the district has not said: a superintendent, then the district administrator (the Chancellor).
DEFAULT_CHAIN = [k.strip() for k in m.Eligibility._meta.get_field("approvers").default.split(",")]
#: Who may approve a designation: those who hold a position in the district office (they read every application).
APPROVER_KINDS = [(k, label) for k, label in PositionKind.choices if POSITION_ROLE[k] in (ADMIN, CENTRAL)]
KIND_LABELS = dict(PositionKind.choices)
S = m.DesignationApplication.Status


def kind_label(kind) -> str:
    return KIND_LABELS.get(kind, kind)


def labels(kinds) -> str:
    """A chain in words: "Superintendent, then District administrator"."""
    return ", then ".join(kind_label(k) for k in kinds)


def current_positions(qs, district):
    """``qs`` (positions) held during the district's current school year (today, when it has none)."""
    year = district.current_school_year
    start, end = (year.start, year.end) if year else (dt.date.today(), dt.date.today())
    return qs.filter(Q(start=None) | Q(start__lte=end), Q(end=None) | Q(end__gte=start))


def held_kinds(actor, district) -> set[str]:
    """The kinds of position the actor holds in the district now: what may make them an approver of a step."""
    if actor.person is None:
        return set()
    return set(current_positions(org.Position.objects.filter(person=actor.person, district=district), district)
               .values_list("kind", flat=True))


def applicant_positions(actor, call) -> list:
    """The actor's current positions in the call's district that may apply for a designation."""
    if actor.person is None:
        return []
    return list(current_positions(org.Position.objects.filter(
        person=actor.person, district_id=call.district_id, kind__in=set(HOLDER.values())), call.district)
        .select_related("school"))


def open_to(positions) -> list[str]:
    """The designations someone holding ``positions`` may apply for."""
    return [d for d, kind in HOLDER.items() if any(p.kind == kind for p in positions)]


def school_of(positions, designation):
    """The school an application for ``designation`` is made from: that of the applicant's position of its kind."""
    return next(p.school for p in positions if p.kind == HOLDER[designation])


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
    """Who approves, in order (kinds of position): the rule's eligibility, or ``DEFAULT_CHAIN`` when the district
    has not said."""
    eligibility = getattr(rule, "eligibility", None) if rule else None
    return eligibility.chain if eligibility else list(DEFAULT_CHAIN)


def chain_problems(kinds) -> list[tuple[int, str]]:
    """Why a chain of approvers (slots in order, "" for nobody) cannot be set: (slot, 0-based, problem)."""
    problems = []
    if any(kinds[i] and not kinds[i - 1] for i in range(1, len(kinds))):
        problems.append((1, "Name the second approver before a third."))
    named = [k for k in kinds if k]
    if len(named) != len(set(named)):
        problems.append((1, "Each kind of approver appears once in the chain."))
    return problems


def qualifying_ratings(text: str) -> list[str]:
    """The ratings that qualify, from the comma-separated text the district gives (none: any rating)."""
    return [r.strip() for r in text.split(",") if r.strip()]


def next_step(application, chain, steps_done: int):
    """(step, kind of position) whose approval ``application`` waits for, or None when it waits for nobody."""
    if application.status != S.SUBMITTED or steps_done >= len(chain):
        return None
    return steps_done, chain[steps_done]


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
    ratings = qualifying_ratings(eligibility.ratings) if eligibility else []
    rating = application.rating.strip()
    if ratings and not rating:
        problems["rating"] = f"Give your latest rating: those that qualify are {', '.join(ratings)}."
    elif ratings and rating.casefold() not in {r.casefold() for r in ratings}:
        problems["rating"] = (f"A rating of “{rating}” does not qualify for {label}: those that qualify are "
                              f"{', '.join(ratings)}.")
    return problems


def visible(actor, qs, call, kinds):
    """The designation applications of ``qs`` the actor reads: their own, central office's (every submitted one),
    and, for someone holding a kind of position (``kinds``) that approves a step of a chain, those submitted on it."""
    seen = Q(pk__in=scope(actor, m.DesignationApplication.objects.filter(call=call)).values("pk"))
    if kinds:
        chains = {d: chain_of(rule) for d, rule in rules_of(call.district_id).items()}
        theirs = [d for d in HOLDER if set(chains.get(d, DEFAULT_CHAIN)) & kinds]
        seen |= Q(designation__in=theirs) & ~Q(status__in=[S.DRAFT])
    return qs.filter(seen)


# -- Who approves a step -----------------------------------------------------------------------------------------

@dataclass
class Approvers:
    """Who decides one step of an application's chain: the positions (with their people), and how they were found."""

    kind: str
    positions: list
    covering: bool  # the positions are those covering the applicant's school
    fallback: bool  # the district records coverage for this kind, but none covers the school: every holder decides
    school: object = None

    @property
    def person_ids(self) -> set[int]:
        return {p.person_id for p in self.positions}

    @property
    def label(self) -> str:
        """The step in words, saying whose school it is routed by (or that it fell back to every holder)."""
        word = kind_label(self.kind)
        if self.covering:
            names = sorted({p.cover.name for p in self.positions if p.cover.name})
            return f"{word} ({', '.join(names)})" if names else f"{word} of {self.school}"
        if self.fallback:
            return (f"{word} (no {word.lower()} is recorded as covering {self.school}: any {word.lower()} of the "
                    f"district decides)")
        return word


def holders(district, kind) -> list:
    """The current holders of ``kind`` of position in ``district``, each with its ``cover`` (``Coverage``, None when
    not recorded) and ``covered`` (the ids of the schools it covers)."""
    found = list(current_positions(org.Position.objects.filter(district_id=district.pk, kind=kind), district)
                 .select_related("person").order_by("person__name", "pk"))
    covers = {c.position_id: c for c in m.Coverage.objects.filter(position__in=found).prefetch_related("schools")}
    for p in found:
        p.cover = covers.get(p.pk)
        p.covered = {s.pk for s in p.cover.schools.all()} if p.cover else set()
    return found


def approvers(application, kind, among=None) -> Approvers:
    """Who decides ``application``'s step of ``kind``: of the kind's current holders in its district (``among``, when
    already read by ``holders``), those whose ``Coverage`` includes the applicant's school; every holder when none
    covers it."""
    among = holders(application.call.district, kind) if among is None else among
    covering = [p for p in among if application.school_id in p.covered]
    if covering:
        return Approvers(kind, covering, covering=True, fallback=False, school=application.school)
    return Approvers(kind, among, covering=False, fallback=any(p.cover for p in among), school=application.school)


def may_decide(person_id, application, step, route: Approvers | None) -> bool:
    """The next step's approver: one of those the step goes to (``approvers``), and not the applicant."""
    return bool(step and route and person_id is not None and person_id != application.person_id
                and person_id in route.person_ids)


def waiting_for(actor, applications, rules) -> list:
    """(application, step in words) of ``applications`` whose next step waits for the actor's decision."""
    waiting, read = [], {}
    if actor.person_id is None:
        return waiting
    for a in applications:
        step = next_step(a, chain_of(rules.get(a.designation)), a.steps)
        if step and a.person_id != actor.person_id:
            if step[1] not in read:
                read[step[1]] = holders(a.call.district, step[1])
            route = approvers(a, step[1], read[step[1]])
            if may_decide(actor.person_id, a, step, route):
                waiting.append((a, route.label))
    return waiting


def needs_reason(approved: bool, reason: str) -> bool:
    """A decline says why: the applicant reads it."""
    return not approved and not reason.strip()


def record_decision(application, chain, step: int, kind: str, approver, approved: bool, reason: str) -> str:
    """Record ``approver``'s decision on ``step`` of the (locked, checked) ``application``: a decline ends the chain,
    the last approval approves it. Returns what happened, in words for the approver."""
    m.Approval.objects.create(application=application, step=step, approver_kind=kind, approver=approver,
                              approved=approved, reason=reason.strip())
    if not approved:
        application.status = S.DECLINED
    elif step + 1 == len(chain):
        application.status = S.APPROVED
    application.save()
    if not approved:
        return "Declined; the applicant reads your reason."
    if step + 1 == len(chain):
        return "Approved: the designation is given when the call's networks are published."
    return f"Approved; it now waits for the {kind_label(chain[step + 1]).lower()}."
