"""The demo's surveys: the research office's participant survey in 2015-16 and 2016-17 (seed 004 ~180-184 says
RPSG surveyed every participant; its questions and answers are not in the seed, so both are invented and marked
synthetic), P.S. 38's survey of its teacher-led workshops (seed 004 ~6236-6250, answers shaped to the shares the
team reads out), Highline's end-of-year evaluation of the studio/residency sessions (seed 000 ~903, invented
questions and answers), a spring site-visit survey open to the demo's sign-ins, and next year's participant
survey as a draft copy. Loading twice changes nothing: a survey's answers are made once, from a fixed seed."""
from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.db import transaction

from districtlab.core import roles as R
from districtlab.inquiry.models import Cycle
from districtlab.org import models as org
from districtlab.org.demo.common import SEED_000, SEED_004, data_notes

from . import actions
from . import models as m

AGREEMENT = "Strongly disagree\nDisagree\nNeither agree nor disagree\nAgree\nStrongly agree"


@dataclass(frozen=True)
class ScaleFacts:
    name: str
    description: str
    rows: tuple[int, ...]  # the matrix statements (from 1) it scores
    reverse: tuple[int, ...] = ()


@dataclass(frozen=True)
class SurveyFacts:
    title: str
    introduction: str
    statements: tuple[str, ...]  # one agreement matrix
    scales: tuple[ScaleFacts, ...]
    choice: tuple[str, str] = ("", "")  # (question, options): one single-choice question, if any
    written: str = ""  # one long-answer question
    number: str = ""  # one number question


# The four LPP outcomes (seed 004 ~176-179) give the participant survey's scales; the statements are invented.
PARTICIPANT_SURVEY = SurveyFacts(
    title="Learning Partners participant survey",
    introduction="The research office asks every participant in the Learning Partners Program how the year went. "
                 "It takes about ten minutes. (The questions are invented for the demo: the study does not print "
                 "them.)",
    statements=(
        "Our school team uses data to decide what to try next.",
        "We test a change on a small scale before we spread it.",
        "We rarely look back at whether a change we made worked.",
        "I learn from educators in other schools.",
        "Teachers in my school visit each other's classrooms.",
        "I have shared a practice from my school with another school.",
        "Teachers in my school lead professional learning.",
        "I took on a new leadership role this year.",
    ),
    scales=(
        ScaleFacts("Capacity for continuous improvement", "Outcome 1: “strengthen school capacity to engage in "
                   "continuous improvement”.", (1, 2, 3), reverse=(3,)),
        ScaleFacts("Culture of collaboration", "Outcome 3: “establish a system-wide culture of collaboration”.",
                   (4, 5, 6)),
        ScaleFacts("Leadership", "Outcome 4: “develop strong school and teacher leaders”.", (7, 8)),
    ),
    number="How many interschool site visits did you take part in this year?",
    written="What is one practice your school took from another school, and what became of it?",
)
PARTICIPANT_YEARS = {  # year → (respondents, mean latent level per scale, day the answers came in)
    "2015-16": (118, (0.35, 0.45, 0.15), dt.date(2016, 5, 20)),
    "2016-17": (134, (0.55, 0.70, 0.35), dt.date(2017, 5, 19)),
}
WRITTEN = [  # invented answers, as participants might write them
    "We took the lesson-planning template from our host school; now every grade team uses it.",
    "Student discussion protocols. We adapted them for our ELLs and kept them.",
    "A data wall for attendance. It did not last after the fall.",
    "Intervisitation schedules: teachers now visit each other every month.",
    "The host's exit-ticket routine, which our math department made its own.",
    "Peer observation with a single lens. It changed how our team talks about practice.",
    "We tried their advisory structure but our schedule could not hold it.",
]

WORKSHOP_SURVEY = SurveyFacts(
    title="Teacher-led workshops: using what we learned",
    introduction="P.S. 38's school team asks staff whether they use the strategies presented in the teacher-led "
                 "workshops on student engagement.",
    statements=(), scales=(),
    choice=("How often do you use a strategy you learned in the workshops?",
            "Daily\nOnce a week\nLess than once a week\nI have not used one yet"),
)
# The team read out "Ninety-six percent of staff used a strategy that they learned and more than a quarter do it
# daily, 50% do it once/week" (seed 004 ~6249-6250): 50 invented answers give 96%, 28% and 50%.
WORKSHOP_ANSWERS = {1: 14, 2: 25, 3: 9, 4: 2}

STUDIO_SURVEY = SurveyFacts(
    title="End-of-year evaluation of the studio/residency sessions",
    introduction="Central office asks everyone who took part in this year's studio and residency sessions what "
                 "they made of them. (The questions are invented for the demo: the study does not print them.)",
    statements=(
        "The sessions helped me try new practices with my students.",
        "Watching in the studio classroom showed me what the practice looks like.",
        "I will keep using what I learned next year.",
    ),
    scales=(ScaleFacts("Value of the sessions", "How much participants took from the sessions.", (1, 2, 3)),),
    written="What should change in next year's sessions?",
)

SPRING_SURVEY = SurveyFacts(
    title="Site visits this spring",
    introduction="Three questions about your network's site visits this spring. (Synthetic, for the demo's tour.)",
    statements=("Our site visits had a clear lens.", "The feedback we received was specific.",
                "We tried something we saw on a visit."),
    scales=(ScaleFacts("Quality of site visits", "How well visits served learning.", (1, 2, 3)),),
    written="What would make next spring's visits more useful?",
)
SPRING_INVITED = ("teacher", "principal", "master", "coach")  # the demo's sign-ins asked to answer it

# Seed 004 ~3060-3064 (and ~176-179): the four long-term outcomes of the LPP Framework. The indicators and their
# targets are the demo's: the study names no measure or target for them.
OUTCOMES = [
    ("Strengthen school capacity to engage in continuous improvement",
     [(m.Indicator.Measure.CYCLES, 80), (m.Indicator.Measure.SCALE, 3.5, "Capacity for continuous improvement")]),
    ("Improve school and educator practice and student outcomes", [(m.Indicator.Measure.ADOPTIONS, 10)]),
    ("Establish a system-wide culture of collaboration",
     [(m.Indicator.Measure.VISITS, 20), (m.Indicator.Measure.SCALE, 3.5, "Culture of collaboration")]),
    ("Develop strong school and teacher leaders", [(m.Indicator.Measure.SCALE, 3.5, "Leadership")]),
]
OUTCOMES_NOTE = ("The program measured its progress with the research office's surveys and outcome data; the "
                 "indicators and targets here are the demo's (synthetic).")

NOTES = [
    ("synthetic", "Survey answers", "Invented answers, marked synthetic",
     "The study reports that the research office surveyed all participants, not what they answered",
     "~180-184",
     "The participant survey's questions and answers in 2015-16 and 2016-17 are the demo's; the scales follow the "
     "program's four outcomes."),
    ("reading", "P.S. 38's workshop survey", "96% used a strategy; 28% daily; 50% once a week (50 answers)",
     "“Ninety-six percent of staff used a strategy that they learned and more than a quarter do it daily, 50% do "
     "it once/week”", "~6249-6250",
     "The seed gives shares, not counts: the demo's 50 invented answers reproduce them."),
]


def load(ctx):
    nyc = org.District.objects.get(short_name="NYC DOE")
    years = ctx["nyc.years"]
    by = ctx["nyc.people"]["central"]
    surveys = {}
    for name, (count, levels, day) in PARTICIPANT_YEARS.items():
        survey = build(nyc, years[name], PARTICIPANT_SURVEY, by, mode=m.Survey.Mode.ANONYMOUS,
                       status=m.Survey.Status.CLOSED, previous=surveys.get("2015-16"),
                       audience_roles=[R.PRINCIPAL, R.TEACHER, R.COACH])
        answer_participants(survey, count, levels, day)
        surveys[name] = survey
    next_year = ctx.objects.get("nyc.next_year") or org.SchoolYear.objects.get(district=nyc, name="2017-18")
    if not m.Survey.objects.filter(district=nyc, school_year=next_year, title=PARTICIPANT_SURVEY.title).exists():
        actions.copy_survey(surveys["2016-17"], school_year=next_year, by=by)
    ps38 = org.School.objects.get(district=nyc, name="P.S. 38")
    workshops = build(nyc, years["2016-17"], WORKSHOP_SURVEY, by, school=ps38, mode=m.Survey.Mode.ANONYMOUS,
                      status=m.Survey.Status.CLOSED)
    answer_counts(workshops, WORKSHOP_ANSWERS, dt.date(2017, 3, 10), role=R.TEACHER, school=ps38)
    offer_as_evidence(workshops, by, cycle=Cycle.objects.filter(
        goal__problem__school=ps38, title="Teacher-led professional learning series").first(),
        note="The team read it as confirmation that the workshops were moving in the right direction.")
    collaboration = surveys["2016-17"].scales.get(name="Culture of collaboration")
    offer_as_evidence(surveys["2016-17"], by, scale=collaboration, network=org.Network.objects.filter(
        school_year=years["2016-17"], name="P.S. 41 quad").first(),
        note="The quad's schools answered the research office's survey with the program's other participants.")
    spring = build(nyc, years["2016-17"], SPRING_SURVEY, by, mode=m.Survey.Mode.CONFIDENTIAL,
                   status=m.Survey.Status.OPEN, audience_roles=[R.PRINCIPAL, R.TEACHER, R.COACH])
    people = ctx["nyc.people"]
    invited = {i.person_id: i for i in actions.audience(spring)}
    for username in SPRING_INVITED:
        who = people[username]
        found = invited.get(who.pk)
        m.Invitation.objects.get_or_create(survey=spring, person=who, defaults={
            "school_id": found.school_id if found else None, "role": found.role if found else ""})
    outcomes(nyc)
    data_notes(nyc, SEED_004, NOTES)
    highline = org.District.objects.get(short_name="Highline")
    studio = build(highline, highline.current_school_year, STUDIO_SURVEY, None, mode=m.Survey.Mode.ANONYMOUS,
                   status=m.Survey.Status.CLOSED)
    answer_studio(studio, highline)
    data_notes(highline, SEED_000, [
        ("synthetic", "Studio session evaluations", "Invented questions and answers, marked synthetic",
         "Central office “collected end-of-the year evaluations of the sessions from all participants”", "~903",
         "The seed does not print the evaluation form or what participants wrote.")])
    ctx["evaluation.surveys"] = {**surveys, "workshops": workshops, "spring": spring, "studio": studio}


def offer_as_evidence(survey, by, note, scale=None, **target):
    """The survey (or its scale) offered as evidence for a cycle or a network, once (nothing if it is missing)."""
    if None not in target.values():
        m.SurveyEvidence.objects.get_or_create(survey=survey, scale=scale, **target,
                                               defaults={"note": note, "added_by": by})


def outcomes(district):
    """The four LPP outcomes, each with its (synthetic) indicators, made once."""
    for number, (name, measured) in enumerate(OUTCOMES, 1):
        outcome, created = m.Outcome.objects.get_or_create(
            district=district, number=number,
            defaults={"name": name, "description": OUTCOMES_NOTE, "source": f"{SEED_004} ~3060-3064, ~176-179"})
        if not created:
            continue
        for measure, target, *scale in measured:
            m.Indicator.objects.create(outcome=outcome, measure=measure, target=target, scale_name=scale[0] if scale
                                       else "", survey_title=PARTICIPANT_SURVEY.title if scale else "")


@transaction.atomic
def build(district, year, facts: SurveyFacts, by, *, status, previous=None, **fields) -> m.Survey:
    """The survey of ``facts`` in ``year``, with its one section of questions and its scales (made once)."""
    survey, created = m.Survey.objects.get_or_create(
        district=district, school_year=year, title=facts.title, version=1,
        defaults={"introduction": facts.introduction, "created_by": by, "synthetic": True, "previous": previous,
                  **fields})
    if not created:
        return survey
    section = m.Section.objects.create(survey=survey, number=1, title="Your year")
    number = 0

    def item(**kwargs):
        nonlocal number
        number += 1
        return m.Item.objects.create(section=section, number=number, **kwargs)

    if facts.number:
        item(kind=m.Item.Kind.NUMBER, prompt=facts.number)
    if facts.choice[0]:
        item(kind=m.Item.Kind.SINGLE, prompt=facts.choice[0], options=facts.choice[1], required=True)
    matrix = item(kind=m.Item.Kind.MATRIX, prompt="How far do you agree?", options=AGREEMENT,
                  statements="\n".join(facts.statements), required=True) if facts.statements else None
    if facts.written:
        item(kind=m.Item.Kind.LONG, prompt=facts.written)
    for scale_facts in facts.scales:
        scale = m.Scale.objects.create(survey=survey, name=scale_facts.name, description=scale_facts.description)
        for row in scale_facts.rows:
            m.ScaleItem.objects.create(scale=scale, item=matrix, row=row, reverse=row in scale_facts.reverse)
    m.Survey.objects.filter(pk=survey.pk).update(status=status)
    survey.status = status
    return survey


def agreement(rng, level: float, reverse: bool = False) -> int:
    """An invented 1-5 answer around ``level`` (0 is "neither"), turned for a reverse-coded statement."""
    answer = min(5, max(1, round(3 + level + rng.gauss(0, 0.7))))
    return 6 - answer if reverse else answer


def answer_participants(survey: m.Survey, count: int, levels, day):
    """``count`` invented respondents from the year's network schools, answering the matrix from one level per
    scale (so each scale holds together), the number of visits and, now and then, the written question."""
    if survey.responses.exists():
        return
    rng = random.Random(f"participants {survey.school_year.name}")
    memberships = list(org.NetworkMembership.objects.filter(network__school_year=survey.school_year)
                       .order_by("network_id", "school_id"))
    items = {i.kind: i for i in m.Item.objects.filter(section__survey=survey)}
    matrix, scales = items[m.Item.Kind.MATRIX], PARTICIPANT_SURVEY.scales
    rows = []
    for _ in range(count):
        place = rng.choice(memberships)
        answers = {str(items[m.Item.Kind.NUMBER].pk): rng.choice([2, 3, 4, 4, 5, 6, 8])}
        for scale, level in zip(scales, levels):
            mine = rng.gauss(level, 0.8)
            for row in scale.rows:
                if rng.random() > 0.03:  # now and then a statement is left blank
                    answers[f"{matrix.pk}.{row}"] = agreement(rng, mine, row in scale.reverse)
        if rng.random() < 0.3:
            answers[str(items[m.Item.Kind.LONG].pk)] = rng.choice(WRITTEN)
        role = rng.choices([R.TEACHER, R.PRINCIPAL, R.COACH], weights=[7, 2, 1])[0]
        rows.append(m.Response(survey=survey, answers=answers, role=role, school_id=place.school_id,
                               network_id=place.network_id, returning=place.returning, submitted_on=day,
                               synthetic=True))
    m.Response.objects.bulk_create(rows)


def answer_counts(survey: m.Survey, counts: dict, day, **descriptors):
    """Invented answers to a survey's one choice question, ``counts`` per option."""
    if survey.responses.exists():
        return
    item = m.Item.objects.get(section__survey=survey, kind=m.Item.Kind.SINGLE)
    m.Response.objects.bulk_create([
        m.Response(survey=survey, answers={str(item.pk): option}, submitted_on=day, synthetic=True, **descriptors)
        for option, count in counts.items() for _ in range(count)])


def answer_studio(survey: m.Survey, district):
    """Twenty-four invented evaluations from the studio and residency schools' participants."""
    if survey.responses.exists():
        return
    rng = random.Random("studio evaluations")
    items = {i.kind: i for i in m.Item.objects.filter(section__survey=survey)}
    places = list(org.NetworkMembership.objects.filter(network__district=district).order_by("pk"))
    comments = ["More time to debrief after the demonstration lesson.", "Bring the residency teachers in earlier.",
                "Keep the studio sessions monthly.", "Fewer observers in the classroom at once."]
    rows = []
    for i in range(24):
        place = places[i % len(places)]
        level = rng.gauss(0.9, 0.6)
        answers = {f"{items[m.Item.Kind.MATRIX].pk}.{row}": agreement(rng, level) for row in (1, 2, 3)}
        if i % 3 == 0:
            answers[str(items[m.Item.Kind.LONG].pk)] = comments[(i // 3) % len(comments)]
        rows.append(m.Response(survey=survey, answers=answers, role=R.TEACHER if i % 4 else R.PRINCIPAL,
                               school_id=place.school_id, network_id=place.network_id, synthetic=True,
                               submitted_on=survey.school_year.end - dt.timedelta(days=14)))
    m.Response.objects.bulk_create(rows)

