"""Match proposals and their publishing (issue 14): what a proposal reads from the database, hands to the solver
(``analysis.matching.match`` and ``analysis.caseload.assign_facilitators``) and keeps; and what publishing it
creates (next year's networks, memberships, facilitators, placements, designations) and the letters it sends.

A proposal is formed from the call's accepted, submitted applications. Each school is the solver's ``school:<id>``
and each focus area ``lfa:<id>``, so names may repeat or change without confusing it; the result keeps the names as
they were, for the page. Schools that apply together (each names the other among the schools it wants to work
with, or either does: the application's words), schools one asks not to work with, and the schools of one of this
year's networks that all continue are the solver's ``want``, ``avoid`` and ``keep_together``.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from districtlab.accounts.mail import deliver
from districtlab.analysis.caseload import Facilitator, Group, assign_facilitators, covers
from districtlab.analysis.matching import Applicant, MatchingError, match
from districtlab.core.roles import Designation, PositionKind
from districtlab.jobs.models import Job
from districtlab.jobs.tasks import Refused
from districtlab.org.models import Network, NetworkMembership, Person, Position

from . import models as m
from .program import year_before

SCHOOL = re.compile(r"school:(\d+)")
TIME_LIMIT = 30  # seconds the solver may take, unless the proposal says otherwise
KINDS = {1: Network.Kind.PAIR, 2: Network.Kind.TRIAD, 3: Network.Kind.QUAD}
KIND_WORDS = {Network.Kind.PAIR: "pair", Network.Kind.TRIAD: "triad", Network.Kind.QUAD: "quad",
              Network.Kind.COHORT: "cohort", Network.Kind.OTHER: "network"}
TEACHER_DESIGNATIONS = {Designation.MODEL_TEACHER, Designation.MASTER_TEACHER}
LEADERS = (PositionKind.PRINCIPAL, PositionKind.ASSISTANT_PRINCIPAL)


def school_key(school_id) -> str:
    return f"school:{school_id}"


def school_id(key: str) -> int:
    return int(key.split(":", 1)[1])


def accepted(call):
    """The call's applications that are submitted and accepted: the schools a proposal places."""
    return (m.Application.objects.filter(call=call, status=m.Application.Status.SUBMITTED,
                                         decision=m.Application.Decision.ACCEPTED)
            .select_related("school", "lfa_1", "lfa_2", "lfa_3").order_by("school__name", "pk"))


def kind_for(partners: int) -> str:
    """A network's kind by its number of partners: a pair for one, a triad for two, a quad for three, else a cohort.

    >>> kind_for(1), kind_for(2), kind_for(3), kind_for(5)
    ('pair', 'triad', 'quad', 'cohort')
    """
    if partners == 0:
        return Network.Kind.OTHER
    return KINDS.get(partners, Network.Kind.COHORT)


def settings_for(call, time_limit: int | None = None) -> dict:
    """What a proposal of ``call`` is solved with: the call's weights, network sizes and caseloads."""
    return {"weights": {"lfa": call.weight_lfa, "grade": call.weight_grade, "borough": call.weight_borough},
            "partners_min": call.partners_min, "partners_max": call.partners_max,
            "networks_per_facilitator": call.networks_per_facilitator,
            "schools_per_facilitator": call.schools_per_facilitator, "time_limit": time_limit or TIME_LIMIT}


# -- Forming a proposal -------------------------------------------------------------------------------------------

class Unformed(Exception):
    """Why no networks could be formed, in the director's words."""


@dataclass
class Input:
    """What the solver is given, and how to say its schools' names again."""

    applications: dict[int, m.Application]  # school id → application
    applicants: list[Applicant]
    want: list[tuple[str, str]] = field(default_factory=list)
    avoid: list[tuple[str, str]] = field(default_factory=list)
    keep_together: list[list[str]] = field(default_factory=list)
    pinned: dict[str, str] = field(default_factory=dict)

    def words(self, text: str) -> str:
        """The solver's message with each school's name in place of its key."""
        def name(found):
            a = self.applications.get(int(found.group(1)))
            return a.school.name if a else "a school no longer accepted"
        return SCHOOL.sub(name, text)


def gather(proposal) -> Input:
    """The accepted applications of the proposal's call as the solver's input, with the proposal's pins."""
    call = proposal.call
    apps = {a.school_id: a for a in accepted(call)}
    if not apps:
        raise Unformed("No application to this call is accepted yet: accept some applications, then form networks.")
    missing = [a.school.name for a in apps.values() if a.lfa_1_id is None]
    if missing:
        raise Unformed(f"{_names(missing)} {'has' if len(missing) == 1 else 'have'} no focus area chosen: "
                       "every accepted application needs a first choice of focus area.")
    applicants = [Applicant(school_key(a.school_id), a.role, a.school.grade_band, a.school.region,
                            tuple(f"lfa:{f.pk}" for f in a.focus_areas)) for a in apps.values()]
    data = Input(apps, applicants)
    ids = list(apps)
    for through, pairs in ((m.Application.want.through, data.want), (m.Application.avoid.through, data.avoid)):
        seen = set()
        for mine, other in through.objects.filter(application__in=[a.pk for a in apps.values()],
                                                  school_id__in=ids).values_list("application__school_id",
                                                                                 "school_id"):
            pair = tuple(sorted((mine, other)))
            if mine != other and pair not in seen:
                seen.add(pair)
                pairs.append((school_key(pair[0]), school_key(pair[1])))
    before = year_before(call.school_year)
    if before is not None:
        groups = defaultdict(set)
        for network, school in (NetworkMembership.objects.program()
                                .filter(network__school_year=before, network__district_id=call.district_id)
                                .values_list("network_id", "school_id")):
            groups[network].add(school)
        for schools in groups.values():
            if len(schools) > 1 and all(s in apps and apps[s].returning == m.Application.Returning.CONTINUE
                                        for s in schools):
                data.keep_together.append([school_key(s) for s in sorted(schools)])
    for school, host in (proposal.pins or {}).items():
        school, host = int(school), int(host)
        gone = [apps.get(s) is None for s in (school, host)]
        if any(gone):
            raise Unformed("A pinned school's application is no longer accepted (withdrawn or decided again): "
                           "remove the pin and solve again.")
        data.pinned[school_key(school)] = school_key(host)
    return data


def solve(proposal) -> None:
    """Form the proposal's networks and facilitators (or say why none can be formed) and keep them on it."""
    options = {**settings_for(proposal.call), **(proposal.settings or {})}
    try:
        data = gather(proposal)
        try:
            found = match(data.applicants, partners_min=options["partners_min"],
                          partners_max=options["partners_max"], weights=options["weights"],
                          time_limit=options["time_limit"], want=data.want, avoid=data.avoid,
                          keep_together=data.keep_together, pinned=data.pinned)
        except (MatchingError, ValueError) as exc:
            raise Unformed(data.words(str(exc))) from exc
    except Unformed as exc:
        proposal.result, proposal.status, proposal.problem = {}, m.Proposal.Status.FAILED, str(exc)
    else:
        proposal.result = result_of(proposal.call, data, found, options)
        proposal.status, proposal.problem = m.Proposal.Status.READY, ""
    proposal.settings = options
    proposal.save(update_fields=["result", "status", "problem", "settings"])


def _school(a: m.Application) -> dict:
    return {"school": a.school_id, "name": a.school.name, "role": a.role, "grade_band": a.school.grade_band,
            "borough": a.school.region, "focus": [f.name for f in a.focus_areas]}


def result_of(call, data: Input, found, options: dict) -> dict:
    """The solver's answer as the proposal keeps it: every network with each partner's reasons, the schools left
    out, the proof, and each network's facilitator."""
    apps = data.applications
    networks = []
    for n in found.networks:
        host = apps[school_id(n.host)]
        focus = host.lfa_1
        partners = []
        for f in n.fits:
            p = apps[school_id(f.partner)]
            rank = next((i for i, lfa in enumerate(p.focus_areas, 1) if lfa.pk == focus.pk), 0)
            partners.append({**_school(p), "rank": rank, "lfa": f.lfa, "grade": f.grade, "borough": f.borough,
                             "score": f.score})
        networks.append({"host": _school(host), "focus": focus.pk, "focus_name": focus.name, "score": n.score,
                         "partners": partners, "kind": kind_for(len(partners)), "facilitator": None})
    networks.sort(key=lambda n: (n["host"]["name"], n["host"]["school"]))
    caseloads = facilitate(call, networks, options)
    bound = max(found.bound, found.score)
    return {"networks": networks, "unplaced": [_school(apps[school_id(s)]) for s in found.unplaced],
            "placed": found.placed, "applicants": len(apps), "score": found.score, "optimal": found.optimal,
            "bound": bound, "gap": round(100 * (bound - found.score) / bound, 2) if bound else 0.0,
            "seconds": round(found.seconds, 2), "needs_facilitator": caseloads.unassigned,
            "pinned": {str(school_id(k)): school_id(v) for k, v in data.pinned.items()}}


def facilitators_of(call) -> list[tuple[object, frozenset[str]]]:
    """The district's facilitators for ``call`` (a facilitator position active in its school year or the year
    before) with the boroughs they cover (those of the schools in the networks they support the year before)."""
    years = [y for y in (call.school_year, year_before(call.school_year)) if y is not None]
    active = Q()
    for y in years:
        active |= (Q(start__isnull=True) | Q(start__lte=y.end)) & (Q(end__isnull=True) | Q(end__gte=y.start))
    people = {p.person_id: p.person for p in Position.objects.filter(
        active, district_id=call.district_id, kind=PositionKind.FACILITATOR).select_related("person")}
    boroughs = defaultdict(set)
    if len(years) > 1:
        for person, region in NetworkMembership.objects.program().filter(
                network__school_year=years[1], network__facilitators__in=list(people)).values_list(
                "network__facilitators", "school__region"):
            boroughs[person].add(region)
    return sorted(((person, covers([boroughs[pk]])) for pk, person in people.items()), key=lambda p: p[0].name)


def facilitate(call, networks: list[dict], options: dict):
    """Give each network of a proposal a facilitator (``analysis.caseload``), in place."""
    people = facilitators_of(call)
    groups = [Group(str(n["host"]["school"]), tuple(s["borough"] for s in [n["host"], *n["partners"]]))
              for n in networks]
    caseloads = assign_facilitators(groups, [Facilitator(str(p.pk), b) for p, b in people],
                                    networks_per=options["networks_per_facilitator"],
                                    schools_per=options["schools_per_facilitator"])
    by_id = {str(p.pk): (p, b) for p, b in people}
    for n, g in zip(networks, groups):
        if g.key in caseloads.assigned:
            person, boroughs = by_id[caseloads.assigned[g.key]]
            n["facilitator"] = {"id": person.pk, "name": person.name,
                                "covers": sum(b in boroughs for b in g.boroughs)}
    return caseloads


def pinned_proposal(base, pins: dict[str, int], person, name: str = ""):
    """A new proposal based on ``base``, with ``pins`` (school id → host school id), to be solved again."""
    number = m.Proposal.objects.filter(call_id=base.call_id).count() + 1
    return m.Proposal.objects.create(
        call_id=base.call_id, name=name or f"Proposal {number} (from “{base.name}”, {len(pins)} pinned)",
        created_by=person, based_on=base, pins={str(k): int(v) for k, v in pins.items()},
        settings={**settings_for(base.call), "time_limit": (base.settings or {}).get("time_limit", TIME_LIMIT)})


def solve_job(job) -> str:
    """Form the networks of the proposal ``job`` is about (a background job started from the proposal's page)."""
    proposal = m.Proposal.objects.select_related("call__school_year", "call__district").filter(
        pk=job.target_id).first()
    if proposal is None:
        raise Refused("the proposal was removed")
    solve(proposal)
    if proposal.status == m.Proposal.Status.FAILED:
        return f"No networks could be formed: {proposal.problem}"
    r = proposal.result
    return f"{len(r['networks'])} networks formed, {r['placed']} of {r['applicants']} schools placed."


# -- Publishing ---------------------------------------------------------------------------------------------------

class Unpublishable(Exception):
    """Why a proposal cannot be published, in the director's words."""


@dataclass
class Published:
    networks: list
    placements: list
    designations: list[str]  # what became of each approved designation
    notes: list[str]  # what could not be done, in words


def publish(proposal, person) -> Published:
    """Publish ``proposal``: in one transaction, next year's networks with their memberships (new or returning) and
    facilitators, a placement per placed school, and the approved designations as the people's positions. Refused
    (``Unpublishable``) unless it is ready, no other proposal of its call is published, and its school year has no
    networks from another publication."""
    with transaction.atomic():
        call = m.Call.objects.select_for_update().select_related("school_year", "district").get(pk=proposal.call_id)
        proposal = m.Proposal.objects.select_for_update().get(pk=proposal.pk)
        if proposal.status != m.Proposal.Status.READY:
            raise Unpublishable(f"Only a proposal that is ready can be published; “{proposal.name}” is "
                                f"{proposal.get_status_display().lower()}.")
        other = m.Proposal.objects.filter(call=call, status=m.Proposal.Status.PUBLISHED).first()
        if other is not None:
            raise Unpublishable(f"“{other.name}” is already published for this call; only one proposal of a call "
                                "is published.")
        year = call.school_year
        if m.Placement.objects.filter(network__school_year=year, network__district_id=call.district_id).exists():
            raise Unpublishable(f"{year} already has networks from a published proposal.")
        result = proposal.result
        placed = [s["school"] for n in result["networks"] for s in [n["host"], *n["partners"]]]
        apps = {a.school_id: a for a in accepted(call).filter(school_id__in=placed)}
        gone = [s["name"] for n in result["networks"] for s in [n["host"], *n["partners"]]
                if s["school"] not in apps]
        if gone:
            raise Unpublishable(f"{_names(gone)} {'is' if len(gone) == 1 else 'are'} no longer accepted (withdrawn "
                                "or decided again since this proposal was formed): form a new proposal.")
        before = year_before(year)
        returning = set(NetworkMembership.objects.program().filter(
            network__school_year=before, school_id__in=placed).values_list("school_id", flat=True)) if before else set()
        taken = set(Network.objects.filter(district_id=call.district_id, school_year=year).values_list("name",
                                                                                                       flat=True))
        facilitators = {p.pk: p for p in Person.objects.filter(pk__in=[
            n["facilitator"]["id"] for n in result["networks"] if n["facilitator"]])} if result["networks"] else {}
        networks, placements, memberships = [], [], []
        for n in result["networks"]:
            host = apps[n["host"]["school"]]
            kind = kind_for(len(n["partners"]))
            name = _free(f"{host.school.name} {KIND_WORDS[kind]}", taken)
            network = Network.objects.create(district_id=call.district_id, school_year=year, name=name, kind=kind,
                                             focus_area_id=host.lfa_1_id, synthetic=call.synthetic)
            if n["facilitator"] and n["facilitator"]["id"] in facilitators:
                network.facilitators.add(facilitators[n["facilitator"]["id"]])
            for s, role in [(n["host"], NetworkMembership.Role.HOST),
                            *((p, NetworkMembership.Role.PARTNER) for p in n["partners"])]:
                memberships.append(NetworkMembership(network=network, school_id=s["school"], role=role,
                                                     returning=s["school"] in returning))
                placements.append(m.Placement(application=apps[s["school"]], network=network))
            networks.append(network)
        for record in memberships + placements:  # one at a time: each save is recorded (Tracked)
            record.save()
        done, notes = designate(call, person)
        proposal.status, proposal.published_at = m.Proposal.Status.PUBLISHED, timezone.now()
        proposal.save(update_fields=["status", "published_at"])
    return Published(networks, placements, done, notes)


def designate(call, person) -> tuple[list[str], list[str]]:
    """The call's approved designation applications as their holders' positions for the call's school year: the
    position (teacher or principal, at the school applied from) gets the designation for that year; one that
    carries another designation ends the day before and a new one begins with the year. Returns what was done and
    what could not be, in words."""
    year = call.school_year
    done, notes = [], []
    for d in (m.DesignationApplication.objects.filter(call=call, status=m.DesignationApplication.Status.APPROVED)
              .select_related("person", "school")):
        kinds = [PositionKind.TEACHER] if d.designation in TEACHER_DESIGNATIONS else [PositionKind.PRINCIPAL]
        label = d.get_designation_display()
        position = (Position.objects.filter(person=d.person, school=d.school, kind__in=kinds)
                    .filter(Q(start__isnull=True) | Q(start__lte=year.end),
                            Q(end__isnull=True) | Q(end__gte=year.start))
                    .order_by("-start").first())
        if position is None:
            notes.append(f"{d.person.name}: no {kinds[0].label.lower()} position at {d.school.name} in {year}, so "
                         f"the {label} designation was not recorded.")
            continue
        start, end = position.designation_span
        if position.designation == d.designation and (start is None or start <= year.start) and (
                end is not None and end >= year.end or end is None and position.end is None):
            done.append(f"{d.person.name} is already {label} in {year}.")
            continue
        try:
            with transaction.atomic():
                _designate(position, d.designation, year)
        except ValidationError as exc:
            notes.append(f"{d.person.name}: the {label} designation was not recorded: "
                         f"{' '.join(t for ts in exc.message_dict.values() for t in ts)}")
            continue
        done.append(f"{d.person.name} is {label} in {year}.")
    return done, notes


def _designate(position, designation: str, year) -> None:
    first = max(filter(None, [position.start, year.start]))
    last = min(filter(None, [position.end, year.end]))
    if position.designation and position.designation != designation and (
            position.start is None or position.start < year.start):
        new = Position(person=position.person, district_id=position.district_id, school=position.school,
                       kind=position.kind, title=position.title, organisation=position.organisation,
                       start=year.start, end=position.end)
        position.end = year.start - dt.timedelta(days=1)
        _start, d_end = position.designation_span
        if d_end is None or d_end > position.end:
            position.designation_end = position.end
        position.full_clean()
        position.save()
        position = new
    position.designation = designation
    position.designation_start = first
    position.designation_end = last
    position.full_clean()
    position.save()


def _free(name: str, taken: set[str]) -> str:
    """``name``, or ``name 2``, ``name 3``... the first not ``taken`` (which it joins)."""
    candidate, n = name, 1
    while candidate in taken:
        n += 1
        candidate = f"{name} {n}"
    taken.add(candidate)
    return candidate


def _names(names: list[str]) -> str:
    names = list(dict.fromkeys(names))
    if len(names) > 5:
        return f"{', '.join(names[:5])} and {len(names) - 5} more"
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


# -- Letters ------------------------------------------------------------------------------------------------------

def link(base: str, name: str, pk) -> str:
    return base.rstrip("/") + reverse(f"matching:{name}", args=[pk])


def leaders_of(school_ids, years) -> dict[int, list]:
    """School id → the people leading it (principals, APs) in any of ``years``."""
    active = Q()
    for y in years:
        active |= (Q(start__isnull=True) | Q(start__lte=y.end)) & (Q(end__isnull=True) | Q(end__gte=y.start))
    out = defaultdict(list)
    for p in Position.objects.filter(active, school_id__in=list(school_ids), kind__in=LEADERS).select_related(
            "person").order_by("person__name"):
        if p.person not in out[p.school_id]:
            out[p.school_id].append(p.person)
    return out


def placed_letter(call, placement, network, members, facilitators, base) -> str:
    application = placement.application
    school = application.school
    host = next((ms.school for ms in members if ms.role == NetworkMembership.Role.HOST), None)
    partners = [ms.school.name for ms in members if ms.role == NetworkMembership.Role.PARTNER]
    mine = next(ms for ms in members if ms.school_id == school.pk)
    lines = [f"{call.title}", "",
             (f"{school.name} is placed in {network.name} for {network.school_year}, as its "
              f"{'host' if mine.role == NetworkMembership.Role.HOST else 'partner'}"
              f"{' (returning)' if mine.returning else ''}."), ""]
    if network.focus_area:
        lines.append(f"Learning focus area: {network.focus_area.name}")
    lines.append(f"Host: {host.name if host else '—'}")
    lines.append(f"Partners: {', '.join(partners) or '—'}")
    lines.append("Facilitator: " + (", ".join(f"{p.name}{f' ({p.email})' if p.email else ''}" for p in facilitators)
                                    or "to be named by central office"))
    lines += ["", f"Your school's placement: {link(base, 'placement-detail', placement.pk)}"]
    lines.append("Sign the memorandum of understanding (the principal and each team member): "
                 + link(base, "sign", placement.pk))
    return "\n".join(lines) + "\n"


def other_letter(call, application, base) -> str:
    school = application.school
    lines = [f"{call.title}", ""]
    if application.decision == m.Application.Decision.ACCEPTED:
        lines.append(f"{school.name}'s application was accepted, but no network for {call.school_year} had a place "
                     "that fits it. Central office will be in touch if a place opens.")
    else:
        decision = "wait-listed" if application.decision == m.Application.Decision.WAITLISTED else "declined"
        lines.append(f"{school.name}'s application to host or partner in {call.school_year} was {decision}.")
        if application.decision_reason:
            lines += ["", f"Why: {application.decision_reason}"]
    lines += ["", f"Your application: {link(base, 'application-detail', application.pk)}"]
    return "\n".join(lines) + "\n"


def letters_job(job) -> str:
    """Email each applicant school's principal its letter: placed schools their network, partners, host and
    facilitator with links to their placement and the MOU; the others their decision and its reason. A placed
    school's letter is sent once (``letter_sent_at``); the others' are kept on the job as they go."""
    proposal = m.Proposal.objects.select_related("call__school_year").filter(pk=job.target_id).first()
    if proposal is None or proposal.status != m.Proposal.Status.PUBLISHED:
        raise Refused("the proposal is not published")
    call, base = proposal.call, job.params.get("base", "")
    years = [y for y in (call.school_year, year_before(call.school_year)) if y is not None]
    placements = list(m.Placement.objects.filter(application__call=call, letter_sent_at__isnull=True).select_related(
        "application__school", "application__applicant", "network__focus_area", "network__school_year"))
    networks = {p.network_id for p in placements}
    members = defaultdict(list)
    for ms in NetworkMembership.objects.filter(network_id__in=networks).select_related("school"):
        members[ms.network_id].append(ms)
    facilitators = defaultdict(list)
    for through in Network.facilitators.through.objects.filter(network_id__in=networks).select_related("person"):
        facilitators[through.network_id].append(through.person)
    placed_ids = set(m.Placement.objects.filter(application__call=call).values_list("application_id", flat=True))
    earlier = {pk for params in Job.objects.filter(
        target_type=job.target_type_id, target_id=job.target_id, handler=job.handler).values_list("params", flat=True)
        for pk in (params or {}).get("sent", [])}  # this job's and earlier jobs' letters to schools not placed
    others = list(m.Application.objects.filter(call=call, status=m.Application.Status.SUBMITTED).exclude(
        decision="").exclude(pk__in=placed_ids | earlier).select_related("school", "applicant"))
    leaders = leaders_of({p.application.school_id for p in placements} | {a.school_id for a in others}, years)
    sent = nobody = 0
    for p in placements:
        to = recipients(p.application, leaders)
        if to:
            deliver(EmailMessage(f"{call.title}: {p.application.school.name} joins {p.network.name}",
                                 placed_letter(call, p, p.network, members[p.network_id],
                                               facilitators[p.network_id], base),
                                 settings.DEFAULT_FROM_EMAIL, to))
            sent += 1
        else:
            nobody += 1
        p.letter_sent_at = timezone.now()
        p.save(update_fields=["letter_sent_at"])
    done = list(job.params.get("sent", []))  # kept as they go: a retry sends only those not sent yet
    for a in others:
        to = recipients(a, leaders)
        if to:
            deliver(EmailMessage(f"{call.title}: {a.school.name}'s application", other_letter(call, a, base),
                                 settings.DEFAULT_FROM_EMAIL, to))
            sent += 1
        else:
            nobody += 1
        done.append(a.pk)
        job.params = {**job.params, "sent": done}
        Job.objects.filter(pk=job.pk).update(params=job.params)
    words = f"{sent} letter{'s' if sent != 1 else ''} sent"
    return words + (f"; {nobody} school{'s' if nobody != 1 else ''} had no principal with an email address."
                    if nobody else ".")


def recipients(application, leaders) -> list[str]:
    people = [*leaders.get(application.school_id, []), *([application.applicant] if application.applicant else [])]
    return sorted({p.email for p in people if p.email})
