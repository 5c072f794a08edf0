"""Exports in the shapes LPP staff kept: one row per network membership, school-year row, or position.

Schools and people export in the same columns their importers read, so a file can go out and back.
"""
from django.db.models import Prefetch

from districtlab.core.people import email_for, name_for, names_for, ordered_for
from districtlab.core.permissions import scope

from . import models as m
from .importers import DEMOGRAPHIC_PREFIX, PEOPLE_COLUMNS, SCHOOL_COLUMNS

DATA_NOTE_COLUMNS = ["district", "kind", "subject", "kept", "other", "note", "sources"]
NETWORK_COLUMNS = ["district", "school_year", "network", "network_type", "learning_focus_area", "facilitator",
                   "school", "role", "returning"]


def _districts(actor, district):
    qs = scope(actor, m.District.objects.all())
    return qs.filter(pk=district.pk) if district else qs


def _memberships(actor, district, year):
    memberships = m.NetworkMembership.objects.program().filter(network__district__in=_districts(actor, district))
    return memberships.filter(network__school_year__name=year) if year else memberships


def records_in(model):
    """A size for ``EXPORT_SIZES``: the number of ``model``'s records in the districts exported."""
    return lambda actor, district, year: model.objects.filter(district__in=_districts(actor, district)).count()


def export_size(actor, kind: str, district=None, year: str | None = None) -> int:
    """How many records an export reads, counted by the database (a kind with no size registered counts as
    small): a large export is prepared in the background."""
    size = EXPORT_SIZES.get(kind)
    return size(actor, district, year) if size else 0


def export_networks(actor, district=None, year: str | None = None):
    """One row per school membership of a program network (a cohort's sub-groups are inside it); facilitators
    joined by "; "."""
    memberships = (
        _memberships(actor, district, year)
        .select_related("network__district", "network__school_year", "network__focus_area", "school")
        .prefetch_related("network__facilitators")
        .order_by("network__school_year__start", "network__name", "role", "school__name")
    )
    rows = []
    for ms in memberships:
        n = ms.network
        rows.append([
            n.district.short_name, n.school_year.name, n.name, n.get_kind_display(),
            n.focus_area.name if n.focus_area else "",
            "; ".join(names_for(actor, n.facilitators.all())),
            ms.school.name, ms.get_role_display(), "yes" if ms.returning else "no",
        ])
    return NETWORK_COLUMNS, rows


def export_schools(actor, district=None, year: str | None = None):
    """One row per school and school year with demographics (or one row if it has none)."""
    demographics = m.Demographic.objects.select_related("school_year").order_by("school_year__start")
    year_facts = m.SchoolYearFacts.objects.select_related("school_year").order_by("school_year__start")
    if year:
        demographics = demographics.filter(school_year__name=year)
        year_facts = year_facts.filter(school_year__name=year)
    schools = (
        m.School.objects.filter(district__in=_districts(actor, district))
        .select_related("district").prefetch_related("types", Prefetch("demographics", queryset=demographics),
                                                     Prefetch("year_facts", queryset=year_facts))
        .order_by("district__name", "name")
    )
    schools = list(schools)
    measures = sorted({d.measure for s in schools for d in s.demographics.all()})
    columns = SCHOOL_COLUMNS + [f"{DEMOGRAPHIC_PREFIX} {k}" for k in measures]
    rows = []
    for s in schools:
        types = "; ".join(t.name for t in s.types.all())
        by_year, starts = {}, {}
        for d in s.demographics.all():
            by_year.setdefault(d.school_year.name, {})[d.measure] = d.value
            starts[d.school_year.name] = d.school_year.start
        facts = {f.school_year.name: f for f in s.year_facts.all()}  # the grade span as it was that year
        for f in facts.values():
            by_year.setdefault(f.school_year.name, {})
            starts[f.school_year.name] = f.school_year.start
        for year_name in sorted(by_year, key=starts.get) or [""]:
            grades = facts[year_name] if year_name in facts else s
            rows.append([s.district.short_name, s.name, grades.grades, grades.grade_band, s.region, types, year_name]
                        + [by_year.get(year_name, {}).get(k, "") for k in measures])
    return columns, rows


def export_people(actor, district=None, year: str | None = None):
    """One row per position (a person without positions gets one row), each person named and ordered as the
    actor sees them (``core.people``): emails only for staff who may see them, pseudonyms for researchers."""
    people = ordered_for(actor, (
        m.Person.objects.filter(district__in=_districts(actor, district))
        .select_related("district")
        .prefetch_related(Prefetch("positions", queryset=m.Position.objects.select_related("school")))
        .order_by("district__name", "name")
    ))
    spans = {}
    if year:
        spans = {y.district_id: y for y in m.SchoolYear.objects.filter(district__in=_districts(actor, district), name=year)}
    rows = []
    for p in people:
        name, email = name_for(actor, p), email_for(actor, p)
        positions = list(p.positions.all())
        if year:
            span = spans.get(p.district_id)
            positions = [pos for pos in positions if span and pos.overlaps(span.start, span.end)]
            if not positions:
                continue
        for pos in positions or [None]:
            rows.append([p.district.short_name, name, email] + ([
                pos.get_kind_display(), pos.school.name if pos.school else "", pos.title,
                pos.get_designation_display() if pos.designation else "", pos.organisation,
                pos.start.isoformat() if pos.start else "", pos.end.isoformat() if pos.end else "",
                pos.designation_start.isoformat() if pos.designation_start else "",
                pos.designation_end.isoformat() if pos.designation_end else "",
            ] if pos else [""] * 9))
    return PEOPLE_COLUMNS, rows


def export_data_notes(actor, district=None, year: str | None = None):
    """Every data note: what was kept, what else the sources say, and where."""
    notes = m.DataNote.objects.filter(district__in=_districts(actor, district)).select_related("district")
    return DATA_NOTE_COLUMNS, [
        [n.district.short_name, n.get_kind_display(), n.subject, n.kept, n.other, n.note, n.sources] for n in notes
    ]


EXPORTERS = {"networks": export_networks, "schools": export_schools, "people": export_people,
             "data-notes": export_data_notes}
EXPORT_SIZES = {"networks": lambda actor, district, year: _memberships(actor, district, year).count(),
                "schools": records_in(m.School), "people": records_in(m.Person), "data-notes": records_in(m.DataNote)}
