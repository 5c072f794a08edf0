"""Importing schools and people from spreadsheets: validate every row, then write all or nothing.

A plan lists what each row will do (add or update) and every problem as "row, column, problem".
Nothing is written unless every row is valid; what was already stored is never lost.
"""
import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from districtlab.analysis.reported_values import parse_reported_value
from districtlab.core.history import HOW_IMPORT, changes_by
from districtlab.core.permissions import CREATE, can, scope
from districtlab.core.roles import Designation, PositionKind

from . import models as m

DEMOGRAPHIC_PREFIX = "demographic:"
SCHOOL_COLUMNS = ["district", "name", "grades", "grade_band", "region", "types", "school_year"]
PEOPLE_COLUMNS = ["district", "name", "email", "position", "school", "title", "designation", "organisation",
                  "start", "end", "designation_start", "designation_end"]
MAX_LISTED_ERRORS = 50  # problems listed one by one; the rest are counted ("… and N more problems")


@dataclass
class RowError:
    row: int
    column: str
    message: str

    def __str__(self):
        where = f"row {self.row}" + (f', column "{self.column}"' if self.column else "")
        return f"{where[0].upper()}{where[1:]}: {self.message}"


@dataclass
class Change:
    row: int
    action: str  # "add" or "update"
    summary: str


@dataclass
class ImportPlan:
    kind: str
    changes: list[Change] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    more_errors: int = 0  # problems found beyond the first MAX_LISTED_ERRORS, counted but not listed
    written: bool = False
    _ops: list = field(default_factory=list, repr=False)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def error_count(self) -> int:
        return len(self.errors) + self.more_errors

    def add_error(self, error: RowError) -> None:
        if len(self.errors) < MAX_LISTED_ERRORS:
            self.errors.append(error)
        else:
            self.more_errors += 1


class RowProblem(Exception):
    def __init__(self, column, message):
        super().__init__(message)
        self.column, self.message = column, message


def _parse_date(text: str) -> dt.date | None:
    if not text:
        return None
    for fmt in ("%Y-%m-%d", "%m/%d/%Y", "%Y-%m-%dT%H:%M:%S"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(f'"{text}" is not a date: write it as YYYY-MM-DD, e.g. 2016-09-08.')


def _choice(text: str, choices) -> str:
    """A choice given by its value or its label, in any case."""
    wanted = text.strip().lower()
    for value, label in choices:
        if wanted in (str(value).lower(), str(label).lower()):
            return value
    options = ", ".join(str(label) for value, label in choices if value)
    raise ValueError(f'"{text}" is not one of: {options}.')


class Importer:
    kind = ""
    columns: list[str] = []
    required = ("district", "name")
    model = None

    def __init__(self, actor):
        self.actor = actor
        self.districts = {}
        for d in scope(actor, m.District.objects.all()):
            self.districts[d.name.lower()] = self.districts[d.short_name.lower()] = d

    def run(self, columns, rows, *, write: bool) -> ImportPlan:
        """Check ``rows``; if ``write`` and every row is valid, write them all in one transaction."""
        plan = ImportPlan(self.kind)
        self.colmap = {c.lower(): c for c in columns}
        self.check_columns(plan)
        if plan.errors:
            return plan
        self.prepare()
        for number, row in rows:
            try:
                self.plan_row(plan, number, row)
            except RowProblem as problem:
                plan.add_error(RowError(number, problem.column, problem.message))
        if write and plan.ok:
            with transaction.atomic(), changes_by(self.actor.user, HOW_IMPORT):  # in the history as theirs
                for op in plan._ops:
                    op()
            plan.written = True
        return plan

    def check_columns(self, plan):
        present = set(self.colmap)
        for col in self.required:
            if col not in present:
                plan.add_error(RowError(1, col, f'The column "{col}" is missing. Columns: {", ".join(self.columns)}.'))
        for col in present - set(self.columns):
            if not col.startswith(DEMOGRAPHIC_PREFIX) or self.kind != "schools":
                plan.add_error(RowError(1, self.colmap[col], "This column is not one DistrictLab knows. "
                                        f'Columns: {", ".join(self.columns)}.'))

    def prepare(self):
        """Load what rows are matched against, in a fixed number of queries."""

    def cell(self, row, col) -> str:
        return row.get(self.colmap.get(col, col), "").strip()

    def district(self, row):
        name = self.cell(row, "district")
        if not name:
            raise RowProblem("district", "The district is empty.")
        district = self.districts.get(name.lower())
        if district is None:
            known = ", ".join(sorted({d.short_name for d in self.districts.values()})) or "none"
            raise RowProblem("district", f'There is no district "{name}" you can use. Known: {known}.')
        if not can(self.actor, CREATE, self.model(district=district)):
            raise RowProblem("district", f"You cannot add or change {self.model._meta.verbose_name_plural} in {district}.")
        return district

    @staticmethod
    def validate(instance, exclude, columns_by_field):
        """Model validation, with each problem named by its spreadsheet column."""
        try:
            instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
        except ValidationError as exc:
            field_name, messages = next(iter(exc.message_dict.items()))
            raise RowProblem(columns_by_field.get(field_name, field_name), " ".join(messages)) from None

    def same_as_before(self, seen: dict, key, attrs: dict, number: int, what: str):
        """Rows describing the same record must agree; return the first row's number or None."""
        if key not in seen:
            seen[key] = (number, attrs)
            return None
        first, before = seen[key]
        for col, value in attrs.items():
            if value != before.get(col, value):
                raise RowProblem(col, f'Row {first} gives this {what} "{before[col]}" here, not "{value}".')
        return first


class SchoolImporter(Importer):
    """Rows: one school per row, or one row per school and year when demographics are given."""

    kind = "schools"
    columns = SCHOOL_COLUMNS
    model = m.School

    def prepare(self):
        ids = [d.pk for d in self.districts.values()]
        self.schools = {(s.district_id, s.name.lower()): s for s in m.School.objects.filter(district_id__in=ids)}
        self.years = {(y.district_id, y.name): y for y in m.SchoolYear.objects.filter(district_id__in=ids)}
        self.types = {(t.district_id, t.name.lower()): t for t in m.SchoolType.objects.filter(district_id__in=ids)}
        self.seen_schools, self.seen_keys = {}, {}
        # the latest year whose grade span is known, per school: a row for an earlier year leaves the current value
        names = {s.pk: key for key, s in self.schools.items()}
        self.latest_span = {}
        for facts in m.SchoolYearFacts.objects.filter(school__district_id__in=ids).select_related("school_year"):
            key = names[facts.school_id]
            self.latest_span[key] = max(self.latest_span.get(key, facts.school_year.start), facts.school_year.start)
        self.demographic_columns = [c for c in self.colmap if c.startswith(DEMOGRAPHIC_PREFIX)]

    def plan_row(self, plan, number, row):
        district = self.district(row)
        name = self.cell(row, "name")
        if not name:
            raise RowProblem("name", "The school name is empty.")
        year_name = self.cell(row, "school_year")
        key = (district.pk, name.lower(), year_name)
        if key in self.seen_keys:
            raise RowProblem("name", f"Duplicate: row {self.seen_keys[key]} already gives {name}"
                                     + (f" for {year_name}." if year_name else "."))
        self.seen_keys[key] = number
        # grades and grade band are given per school year (they change: PK-8 one year, K-8 the next)
        attrs = {c: self.cell(row, c) for c in ("region", "types") if c in self.colmap}
        span = {c: self.cell(row, c) for c in ("grades", "grade_band") if c in self.colmap}
        if not year_name:
            attrs.update(span)
        first = self.same_as_before(self.seen_schools, key[:2], attrs, number, "school")
        existing = self.schools.get(key[:2])
        school = existing or m.School(district=district, name=name)
        year = None
        if year_name and span:
            year = self.years.get((district.pk, year_name))
            if year is None:
                raise RowProblem("school_year", f'There is no school year "{year_name}" in {district}.')
        if year is None or year.start >= self.latest_span.get(key[:2], year.start):
            for col, value in span.items():  # the current value: a row without a year, or the latest year's
                setattr(school, col, value)
        if year is not None:
            self.latest_span[key[:2]] = max(self.latest_span.get(key[:2], year.start), year.start)
        if "region" in attrs:
            school.region = attrs["region"]
        self.validate(school, ["district", "types"], {})
        demographics = self.plan_demographics(row, district, school, year_name)
        if year is not None:
            demographics.append(lambda s=school, y=year, v=dict(span): m.SchoolYearFacts.objects.update_or_create(
                school=s, school_year=y, defaults=v))
        if first is None:
            type_names = [t.strip() for t in attrs.get("types", "").split(";") if t.strip()]
            plan._ops.append(lambda s=school, d=district, t=type_names, set_types="types" in attrs:
                             self.save_school(s, d, t, set_types))
            if existing is None:
                self.schools[key[:2]] = school
        plan._ops.extend(demographics)
        action = "update" if existing and existing.pk else "add"
        detail = f" with {len(demographics)} demographic value(s) for {year_name}" if demographics else ""
        plan.changes.append(Change(number, action, f"{school.name} ({district.short_name}){detail}"))

    def plan_demographics(self, row, district, school, year_name):
        given = [(c, self.cell(row, c)) for c in self.demographic_columns if self.cell(row, c)]
        if not given:
            return []
        if not year_name:
            raise RowProblem("school_year", "Demographic values need the school year they describe.")
        year = self.years.get((district.pk, year_name))
        if year is None:
            raise RowProblem("school_year", f'There is no school year "{year_name}" in {district}.')
        ops = []
        for col, value in given:
            try:
                parse_reported_value(value)
            except ValueError as exc:
                raise RowProblem(self.colmap[col], str(exc)) from None
            measure = self.colmap[col][len(DEMOGRAPHIC_PREFIX):].strip()
            ops.append(lambda s=school, y=year, k=measure, v=value: m.Demographic.objects.update_or_create(
                school=s, school_year=y, measure=k, defaults={"value": v}))
        return ops

    def save_school(self, school, district, type_names, set_types):
        school.save()
        if set_types:
            types = []
            for type_name in type_names:
                key = (district.pk, type_name.lower())
                if key not in self.types:
                    self.types[key] = m.SchoolType.objects.create(district=district, name=type_name)
                types.append(self.types[key])
            school.types.set(types)


class PeopleImporter(Importer):
    """Rows: one position per row (a person with several positions has several rows)."""

    kind = "people"
    columns = PEOPLE_COLUMNS
    model = m.Person

    def prepare(self):
        ids = [d.pk for d in self.districts.values()]
        people = list(m.Person.objects.filter(district_id__in=ids))
        self.by_email = {(p.district_id, p.email.lower()): p for p in people if p.email}
        self.by_name = {}
        for p in people:
            self.by_name.setdefault((p.district_id, p.name.lower()), []).append(p)
        self.schools = {(s.district_id, s.name.lower()): s for s in m.School.objects.filter(district_id__in=ids)}
        self.positions = {
            (p.person_id, p.kind, p.school_id, p.start): p for p in m.Position.objects.filter(district_id__in=ids)
        }
        self.seen_people, self.seen_positions, self.new_people = {}, {}, {}

    def find_person(self, district, name, email):
        if email:
            found = self.by_email.get((district.pk, email.lower()))
            if found:
                return found
        same_name = [p for p in self.by_name.get((district.pk, name.lower()), []) if not email or not p.email]
        if len(same_name) > 1:
            raise RowProblem("email", f"{len(same_name)} people in {district} are called {name}: give an email to say which.")
        return same_name[0] if same_name else None

    def plan_row(self, plan, number, row):
        district = self.district(row)
        name, email = self.cell(row, "name"), self.cell(row, "email")
        if not name:
            raise RowProblem("name", "The person's name is empty.")
        person_key = (district.pk, email.lower() or name.lower())
        first = self.same_as_before(self.seen_people, person_key, {"name": name, "email": email}, number, "person")
        person = self.new_people.get(person_key) or self.find_person(district, name, email)
        existing = person is not None and person.pk is not None
        if person is None:
            person = m.Person(district=district, name=name, email=email)
        else:
            person.name, person.email = name, email or person.email
        self.validate(person, ["district", "user"], {})
        if first is None:
            plan._ops.append(person.save)
            self.new_people[person_key] = person
        summary = f"{name} ({district.short_name})"
        position = self.plan_position(plan, number, row, district, person, person_key)
        if position:
            summary += f": {position}"
        plan.changes.append(Change(number, "update" if existing else "add", summary))

    def plan_position(self, plan, number, row, district, person, person_key):
        kind_text = self.cell(row, "position")
        if not kind_text:
            for col in ("school", "title", "designation", "start", "end", "designation_start", "designation_end"):
                if self.cell(row, col):
                    raise RowProblem("position", f'The row gives a {col} but no position: say what the position is.')
            return None
        values = {}
        for col, parse in (("position", lambda t: _choice(t, PositionKind.choices)),
                           ("designation", lambda t: _choice(t, Designation.choices) if t else ""),
                           ("start", _parse_date), ("end", _parse_date),
                           ("designation_start", _parse_date), ("designation_end", _parse_date)):
            try:
                values[col] = parse(self.cell(row, col))
            except ValueError as exc:
                raise RowProblem(col, str(exc)) from None
        school = None
        if school_name := self.cell(row, "school"):
            school = self.schools.get((district.pk, school_name.lower()))
            if school is None:
                raise RowProblem("school", f'There is no school "{school_name}" in {district}. Import schools first.')
        key = (person_key, values["position"], school.pk if school else None, values["start"])
        if key in self.seen_positions:
            raise RowProblem("position", f"Duplicate: row {self.seen_positions[key]} already gives this position.")
        self.seen_positions[key] = number
        position = None
        if person.pk:
            position = self.positions.get((person.pk, values["position"], key[2], values["start"]))
        position = position or m.Position(kind=values["position"], start=values["start"])
        position.district, position.school = district, school
        position.designation, position.end = values["designation"], values["end"]
        position.title, position.organisation = self.cell(row, "title"), self.cell(row, "organisation")
        for col in ("designation_start", "designation_end"):  # optional columns: absent, the stored dates stay
            if col in self.colmap:
                setattr(position, col, values[col])
        self.validate(position, ["person", "district"], {"kind": "position", "school": "school"})

        def save(pos=position, who=person):
            pos.person = who
            pos.save()

        plan._ops.append(save)
        return position


IMPORTERS = {"schools": SchoolImporter, "people": PeopleImporter}
