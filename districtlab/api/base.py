"""Base serializer and viewset for every API endpoint: scoped, validated, permission-checked."""
from collections.abc import Mapping
from copy import copy

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from districtlab.core.changes import changes_since
from districtlab.core.history import REVISION, StaleRevision, is_tracked
from districtlab.core.people import ordered_for
from districtlab.core.permissions import CHANGE, CREATE, actor_for, can, misplaced, scope
from districtlab.core.publishing import publish_along
from districtlab.core.visibility import Visibility


class ScopedSerializer(serializers.ModelSerializer):
    """Related-record choices limited to the actor's scope; the model's own validation (``clean``) applied."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        self.actor = actor_for(request.user if request else None)
        for field in self.fields.values():
            relation = getattr(field, "child_relation", field)
            if isinstance(relation, serializers.PrimaryKeyRelatedField) and relation.queryset is not None:
                relation.queryset = scope(self.actor, relation.queryset)

    def get_fields(self):
        """A record whose history is kept shows its revision, and a write may say which revision it read."""
        fields = super().get_fields()
        if is_tracked(self.Meta.model):
            fields[REVISION] = serializers.IntegerField(
                required=False, min_value=1, help_text=(
                    "Rises by one with every change. A PUT or PATCH sends back the one you read (or If-Match), and "
                    "a change saved meanwhile refuses yours (412) instead of being overwritten; one that sends "
                    "neither is refused (428)."))
        return fields

    def create(self, validated_data):
        validated_data.pop(REVISION, None)
        return super().create(validated_data)

    def update(self, instance, validated_data):
        validated_data.pop(REVISION, None)  # the viewset checks it (``ScopedViewSet.read_revision``)
        return super().update(instance, validated_data)

    @classmethod
    def hidden_fields(cls, actor) -> set[str]:
        """Fields this serializer never shows ``actor`` (so they cannot sort by them either)."""
        return set()

    def probe(self, attrs):
        """The record as it would be saved (unsaved), for validation and permission checks."""
        model = self.Meta.model
        m2m = {f.name for f in model._meta.many_to_many}
        instance = copy(self.instance) if self.instance is not None else model()
        for k, v in attrs.items():
            if k not in m2m:
                setattr(instance, k, v)
        for k, v in getattr(self, "implied", {}).items():
            setattr(instance, k, v)
        return instance

    def validate(self, attrs):
        """The model's own validation (``full_clean``), as its form runs it: its errors are a 400 by field, and what
        its ``clean`` settles (e.g. a note's school from its team) is kept, as the form keeps it."""
        attrs = super().validate(attrs)
        m2m = [f.name for f in self.Meta.model._meta.many_to_many]
        probe = self.probe(attrs)
        writable = [f for f in probe._meta.concrete_fields
                    if f.name in self.fields and not self.fields[f.name].read_only]
        before = {f.name: getattr(probe, f.attname) for f in writable}
        try:
            probe.full_clean(exclude=m2m, validate_unique=False, validate_constraints=False)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.message_dict) from None
        if problems := misplaced(self.actor, probe):  # e.g. a team, school or parent that is not the author's
            raise serializers.ValidationError(problems)
        for f in writable:
            if getattr(probe, f.attname) != before[f.name]:
                attrs[f.name] = getattr(probe, f.name)
        return attrs


class StaleWrite(Exception):
    """A write based on a revision older than the record's: answered 412 with what changed meanwhile."""

    def __init__(self, record, read):
        self.record, self.read = record, read


class PreconditionRequired(exceptions.APIException):
    """A PUT or PATCH of a record whose history is kept that says which revision it read neither in ``If-Match``
    nor in its body: it could overwrite a change saved meanwhile without knowing, so it is refused (428)."""

    status_code = 428
    default_code = "precondition_required"

    def __init__(self, record):
        name = record._meta.verbose_name
        super().__init__(
            f"This {name} may have changed since you read it, so a change must say which revision it is based on: "
            f'send If-Match with the ETag of your GET of this {name} (e.g. If-Match: "3"), or its "{REVISION}" '
            f"field as you read it. A write based on an older revision is refused (412) instead of overwriting.")


def if_match(header: str) -> set[int] | None:
    """The revisions an ``If-Match`` header accepts (``"3"``, ``W/"3"``, a list); None for ``*`` (any)."""
    tags = [t.strip().removeprefix("W/").strip('"') for t in header.split(",")]
    if "*" in tags:
        return None
    return {int(t) for t in tags if t.isdigit()}


class ScopedViewSet(viewsets.ModelViewSet):
    """List, detail, create, update and delete, each checked by the permission layer.

    A record whose history is kept is served with its revision as ``ETag``; a PUT, PATCH or DELETE with
    ``If-Match`` (or, without it, a ``revision`` in the body) naming an older revision is refused with 412 and
    what changed meanwhile. A PUT or PATCH that says neither is refused with 428 (it could overwrite a change
    unseen); ``If-Match: *`` says knowingly "whatever its revision". A DELETE that says neither is accepted.
    """

    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]

    @property
    def actor(self):
        return actor_for(self.request.user)

    def get_queryset(self):
        return ordered_for(self.actor, scope(self.actor, super().get_queryset()))

    def get_object(self):
        """The record the request names, looked up (and its permission checked) once per request."""
        if getattr(self, "_record", None) is None:
            self._record = super().get_object()
        return self._record

    def perform_create(self, serializer):
        if not can(self.actor, CREATE, serializer.probe(serializer.validated_data)):
            raise exceptions.PermissionDenied("You cannot add this record there.")
        serializer.save(**getattr(serializer, "implied", {}))

    def perform_update(self, serializer):
        if not can(self.actor, CHANGE, serializer.probe(serializer.validated_data)):
            raise exceptions.PermissionDenied("You cannot move this record there.")  # e.g. into another school
        record = serializer.instance
        read = self.read_revision(record, serializer.validated_data.get(REVISION))
        try:
            with transaction.atomic():
                if read is not None:
                    record.expect_revision(read)  # refused, in the UPDATE itself, if saved since
                serializer.save()
        except StaleRevision:
            raise StaleWrite(record, read) from None

    def perform_destroy(self, instance):
        read = self.read_revision(instance, None)
        with transaction.atomic():
            if read is not None:
                current = type(instance)._base_manager.select_for_update().filter(pk=instance.pk).values_list(
                    REVISION, flat=True).first()
                if current != read:
                    raise StaleWrite(instance, read)
            instance.delete()

    def read_revision(self, record, in_body):
        """The revision this write is based on (None: not said); a stale one is refused at once."""
        if not is_tracked(type(record)):
            return None
        header = self.request.headers.get("If-Match")
        if header is not None:
            accepted = if_match(header)
            if accepted is None:
                return None
            read = record.revision if record.revision in accepted else min(accepted, default=0)
        else:
            read = in_body
        if read is not None and read != record.revision:
            raise StaleWrite(record, read)
        return read

    def retrieve(self, request, *args, **kwargs):
        return self.with_etag(super().retrieve(request, *args, **kwargs))

    def update(self, request, *args, **kwargs):
        record = self.get_object()  # a record one may not see (404) or change (403) is refused as such first
        if "If-Match" in request.headers:  # a precondition is answered before the body is read
            self.read_revision(record, None)
        elif is_tracked(type(record)) and not (isinstance(request.data, Mapping) and REVISION in request.data):
            raise PreconditionRequired(record)
        return self.with_etag(super().update(request, *args, **kwargs))

    @staticmethod
    def with_etag(response):
        if isinstance(response.data, dict) and isinstance(response.data.get(REVISION), int):
            response["ETag"] = f'"{response.data[REVISION]}"'
        return response

    def handle_exception(self, exc):
        if isinstance(exc, StaleWrite):
            current = type(exc.record)._base_manager.filter(pk=exc.record.pk).first()
            if current is None:
                raise exceptions.NotFound("This record has been deleted.") from None
            return self.with_etag(Response(stale_body(self.actor, current, exc.read),
                                           status=status.HTTP_412_PRECONDITION_FAILED))
        return super().handle_exception(exc)


def stale_body(actor, record, read) -> dict:
    """A 412's body: the record's revision now and each change after the one the write was based on."""
    return {
        "detail": f"This {record._meta.verbose_name} has changed since revision {read}: read it again and redo "
                  "your change on the latest revision.",
        REVISION: record.revision,
        "changes": [{"when": c.when.isoformat(), "who": c.who, "how": c.how, "change": c.kind, "revision": c.revision,
                     "fields": [{"field": f.label, "before": f.before, "after": f.after} for f in c.fields]}
                    for c in changes_since(actor, record, read or 0)],
    }


class PublishSerializer(serializers.Serializer):
    visibility = serializers.ChoiceField(choices=Visibility.choices)
    where = serializers.CharField(max_length=200, required=False, allow_blank=True)


class PublishActionMixin:
    """``POST …/{id}/publish/``: share an authored record more widely (never less); the change is recorded."""

    along = ()  # parts shared along with the record (see ``publish_along``)

    @extend_schema(request=PublishSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        record = self.get_object()
        if not can(self.actor, CHANGE, record):
            raise exceptions.PermissionDenied("Only whoever may change this record can share it.")
        body = PublishSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            publish_along(self.actor, record, body.validated_data["visibility"], body.validated_data.get("where", ""),
                          self.along)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.message_dict) from None
        return Response(self.get_serializer(record).data)


class AuthoredSerializer(ScopedSerializer):
    """An authored record: its author is whoever writes it, and it starts as their private draft;
    its visibility only rises through ``publish``."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.implied = {"author": self.actor.person} if self.instance is None and self.actor.person else {}

    def context_from(self, attrs) -> dict:
        """The district, team, school and network the record takes from ``attrs`` (e.g. its parent)."""
        return {}

    def validate(self, attrs):
        self.implied = {**self.implied, **self.context_from(attrs)}
        return super().validate(attrs)
