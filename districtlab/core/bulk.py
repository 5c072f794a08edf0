"""Writing many tracked records at once (an import of 100,000 rows), each with its history entry, at the database's
pace.

``history.create_all``/``update_all`` go through Django's ``bulk_create``/``bulk_update``, which compile every value
of every record into SQL (a few hundred records a statement on SQLite): right for a visit's agenda, most of a minute
for 100,000 rows. Here each statement is compiled once and run for every record (``executemany``), and the history
rows likewise. What is written is what ``Tracked`` writes one record at a time: the record; its revision (1 when
added, one more when changed, checked against the one read, so a change saved meanwhile is never overwritten); and a
history entry saying who, when and through what (``history.changes_by``). On a database other than SQLite and
PostgreSQL, the ``history`` functions are used.
"""
import collections.abc
import dataclasses
import functools
import operator
from collections.abc import Callable

from django.conf import settings
from django.db import connections, router
from django.db.models import DateField, Field
from django.db.models.base import ModelState
from django.db.models.signals import post_init, pre_init
from django.utils import timezone

from .history import ChangedMeanwhile, create_all, current_how, update_all

FAST = ("sqlite", "postgresql")


def _connection(model):
    return connections[router.db_for_write(model)]


def _new_ids(connection, model, count: int) -> list[int]:
    """``count`` ids for new records of ``model``, none ever given before (inside the writing transaction)."""
    table, column = model._meta.db_table, model._meta.pk.column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                           [table, column, count])
            return [row[0] for row in cursor.fetchall()]
        quote = connection.ops.quote_name  # SQLite: after the highest id there is or was (AUTOINCREMENT's)
        cursor.execute(f"SELECT MAX({quote(column)}) FROM {quote(table)}")
        highest = cursor.fetchone()[0] or 0
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
        found = cursor.fetchone()
        first = max(highest, found[0] if found else 0) + 1
        return list(range(first, first + count))


def _run_many(connection, sql: str, rows: list[tuple]) -> int:
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)
        return cursor.rowcount


PLAIN = {str, int, bool, type(None)}  # values Django passes to the database as they are, for the fields below
PLAIN_FIELDS = {"CharField", "TextField", "SlugField", "IntegerField", "BigIntegerField", "SmallIntegerField",
                "PositiveIntegerField", "PositiveBigIntegerField", "PositiveSmallIntegerField", "BooleanField",
                "AutoField", "BigAutoField", "SmallAutoField"}


def _column_values(connection, fields, *, saving: bool):
    """A function giving a record's values of ``fields`` as the database takes them: what ``Field.pre_save`` and
    ``get_db_prep_save`` make of them. The latter leaves text, numbers and booleans as they are, so those are read
    as they are (all at once); the rest (dates...) are prepared once per distinct value."""
    attnames = [f.attname for f in fields]
    get, attributes = operator.itemgetter(*attnames), operator.attrgetter(*attnames)

    def read(record) -> tuple:  # from the record's ``__dict__``: no descriptor per value (a deferred one is read)
        try:
            found = get(record.__dict__)
        except KeyError:
            found = attributes(record)
        return found if len(attnames) > 1 else (found,)
    prepared = [(i, f, {}) for i, f in enumerate(fields)
                if (f.target_field if f.is_relation else f).get_internal_type() not in PLAIN_FIELDS]
    plain = [i for i in range(len(fields)) if all(i != j for j, _f, _seen in prepared)]
    plain_values = operator.itemgetter(*plain) if len(plain) > 1 else (lambda row: [row[i] for i in plain])
    own_pre_save = saving and any(type(f).pre_save is not Field.pre_save and (
        f.auto_now or f.auto_now_add if isinstance(f, DateField) else True) for f in fields)

    def prepare(f, value, seen):
        try:
            return seen[value]
        except (KeyError, TypeError):  # new, or not hashable
            result = f.get_db_prep_save(value, connection)
            if len(seen) < 1000 and isinstance(value, collections.abc.Hashable):
                seen[value] = result
            return result

    def values(record) -> tuple:
        if own_pre_save:  # a field that sets its value on saving (auto_now...): the field's own way, each value
            return tuple(f.get_db_prep_save(f.pre_save(record, True), connection) for f in fields)
        row = read(record)
        if not PLAIN.issuperset(map(type, plain_values(row))):
            return tuple(f.get_db_prep_save(value, connection) for f, value in zip(fields, row))
        if not prepared:
            return row
        row = list(row)
        for i, f, seen in prepared:
            row[i] = prepare(f, row[i], seen)
        return tuple(row)
    return values


def _record_history(connection, model, records, history_type: str) -> None:
    """A history entry for each of ``records`` (``history_type``: "+" added, "~" changed), as simple-history's
    ``bulk_history_create`` makes it."""
    if not records or not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
        return
    historical = model.history.model
    tracked = list(historical.tracked_fields)
    quote = connection.ops.quote_name
    extra = ["history_date", "history_change_reason", "history_type", "history_user_id"]
    columns = [quote(f.column) for f in tracked] + [quote(historical._meta.get_field(name).column) for name in extra]
    when, how = historical._meta.get_field("history_date").get_db_prep_save(timezone.now(), connection), current_how()
    values = _column_values(connection, tracked, saving=False)
    rows = []
    for record in records:
        user = historical.get_default_history_user(record)
        rows.append(values(record) + (when, how, history_type, user.pk if user is not None else None))
    _run_many(connection, f"INSERT INTO {quote(historical._meta.db_table)} ({', '.join(columns)}) "
                          f"VALUES ({', '.join(['%s'] * len(columns))})", rows)


@dataclasses.dataclass(frozen=True)
class _Layout:
    """How ``new`` fills a record of a model and how its values are read back."""
    attnames: list  # the concrete fields' attnames, in field order
    fixed: dict  # attname -> default, for the fields whose default is a value (not a callable)
    computed: list  # (name, attname, field) of the fields whose default is a callable, asked for each record
    names: dict  # a field's name or attname -> (its attname, the field if a link given by name (else None), the
    #              attname the link points to)
    read: Callable  # a record's values of ``attnames`` (a tuple), read from the record's own ``__dict__``


@functools.cache
def _layout(model) -> _Layout:
    fields = model._meta.concrete_fields
    attnames = [f.attname for f in fields]
    names = {}
    for f in fields:
        names[f.attname] = (f.attname, None, None)
        names[f.name] = (f.attname, f, f.target_field.attname) if f.is_relation else (f.attname, None, None)
    get = operator.itemgetter(*attnames)
    computed = [f for f in fields if f.has_default() and callable(f.default)]
    return _Layout(attnames, {f.attname: f.get_default() for f in fields if f not in computed},
                   [(f.name, f.attname, f) for f in computed], names,
                   get if len(attnames) > 1 else lambda values: (get(values),))


def new(model, values: dict):
    """A new record of ``model`` with ``values`` by field name (a related record for a link, which may be one not
    saved yet) or attname, the rest their defaults: what ``model(**values)`` makes, without Django's work per field
    (descriptors, defaults asked for again): for the records of a large import, made by the ten thousand."""
    layout = _layout(model)
    data, links = layout.fixed.copy(), []
    for name, value in values.items():
        try:
            attname, link, target = layout.names[name]
        except KeyError:
            unknown = sorted(set(values) - set(layout.names))
            raise TypeError(f"{model.__name__} has no field {', '.join(unknown)}") from None
        if link is not None:
            links.append((link, value))
            value = None if value is None else getattr(value, target)
        data[attname] = value
    for name, attname, f in layout.computed:
        if name not in values and attname not in values:
            data[attname] = f.get_default()
    if (pre_init.receivers or post_init.receivers) and (pre_init.has_listeners(model) or
                                                          post_init.has_listeners(model)):
        record = model(*[data[attname] for attname in layout.attnames])
    else:  # what Model.__init__ does with values in field order, when nothing listens to its signals
        record = model.__new__(model)
        record._state = ModelState()
        record.__dict__.update(data)
    for link, related in links:
        link.set_cached_value(record, related)
    return record


def _loaded(record) -> None:
    """Remember what was written, as ``Tracked.save`` does (a later save that changes nothing writes nothing)."""
    layout = _layout(type(record))
    record._state.adding = False
    record._loaded_values = dict(zip(layout.attnames, _read(layout, record)))


def _read(layout: _Layout, record) -> tuple:
    """``record``'s values of every concrete field (one not loaded is read from the database, as Django reads it)."""
    try:
        return layout.read(record.__dict__)
    except KeyError:  # a deferred field
        return tuple(getattr(record, attname) for attname in layout.attnames)


def insert(model, records: list) -> None:
    """Add ``records`` (new, of the tracked ``model``), each with a history entry; their ids are set."""
    if not records:
        return
    connection = _connection(model)
    if connection.vendor not in FAST:
        create_all(model, records)
        return
    links = [f for f in model._meta.concrete_fields if f.is_relation]
    for record, pk in zip(records, _new_ids(connection, model, len(records)), strict=True):
        for f in links:  # a link to a record added just before (its id was set since): as Django's save takes it
            if getattr(record, f.attname) is None and (related := f.get_cached_value(record, None)) is not None:
                if related.pk is None:  # not saved at all: Django's own error
                    record._prepare_related_fields_for_save(operation_name="bulk_create")
                record.__dict__[f.attname] = getattr(related, f.target_field.attname)  # the link stays cached
        record.pk = pk
        record._state.db = connection.alias
    fields = model._meta.concrete_fields
    quote, values = connection.ops.quote_name, _column_values(connection, fields, saving=True)
    _run_many(connection, f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) "
                          f"VALUES ({', '.join(['%s'] * len(fields))})", [values(record) for record in records])
    _record_history(connection, model, records, "+")
    for record in records:
        _loaded(record)


def update(model, records: list, names: list[str]) -> int:
    """Save the fields ``names`` of those ``records`` (of the tracked ``model``, read from the database) that changed,
    each with a new revision and a history entry; ``ChangedMeanwhile`` if any was saved by someone else since it was
    read. Returns how many changed."""
    changed = [r for r in records if not r.unchanged(names)]
    if not changed:
        return 0
    connection = _connection(model)
    if connection.vendor not in FAST:
        return update_all(model, changed, names)
    for record in changed:
        record._prepare_related_fields_for_save(operation_name="bulk_update")
    fields = [model._meta.get_field(name) for name in names]
    quote = connection.ops.quote_name
    revision, pk = quote(model._meta.get_field("revision").column), quote(model._meta.pk.column)
    sets = ", ".join(f"{quote(f.column)} = %s" for f in fields)
    values = _column_values(connection, fields, saving=True)
    written = _run_many(connection, f"UPDATE {quote(model._meta.db_table)} SET {sets}, {revision} = {revision} + 1 "
                                    f"WHERE {pk} = %s AND {revision} = %s",
                        [values(r) + (r.pk, r.revision) for r in changed])
    if written != len(changed):
        raise ChangedMeanwhile(model, None, "the records being written")
    for record in changed:
        record.revision += 1
    _record_history(connection, model, changed, "~")
    for record in changed:
        _loaded(record)
    return len(changed)
