"""API errors: bad input is a 400 naming the field, never a 500."""
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(getattr(exc, "message_dict", {"non_field_errors": exc.messages}))
    elif isinstance(exc, IntegrityError):
        exc = exceptions.ValidationError({"non_field_errors": ["This conflicts with a record that already exists."]})
    elif isinstance(exc, exceptions.ValidationError) and not isinstance(exc.detail, dict):
        exc = exceptions.ValidationError({"non_field_errors": exc.detail})  # a 400 is always an object, as documented
    return drf_exception_handler(exc, context)
