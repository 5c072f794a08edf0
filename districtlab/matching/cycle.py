"""What the call and review pages do and show, outside the views (issue 14): the district's today, whether a call
takes input, a school's standing in the program, submitting, withdrawing and deciding an application, the facts a
reviewer reads beside each application, and acceptance rates.

Seed 004: central office reviews the applications, visits candidate hosts and accepts some (62% of applicants in
2016-17, ~1345); returning schools continue for up to three years, then graduate (~3571).
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db.models import Count, Prefetch, Sum
from django.utils import timezone

from districtlab.org import models as org

from . import models as m
from .program import graduates, years_in_program

A = m.Application


def today(call: m.Call) -> dt.date:
    """Today in the call's district (a call closes at the end of its last day there)."""
    try:
        zone = ZoneInfo(call.district.time_zone)
    except (KeyError, ValueError):
        zone = timezone.get_current_timezone()
    return timezone.localtime(timezone.now(), zone).date()


def refusal(call: m.Call, day: dt.date | None = None) -> str:
    """Why ``call`` takes no input today, in plain words ("" when it is open)."""
    day = day or today(call)
    if day < call.opens:
        return f"Applications open on {call.opens:%b %-d, %Y}."
    if day > call.closes:
        return f"Applications closed on {call.closes:%b %-d, %Y}: nothing more can be changed or submitted."
    return ""


@dataclass
class Standing:
    """A school's place in the program as a call counts it."""

    years: int  # consecutive years in the program, up to the call's school year
    in_program: bool  # in one of the program's networks this year: it continues or leaves
    graduates: bool  # reached the call's number of years: it cannot continue


def standing(call: m.Call, school_id: int) -> Standing:
    years = years_in_program([school_id], before=call.school_year).get(school_id, 0)
    return Standing(years, years > 0, years > 0 and graduates(years, call.years_before_graduation))


def submit(application: m.Application) -> None:
    application.status = A.Status.SUBMITTED
    application.submitted_at = timezone.now()
    application.save()


def withdraw(application: m.Application) -> None:
    application.status = A.Status.WITHDRAWN
    application.save()


def decide(application: m.Application, decision: str, reason: str, person) -> None:
    application.decision, application.decision_reason = decision, reason.strip()
    application.decided_by, application.decided_at = person, timezone.now()
    application.save()


def for_review(qs):
    """Applications with everything a reviewer reads beside each, in a fixed number of queries for a page of them:
    the school's facts, type flags, demographics, networks by year, and the rubric's totals."""
    demographics = org.Demographic.objects.select_related("school_year").order_by("-school_year__start", "measure")
    memberships = (org.NetworkMembership.objects.program().select_related("network__school_year")
                   .order_by("network__school_year__start"))
    return (qs.select_related("school", "lfa_1", "lfa_2", "lfa_3", "call")
            .prefetch_related("school__types", Prefetch("school__demographics", queryset=demographics),
                              Prefetch("school__network_memberships", queryset=memberships))
            .annotate(points=Sum("scores__points"), reviewers=Count("scores__reviewer", distinct=True)))


def latest_demographics(school) -> tuple[str, list]:
    """``(year name, values)`` of the school's latest reported demographics, from its prefetched ones."""
    rows = list(school.demographics.all())
    if not rows:
        return "", []
    year = rows[0].school_year
    return year.name, [d for d in rows if d.school_year_id == year.pk]


def program_history(school) -> list[tuple[str, str, str]]:
    """``(year, network, role)`` for each year the school was in one of the program's networks (prefetched)."""
    return [(ms.network.school_year.name, ms.network.name, ms.get_role_display())
            for ms in school.network_memberships.all()]


def mean_score(application) -> float | None:
    """The mean of the reviewers' totals (``for_review``'s annotations), None before anyone scored."""
    if not getattr(application, "reviewers", 0):
        return None
    return application.points / application.reviewers


def score_table(application, criteria) -> dict:
    """Each reviewer's points per criterion, their total, and the mean of the totals."""
    by_reviewer = defaultdict(dict)
    people = {}
    for s in application.scores.select_related("reviewer"):
        by_reviewer[s.reviewer_id][s.criterion_id] = s
        people[s.reviewer_id] = s.reviewer
    rows = []
    for reviewer_id, scores in sorted(by_reviewer.items(), key=lambda kv: people[kv[0]].name):
        rows.append({"reviewer": people[reviewer_id], "cells": [scores.get(c.pk) for c in criteria],
                     "total": sum(s.points for s in scores.values())})
    totals = [r["total"] for r in rows]
    return {"rows": rows, "mean": sum(totals) / len(totals) if totals else None,
            "most": sum(c.points for c in criteria)}


@dataclass
class Rate:
    group: str
    applied: int = 0
    accepted: int = 0
    waitlisted: int = 0
    declined: int = 0

    @property
    def rate(self) -> float | None:
        """Accepted as a share of applied (None when nobody applied)."""
        return self.accepted / self.applied if self.applied else None


def acceptance_rates(rows, key) -> list[Rate]:
    """Applied, accepted, wait-listed and declined by ``key(row)``, for rows of ``(region, grade band, role,
    decision)``; a blank key is "Not given".

    >>> [(r.group, r.applied, r.accepted, r.rate) for r in acceptance_rates(
    ...     [("Bronx", "High", "host", "accepted"), ("Bronx", "Middle", "partner", "")], key=lambda r: r[0])]
    [('Bronx', 2, 1, 0.5)]
    """
    groups: dict[str, Rate] = {}
    for row in rows:
        name = key(row) or "Not given"
        rate = groups.setdefault(name, Rate(name))
        rate.applied += 1
        decision = row[3]
        if decision == A.Decision.ACCEPTED:
            rate.accepted += 1
        elif decision == A.Decision.WAITLISTED:
            rate.waitlisted += 1
        elif decision == A.Decision.DECLINED:
            rate.declined += 1
    return sorted(groups.values(), key=lambda r: r.group)


def acceptance(call: m.Call) -> dict:
    """The call's acceptance rates by borough, grade band and role, and overall, over its submitted
    applications (drafts and withdrawn ones did not apply)."""
    rows = list(call.applications.filter(status=A.Status.SUBMITTED).values_list(
        "school__region", "school__grade_band", "role", "decision"))
    roles = dict(A.Role.choices)
    overall = acceptance_rates(rows, key=lambda r: "All applicants")
    return {
        "tables": [("Borough", acceptance_rates(rows, key=lambda r: r[0])),
                   ("Grade band", acceptance_rates(rows, key=lambda r: r[1])),
                   ("Role", acceptance_rates(rows, key=lambda r: roles.get(r[2], r[2])))],
        "overall": overall[0] if overall else Rate("All applicants"),
    }
