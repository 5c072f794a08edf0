"""Exports in the shapes LPP staff kept: one row per network membership, school-year row, or position.

Schools and people export in the same columns their importers read, so a file can go out and back. Each exporter
returns its columns and a generator of rows read from the database in chunks as they are written (``CHUNK`` records,
with what they link to, at a time), so a whole district streams in flat memory.
"""
import itertools

from districtlab.core.people import email_for, name_for, names_for, ordered_for
from districtlab.core.permissions import scope
from districtlab.core.roles import Designation, PositionKind

from . import models as m
from .importers import DEMOGRAPHIC_PREFIX, PEOPLE_COLUMNS, SCHOOL_COLUMNS

DATA_NOTE_COLUMNS = ["district", "kind", "subject", "kept", "other", "note", "sources"]
CHUNK = 2_000  # records read from the database at once
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


def _chunks(qs):
    """``qs`` read ``CHUNK`` rows at a time, as lists: what each chunk links to is then read in one query."""
    rows = qs.iterator(chunk_size=CHUNK)
    while chunk := list(itertools.islice(rows, CHUNK)):
        yield chunk


def _date(day) -> str:
    return day.isoformat() if day else ""


def export_networks(actor, district=None, year: str | None = None):
    """One row per school membership of a program network (a cohort's sub-groups are inside it); facilitators
    joined by "; "."""
    memberships = _memberships(actor, district, year)
    facilitators = {}
    links = m.Network.facilitators.through.objects.filter(network__in=memberships.values("network_id"))
    people = m.Person.objects.in_bulk({person for _network, person in links.values_list("network_id", "person_id")})
    for network, person in links.values_list("network_id", "person_id"):
        facilitators.setdefault(network, []).append(people[person])
    facilitators = {network: "; ".join(names_for(actor, found)) for network, found in facilitators.items()}
    kinds, roles = dict(m.Network.Kind.choices), dict(m.NetworkMembership.Role.choices)
    rows = memberships.order_by("network__school_year__start", "network__name", "role", "school__name").values_list(
        "network__district__short_name", "network__school_year__name", "network__name", "network__kind",
        "network__focus_area__name", "network_id", "school__name", "role", "returning")

    def table():
        for district_name, year_name, name, kind, focus, network, school, role, returning in rows.iterator(CHUNK):
            yield [district_name, year_name, name, kinds.get(kind, kind), focus or "", facilitators.get(network, ""),
                   school, roles.get(role, role), "yes" if returning else "no"]
    return NETWORK_COLUMNS, table()


def export_schools(actor, district=None, year: str | None = None):
    """One row per school and school year with demographics or grades that year (or one row if it has none)."""
    schools = m.School.objects.filter(district__in=_districts(actor, district))
    demographics = m.Demographic.objects.filter(school__in=schools.values("pk"))
    year_facts = m.SchoolYearFacts.objects.filter(school__in=schools.values("pk"))
    if year:
        demographics = demographics.filter(school_year__name=year)
        year_facts = year_facts.filter(school_year__name=year)
    measures = sorted(set(demographics.order_by().values_list("measure", flat=True).distinct()))
    columns = SCHOOL_COLUMNS + [f"{DEMOGRAPHIC_PREFIX} {k}" for k in measures]
    schools = schools.order_by("district__name", "name").values_list(
        "pk", "district__short_name", "name", "grades", "grade_band", "region")

    def table():
        for chunk in _chunks(schools):
            ids = [school[0] for school in chunk]
            types, by_year, facts = {}, {}, {}
            for school, name in m.School.types.through.objects.filter(school_id__in=ids).order_by(
                    "schooltype__name").values_list("school_id", "schooltype__name"):
                types.setdefault(school, []).append(name)
            for school, year_name, start, measure, value in demographics.filter(school_id__in=ids).order_by(
                    "school_year__start").values_list("school_id", "school_year__name", "school_year__start",
                                                      "measure", "value"):
                by_year.setdefault(school, {}).setdefault((start, year_name), {})[measure] = value
            for school, year_name, start, grades, band in year_facts.filter(school_id__in=ids).values_list(
                    "school_id", "school_year__name", "school_year__start", "grades", "grade_band"):
                by_year.setdefault(school, {}).setdefault((start, year_name), {})
                facts[school, year_name] = grades, band  # the grade span as it was that year
            for pk, district_name, name, grades, band, region in chunk:
                kinds = "; ".join(types.get(pk, []))
                years = by_year.get(pk, {})
                for start, year_name in sorted(years) or [(None, "")]:
                    values = years.get((start, year_name), {})
                    yield ([district_name, name, *facts.get((pk, year_name), (grades, band)), region, kinds, year_name]
                           + [values.get(k, "") for k in measures])
    return columns, table()


def export_people(actor, district=None, year: str | None = None):
    """One row per position (a person without positions gets one row), each person named and ordered as the
    actor sees them (``core.people``): emails only for staff who may see them, pseudonyms for researchers."""
    people = ordered_for(actor, (
        m.Person.objects.filter(district__in=_districts(actor, district))
        .only("pk", "district_id", "name", "email").order_by("district__name", "name")
    ))
    districts = dict(_districts(actor, district).values_list("pk", "short_name"))
    spans = {}
    if year:
        spans = {y.district_id: y for y in m.SchoolYear.objects.filter(district__in=_districts(actor, district), name=year)}
    kinds, designations = dict(PositionKind.choices), dict(Designation.choices)

    def table():
        for chunk in _chunks(people):
            positions = {}
            for position in m.Position.objects.filter(person_id__in=[p.pk for p in chunk]).order_by(
                    *m.Position._meta.ordering).values_list(
                    "person_id", "kind", "school__name", "title", "designation", "organisation", "start", "end",
                    "designation_start", "designation_end"):
                positions.setdefault(position[0], []).append(position)
            for p in chunk:
                name, email = name_for(actor, p), email_for(actor, p)
                held = positions.get(p.pk, [])
                if year:
                    span = spans.get(p.district_id)
                    held = [pos for pos in held if span and (pos[6] is None or pos[6] <= span.end)
                            and (pos[7] is None or pos[7] >= span.start)]
                    if not held:
                        continue
                for _person, kind, school, title, designation, organisation, start, end, d_start, d_end in held:
                    yield [districts[p.district_id], name, email, kinds.get(kind, kind), school or "", title,
                           designations.get(designation, designation) if designation else "", organisation,
                           _date(start), _date(end), _date(d_start), _date(d_end)]
                if not held:
                    yield [districts[p.district_id], name, email] + [""] * 9
    return PEOPLE_COLUMNS, table()


def export_data_notes(actor, district=None, year: str | None = None):
    """Every data note: what was kept, what else the sources say, and where."""
    notes = m.DataNote.objects.filter(district__in=_districts(actor, district)).select_related("district")
    return DATA_NOTE_COLUMNS, (
        [n.district.short_name, n.get_kind_display(), n.subject, n.kept, n.other, n.note, n.sources]
        for n in notes.iterator(chunk_size=CHUNK)
    )


EXPORTERS = {"networks": export_networks, "schools": export_schools, "people": export_people,
             "data-notes": export_data_notes}
EXPORT_SIZES = {"networks": lambda actor, district, year: _memberships(actor, district, year).count(),
                "schools": records_in(m.School), "people": records_in(m.Person), "data-notes": records_in(m.DataNote)}
