"""API errors: DRF's shapes, plus Django's own ValidationError turned into a 400 (never a 500).

A service's ``Refusal`` answers with the status it carries: ``{field: [message]}`` (``non_field_errors``
for the record as a whole), or DRF's usual ``{"detail": message}`` for a 403 or 404. The views map
nothing by hand.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions, views

from common.errors import Refusal


def exception_handler(exc, context):
    status = None
    if isinstance(exc, Refusal):
        status = exc.http_status
        if status in (403, 404):
            exc = exceptions.APIException(detail=exc.text)
        else:
            exc = exceptions.ValidationError({exc.field or "non_field_errors": [exc.text]})
    elif isinstance(exc, DjangoValidationError):
        if hasattr(exc, "message_dict"):
            exc = exceptions.ValidationError(exc.message_dict)
        else:
            exc = exceptions.ValidationError({"non_field_errors": exc.messages})
    response = views.exception_handler(exc, context)
    if response is not None and status is not None:
        response.status_code = status
    return response
