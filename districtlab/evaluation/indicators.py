"""The program's outcomes read from what DistrictLab holds: each indicator, for a school year, for the whole
program (the year's network schools), each network and each school, from only what the viewer may count.

An indicator is read school by school, then combined for a group of schools:

- *cycles*: a school's Cycles of Learning completed in the year (shared beyond their authors; a cycle is completed
  when it reached "share lessons" or ended); a group's value is the percentage of its schools that completed the
  district's expected number (two unless the district says otherwise);
- *adoptions*: practices a school adopted in the year from another school's practice; a group's value is the sum;
- *visits*: interschool site visits a school hosted and held in the year; a group's value is the sum;
- *scale*: the respondents' scores on a survey scale in that year's survey of the named title; a group's value is
  their mean, held back for fewer respondents than the survey's smallest group;
- *school*: a figure schools report for the year (a school's yearly figures, kept as reported: "73", "40-60%"),
  read as its number or, for a range, its middle; a group's value is the mean over the schools that reported it,
  and a school's row shows the figure as reported.

Each group's read takes a fixed number of queries, whatever the number of schools.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, F, Q

from districtlab.analysis import surveys
from districtlab.core.permissions import scope
from districtlab.inquiry import models as inquiry
from districtlab.inquiry.progress import countable, expectation_for
from districtlab.org.models import Demographic, NetworkMembership
from districtlab.practices.models import Adoption
from districtlab.visits.models import Meeting

from . import models as m
from .results import scores_by_school

M = m.Indicator.Measure
UNITS = {M.CYCLES: "% of schools", M.ADOPTIONS: "adoptions", M.VISITS: "visits", M.SCALE: "mean score",
         M.SCHOOL: "mean as reported"}


def shown(value, measure) -> str:
    """A value as people read it: a count whole, a share as a percentage, a mean score to two decimals."""
    if value is None:
        return "—"
    if measure in (M.ADOPTIONS, M.VISITS):
        return f"{value:,.0f}"
    return f"{value:.0f}%" if measure == M.CYCLES else f"{value:.2f}"


def reported(number, low, high) -> float | None:
    """A reported figure as one number: itself, or a range's middle (an open range, its one end)."""
    if number is not None:
        return float(number)
    ends = [float(v) for v in (low, high) if v is not None]
    return sum(ends) / len(ends) if ends else None


@dataclass
class Group:
    name: str
    value: float | None  # None: nothing to count, or held back
    schools: int
    held_back: bool = False
    url: str = ""
    measure: str = ""
    as_reported: str = ""  # a school's figure as it reported it

    @property
    def shown(self) -> str:
        return self.as_reported or shown(self.value, self.measure)


@dataclass
class Reading:
    """An indicator in one school year: the program's value, and its networks' (or one network's schools')."""

    year: object
    value: float | None
    schools: int
    groups: list = field(default_factory=list)
    held_back: bool = False
    minimum: int | None = None  # for a survey scale: the smallest group shown
    target: float | None = None
    measure: str = ""

    @property
    def shown(self) -> str:
        return shown(self.value, self.measure)

    @property
    def met(self) -> bool | None:
        return None if self.value is None or self.target is None else self.value >= self.target


def per_school(indicator: m.Indicator, actor, year, schools: set[int] | None) -> tuple[dict, int | None]:
    """``{school id: what it counts}`` for the indicator in ``year`` (a number, or a survey's scores), and the
    survey's smallest group when it reads one; only ``schools``' when given (a network's), else every school's."""
    start, end = year.start, year.end

    def of(qs, field):
        return qs if schools is None else qs.filter(**{f"{field}__in": schools})

    if indicator.measure == M.CYCLES:
        done = Q(stage=inquiry.Cycle.Stage.SHARE) | Q(ended__isnull=False)
        rows = of(countable(actor, inquiry.Cycle.objects.filter(goal__problem__school_year=year)).filter(done),
                  "goal__problem__school_id").values("goal__problem__school_id").annotate(n=Count("pk", distinct=True))
        return {r["goal__problem__school_id"]: r["n"] for r in rows}, None
    if indicator.measure == M.ADOPTIONS:
        rows = of(scope(actor, Adoption.objects.filter(date__range=(start, end))), "school_id").exclude(
            practice__origin_school=F("school")).values("school_id").annotate(n=Count("pk", distinct=True))
        return {r["school_id"]: r["n"] for r in rows}, None
    if indicator.measure == M.VISITS:
        rows = of(scope(actor, Meeting.objects.filter(
            kind=Meeting.Kind.SITE_VISIT, status=Meeting.Status.HELD, date__range=(start, end))), "host_id").values(
            "host_id").annotate(n=Count("pk", distinct=True))
        return {r["host_id"]: r["n"] for r in rows}, None
    if indicator.measure == M.SCHOOL:
        rows = of(scope(actor, Demographic.objects.filter(school_year=year, measure=indicator.school_measure)),
                  "school_id")
        return {school: (reported(number, low, high), value) for school, number, low, high, value in rows.values_list(
            "school_id", "number", "low", "high", "value") if reported(number, low, high) is not None}, None
    survey = m.Survey.objects.filter(district_id=year.district_id, school_year=year, title=indicator.survey_title,
                                     status__in=[m.Survey.Status.OPEN, m.Survey.Status.CLOSED]).order_by(
        "-version").first()
    scale = survey and survey.scales.filter(name=indicator.scale_name).first()
    if scale is None:
        return {}, None
    return ({s: found for s, found in scores_by_school(survey, scale).items() if schools is None or s in schools},
            survey.minimum_group)


def combine(indicator, counted: dict, schools: list[int], expected: int, minimum: int | None) -> tuple:
    """A group's value from its schools' counts: (value, held back)."""
    if indicator.measure == M.CYCLES:
        return (100 * sum(counted.get(s, 0) >= expected for s in schools) / len(schools) if schools else None), False
    if indicator.measure in (M.ADOPTIONS, M.VISITS):
        return sum(counted.get(s, 0) for s in schools), False
    if indicator.measure == M.SCHOOL:
        figures = [counted[s][0] for s in schools if s in counted]
        return (sum(figures) / len(figures) if figures else None), False
    pooled = [score for s in schools for score in counted.get(s, [])]
    if minimum is None or len(pooled) < minimum:
        return None, bool(pooled)
    return surveys.summary(pooled).mean, False


def members_of(year, network=None) -> list[tuple]:
    """(school id, school, network id, network) of the year's network schools (sub-groups left out), or one
    network's: read once for all of a page's indicators."""
    members = NetworkMembership.objects.filter(network__school_year=year, network__parent__isnull=True)
    if network is not None:
        members = members.filter(network=network)
    return list(members.values_list("school_id", "school__name", "network_id", "network__name"))


def read(indicator: m.Indicator, actor, year, network=None, *, members=None, groups=True) -> Reading:
    """The indicator in ``year``: for the program and (with ``groups``) by network, or for ``network`` and by
    school. ``members`` are ``members_of(year, network)`` when the caller has them."""
    members = members_of(year, network) if members is None else members
    schools = {school for school, *_ in members}
    counted, minimum = per_school(indicator, actor, year, schools if network is not None else None)
    expected = expectation_for(year.district_id).cycles_per_year
    value, held = combine(indicator, counted, sorted(schools), expected, minimum)
    reading = Reading(year, value, len(schools), held_back=held, minimum=minimum, measure=indicator.measure,
                      target=float(indicator.target) if indicator.target is not None else None)
    grouped: dict[tuple, list[int]] = defaultdict(list)
    for school, school_name, network_id, network_name in members if groups else ():
        key = (school_name, school) if network is not None else (network_name, network_id)
        grouped[key].append(school)
    for (name, pk), its_schools in sorted(grouped.items()):
        value, held = combine(indicator, counted, its_schools, expected, minimum)
        as_reported = counted[pk][1] if network is not None and indicator.measure == M.SCHOOL and pk in counted else ""
        reading.groups.append(Group(name, value, len(its_schools), held, "" if network is not None else
                                    f"?year={year.pk}&network={pk}", indicator.measure, as_reported))
    return reading
