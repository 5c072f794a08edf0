"""A record's history as a viewer may see it: who changed what, when and through what, each field before and
after in plain words. Everything goes through the permission layer: an entry shows only to whoever could see the
record as it was then (so a private draft's history is its author's alone), people are named by ``name_for``
(researchers see pseudonyms) and a person's private fields stay hidden (``core.people.private_fields``)."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from itertools import islice

from django.apps import apps
from django.core.exceptions import EmptyResultSet, FieldDoesNotExist, FieldError, ObjectDoesNotExist
from django.db.models import BooleanField, Exists, Max, OuterRef, Q, Subquery, Value
from django.urls import reverse
from django.utils import formats, timezone
from simple_history.utils import get_m2m_reverse_field_name

from . import roles as R
from .history import UNTRACKED, is_tracked
from .people import name_for, private_fields
from .permissions import VIEW, can, policy_for, scope
from .visibility import Visibility

KINDS = {"+": "Created", "~": "Changed", "-": "Deleted"}
HOW_WORDS = {"page": "on its page", "API": "through the API", "admin": "in the admin", "import": "by an import"}
EMPTY = "(empty)"
SOURCE_FIELDS = {"source", "sources"}  # seed files and lines
CITATIONS = {"org.DataNote"}  # records made of citations: their own pages show them to everyone
BATCH = 500  # history entries read at once (a search's export): a fixed number of queries each


@dataclass
class FieldChange:
    label: str
    before: str
    after: str


@dataclass
class Change:
    when: dt.datetime
    who: str
    how: str
    kind: str
    record_type: str
    record: str
    revision: int | None
    url: str = ""  # the record's History page
    fields: list[FieldChange] = field(default_factory=list)

    @property
    def field_names(self) -> str:
        return ", ".join(f.label for f in self.fields)


def searches_history(actor) -> bool:
    """Central office (and district admins) search their district's history."""
    return actor.superuser or any(actor.has_role(d, R.ADMIN, R.CENTRAL) for d in actor.district_ids)


def tracked_models() -> list:
    """Every record whose history is kept, in the order of the apps."""
    return [model for model in apps.get_models() if is_tracked(model)]


@cache
def history_of(model):
    """The manager of ``model``'s history entries, read once (simple-history's ``model.history`` makes a new manager
    class each time it is read: a millisecond, for each of some fifty kinds of record in every search)."""
    return model.history.model._default_manager


def model_named(label: str):
    """A tracked model from its ``app_label.model_name``, or None."""
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        return None
    return model if is_tracked(model) else None


def label_of(actor, record) -> str:
    """A record as ``actor`` may name it: a person by ``name_for``, anything else as itself (or, where what names
    it is gone, by its kind and number)."""
    try:
        return name_for(actor, record) if record._meta.label == "org.Person" else str(record)
    except ObjectDoesNotExist:
        return f"{record._meta.verbose_name} {record.pk}"


class Words:
    """Field values in plain words, for one viewer; related records looked up once."""

    def __init__(self, actor):
        self.actor = actor
        self.related = {}

    def record(self, model, pk) -> str:
        key = (model, pk)
        if key not in self.related:
            obj = model._base_manager.filter(pk=pk).first()
            if obj is None:
                self.related[key] = "(a record since deleted)"
            elif model._meta.label == "org.Person":
                self.related[key] = label_of(self.actor, obj)
            else:
                try:
                    policy_for(model)
                    seen = can(self.actor, VIEW, obj)
                except LookupError:  # Django's own records (users)
                    seen = True
                self.related[key] = str(obj) if seen else "(a record you cannot see)"
        return self.related[key]

    def value(self, model_field, value) -> str:
        if value is None or value == "":
            return EMPTY
        if model_field.many_to_many:
            names = sorted(self.record(model_field.related_model, pk) for pk in value)
            return ", ".join(names) if names else EMPTY
        if model_field.is_relation:
            return self.record(model_field.related_model, value)
        if model_field.choices:
            return str(dict(model_field.flatchoices).get(value, value))
        if isinstance(model_field, BooleanField):
            return "Yes" if value else "No"
        if isinstance(value, dt.datetime):
            return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
        if isinstance(value, dt.date):
            return formats.date_format(value, "DATE_FORMAT")
        return str(value)


def shown_fields(actor, model, entry) -> list:
    """The fields of ``model`` a history shows ``actor``: what people edit, less what ``actor`` may not see (a
    person's private fields; where the seeds document a record, for practitioners, as on every page: data notes
    keep their citations for everyone)."""
    hidden = private_fields(actor, entry.instance) if model._meta.label == "org.Person" else set()
    if not actor.sees_sources and model._meta.label != "org.DataNote":
        hidden |= SOURCE_FIELDS
    return [f for f in model._meta.concrete_fields
            if f.editable and not f.primary_key and f.name not in UNTRACKED and f.name not in hidden]


def tracked_links(model) -> list:
    """The many-to-many fields whose links ``model``'s history keeps."""
    return [f for f in model._meta.many_to_many if hasattr(history_of(model).model, f.name)]


def _m2m_ids(entry, model_field) -> list:
    target = get_m2m_reverse_field_name(model_field)
    return [row[target] for row in getattr(entry, model_field.name).values(target)]


def who_did(actor, entry) -> str:
    """Who made a change, as ``actor`` may know them."""
    user = entry.history_user
    if user is None:
        return "An import from the command line" if entry.history_change_reason == "import" else "DistrictLab"
    person = getattr(user, "person", None)
    if person is not None:
        return name_for(actor, person)
    if actor.pseudonymous:
        return "An administrator"
    return user.get_full_name() or user.get_username()


def describe(actor, model, entry, previous, words: Words) -> Change:
    """One history entry, compared with the entry before it (``previous``, None for the first ``actor`` sees)."""
    fields = []
    shown = shown_fields(actor, model, entry)
    if entry.history_type == "~" and previous is not None:
        m2m = {f.name: f for f in tracked_links(model)}
        by_name = {f.name: f for f in shown}
        delta = entry.diff_against(previous, included_fields=[*by_name, *m2m])
        for change in delta.changes:
            model_field = by_name.get(change.field) or m2m[change.field]
            before, after = change.old, change.new
            if model_field.many_to_many:
                target = get_m2m_reverse_field_name(model_field)
                before, after = [r[target] for r in before], [r[target] for r in after]
            fields.append(FieldChange(str(model_field.verbose_name).capitalize(),
                                      words.value(model_field, before), words.value(model_field, after)))
    else:  # created, deleted, or the first entry this viewer may see: the record's fields as they were then
        created, gone = entry.history_type == "+", entry.history_type == "-"
        for model_field in shown:
            value = getattr(entry, model_field.attname)
            if value in (None, "") or value is False:
                continue
            words_now = words.value(model_field, value)
            fields.append(FieldChange(str(model_field.verbose_name).capitalize(),
                                      words_now if gone else (EMPTY if created else ""), EMPTY if gone else words_now))
        for model_field in tracked_links(model) if created else ():
            ids = _m2m_ids(entry, model_field)
            if ids:
                fields.append(FieldChange(str(model_field.verbose_name).capitalize(), EMPTY,
                                          words.value(model_field, ids)))
    how = entry.history_change_reason or ""
    return Change(when=entry.history_date, who=who_did(actor, entry), how=HOW_WORDS.get(how, ""),
                  kind=KINDS[entry.history_type], record_type=str(model._meta.verbose_name).capitalize(),
                  record=label_of(actor, entry.instance), revision=getattr(entry, "revision", None), fields=fields,
                  url=reverse("core:record-history", args=[model._meta.label_lower, entry.id]))


def sees_entry(actor, entry) -> bool:
    """May ``actor`` see the record as this entry recorded it? (A private draft's entries: its author only.)"""
    return sees_record(actor, entry.instance)


def sees_record(actor, record) -> bool:
    """``sees_entry`` for a record as an entry recorded it (``entry.instance``)."""
    try:
        return can(actor, VIEW, record)
    except ObjectDoesNotExist:  # what placed it (its parent, its school) is gone: nobody can say who saw it
        return False


def _prime(records, model, path) -> None:
    """Read at once the records that ``records`` (of ``model``) point to along ``path`` (``measure__cycle``), which
    a loop over them would read one by one; one since deleted is left for the loop to miss, as it would."""
    name, _, rest = path.partition("__")
    try:
        link = model._meta.get_field(name)
    except FieldDoesNotExist:
        return
    if not (link.concrete and link.is_relation and not link.many_to_many and link.target_field.primary_key):
        return
    found = link.related_model._base_manager.in_bulk({getattr(r, link.attname) for r in records} - {None})
    for record in records:
        target = found.get(getattr(record, link.attname))
        if target is not None:
            link.set_cached_value(record, target)
    if rest and found:
        _prime(list(found.values()), link.related_model, rest)


def prime_links(model, records) -> None:
    """Read at once what deciding who sees ``records`` reads: the records they point to (and, for parts of a
    whole, the path to the whole)."""
    if not records:
        return
    try:
        paths = getattr(policy_for(model), "paths", ())
    except LookupError:
        paths = ()
    direct = [f.name for f in model._meta.concrete_fields if f.is_relation]
    for path in dict.fromkeys([*direct, *paths]):
        _prime(records, model, path)


def deletions(model):
    """The last deletion entry of each record of ``model`` since deleted (as it was last): a new queryset each time,
    over a query built once (the same for every viewer; building it took a search 3 ms for each kind of record)."""
    return _deletions(model).all()


@cache
def _deletions(model):
    history = history_of(model)
    later = history.filter(id=OuterRef("id"), history_type="-").filter(
        Q(history_date__gt=OuterRef("history_date"))
        | Q(history_date=OuterRef("history_date"), history_id__gt=OuterRef("history_id")))
    return history.filter(history_type="-").exclude(id__in=model._base_manager.values("pk")).exclude(Exists(later))


_READS_ENTRIES = {}  # (model, kind of viewer) -> reads_entries


def reads_entries(actor, model) -> bool:
    """Does ``model``'s policy decide who sees an entry as it decides who sees the record, when it reads the entry
    in place of the record? Not where its scope for ``actor`` names the record's own key (an entry's key is its
    ``history_id``, the record's is its ``id``) or what the history does not keep (a link to the record). Asked
    once per kind of record and kind of viewer: their roles and which of their places they have."""
    places = (actor.team_ids, actor.school_ids, actor.led_school_ids, actor.network_ids, actor.facilitated_network_ids)
    key = (model, actor.superuser, frozenset(actor.all_roles()), actor.person_id is None, *map(bool, places))
    if key not in _READS_ENTRIES:
        history = history_of(model)
        try:
            sql, _params = policy_for(model).scope(actor, history.order_by()).values("id").query.sql_with_params()
        except EmptyResultSet:  # nothing, whatever it reads
            sql = ""
        except FieldError:
            sql = None
        _READS_ENTRIES[key] = sql is not None and f'"{history.model._meta.db_table}"."history_id"' not in sql
    return _READS_ENTRIES[key]


def placed(entries):
    """``entries`` (a policy's scope over deletion entries) less those whose links the scope reads (their team, their
    call...) point to a record since deleted: what placed such a record is gone and nobody can say who saw it, as
    ``sees_record`` decides."""
    query = entries.query
    for join in list(query.alias_map.values()):
        link = getattr(join, "join_field", None)
        if getattr(join, "parent_alias", None) == query.base_table and getattr(link, "model", None) is query.model:
            entries = entries.filter(Q(**{link.attname: None}) | Q(**{
                f"{link.attname}__in": link.related_model._base_manager.values(link.target_field.attname)}))
    return entries


def gone_ids(actor, model):
    """The records of ``model`` since deleted whose history ``actor`` may still search: those ``actor`` could see
    as they were last (their deletion entry), as their History pages decide. A subquery, decided in the database,
    where the policy reads an entry as the record (``reads_entries``); otherwise a list, decided record by record
    once for each viewer until a record of ``model`` changes (those policies judge a deleted record by the viewer
    alone: a meeting by whether it is still held, a district by the viewer's roles there)."""
    if not actor.authenticated:
        return []
    if reads_entries(actor, model):
        return placed(policy_for(model).scope(actor, deletions(model))).values("id")
    newest = history_of(model).aggregate(id=Max("history_id"), date=Max("history_date"))
    key = (model, newest["id"], newest["date"], viewer(actor))
    if key not in _GONE:
        last = {entry.id: entry.instance for entry in deletions(model)}
        prime_links(model, list(last.values()))
        if len(_GONE) >= 1024:
            _GONE.clear()
        _GONE[key] = [pk for pk, record in last.items() if sees_record(actor, record)]
    return _GONE[key]


_GONE = {}  # (model, its newest history entry and date, viewer) -> gone_ids decided record by record


def viewer(actor) -> tuple:
    """Everything the permission layer knows of ``actor``, as a key."""
    roles = tuple(sorted((district, tuple(sorted(held))) for district, held in actor.roles.items()))
    return (getattr(actor.user, "pk", None), actor.person_id, actor.superuser, roles,
            *(tuple(sorted(ids)) for ids in (actor.school_ids, actor.led_school_ids, actor.team_ids,
                                             actor.network_ids, actor.facilitated_network_ids)))


def changes_of(actor, model, pk) -> list[Change]:
    """A record's history for ``actor``, newest first; each entry compared with the one before it that
    ``actor`` may see (never with a private draft's they may not)."""
    entries = history_of(model).filter(id=pk).order_by("history_date", "history_id").select_related(
        "history_user__person")
    words, out, previous = Words(actor), [], None
    for entry in entries:
        if not sees_entry(actor, entry):
            previous = None
            continue
        out.append(describe(actor, model, entry, previous, words))
        previous = entry
    return out[::-1]


def changes_since(actor, record, read: int) -> list[Change]:
    """What changed in ``record`` after revision ``read`` (for a writer whose save came too late), oldest first."""
    return [c for c in changes_of(actor, type(record), record.pk) if c.revision is not None and c.revision > read][::-1]


def changes_after(actor, stale, limit=20) -> list[Change]:
    """What changed among the records a page showed after it showed them (a ``ChangedMeanwhile``), oldest
    first: the latest ``limit`` changes ``actor`` may see."""
    entries = history_of(stale.model).filter(history_id__gt=stale.seen, **stale.where).order_by("-history_id")
    rows = [(entry.history_date, entry.history_id, stale.model._meta.label_lower)
            for entry in entries[: limit * 2] if sees_entry(actor, entry)][:limit]
    return describe_rows(actor, rows[::-1])


def district_entries(actor, *, users=None, model=None, since=None, until=None):
    """Every history entry ``actor`` may search (the records they may see now, and those since deleted that they
    could see as they were last; a private draft's entries only for its author), newest first, as
    ``(history_date, history_id, "app_label.model_name")`` rows of one query, so a page of them is read without
    reading the rest."""
    queries = []
    for tracked in [model] if model else tracked_models():
        seen = Q(id__in=scope(actor, tracked._base_manager.all()).values("pk")) | Q(id__in=gone_ids(actor, tracked))
        entries = history_of(tracked).filter(seen)
        if any(f.name == "visibility" for f in tracked._meta.concrete_fields):
            entries = entries.filter(~Q(visibility=Visibility.PRIVATE) | Q(author_id=actor.person_id))
        if users is not None:
            entries = entries.filter(history_user__in=users)
        if since:
            entries = entries.filter(history_date__gte=timezone.make_aware(dt.datetime.combine(since, dt.time())))
        if until:
            entries = entries.filter(history_date__lt=timezone.make_aware(
                dt.datetime.combine(until + dt.timedelta(days=1), dt.time())))
        queries.append(entries.order_by().values_list("history_date", "history_id", Value(tracked._meta.label_lower)))
    if not queries:
        return []
    first, *rest = queries
    return first.union(*rest, all=True).order_by("-history_date", "-history_id") if rest else first.order_by(
        "-history_date", "-history_id")


def describe_rows(actor, rows, *, every_field=False) -> list[Change]:
    """The ``Change`` of each ``(history_date, history_id, model label)`` row (a page of ``district_entries``).
    A record made of citations (a data note) is listed without its fields unless ``every_field`` (an export) or
    the viewer follows sources: its own History, like the data notes pages, shows them to everyone."""
    return list(each_change(actor, rows, every_field=every_field))


def each_change(actor, rows, *, every_field=False, batch=None):
    """``describe_rows`` as the rows come, ``batch`` (``BATCH``) of them read at once (an export of any size)."""
    words, rows = Words(actor), iter(rows)
    while chunk := list(islice(rows, batch or BATCH)):
        yield from _describe_batch(actor, chunk, words, every_field)


def _describe_batch(actor, rows, words, every_field):
    """The changes of ``rows``: their entries and the entries before them read in two queries per record type."""
    wanted = defaultdict(list)
    for _when, history_id, label in rows:
        wanted[label].append(history_id)
    entries, earlier = {}, {}
    for label, ids in wanted.items():
        history = history_of(apps.get_model(label)).model
        before = history._default_manager.filter(id=OuterRef("id")).filter(
            Q(history_date__lt=OuterRef("history_date"))
            | Q(history_date=OuterRef("history_date"), history_id__lt=OuterRef("history_id"))).order_by(
            "-history_date", "-history_id").values("history_id")[:1]
        found = history._default_manager.filter(history_id__in=ids).select_related("history_user__person").annotate(
            before_id=Subquery(before))
        entries[label] = {entry.history_id: entry for entry in found}
        previous_ids = [e.before_id for e in entries[label].values() if e.history_type == "~" and e.before_id]
        earlier[label] = history._default_manager.in_bulk(previous_ids) if previous_ids else {}
    for _when, history_id, label in rows:
        model, entry = apps.get_model(label), entries[label][history_id]
        previous = earlier[label].get(entry.before_id) if entry.history_type == "~" else None
        if previous is not None and not sees_entry(actor, previous):
            previous = None
        change = describe(actor, model, entry, previous, words)
        if model._meta.label in CITATIONS and not (every_field or actor.sees_sources):
            change.fields = []
        yield change


def history_url(obj) -> str | None:
    """The address of a record's History page (None for a record whose history is not kept)."""
    if obj is None or obj.pk is None or not is_tracked(type(obj)):
        return None
    return reverse("core:record-history", args=[obj._meta.label_lower, obj.pk])
