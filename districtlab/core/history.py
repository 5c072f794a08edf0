"""Every change to a record people edit, and no lost updates (README, "History and conflicts").

``Tracked`` is the one mixin: a record that inherits it keeps its history (django-simple-history: who, when,
through what, every field before and after, its many-to-many links too) and a ``revision`` that rises by one
with every change. A writer who says which revision they read (``expect_revision``: an edit page, an API
request with ``If-Match`` or ``revision``) saves only if nobody saved in between, checked in the ``UPDATE``
itself (``... WHERE revision = read``); otherwise ``StaleRevision``. A save that changes nothing is no change:
no new revision, no history entry (so loading the demo twice changes nothing).
"""
from __future__ import annotations

import threading
from contextlib import contextmanager

from django import forms
from django.db import connection, models
from django.db.models import F, Max
from simple_history.models import HistoricalChanges, HistoricalRecords
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

REVISION = "revision"  # the field, the API's body field and an edit page's hidden field
SEEN = "seen"  # a page's hidden field: the latest change it showed of a set of records (a visit's attendance...)
HOW_PAGE, HOW_API, HOW_ADMIN, HOW_IMPORT = "page", "API", "admin", "import"
UNTRACKED = ("revision", "updated", "created")  # bookkeeping: never a change on its own
_acting = threading.local()  # who writes outside a request (a command-line import), and how


class StaleRevision(Exception):
    """Someone saved ``record`` after the writer read revision ``read``: saving would overwrite their change."""

    def __init__(self, record, read):
        super().__init__(f"{record._meta.verbose_name} {record.pk} changed after revision {read}.")
        self.record, self.read = record, read


class ChangedMeanwhile(Exception):
    """``model``'s records matching ``where`` (a visit's agenda, a measure's points) changed after the page that
    would replace them showed them (after history entry ``seen``)."""

    def __init__(self, model, seen, where):
        super().__init__(f"{model._meta.verbose_name_plural} of {where} changed after history entry {seen}.")
        self.model, self.seen, self.where = model, seen, where


@contextmanager
def changes_by(user, how: str):
    """Record the changes made inside as ``user``'s (None: nobody signed in, e.g. the command line), ``how``."""
    before = getattr(_acting, "value", None)
    _acting.value = (user, how)
    try:
        yield
    finally:
        _acting.value = before


@contextmanager
def restoring():
    """Records loaded as they were (a restore's fixtures, which hold their history and revisions): record nothing."""
    before = getattr(_acting, "restoring", False)
    _acting.restoring = True
    try:
        yield
    finally:
        _acting.restoring = before


def current_how() -> str:
    """Through what the changes being made now come: a page, the API, the admin or an import ("" otherwise)."""
    acting = getattr(_acting, "value", None)
    if acting is not None:
        return acting[1]
    path = getattr(getattr(HistoricalRecords.context, "request", None), "path", None)
    if path is None:
        return ""
    return next((how for prefix, how in (("/api/", HOW_API), ("/admin/", HOW_ADMIN), ("/transfer/", HOW_IMPORT))
                 if path.startswith(prefix)), HOW_PAGE)


class History(HistoricalRecords):
    """simple-history, told who acts outside a request and through what, following every plain many-to-many
    link; a change of links is a change of the record (a new revision)."""

    def get_history_user(self, instance):
        acting = getattr(_acting, "value", None)
        if acting is not None and not hasattr(instance, "_history_user"):
            return acting[0]
        return super().get_history_user(instance)

    def get_change_reason_for_object(self, instance, history_type, using):
        return current_how()

    def get_m2m_fields_from_model(self, model):
        return [f for f in model._meta.local_many_to_many
                if isinstance(f.remote_field.through, type) and f.remote_field.through._meta.auto_created]

    def m2m_changed(self, instance, action, attr, pk_set, reverse, **kwargs):
        if getattr(_acting, "restoring", False):
            return  # the links come with their history rows and the revision they had
        if reverse or action not in ("post_add", "post_remove", "post_clear") or (
                action != "post_clear" and not pk_set):
            return  # from the other side (recorded there only when it is tracked), or nothing changed
        if not hasattr(instance, "skip_history_when_saving"):
            type(instance)._base_manager.filter(pk=instance.pk).update(revision=F("revision") + 1)
            instance.revision += 1
            if getattr(instance, "_loaded_values", None) is not None:
                instance._loaded_values["revision"] = instance.revision
        super().m2m_changed(instance, action, attr, pk_set, reverse, **kwargs)


class Tracked(models.Model):
    """A record people edit: its history is kept and its revision guards against lost updates."""

    revision = models.PositiveIntegerField(
        default=1, editable=False, help_text="Rises by one with every change: a save based on an older one is refused.")
    history = History(inherit=True)

    class Meta:
        abstract = True

    @classmethod
    def from_db(cls, db, field_names, values):
        """Remember what was read: to tell a change from a save that changes nothing, and where the record was
        (so moving it can be checked, ``permissions.moved``)."""
        instance = super().from_db(db, field_names, values)
        instance._loaded_values = dict(zip(field_names, values))
        return instance

    def refresh_from_db(self, *args, **kwargs):
        super().refresh_from_db(*args, **kwargs)
        deferred = self.get_deferred_fields()
        self._loaded_values = {f.attname: getattr(self, f.attname) for f in self._meta.concrete_fields
                               if f.attname not in deferred}

    def expect_revision(self, read: int) -> None:
        """Save only if the record is still at revision ``read`` (what the writer saw); else ``StaleRevision``."""
        self.revision = read
        self._strict_revision = True

    def unchanged(self, update_fields=None) -> bool:
        """Would saving now write back exactly what was read?"""
        loaded = getattr(self, "_loaded_values", None)
        if self._state.adding or loaded is None:
            return False
        for f in self._meta.concrete_fields:
            if f.primary_key or f.name in UNTRACKED or f.attname not in loaded or (
                    update_fields is not None and f.name not in update_fields and f.attname not in update_fields):
                continue
            try:
                if f.to_python(getattr(self, f.attname)) != f.to_python(loaded[f.attname]):
                    return False
            except Exception:  # a value the field cannot read is a change (for the model's own validation to name)
                return False
        return True

    def save(self, *args, update_fields=None, **kwargs):
        strict = self.__dict__.pop("_strict_revision", False)
        if update_fields is not None and not update_fields:
            return super().save(*args, update_fields=update_fields, **kwargs)
        if self.unchanged(update_fields):
            if strict:  # nothing to write, but the writer must still have read the latest
                if not type(self)._base_manager.filter(pk=self.pk, revision=self.revision).exists():
                    raise StaleRevision(self, self.revision)
                return None
            self.skip_history_when_saving = True
            try:
                return super().save(*args, update_fields=update_fields, **kwargs)
            finally:
                del self.skip_history_when_saving
        read = self.revision
        if not self._state.adding and self.pk is not None:
            self._revision_read, self._strict_write, self.revision = read, strict, read + 1
            if update_fields is not None:
                update_fields = {*update_fields, "revision"}
        try:
            super().save(*args, update_fields=update_fields, **kwargs)
        except BaseException:
            self.revision = read
            raise
        finally:
            self.__dict__.pop("_revision_read", None)
            self.__dict__.pop("_strict_write", None)
        self._loaded_values = {f.attname: getattr(self, f.attname) for f in self._meta.concrete_fields}
        return None

    def _do_update(self, base_qs, using, pk_val, values, update_fields, forced_update):
        read = self.__dict__.get("_revision_read")
        if read is None:  # a raw save (restoring a backup)
            return super()._do_update(base_qs, using, pk_val, values, update_fields, forced_update)
        if super()._do_update(base_qs.filter(revision=read), using, pk_val, values, update_fields, forced_update):
            return True
        if not base_qs.filter(pk=pk_val).exists():
            return False  # gone: Django inserts it again, as it always has
        if self.__dict__.get("_strict_write"):
            raise StaleRevision(self, read)
        # Code that saves without saying what it read (the demo loader, commands) still saves, and the revision
        # still rises from whatever it is now.
        values = [(f, m, F("revision") + 1) if f.name == "revision" else (f, m, v) for f, m, v in values]
        super()._do_update(base_qs, using, pk_val, values, update_fields, forced_update)
        self.revision = base_qs.filter(pk=pk_val).values_list("revision", flat=True).get()
        return True


def carry_revision(form, record):
    """``form`` with a hidden field holding the revision ``record`` was read at, for its save to check."""
    if record is not None and record.pk is not None and is_tracked(type(record)):
        form.fields[REVISION] = forms.IntegerField(widget=forms.HiddenInput, initial=record.revision, required=False)
    return form


def latest_change(model, **where) -> int:
    """The latest history entry of ``model``'s records matching ``where`` (0 if none): what a page showing them
    sends back (``SEEN``), so that replacing them can check nobody changed them since (``expect_unchanged``)."""
    return model.history.filter(**where).aggregate(latest=Max("history_id"))["latest"] or 0


def newest_changes(tracked) -> str:
    """The newest history entry of each model of ``tracked``, in one query: another value means one of their
    records may have changed since (the stamp of something computed from them)."""
    quote = connection.ops.quote_name
    newest = ", ".join(f"(SELECT MAX({quote('history_id')}) FROM {quote(model.history.model._meta.db_table)})"
                       for model in tracked)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {newest}")
        return ":".join(str(n or 0) for n in cursor.fetchone())


def expect_unchanged(model, seen: int | None, **where) -> None:
    """Replace ``model``'s records matching ``where`` only if none changed (or came, or went) after history entry
    ``seen``; else ``ChangedMeanwhile``. Call it in the writing transaction, with the records (or their whole)
    locked. A page that sent nothing (``seen`` None) is not checked, as an edit page without a revision."""
    if seen is not None and model.history.filter(history_id__gt=seen, **where).exists():
        raise ChangedMeanwhile(model, seen, where)


def is_tracked(model) -> bool:
    return isinstance(model, type) and issubclass(model, Tracked)


def is_history(model) -> bool:
    """Is ``model`` one of the history tables (``HistoricalSchool``...), which nobody edits?"""
    return isinstance(model, type) and issubclass(model, HistoricalChanges)


def create_all(model, objs) -> list:
    """``bulk_create`` with a history entry for each new record."""
    return bulk_create_with_history(list(objs), model, default_change_reason=current_how())


def update_all(model, objs, fields) -> int:
    """``bulk_update`` of ``fields``: each record among ``objs`` that changed gets a new revision and a history
    entry."""
    changed = [o for o in objs if not o.unchanged(fields)]
    for o in changed:
        o.revision += 1
    return bulk_update_with_history(changed, model, [*fields, "revision"], default_change_reason=current_how())
