"""The OpenAPI schema's house rules: what every operation documents, said once for all of them.

- A time of day is ``"HH:MM:SS"`` (as the API writes it), documented by a pattern: OpenAPI's ``format: time``
  demands a time-zone offset, which a meeting's local start time does not have.
- Every operation documents its errors: 401 (not signed in) and 403 (not allowed) always, 400 (the fields'
  problems) when it takes a body or query parameters, 404 when it names a record or a page of a list.
- A record whose history is kept is read with its revision as ``ETag``; its PUT, PATCH and DELETE take
  ``If-Match`` and document 412 (the record changed since the revision the write was based on), and its PUT and
  PATCH document 428 (neither ``If-Match`` nor a ``revision`` in the body said which revision it was based on).
"""
from drf_spectacular import openapi
from rest_framework import serializers

from districtlab.core.history import is_tracked

TIME_OF_DAY = r"^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,6})?)?$"

DETAIL = {"type": "object", "properties": {"detail": {"type": "string"}}, "required": ["detail"]}
FIELD_ERRORS = {
    "type": "object",
    "description": "Each field with a problem (or non_field_errors) and what is wrong with it.",
    "additionalProperties": {},
}
ERRORS = {
    "400": ("Bad input: each field with its problem.", FIELD_ERRORS),
    "401": ("Not signed in.", DETAIL),
    "403": ("Signed in, but not allowed to do this.", DETAIL),
    "404": ("No such record (or not one this person may see), or no such page.", DETAIL),
}

IF_MATCH = {"in": "header", "name": "If-Match", "required": False, "schema": {"type": "string"},
            "description": 'The revision you read (the ETag of your GET, e.g. "3"): if the record changed since, '
                           "your write is refused with 412 instead of overwriting that change. A PUT or PATCH "
                           'needs it (or the body\'s "revision"): without either it is refused with 428.'}
ETAG = {"ETag": {"schema": {"type": "string"}, "description": "The record's revision, to send back as If-Match."}}
STALE = {"type": "object", "required": ["detail", "revision", "changes"], "properties": {
    "detail": {"type": "string"}, "revision": {"type": "integer", "description": "The record's revision now."},
    "changes": {"type": "array", "description": "Each change since the revision you read: who, when, which fields.",
                "items": {"type": "object"}}}}
REVISIONED = ("retrieve", "update", "partial_update", "destroy")


class AutoSchema(openapi.AutoSchema):
    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        schema = super()._map_serializer_field(field, direction, bypass_extensions)
        if isinstance(field, serializers.TimeField) and schema.get("format") == "time":
            schema = {**schema, "pattern": TIME_OF_DAY, "example": "09:30:00"}
            del schema["format"]
        return schema

    def get_operation(self, *args, **kwargs):
        operation = super().get_operation(*args, **kwargs)
        if operation is None:
            return None
        where = {p["in"] for p in operation.get("parameters", [])}
        codes = ["401", "403"]
        if "requestBody" in operation or "query" in where:
            codes.append("400")
        if "path" in where or (self.method == "GET" and self._is_list_view() and self._get_paginator()):
            codes.append("404")
        for code in sorted(codes):
            description, body = ERRORS[code]
            operation["responses"].setdefault(code, {"content": {"application/json": {"schema": body}},
                                                     "description": description})
        model = getattr(getattr(self.view, "queryset", None), "model", None)
        if is_tracked(model) and getattr(self.view, "action", None) in REVISIONED:  # no lost updates
            if self.method != "GET":
                operation.setdefault("parameters", []).append(IF_MATCH)
                operation["responses"]["412"] = {"content": {"application/json": {"schema": STALE}}, "description":
                                                 "The record changed since the revision this write was based on."}
                if self.method in ("PUT", "PATCH"):
                    operation["responses"]["428"] = {
                        "content": {"application/json": {"schema": DETAIL}}, "description":
                        'Neither If-Match nor the body\'s "revision" said which revision this write is based on.'}
            if "200" in operation["responses"]:
                operation["responses"]["200"]["headers"] = ETAG
        return operation
