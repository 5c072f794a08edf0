"""Base serializer and viewset for every API endpoint: scoped, validated, permission-checked."""
from copy import copy

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

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


class ScopedViewSet(viewsets.ModelViewSet):
    """List, detail, create, update and delete, each checked by the permission layer."""

    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]

    @property
    def actor(self):
        return actor_for(self.request.user)

    def get_queryset(self):
        return ordered_for(self.actor, scope(self.actor, super().get_queryset()))

    def perform_create(self, serializer):
        if not can(self.actor, CREATE, serializer.probe(serializer.validated_data)):
            raise exceptions.PermissionDenied("You cannot add this record there.")
        serializer.save(**getattr(serializer, "implied", {}))

    def perform_update(self, serializer):
        if not can(self.actor, CHANGE, serializer.probe(serializer.validated_data)):
            raise exceptions.PermissionDenied("You cannot move this record there.")  # e.g. into another school
        serializer.save()


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
