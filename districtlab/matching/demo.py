"""The program's annual cycle in the demo (issue 14): NYC's 2016-17 call as seed 004 reports it, a 2017-18 call in
progress, and Highline's studio/residency match as seed 000 tells it.

- **2016-17** (seed 004 ~1344-1345): "62% of schools that applied to the program were accepted and participated".
  Returning schools reapplied (~3566), so the 190 schools of the demo's 2016-17 networks are the accepted
  applications; the others (wait-listed or declined) are synthetic. The Framework elements listed on the
  applications (schools could list two) have the shares of ~3154-3157 exactly.
- **2017-18** (synthetic: the seed ends with 2016-17): the 2016-17 schools continue, or graduate after three years
  (~3571-3573, ``program.years_in_program``); new applicants, scored on a small rubric, a few candidate hosts
  visited, every application decided; designation applications waiting for approval (principals: their
  superintendent, then the Chancellor, ~2953-2955). No proposal: the program director matches and publishes.
- **Highline** (seed 000 ~354-360): studio schools were selected and residency schools matched by district leaders;
  no school applied, so there is no call: data notes say so and the pair stays as the org demo made it.

Loading twice changes nothing. Every invented record is ``synthetic=True`` (schools, people, calls, applications).
"""
import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from districtlab.analysis.grades import grade_band
from districtlab.core import roles as R
from districtlab.core.roles import Designation
from districtlab.core.roles import PositionKind as K
from districtlab.org import models as org
from districtlab.org.demo.common import SEED_000, SEED_004, data_notes, person, position, sign_in

from . import models as m
from .program import graduates, year_before, years_in_program

D = dt.date
NYC, HIGHLINE = "NYC DOE", "Highline"
A = m.Application


@dataclass(frozen=True)
class Share:
    """One Framework element's share of the elements listed on the 2016-17 applications (seed 004 ~3154-3157)."""

    element: str  # the demo's focus area for it (the org demo names the five elements with capitals)
    percent: int


SHARES_2016_17 = [
    Share("Rigorous Instruction", 34), Share("Collaborative Teachers", 32), Share("Supportive Environment", 14),
    Share("Effective School Leadership", 10), Share("Effective synthesis of all Framework elements", 6),
    Share("Strong Family-Community Ties", 4),
]
ACCEPTED_PERCENT_2016_17 = 62  # seed 004 ~1344-1345

# What the application asked (seed 004 ~3085-3095, the seed's paraphrase but for the quoted question).
QUESTIONS = "\n".join([
    "Describe successful experiences your school has had in leading adult learning - either with your own staff "
    "or with another school community.",
    "Give examples of improvements you have made in your school.",
    "If you apply to host: describe how your school excels in the learning focus area you would host.",
])
INTRODUCTION = ("Apply for your school to be a host school or a partner school, and state your intended learning "
                "focus areas: choose one or two Framework elements. Central office reviews the applications and "
                "visits applicant schools.")
# The 2016-17 MOU's terms the seed quotes or reports (~3160-3164, ~3764-3766, ~4264-4266).
AGREEMENT = (
    "Memorandum of understanding, Learning Partners Program.\n"
    "Our school forms an effective school-based inquiry team of teacher leaders and school administrators, with "
    "consistent membership that includes the LPP Model/Master Principal, Teacher(s) and other key staff.\n"
    "The team meets at least twice each month to move through its Cycles of Learning, plan for interschool site "
    "visits and reflect on those visits.\n"
    "The principal or an assistant principal takes part in the network's monthly site visits.")


@dataclass(frozen=True)
class CallFacts:
    year: str
    title: str
    opens: dt.date
    closes: dt.date
    partners_min: int
    partners_max: int
    synthetic: bool


# The seed gives neither call's dates (data note "Dates of the calls"). 2016-17's networks ran from pairs to cohorts
# of nine (~3569-3570): one to eight partners; the 2017-18 call asks for triads and quads.
CALLS = {
    "2016-17": CallFacts("2016-17", "Learning Partners Program 2016-17", D(2016, 3, 1), D(2016, 4, 15), 1, 8, False),
    "2017-18": CallFacts("2017-18", "Learning Partners Program 2017-18", D(2017, 3, 1), D(2017, 4, 14), 2, 3, True),
}
YEAR_2017_18 = ("2017-18", D(2017, 9, 1), D(2018, 6, 30))

RUBRIC = [  # (name, description, points): what the review looks for, in the seed's words (~3085-3095)
    ("Strength in the learning focus area", "Hosts: demonstrated strength in the focus area they would host.", 4),
    ("Experience leading adult learning", "With their own staff or with another school community.", 4),
    ("Readiness to collaborate", "Readiness to engage in collaborative learning and openness to other schools.", 4),
]
DECLINED_REASONS = [
    "The review found no time set aside yet for a school team to meet twice a month.",
    "Not ready to take part this year: the school is starting a new leadership team.",
    "The application did not describe experience of adults learning together.",
]
WAITLIST_REASON = "No network with a matching focus area had room this year."
APPLICANT_ROLES = ["partner", "partner", "either", "host", "partner", "either"]  # for the invented applicants
GRADES = ["K-5", "6-8", "9-12", "PK-5", "K-8", "6-12"]
BOROUGHS = ["Bronx", "Brooklyn", "Manhattan", "Queens", "Staten Island"]


@dataclass(frozen=True)
class NewApplicant:
    """A school new to the program applying to the 2017-18 call (synthetic)."""

    school: str  # an invented school, or a school wait-listed in 2016-17 applying again
    role: str
    lfas: tuple  # Framework elements, most wanted first
    decision: str
    reason: str = ""


EL, CT, SE, LS, FT = ("Rigorous Instruction", "Collaborative Teachers", "Supportive Environment",
                      "Effective School Leadership", "Strong Family-Community Ties")
NEW_2017_18 = [
    NewApplicant("Synthetic applicant school 201", "host", (CT, LS), A.Decision.ACCEPTED),
    NewApplicant("Synthetic applicant school 202", "partner", (CT, EL), A.Decision.ACCEPTED),
    NewApplicant("Synthetic applicant school 203", "partner", (CT,), A.Decision.ACCEPTED),
    NewApplicant("Synthetic applicant school 204", "either", (EL, SE), A.Decision.ACCEPTED),
    NewApplicant("Synthetic applicant school 205", "partner", (EL, CT, SE), A.Decision.ACCEPTED),
    NewApplicant("Synthetic applicant school 206", "partner", (EL,), A.Decision.ACCEPTED),
    NewApplicant("Synthetic applicant school 207", "host", (SE, EL), A.Decision.ACCEPTED),
    NewApplicant("Synthetic applicant school 208", "partner", (SE,), A.Decision.ACCEPTED),
    NewApplicant("Synthetic applicant school 209", "partner", (SE, CT), A.Decision.ACCEPTED),
    NewApplicant("Synthetic applicant school 210", "partner", (LS, CT), A.Decision.ACCEPTED),
    NewApplicant("Synthetic applicant school 211", "either", (FT, SE), A.Decision.WAITLISTED, WAITLIST_REASON),
    NewApplicant("Synthetic applicant school 212", "host", (LS,), A.Decision.DECLINED, DECLINED_REASONS[0]),
]
APPLICANT_PRINCIPAL = ("nyc.applicant", "Renee Alvarez", "Synthetic applicant school 201")  # the tour's principal
# 2016-17 wait-listed schools that apply again and are accepted (the first N of them, by name).
WAITLISTED_AGAIN = 4


def load(ctx):
    d = org.District.objects.get(short_name=NYC)
    ys = ctx["nyc.years"]
    people = ctx["nyc.people"]
    focus = _focus_areas(d)
    for i, applicant in enumerate(NEW_2017_18):  # the invented applicants' schools, and who leads them, come first
        _invented_school(d, applicant.school, i)
    _applicant_principal(ctx, d)
    _people(ctx, d)
    call_1617 = _call(d, CALLS["2016-17"], ys["2016-17"], focus)
    invented = _applicants_2016_17(ctx, d, call_1617, focus, people["central"])
    ys = dict(ys)
    ys["2017-18"] = org.SchoolYear.objects.update_or_create(
        district=d, name=YEAR_2017_18[0], defaults={"start": YEAR_2017_18[1], "end": YEAR_2017_18[2]})[0]
    ctx["nyc.next_year"] = ys["2017-18"]
    call_1718 = _call(d, CALLS["2017-18"], ys["2017-18"], focus)
    _applications_2017_18(ctx, d, call_1718, call_1617, focus, people, invented)
    ctx["matching.calls"] = {"2016-17": call_1617, "2017-18": call_1718}
    data_notes(d, SEED_004, NYC_NOTES)
    _highline()


def _focus_areas(d) -> dict:
    """The Framework elements offered (the org demo's five, and the sixth the seed counts on applications)."""
    named = {s.element for s in SHARES_2016_17}
    out = {f.name: f for f in org.LearningFocusArea.objects.filter(district=d, name__in=named)}
    synthesis = SHARES_2016_17[4].element
    out[synthesis] = org.LearningFocusArea.objects.update_or_create(
        district=d, name=synthesis, defaults={"framework_element": synthesis})[0]
    assert set(out) == named, named - set(out)
    return out


def _call(d, facts: CallFacts, year, focus) -> m.Call:
    call = m.Call.objects.update_or_create(district=d, school_year=year, defaults={
        "title": facts.title, "opens": facts.opens, "closes": facts.closes, "questions": QUESTIONS,
        "introduction": INTRODUCTION, "partners_min": facts.partners_min, "partners_max": facts.partners_max,
        "agreement": AGREEMENT, "synthetic": facts.synthetic, "years_before_graduation": 3,
        # 3-4 networks each (~174, ~3546: the value the org demo keeps; ~3772-3773 says "about six to 10 schools"):
        # four quads are 16 schools, above the seed's 10 because ~160 schools do not fit 12 facilitators at 10
        # (data note "Facilitator caseload in the 2017-18 call")
        "networks_per_facilitator": 4, "schools_per_facilitator": 16})[0]
    call.focus_areas.set(focus.values())
    return call


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=ZoneInfo("America/New_York"))


def element_listings(applications: int, shares=SHARES_2016_17) -> int:
    """The fewest listings, at least one and at most two per application, that give every share exactly.

    >>> element_listings(306)
    350
    """
    for total in range(applications, 2 * applications + 1):
        if all(total * s.percent % 100 == 0 for s in shares):
            return total
    raise ValueError("No whole number of listings gives these shares.")


def allot_elements(preferred: list, shares=SHARES_2016_17) -> list[tuple]:
    """Each application's elements (one or two), in order, so that the listings have ``shares`` exactly: an
    application lists its preferred element first while that element's count lasts, else the one with most left;
    what is left goes second to applications spread evenly over the list, never twice on one application.

    >>> picks = allot_elements([None] * 50)
    >>> from collections import Counter
    >>> sorted(Counter(e for p in picks for e in p).values())
    [2, 3, 5, 7, 16, 17]
    """
    total = element_listings(len(preferred), shares)
    left = {s.element: total * s.percent // 100 for s in shares}
    order = [s.element for s in shares]
    picks = []
    for want in preferred:
        first = want if want in left and left[want] > 0 else max(order, key=lambda e: (left[e], -order.index(e)))
        left[first] -= 1
        picks.append([first])
    seconds = total - len(preferred)
    stride = max(1, len(preferred) // max(1, seconds))
    spread = [i for start in range(stride) for i in range(start, len(preferred), stride)]
    for element in sorted(order, key=lambda e: -left[e]):
        for i in spread:
            if left[element] == 0:
                break
            if len(picks[i]) == 1 and picks[i][0] != element:
                picks[i].append(element)
                left[element] -= 1
    assert all(v == 0 for v in left.values()), left
    return [tuple(p) for p in picks]


def _invented_school(d, name, index):
    grades = GRADES[index % len(GRADES)]
    return org.School.objects.update_or_create(district=d, name=name, defaults={
        "grades": grades, "grade_band": grade_band(grades), "region": BOROUGHS[index % len(BOROUGHS)],
        "synthetic": True})[0]


def _principals(d) -> dict:
    return {p.school_id: p.person for p in org.Position.objects.filter(
        district=d, kind=K.PRINCIPAL, school__isnull=False).select_related("person").order_by("start", "pk")}


def _applicants_2016_17(ctx, d, call, focus, director) -> list:
    """The 2016-17 call's applications: the 190 network schools accepted, the rest wait-listed or declined."""
    year = call.school_year
    members = list(org.NetworkMembership.objects.program().filter(network__school_year=year)
                   .select_related("school", "network__focus_area").order_by("network__name", "role", "school__name"))
    accepted = [(ms.school, ms.role, ms.network.focus_area.framework_element, ms.returning) for ms in members]
    total = round(len(accepted) * 100 / ACCEPTED_PERCENT_2016_17)
    in_networks = {ms.school_id for ms in members}
    earlier = list(org.School.objects.filter(district=d, synthetic=True).exclude(pk__in=in_networks)
                   .exclude(name__startswith="Synthetic applicant").order_by("name"))
    others = earlier[: total - len(accepted)]
    invented = [_invented_school(d, f"Synthetic applicant school {i + 1:03d}", i)
                for i in range(total - len(accepted) - len(others))]
    others += invented
    elements = allot_elements([e or None for _s, _r, e, _ret in accepted] + [None] * len(others))
    principals = _principals(d)
    rows = []
    for i, (school, role, _e, returning) in enumerate(accepted):
        rows.append((school, role, A.Returning.CONTINUE if returning else A.Returning.NEW, A.Decision.ACCEPTED, "",
                     school.synthetic))
    for i, school in enumerate(others):
        waitlisted = i % 3 == 2
        rows.append((school, APPLICANT_ROLES[i % len(APPLICANT_ROLES)], A.Returning.NEW,
                     A.Decision.WAITLISTED if waitlisted else A.Decision.DECLINED,
                     WAITLIST_REASON if waitlisted else DECLINED_REASONS[i % len(DECLINED_REASONS)], True))
    span = (call.closes - call.opens).days
    for i, ((school, role, returning, decision, reason, synthetic), lfas) in enumerate(zip(rows, elements)):
        A.objects.update_or_create(call=call, school=school, defaults={
            "applicant": principals.get(school.pk), "role": role, "returning": returning,
            "lfa_1": focus[lfas[0]], "lfa_2": focus[lfas[1]] if len(lfas) > 1 else None, "lfa_3": None,
            "status": A.Status.SUBMITTED, "submitted_at": at(call.opens + dt.timedelta(days=i * span // len(rows))),
            "decision": decision, "decision_reason": reason, "decided_by": director,
            "decided_at": at(call.closes + dt.timedelta(days=30)), "synthetic": synthetic})
    return [row[0] for row in rows[len(accepted):] if row[3] == A.Decision.WAITLISTED]


def _applications_2017_18(ctx, d, call, before, focus, people, waitlisted):
    """The 2017-18 call: continuing 2016-17 schools, new applicants, scores, host visits, designation applications."""
    year_now = year_before(call.school_year)
    members = list(org.NetworkMembership.objects.program().filter(network__school_year=year_now)
                   .select_related("school", "network").order_by("network__name", "role", "school__name"))
    years = years_in_program([ms.school_id for ms in members], before=call.school_year)
    last = {a.school_id: a for a in before.applications.all()}
    principals = _principals(d)
    director, facilitator = people["central"], people["facilitator"]
    by_network = {}
    for ms in members:
        by_network.setdefault(ms.network, []).append(ms)
    rows = []  # (school, role, lfas, returning, decision, reason, synthetic)
    for group in by_network.values():
        stays = [ms for ms in group if not graduates(years[ms.school_id], call.years_before_graduation)]
        # a cohort whose schools all stay would be kept together, beyond the call's network sizes: its last
        # partner leaves the program (synthetic)
        leaving = stays[-1].school_id if len(stays) == len(group) and len(group) > call.partners_max + 1 else None
        for ms in stays:
            prior = last[ms.school_id]
            lfas = tuple(f for f in (prior.lfa_1, prior.lfa_2) if f)
            role = ms.role
            if (ms.network.kind == org.Network.Kind.COHORT and role == "partner" and ms.school.synthetic
                    and years[ms.school_id] >= 2):
                role = "either"  # an experienced LP-plus partner offers to host (synthetic)
            if ms.school_id == leaving:
                rows.append((ms.school, role, lfas, A.Returning.LEAVE, "", "", True))
            else:
                rows.append((ms.school, role, lfas, A.Returning.CONTINUE, A.Decision.ACCEPTED, "",
                             ms.school.synthetic))
    new_rows = []
    for i, school in enumerate(waitlisted[:WAITLISTED_AGAIN]):
        prior = last[school.pk]
        new_rows.append((school, "partner", tuple(f for f in (prior.lfa_1, prior.lfa_2) if f), A.Returning.NEW,
                         A.Decision.ACCEPTED, "", True))
    for i, applicant in enumerate(NEW_2017_18):
        school = _invented_school(d, applicant.school, i)
        new_rows.append((school, applicant.role, tuple(focus[e] for e in applicant.lfas), A.Returning.NEW,
                         applicant.decision, applicant.reason, True))
    criteria = [m.RubricCriterion.objects.update_or_create(
        call=call, name=name, defaults={"description": text, "points": points, "order": i})[0]
        for i, (name, text, points) in enumerate(RUBRIC)]
    span = (call.closes - call.opens).days
    all_rows = rows + new_rows
    for i, (school, role, lfas, returning, decision, reason, synthetic) in enumerate(all_rows):
        application = A.objects.update_or_create(call=call, school=school, defaults={
            "applicant": principals.get(school.pk), "role": role, "returning": returning,
            "lfa_1": lfas[0] if lfas else None, "lfa_2": lfas[1] if len(lfas) > 1 else None,
            "lfa_3": lfas[2] if len(lfas) > 2 else None,
            "answers": {q: "(synthetic)" for q in call.question_list} if returning == A.Returning.NEW else {},
            "status": A.Status.SUBMITTED, "submitted_at": at(call.opens + dt.timedelta(days=i * span // len(all_rows))),
            "decision": decision, "decision_reason": reason,
            "decided_by": director if decision else None,
            "decided_at": at(call.closes + dt.timedelta(days=21)) if decision else None, "synthetic": synthetic})[0]
        if returning == A.Returning.NEW:
            _scores(application, criteria, [director, facilitator], i)
            if role in ("host", "either") and decision != A.Decision.WAITLISTED:
                _host_visit(application, [director, facilitator], call, i)
    _designations(ctx, d, call)


def _scores(application, criteria, reviewers, i):
    good = application.decision == A.Decision.ACCEPTED
    for j, criterion in enumerate(criteria):
        for k, reviewer in enumerate(reviewers):
            points = (3 + (i + j + k) % 2) if good else (1 + (i + j + k) % 2)
            m.Score.objects.update_or_create(application=application, criterion=criterion, reviewer=reviewer,
                                             defaults={"points": points, "comment": ""})


def _host_visit(application, visitors, call, i):
    ready = application.decision == A.Decision.ACCEPTED
    visit = m.HostVisit.objects.update_or_create(application=application, defaults={
        "visited_on": call.closes + dt.timedelta(days=7 + i % 7),
        "notes": ("Saw the school team at work on its focus area; ready to lead other schools. (synthetic)" if ready
                  else "The team is new to working on its focus area together. (synthetic)"),
        "recommendation": HOST_READY if ready else HOST_NOT_YET})[0]
    visit.visitors.set(visitors)


HOST_READY, HOST_NOT_YET = m.HostVisit.Recommendation.READY, m.HostVisit.Recommendation.NOT_YET


def _applicant_principal(ctx, d):
    username, name, school_name = APPLICANT_PRINCIPAL
    school = org.School.objects.get(district=d, name=school_name)
    who = person(d, name, key=username, synthetic=True)
    position(who, K.PRINCIPAL, school=school, start=D(2015, 9, 1))
    sign_in(ctx, who, username, R.PRINCIPAL)
    ctx["nyc.people"]["applicant"] = who


# Designation applications waiting for approval (synthetic): key, name, kind, school, designation, statement.
DESIGNATION_APPLICANTS = [
    ("nyc.applicant", None, None, APPLICANT_PRINCIPAL[2], Designation.MODEL_PRINCIPAL,
     "Our school applies to host; I would lead the network's principals' meetings."),
    ("nyc.designation.teacher1", "Model Teacher applicant at Synthetic school 057", K.TEACHER, "Synthetic school 057",
     Designation.MODEL_TEACHER, "I lead our grade team's inquiry and would open my classroom to partner schools."),
    ("nyc.designation.principal2", "Principal of Synthetic school 136", K.PRINCIPAL, "Synthetic school 136",
     Designation.MASTER_PRINCIPAL, "Our school has hosted an LP-plus cohort since 2015-16."),
]
SUPERINTENDENT = ("nyc.superintendent", "Superintendent (synthetic)")
SUPERINTENDENT_SCHOOLS = "The designation applicants' schools (synthetic)"


def _people(ctx, d):
    """The demo's people for the program cycle, made before any application reads who leads which school."""
    for key, name, kind, school_name, _designation, _statement in DESIGNATION_APPLICANTS:
        if name is not None:
            position(person(d, name, key=key, synthetic=True), kind, school=org.School.objects.get(
                district=d, name=school_name), start=D(2012, 9, 1))
    superintendent = person(d, SUPERINTENDENT[1], key=SUPERINTENDENT[0], synthetic=True)
    position(superintendent, K.SUPERINTENDENT, start=D(2014, 9, 1))
    sign_in(ctx, superintendent, SUPERINTENDENT[0], R.CENTRAL)


def _designations(ctx, d, call):
    schools = {s.name: s for s in org.School.objects.filter(
        district=d, name__in=[row[3] for row in DESIGNATION_APPLICANTS])}
    for key, name, kind, school_name, designation, statement in DESIGNATION_APPLICANTS:
        school = schools[school_name]
        who = ctx["nyc.people"]["applicant"] if name is None else org.Person.objects.get(
            district=d, email=f"{key}@demo.districtlab.org")
        m.DesignationApplication.objects.update_or_create(
            call=call, person=who, designation=designation, defaults={
                "school": school, "rating": "Effective" if kind == K.TEACHER else "", "statement": statement,
                "status": m.DesignationApplication.Status.SUBMITTED, "synthetic": True})
    # No Eligibility row: the chain every designation keeps is the district's default, superintendent then district
    # administrator (for the Chancellor, ~2952-2954): see the data note "Who approves a principal's designation".
    _superintendents_schools(d, schools.values())


def _superintendents_schools(d, schools):
    """The demo superintendent's schools (synthetic): those of the designation applications, so that each waits for
    the superintendent as theirs (seed 004 ~2953: "their Superintendent"), not as any superintendent's."""
    superintendent = org.Position.objects.get(
        district=d, kind=K.SUPERINTENDENT, person__email=f"{SUPERINTENDENT[0]}@demo.districtlab.org")
    coverage = m.Coverage.objects.update_or_create(position=superintendent, defaults={
        "name": SUPERINTENDENT_SCHOOLS, "synthetic": True})[0]
    coverage.schools.set(schools)


def _highline():
    d = org.District.objects.get(short_name=HIGHLINE)
    data_notes(d, SEED_000, HIGHLINE_NOTES)


NYC_NOTES = [  # (kind, subject, kept, other, seed lines, note)
    ("reading", "Applicants to the 2016-17 program", "306 applications, 190 accepted (62%)", "",
     "~1344-1345, ~3566",
     "The seed says that in 2016-17 “62% of schools that applied to the program were accepted and participated”, "
     "and that returning schools reapplied. The demo's 190 schools of 2016-17, returning ones included, are the "
     "accepted applications; 306 applications is the nearest whole number (190 of 306 is 62.1%). The other 116 are "
     "synthetic schools, wait-listed or declined: schools that had left the program, and invented applicants."),
    ("synthetic", "Framework elements on the 2016-17 applications", "The seed's shares, exactly: 350 elements "
     "listed on 306 applications (44 list two)", "", "~3137-3157",
     "Schools could list two elements. Which school listed which is synthetic: a school in a network whose focus "
     "area belongs to an element lists that one first while its share lasts. “Effective synthesis of all "
     "Framework elements”, not one of the five elements, is kept as a focus area because the applications list it."),
    ("synthetic", "Dates of the calls for applications", "2016-17: March 1 to April 15, 2016; 2017-18: March 1 to "
     "April 14, 2017", "", "~3083-3095",
     "The seed describes the application, review and site visits but gives no dates; the decisions' dates are the "
     "demo's too."),
    ("synthetic", "The 2017-18 call", "In progress: applications submitted and decided, no networks yet", "",
     "~3571-3573",
     "The seed ends with 2016-17. Each 2016-17 school in its third year graduates (no application); the others "
     "continue, but in each LP-plus cohort whose schools would all continue one partner leaves (a group that size "
     "cannot be kept together in the call's triads and quads). New applicants, rubric scores, candidate-host visits, "
     "decisions and designation applications are invented. The district's current year stays 2016-17. A "
     "facilitator takes at most four networks, as the data note “Facilitator caseload” keeps, so at most 16 "
     "schools (four quads)."),
    ("conflict", "Facilitator caseload in the 2017-18 call", "At most 4 networks and 16 schools a facilitator",
     "3-4 networks, “about six to 10 schools” each", "~174, ~3546, ~3772-3773",
     "The seed's caseload is three or four networks of about six to ten schools. The demo's 2017-18 call places "
     "about 160 schools among the org demo's 12 facilitators: at ten schools each they would hold only 120, so the "
     "call allows four networks and 16 schools a facilitator (four quads). The demo invents no further "
     "facilitators; a district with enough of them sets its call's caseload within the seed's six to ten."),
    ("reading", "Who approves a principal's designation", "The superintendent, then the district administrator for "
     "the Chancellor", "“selected by their Superintendent, subject to approval by the Chancellor”", "~2952-2954",
     "Approvers are kinds of position; the Chancellor's approval is the district administrator's step. For "
     "teachers the seed describes a joint DOE-UFT selection committee, then “principals ... make final staffing "
     "decisions” (~2947-2951): no chain of positions, so teachers' designations keep the district's default chain "
     "(superintendent, then district administrator), as principals' do; the seed's “tenured” and “Satisfactory "
     "or better” give no number of years or list of ratings, so the demo sets no eligibility rule of its own."),
    ("synthetic", "Superintendents' schools", "The demo's one superintendent decides for the schools of the "
     "designation applications", "", "~2952-2954",
     "Principals are “selected by their Superintendent”, but the seed names no superintendent and says nothing of "
     "which schools each one has. The demo's superintendent (synthetic) has the schools of the 2017-18 designation "
     "applications as theirs, so each application waits for them as its school's superintendent. Any other school's "
     "application would go to every superintendent of the district; central office records each superintendent's "
     "schools on the designation pages."),
]
HIGHLINE_NOTES = [
    ("reading", "Studio and residency schools: no call for applications", "No call and no applications; the "
     "studio/residency pair as the org demo gives it", "", "~354-360",
     "Studio schools “were selected ... based on central office leaders' assessment of their readiness to lead "
     "the instructional improvement work”, and residency schools “were matched by district leaders with studio "
     "schools based on similar demographics and their potential to learn from each other”. No school applied, and "
     "the seed names one pair only (Oak Park and its unnamed residency partner), so the demo invents no call or "
     "applications for Highline; the selection is described in the district's reference table on the model."),
]
