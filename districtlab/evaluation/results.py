"""A survey's results as its readers see them: item distributions, scale scores with Cronbach's alpha, groups
compared, change since the survey it repeats, written answers, and response rates. Nothing is shown for fewer
respondents than the survey's smallest group, and every place a group was held back says so. The arithmetic is
``analysis.surveys`` and ``analysis.reliability``; this module reads the answers and arranges them."""
from __future__ import annotations

import random
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Count, F, FloatField, Max, Q
from django.db.models.functions import Cast
from django.http import HttpResponse
from django.utils.text import slugify

from districtlab.analysis import reliability, surveys
from districtlab.core import roles as R
from districtlab.org.spreadsheets import csv_chunks

from . import models as m

GROUPINGS = {"role": "Role", "school": "School", "network": "Network", "returning": "New or returning"}
COLUMNS = {"role": "role", "school": "school__name", "network": "network__name", "returning": "returning"}
SCHOOLS_LISTED = 25  # the schools with the lowest response rates, on the survey's page
CACHE_SECONDS = 24 * 3600  # results are kept by what they depend on, so never stale: this only frees the room
WRITTEN_LISTED = 50  # written answers listed on the results page, per question (all are in the CSV)


@dataclass
class Statement:
    """One question answered on its own: an item, or a matrix's statement."""

    key: str
    label: str
    item: m.Item
    distribution: surveys.Distribution | None = None
    summary: surveys.Summary | None = None
    held_back: bool = False  # fewer answers than the smallest group

    @property
    def rows(self) -> list[tuple]:
        """(option, people, share) for each option."""
        d = self.distribution
        return [(option, count, d.shares[option]) for option, count in d.counts.items()] if d else []

    @property
    def svg(self) -> str:
        from .charts import answers_svg

        return answers_svg(self.label, self.rows) if self.distribution else ""


@dataclass
class ScaleResult:
    scale: m.Scale
    members: list  # ScaleItem
    summary: surveys.Summary | None = None
    reliability: reliability.Reliability | None = None
    why_no_alpha: str = ""
    groups: list = field(default_factory=list)  # (group name, Summary)
    held_back_groups: list = field(default_factory=list)
    change: surveys.Change | None = None
    why_no_change: str = ""

    @property
    def statement_rows(self) -> list[tuple]:
        """(statement, corrected item-total correlation, alpha without it) for each statement."""
        r = self.reliability
        return [(label, r.item_total[label], r.alpha_if_deleted[label]) for label in r.items] if r else []


@dataclass
class Report:
    survey: m.Survey
    answered: int
    shown: bool  # enough respondents for anything to be shown
    statements: list = field(default_factory=list)
    scales: list = field(default_factory=list)
    written: list = field(default_factory=list)  # (question, its written answers in no order, how many in all)
    by: str = ""


def submitted(survey: m.Survey):
    return m.Response.objects.filter(survey=survey, submitted_on__isnull=False)


def statements_of(items: list[m.Item]) -> list[Statement]:
    out = []
    for item in items:
        if item.kind == m.Item.Kind.MATRIX:
            out += [Statement(key, text, item) for key, text in zip(item.keys(), item.statement_list)]
        else:
            out.append(Statement(str(item.pk), item.prompt, item))
    return out


def stamp(survey: m.Survey) -> str:
    """What the results depend on: the survey's questions (its revision; a frozen survey's do not change) and its
    submitted answers (how many, the newest), and the same of the survey it repeats. Answers, once submitted, never
    change; one removed changes the count."""
    def of(one):
        done = submitted(one).aggregate(n=Count("pk"), last=Max("pk"))
        return f"{one.pk}.{one.created.timestamp()}.{one.revision}.{done['n']}.{done['last']}"

    return "-".join(of(one) for one in (survey, survey.previous) if one is not None)


def cached_report(survey: m.Survey, by: str = "") -> Report:
    """``report``, kept in the shared cache until an answer is submitted: the same for every reader (aggregates,
    small groups held back), so a results page computes it once per new answer, not per visit."""
    key = f"survey-results:v1:{by}:{stamp(survey)}"
    return cache.get_or_set(key, lambda: report(survey, by), CACHE_SECONDS)


def report(survey: m.Survey, by: str = "") -> Report:
    """Everything the results page shows. Reads the submitted answers once (and, for change, the repeated
    survey's once)."""
    items = list(survey.questions())
    rows = list(submitted(survey).values_list("person_id", "answers", COLUMNS.get(by, "role")))
    minimum = survey.minimum_group
    out = Report(survey=survey, answered=len(rows), shown=len(rows) >= minimum, by=by)
    if not out.shown:
        return out
    answers = [row[1] for row in rows]
    for statement in statements_of(items):
        values = [a.get(statement.key) for a in answers]
        item = statement.item
        if item.kind in m.Item.TEXT:
            texts = written(survey, statement.key, answers)
            if texts:
                out.written.append((item, texts[:WRITTEN_LISTED], len(texts)))
            continue
        answered = [v for v in values if v not in (None, "", [])]
        statement.held_back = len(answered) < minimum
        if not statement.held_back:
            if item.kind in m.Item.CHOICES:
                options = item.option_list
                labels = [[options[i - 1] for i in v] if isinstance(v, list) else options[v - 1] if v else None
                          for v in values]
                statement.distribution = surveys.distribution(labels, options)
            if item.kind in (*m.Item.ON_A_SCALE, m.Item.Kind.NUMBER):
                statement.summary = surveys.summary(answered)
        out.statements.append(statement)
    for scale in survey.scales.prefetch_related("members__item"):
        out.scales.append(scale_result(survey, scale, rows, by))
    return out


def top_of(scale_members) -> int:
    """The top answer of a scale's statements: their options' number (the most, should they differ)."""
    return max((len(member.item.option_list) for member in scale_members), default=0)


def scores(scale_members, answers) -> list[float | None]:
    """Each respondent's score on a scale (None: fewer than half its statements answered, or a scale with no
    statements yet)."""
    if not scale_members:
        return [None] * len(answers)
    keys, flags = [member.key for member in scale_members], [member.reverse for member in scale_members]
    return [surveys.scale_score([a.get(k) for k in keys], flags, top=top_of(scale_members)) for a in answers]


def scores_by_school(survey: m.Survey, scale: m.Scale) -> dict[int | None, list[float]]:
    """Each school's respondents' scores on ``scale`` (those with too few statements answered left out), kept in
    the cache until an answer comes in: the same for every reader."""
    def compute():
        rows = list(submitted(survey).values_list("school_id", "answers"))
        out: dict[int | None, list[float]] = {}
        for (school, _), score in zip(rows, scores(list(scale.members.select_related("item")),
                                                   [r[1] for r in rows])):
            if score is not None:
                out.setdefault(school, []).append(score)
        return out

    return cache.get_or_set(f"scale-scores:v2:{scale.pk}:{stamp(survey)}", compute, CACHE_SECONDS)


def scale_result(survey, scale, rows, by) -> ScaleResult:
    members = list(scale.members.all())
    result = ScaleResult(scale, members)
    if not members:
        return result
    answers = [row[1] for row in rows]
    mine = scores(members, answers)
    result.summary = surveys.summary(mine)
    result.reliability, result.why_no_alpha = alpha(members, answers, survey.minimum_group)
    if by:
        groups: dict[str, list] = {}
        for row, score in zip(rows, mine):
            groups.setdefault(group_name(by, row[2]), []).append(score)
        kept = surveys.suppress(groups, survey.minimum_group)
        result.groups = sorted((name, surveys.summary(values)) for name, values in kept.shown.items())
        result.held_back_groups = sorted(kept.suppressed)
    result.change, result.why_no_change = change(survey, scale, rows, mine)
    return result


def group_name(by: str, value) -> str:
    if by == "returning":
        return {True: "Returning", False: "New to the program"}.get(value, "Not in a network")
    if by == "role":
        return R.ROLE_LABELS.get(value, value or "Not said")
    return value or "Not in one"


def alpha(members, answers, minimum):
    if len(members) < 2:
        return None, "A scale of one statement has no alpha."
    labels = [f"{i}. {member.label}" for i, member in enumerate(members, 1)]
    top = top_of(members)
    table = [[(reliability.reverse(a.get(member.key), top) if member.reverse and a.get(member.key) is not None
               else a.get(member.key)) for member in members] for a in answers]
    complete = sum(1 for row in table if all(v is not None for v in row))
    if complete < minimum:
        return None, f"Fewer than {minimum} respondents answered every statement."
    try:
        return reliability.cronbach_alpha(table, labels), ""
    except ValueError as exc:
        return None, str(exc)


def change(survey, scale, rows, mine):
    """The change in the scale's scores since the survey this one repeats: paired by person when both are
    confidential, else two independent groups."""
    previous = survey.previous
    if previous is None:
        return None, ""
    earlier = previous.scales.filter(name=scale.name).prefetch_related("members__item").first()
    if earlier is None:
        return None, f"“{previous}” has no scale of this name."
    before_rows = list(submitted(previous).values_list("person_id", "answers"))
    before = scores(list(earlier.members.all()), [row[1] for row in before_rows])
    minimum = survey.minimum_group
    try:
        if not survey.anonymous and not previous.anonymous:
            pairs_before = {row[0]: s for row, s in zip(before_rows, before) if row[0] is not None}
            pairs_after = {row[0]: s for row, s in zip(rows, mine) if row[0] is not None}
            both = {k for k in pairs_before.keys() & pairs_after.keys()
                    if pairs_before[k] is not None and pairs_after[k] is not None}
            if len(both) < minimum:
                return None, f"Fewer than {minimum} people answered both."
            return surveys.paired_change(pairs_before, pairs_after), ""
        if sum(s is not None for s in before) < minimum or sum(s is not None for s in mine) < minimum:
            return None, f"Fewer than {minimum} respondents in one of the two."
        return surveys.independent_change(before, mine), ""
    except ValueError as exc:
        return None, str(exc)


def response_rates(survey: m.Survey) -> dict:
    """Invited and answered: in all, by role, by network, and the schools with the lowest rates."""
    invitations = survey.invitations.all()
    answered = Count("pk", filter=Q(answered=True))
    total = invitations.aggregate(invited=Count("pk"), answered=answered)
    by_role = [(R.ROLE_LABELS.get(r["role"], r["role"] or "—"), r["invited"], r["answered"])
               for r in invitations.values("role").annotate(invited=Count("pk"), answered=answered).order_by("role")]
    network = "school__network_memberships__network__name"
    by_network = [(r[network], r["invited"], r["answered"]) for r in invitations.filter(
        school__network_memberships__network__school_year=survey.school_year_id).values(network).annotate(
        invited=Count("pk"), answered=answered).order_by(network)]
    lowest = invitations.exclude(school=None).values("school__name").annotate(
        invited=Count("pk"), answered=answered,
        rate=Cast(F("answered"), FloatField()) / Cast(F("invited"), FloatField())).order_by("rate", "school__name")
    return {"total": total, "by_role": by_role, "by_network": by_network,
            "lowest_schools": [(r["school__name"], r["invited"], r["answered"]) for r in lowest[:SCHOOLS_LISTED]],
            "schools": invitations.exclude(school=None).values("school").distinct().count(),
            "submitted": submitted(survey).count() if not total["invited"] else 0}


def written(survey: m.Survey, key: str, answers: list[dict]) -> list[str]:
    """The written answers to one question, in no order (not the order they came: that could tell who wrote
    which); none when fewer than the survey's smallest group wrote one."""
    texts = [a[key] for a in answers if a.get(key)]
    random.Random(f"{survey.pk}:{key}").shuffle(texts)
    return texts if len(texts) >= survey.minimum_group else []


def open_answers_csv(survey: m.Survey) -> HttpResponse:
    """The written answers, one row each (question, answer), for coding; none for a question with fewer written
    answers than the smallest group. No respondent is named and the rows are in the questions' order."""
    items = list(survey.questions().filter(kind__in=m.Item.TEXT))
    answers = list(submitted(survey).values_list("answers", flat=True))

    def rows():
        for item in items:
            number = f"{item.section.number}.{item.number}"
            yield from ([number, item.prompt, text] for text in written(survey, str(item.pk), answers))

    body = b"".join(csv_chunks(["Question", "Asked", "Answer"], rows()))
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slugify(survey.title)}-written-answers.csv"'
    return response


def evidence_figure(link) -> str:
    """What a piece of survey evidence shows, in words: the scale's mean score and how many it rests on, or how
    many answered the survey; "held back" below the survey's smallest group."""
    survey = link.survey
    if link.scale_id is None:
        return f"{submitted(survey).count()} answered"
    mine = [score for found in scores_by_school(survey, link.scale).values() for score in found]
    if len(mine) < survey.minimum_group:
        return f"held back (fewer than {survey.minimum_group} respondents)"
    top = top_of(link.scale.members.select_related("item"))
    return f"mean score {surveys.summary(mine).mean:.2f} of {top}, from {len(mine)} respondents"
