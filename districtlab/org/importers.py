"""Importing schools and people from spreadsheets: validate every row, then write all or nothing.

A plan lists what each row will do (add or update) and every problem as "row, column, problem".
Nothing is written unless every row is valid; what was already stored is never lost.

Rows are read, checked and written ``BATCH`` at a time inside one transaction, which is rolled back at the end if
any row had a problem (or for a preview): each batch looks up what its rows refer to in a fixed number of queries
and is written by ``core.bulk`` (its records made by ``bulk.new``) with a history entry per record, so an import takes
a number of queries that grows only with its batches, and memory stays flat in the number of rows: a field's check
runs once per distinct value (a name or email, new on every row, passes a quick test first, ``_passes``), and what
the file gave before (each person, each position, and the row that first gave it) is kept in ``FirstRows``, a few
bytes a row, not a Python object.
"""
import contextlib
import datetime as dt
import functools
import gc
import itertools
import operator
import re
import threading
import zlib
from array import array
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, MaxLengthValidator, validate_email
from django.db import models, transaction
from django.db.models.functions import Lower

from districtlab.core import bulk
from districtlab.core.history import HOW_IMPORT, ChangedMeanwhile, changes_by
from districtlab.core.permissions import CREATE, can, scope
from districtlab.core.roles import Designation, PositionKind

from . import models as m

DEMOGRAPHIC_PREFIX = "demographic:"
SCHOOL_COLUMNS = ["district", "name", "grades", "grade_band", "region", "types", "school_year"]
PEOPLE_COLUMNS = ["district", "name", "email", "position", "school", "title", "designation", "organisation",
                  "start", "end", "designation_start", "designation_end"]
MAX_LISTED_ERRORS = 50  # problems listed one by one; the rest are counted ("… and N more problems")
MAX_LISTED_CHANGES = 500  # rows a preview lists one by one; the rest are counted
BATCH = 2_000  # rows read, looked up and written at once
CHECKED_VALUES = 5_000  # distinct values whose field checks are remembered, per field


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
    changes: list[Change] = field(default_factory=list)  # the first MAX_LISTED_CHANGES rows, for a preview
    errors: list[RowError] = field(default_factory=list)
    more_errors: int = 0  # problems found beyond the first MAX_LISTED_ERRORS, counted but not listed
    added: int = 0  # rows adding a record
    updated: int = 0  # rows updating one
    written: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def error_count(self) -> int:
        return len(self.errors) + self.more_errors

    @property
    def rows(self) -> int:
        return self.added + self.updated

    def add_error(self, error: RowError) -> None:
        if len(self.errors) < MAX_LISTED_ERRORS:
            self.errors.append(error)
        else:
            self.more_errors += 1

    def add_change(self, row: int, action: str, summary) -> None:
        """Count what row ``row`` does (``action``: "add" or "update"); list it, with ``summary()``, among the first."""
        if action == "add":
            self.added += 1
        else:
            self.updated += 1
        if len(self.changes) < MAX_LISTED_CHANGES:
            self.changes.append(Change(row, action, summary()))


class FirstRows:
    """The row that first gave each key (a person, a position) of a file, to name it when a later row repeats it.

    A key takes about 40 bytes here (in three arrays, not as Python objects), so a file of 100,000 people keeps a
    few megabytes for this where a dict of their keys took forty. A key is known by a 96-bit fingerprint: Python's
    hash of the key and the CRC-32 of ``text``, the key's words (its email or name); two different keys of a file of
    a million rows share one with odds of about 1 in 10^16.

    >>> seen = FirstRows()
    >>> seen.get((1, "ana@example.org"), "ana@example.org") is None
    True
    >>> seen.add((1, "ana@example.org"), "ana@example.org", -2)
    >>> seen.get((1, "ana@example.org"), "ana@example.org"), seen.get((1, "ann@example.org"), "ann@example.org")
    (-2, None)
    """

    def __init__(self, size: int = 1024):
        self.count = 0
        self._make(size)
        self._asked = None, (0, 0, 0)  # the key last asked for, and where it is or goes (a row asks, then adds)

    def _make(self, size: int):
        self.mask = size - 1  # a power of two, at least twice the keys held (short probes)
        self.low, self.high = array("Q", bytes(8 * size)), array("I", bytes(4 * size))
        self.rows = array("q", bytes(8 * size))

    def _slot(self, key, text: str) -> tuple[int, int, int]:
        """Where the key is, or goes, and its fingerprint (``low``, never 0: 0 marks a free slot; ``high``)."""
        low, high = hash(key) & 0xFFFF_FFFF_FFFF_FFFF | 1, zlib.crc32(text.encode())
        i, lows, highs, mask = low & self.mask, self.low, self.high, self.mask
        while (found := lows[i]) and (found != low or highs[i] != high):
            i = (i + 1) & mask
        self._asked = key, (i, low, high)
        return i, low, high

    def get(self, key, text: str) -> int | None:
        i = self._slot(key, text)[0]
        return self.rows[i] if self.low[i] else None

    def add(self, key, text: str, row: int) -> None:
        """Remember ``row`` for ``key`` (whose words are ``text``), if no row was remembered for it."""
        asked, found = self._asked
        i, low, high = found if asked is key else self._slot(key, text)
        if self.low[i]:
            return
        self.low[i], self.high[i], self.rows[i] = low, high, row
        self.count += 1
        self._asked = None, (0, 0, 0)
        if self.count * 2 > self.mask:  # twice the room, each fingerprint in its new place
            held = zip(self.low, self.high, self.rows)
            self._make(2 * (self.mask + 1))
            for low, high, first in held:
                if low:
                    i = low & self.mask
                    while self.low[i]:
                        i = (i + 1) & self.mask
                    self.low[i], self.high[i], self.rows[i] = low, high, first


EMAIL_USER = None  # Django's rule for the part of an email before the @, compiled when first needed


@functools.lru_cache(maxsize=256)
def _email_domain_passes(domain: str) -> bool:
    try:
        validate_email(f"a@{domain}")
        return True
    except ValidationError:
        return False


def _passes(f):
    """A quick test that a value surely passes ``f.clean`` (False: ask the field itself, for its message), for a text
    field checked only by its length and, for an email, Django's ``validate_email``: the names and emails an import
    gives, a different one on every row, where remembering the values checked does not help. None for other
    fields."""
    if not isinstance(f, models.CharField) or f.choices or not f.editable:
        return None
    email = False
    for validator in f.validators:
        if type(validator) is EmailValidator and validator == validate_email:
            email = True
        elif not (type(validator) is MaxLengthValidator and validator.limit_value == f.max_length):
            return None
    global EMAIL_USER
    if email and EMAIL_USER is None:
        EMAIL_USER = re.compile(EmailValidator.user_regex.pattern, EmailValidator.user_regex.flags).match
    longest, blank = f.max_length, f.blank

    def passes(value) -> bool:
        if type(value) is not str:
            return False
        if not value:
            return blank
        if len(value) > longest:
            return False
        if not email:
            return True
        user, _at, domain = value.rpartition("@")  # what EmailValidator checks, the domain's outcome remembered
        return bool(user) and len(value) <= 320 and EMAIL_USER(user) is not None and _email_domain_passes(domain)
    return passes


_COLLECTING_LESS = threading.Lock()  # held by the import that changed the collector's settings


@contextlib.contextmanager
def _collecting_less():
    """While an import makes and drops records by the hundred thousand: the objects the process held before (Django's,
    the app's: most of them) are left out of the garbage collector's scans, and it scans a few times less often
    (what it finds is the odd cycle: the records themselves are freed as soon as their batch is written). Settings
    as before afterwards; another import running meanwhile in the process leaves them to the first."""
    if not _COLLECTING_LESS.acquire(blocking=False):
        yield
        return
    thresholds, freeze = gc.get_threshold(), not gc.get_freeze_count()  # not another's freeze to undo
    if freeze:
        gc.freeze()
    gc.set_threshold(max(thresholds[0], 10_000), *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        if freeze:
            gc.unfreeze()
        _COLLECTING_LESS.release()


class RowProblem(Exception):
    def __init__(self, column, message):
        super().__init__(message)
        self.column, self.message = column, message


@functools.lru_cache(maxsize=4096)
def _parse_date(text: str) -> dt.date | None:
    if not text:
        return None
    for fmt in ("%Y-%m-%d", "%m/%d/%Y", "%Y-%m-%dT%H:%M:%S"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(f'"{text}" is not a date: write it as YYYY-MM-DD, e.g. 2016-09-08.')


@functools.lru_cache(maxsize=1024)
def _choice(text: str, choices: tuple) -> str:
    """A choice given by its value or its label, in any case (``choices``: a model field's, as a tuple)."""
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
    updates: dict = {}  # model written -> the fields an update may change, models in the order they are written

    def __init__(self, actor):
        self.actor = actor
        self.districts = {}
        for d in scope(actor, m.District.objects.all()):
            self.districts[d.name.lower()] = self.districts[d.short_name.lower()] = d
        self.district_ids = sorted({d.pk for d in self.districts.values()})
        self.allowed = {}  # district pk -> may the actor add and change these records there
        self.checked = {}  # a field -> {value: the field's problem with it ("": none)}
        self.field_checks = {}  # (model, field names) -> what ``check`` runs for them

    def run(self, columns, rows, *, write: bool) -> ImportPlan:
        """Check ``rows`` (``(row number, [text per column])``, read as they are needed) and write them in one
        transaction, kept only if ``write`` and every row is valid."""
        plan = ImportPlan(self.kind)
        self.colmap = {c.lower(): c for c in columns if c}
        self.index = {c.lower(): i for i, c in enumerate(columns) if c}
        self._pick = None  # what ``cells`` reads
        self.check_columns(plan)
        if plan.errors:
            return plan
        rows = iter(rows)
        with (transaction.atomic(), changes_by(self.actor.user, HOW_IMPORT),  # in the history as theirs
              _collecting_less()):
            self.prepare()
            while batch := list(itertools.islice(rows, BATCH)):
                self.new = {model: {} for model in self.updates}
                self.changed = {model: {} for model in self.updates}
                self.look_up(batch)
                for number, row in batch:
                    self.staged = []
                    try:
                        self.plan_row(plan, number, row)
                    except RowProblem as problem:
                        plan.add_error(RowError(number, problem.column, problem.message))
                        continue
                    for record in self.staged:
                        (self.changed if record.pk else self.new)[type(record)][id(record)] = record
                try:
                    self.write_batch()
                except ChangedMeanwhile:
                    plan.add_error(RowError(batch[0][0], "", "Someone changed some of these records while the "
                                                             "file was being imported: import it again."))
                    break
            plan.written = write and plan.ok
            if not plan.written:
                transaction.set_rollback(True)  # a preview, or a file with a problem: nothing stays written
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
        """Load what every row is matched against (the districts' schools...), in a fixed number of queries."""

    def look_up(self, batch):
        """Load the records a batch of rows may update, in a fixed number of queries."""

    def save(self, *records):
        """Write ``records`` (added or changed) with the rest of the batch, if the row has no problem."""
        self.staged.extend(records)

    def write_batch(self):
        """Add and update the batch's records in bulk, a history entry for each, in the order of ``updates``."""
        for model, fields in self.updates.items():
            if new := list(self.new[model].values()):
                self.before_write(model, new)
                bulk.insert(model, new)
            if changed := list(self.changed[model].values()):
                self.before_write(model, changed)
                bulk.update(model, changed, fields)

    def before_write(self, model, records):
        """Set what a model's ``save`` would derive, which a bulk write skips."""

    def cell(self, row, col) -> str:
        i = self.index.get(col)
        return row[i] if i is not None and i < len(row) else ""

    def cells(self, row) -> dict:
        """The row's text under each of the importer's ``columns`` ("" under one the file does not have)."""
        if self._pick is None:
            width = len(self.index) and max(self.index.values()) + 1
            self._pick = width, operator.itemgetter(*(self.index.get(c, width) for c in self.columns))
        width, pick = self._pick
        padded = row[:width]  # and one "" more, read for the columns the file does not have
        padded += [""] * (width + 1 - len(padded))
        return dict(zip(self.columns, pick(padded)))

    def district(self, row, name=None):
        """The district the row names (``name``: its text, if read already)."""
        if name is None:
            name = self.cell(row, "district")
        if not name:
            raise RowProblem("district", "The district is empty.")
        district = self.districts.get(name.lower())
        if district is None:
            known = ", ".join(sorted({d.short_name for d in self.districts.values()})) or "none"
            raise RowProblem("district", f'There is no district "{name}" you can use. Known: {known}.')
        if district.pk not in self.allowed:
            self.allowed[district.pk] = can(self.actor, CREATE, self.model(district=district))
        if not self.allowed[district.pk]:
            raise RowProblem("district", f"You cannot add or change {self.model._meta.verbose_name_plural} in {district}.")
        return district

    def check(self, record, fields, columns_by_field=None):
        """The model's own rules for ``record``: each of ``fields`` (``Field.clean``, run once per distinct value)
        and the record's ``clean()``; a problem is named by its spreadsheet column."""
        columns_by_field = columns_by_field or {}
        for name, f, checked, passes in self.checks(type(record), fields):
            value = getattr(record, f.attname)
            problem = checked.get(value)
            if problem is None:
                try:
                    if passes is None or not passes(value):
                        f.clean(value, record)
                    problem = ""
                except ValidationError as exc:
                    problem = " ".join(exc.messages)
                if len(checked) < CHECKED_VALUES:
                    checked[value] = problem
            if problem:
                raise RowProblem(columns_by_field.get(name, name), problem)
        try:
            record.clean()
        except ValidationError as exc:
            name, messages = next(iter(exc.message_dict.items()))
            raise RowProblem(columns_by_field.get(name, name), " ".join(messages)) from None

    def checks(self, model, names) -> list:
        """``(name, field, {value: its problem ("": none)}, a quick test or None)`` for each of ``model``'s fields
        ``names``."""
        key = (model, names if type(names) is tuple else tuple(names))
        if key not in self.field_checks:
            self.field_checks[key] = [(name, f, self.checked.setdefault(f, {}), _passes(f))
                                      for name in names for f in [model._meta.get_field(name)]]
        return self.field_checks[key]

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
    updates = {m.School: ["grades", "grade_band", "region"], m.SchoolYearFacts: ["grades", "grade_band"],
               m.Demographic: ["value", "number", "low", "high"]}

    def prepare(self):
        ids = self.district_ids
        self.schools = {(s.district_id, s.name.lower()): s for s in m.School.objects.filter(district_id__in=ids)}
        self.years = {(y.district_id, y.name): y for y in m.SchoolYear.objects.filter(district_id__in=ids)}
        self.types = {(t.district_id, t.name.lower()): t for t in m.SchoolType.objects.filter(district_id__in=ids)}
        self.seen_schools, self.seen_keys = {}, {}
        # the latest year whose grade span is known, per school: a row for an earlier year leaves the current value
        names = {s.pk: key for key, s in self.schools.items()}
        self.latest_span = {}
        for school_id, start in m.SchoolYearFacts.objects.filter(school__district_id__in=ids).values_list(
                "school_id", "school_year__start"):
            key = names[school_id]
            self.latest_span[key] = max(self.latest_span.get(key, start), start)
        self.demographic_columns = [c for c in self.colmap if c.startswith(DEMOGRAPHIC_PREFIX)]

    def look_up(self, batch):
        """The year facts and demographics of the batch's schools; the types of those it gives types for."""
        names = {self.cell(row, "name").lower() for _n, row in batch}
        ids = [s.pk for (_d, name), s in self.schools.items() if name in names and s.pk]
        self.facts = {(f.school_id, f.school_year_id): f for f in m.SchoolYearFacts.objects.filter(school_id__in=ids)}
        self.demographics = {(d.school_id, d.school_year_id, d.measure): d
                             for d in m.Demographic.objects.filter(school_id__in=ids)}
        self.type_names = {}  # school -> the names of its types, as its first row gives them
        self.type_ids = {}
        if "types" in self.colmap:
            for school_id, type_id in m.School.types.through.objects.filter(school_id__in=ids).values_list(
                    "school_id", "schooltype_id"):
                self.type_ids.setdefault(school_id, set()).add(type_id)

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
        self.check(school, ["name", "grades", "grade_band", "region"])
        demographics = self.plan_demographics(row, district, school, year_name)
        records = list(demographics)
        if year is not None:  # the grade span that year (a school's row for a year is its only one)
            facts = (self.facts.get((school.pk, year.pk)) if school.pk else None) or m.SchoolYearFacts(
                school=school, school_year=year)
            facts.grades, facts.grade_band = span.get("grades", facts.grades), span.get("grade_band", facts.grade_band)
            records.append(facts)
        if first is None:
            records.insert(0, school)
            if "types" in attrs:
                self.type_names[id(school)] = school, [t.strip() for t in attrs["types"].split(";") if t.strip()]
            if existing is None:
                self.schools[key[:2]] = school
        self.save(*records)
        detail = f" with {len(demographics)} demographic value(s) for {year_name}" if demographics else ""
        plan.add_change(number, "update" if existing and existing.pk else "add",
                        lambda: f"{school.name} ({district.short_name}){detail}")

    def plan_demographics(self, row, district, school, year_name):
        given = [(c, self.cell(row, c)) for c in self.demographic_columns if self.cell(row, c)]
        if not given:
            return []
        if not year_name:
            raise RowProblem("school_year", "Demographic values need the school year they describe.")
        year = self.years.get((district.pk, year_name))
        if year is None:
            raise RowProblem("school_year", f'There is no school year "{year_name}" in {district}.')
        records = []
        for col, value in given:
            measure = self.colmap[col][len(DEMOGRAPHIC_PREFIX):].strip()
            found = self.demographics.get((school.pk, year.pk, measure)) if school.pk else None
            record = found or m.Demographic(school=school, school_year=year, measure=measure)
            record.value = value
            self.check(record, ["value"], {"value": self.colmap[col]})
            records.append(record)
        return records

    def before_write(self, model, records):
        if model is m.Demographic:
            for record in records:
                record.derive()

    def write_batch(self):
        super().write_batch()
        new_types = {}
        for school, names in self.type_names.values():
            for type_name in names:
                key = (school.district_id, type_name.lower())
                if key not in self.types:
                    self.types[key] = new_types.setdefault(key, m.SchoolType(district_id=key[0], name=type_name))
        bulk.insert(m.SchoolType, list(new_types.values()))
        for school, names in self.type_names.values():  # links change one school at a time, each in its history
            types = {self.types[(school.district_id, n.lower())] for n in names}
            if {t.pk for t in types} != self.type_ids.get(school.pk, set()):
                school.types.set(types)


class PeopleImporter(Importer):
    """Rows: one position per row (a person with several positions has several rows)."""

    kind = "people"
    columns = PEOPLE_COLUMNS
    model = m.Person
    updates = {m.Person: ["name", "email"],
               m.Position: ["district", "school", "designation", "end", "title", "organisation", "designation_start",
                            "designation_end"]}
    position_fields = ("kind", "title", "designation", "organisation", "start", "end", "designation_start",
                       "designation_end")

    def prepare(self):
        self.schools = {(s.district_id, s.name.lower()): s
                        for s in m.School.objects.filter(district_id__in=self.district_ids)}
        # the first row giving each person (negative: a person it added) and each position
        self.seen_people, self.seen_positions = FirstRows(), FirstRows()

    def look_up(self, batch):
        """The people the batch's rows may name (by email, or by name), and their positions."""
        emails, names = set(), set()
        for _number, row in batch:
            if email := self.cell(row, "email").lower():
                emails.add(email)
            names.add(self.cell(row, "name").lower())
        people = m.Person.objects.filter(district_id__in=self.district_ids).order_by().annotate(
            email_key=Lower("email"), name_key=Lower("name"))
        found = {p.pk: p for p in [*people.filter(email_key__in=emails), *people.filter(name_key__in=names)]}
        # (two queries, each served by its index on the district and the lower-cased email or name)
        self.by_email = {(p.district_id, p.email_key): p for p in found.values() if p.email and p.email_key in emails}
        self.by_name = {}
        for p in found.values():
            if p.name_key in names:
                self.by_name.setdefault((p.district_id, p.name_key), []).append(p)
        self.positions = {(p.person_id, p.kind, p.school_id, p.start): p
                          for p in m.Position.objects.filter(person_id__in=list(found))}
        self.batch_people = {}  # person key -> the person its rows in this batch describe

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
        cells = self.cells(row)
        district = self.district(row, cells["district"])
        name, email = cells["name"], cells["email"]
        if not name:
            raise RowProblem("name", "The person's name is empty.")
        person_key = (district.pk, email.lower() or name.lower())
        first = self.seen_people.get(person_key, person_key[1])
        person = self.batch_people.get(person_key) or self.find_person(district, name, email)
        if first is not None and person is not None:  # rows describing the same person must agree
            for col, value, before in (("name", name, person.name), ("email", email, person.email)):
                if value and value != before:
                    raise RowProblem(col, f'Row {abs(first)} gives this person "{before}" here, not "{value}".')
        added = (person is None or person.pk is None) if first is None else first < 0
        if person is None:
            person = bulk.new(m.Person, {"district": district, "name": name, "email": email})
        elif first is None:  # the first row giving a person sets its name and email
            person.name, person.email = name, email or person.email
        self.check(person, ("name", "email"))
        position = self.plan_position(number, cells, district, person, person_key)
        self.batch_people[person_key] = person
        if first is None:
            self.seen_people.add(person_key, person_key[1], -number if added else number)
        self.save(person, *([position] if position else []))
        plan.add_change(number, "add" if added else "update",
                        lambda: f"{name} ({district.short_name})" + (f": {position}" if position else ""))

    def plan_position(self, number, cells, district, person, person_key):
        kind_text = cells["position"]
        if not kind_text:
            for col in ("school", "title", "designation", "start", "end", "designation_start", "designation_end"):
                if cells[col]:
                    raise RowProblem("position", f'The row gives a {col} but no position: say what the position is.')
            return None
        values = {}
        for col, parse in (("position", _kind), ("designation", _designation), ("start", _parse_date),
                           ("end", _parse_date), ("designation_start", _parse_date), ("designation_end", _parse_date)):
            try:
                values[col] = parse(cells[col])
            except ValueError as exc:
                raise RowProblem(col, str(exc)) from None
        school = None
        if school_name := cells["school"]:
            school = self.schools.get((district.pk, school_name.lower()))
            if school is None:
                raise RowProblem("school", f'There is no school "{school_name}" in {district}. Import schools first.')
        key = (person_key, values["position"], school.pk if school else None, values["start"])
        if (first := self.seen_positions.get(key, person_key[1])) is not None:
            raise RowProblem("position", f"Duplicate: row {first} already gives this position.")
        position = None
        if person.pk:
            position = self.positions.get((person.pk, values["position"], key[2], values["start"]))
        given = {"person": person, "district": district, "school": school, "designation": values["designation"],
                 "end": values["end"], "title": cells["title"], "organisation": cells["organisation"]}
        for col in ("designation_start", "designation_end"):  # optional columns: absent, the stored dates stay
            if col in self.colmap:
                given[col] = values[col]
        if position is None:
            position = bulk.new(m.Position, {"kind": values["position"], "start": values["start"], **given})
        else:
            for name, value in given.items():
                setattr(position, name, value)
        self.check(position, self.position_fields, {"kind": "position"})
        self.seen_positions.add(key, person_key[1], number)
        return position


KINDS, DESIGNATIONS = tuple(PositionKind.choices), tuple(Designation.choices)


@functools.lru_cache(maxsize=256)
def _kind(text: str) -> str:
    return _choice(text, KINDS)


@functools.lru_cache(maxsize=256)
def _designation(text: str) -> str:
    return _choice(text, DESIGNATIONS) if text else ""


IMPORTERS = {"schools": SchoolImporter, "people": PeopleImporter}
