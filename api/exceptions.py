"""API errors: DRF's shapes, plus Django's own ValidationError turned into a 400 (never a 500)."""

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions, views


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "message_dict"):
            exc = exceptions.ValidationError(exc.message_dict)
        else:
            exc = exceptions.ValidationError({"non_field_errors": exc.messages})
    return views.exception_handler(exc, context)
