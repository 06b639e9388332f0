"""POST /api/checkin/{secret}/ — the public check-in as a DRF view: what the OpenAPI schema describes, and
the answer to every request the lean path (``checkin_lean.py``) leaves to it. Both build their answers
with the helpers below, so their JSON is the same."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import permissions, serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from outreach import services
from outreach.models import CheckIn
from outreach.ratelimit import client_address, over_limit

from .serializers import CheckinRefusalSerializer, CheckinRequestSerializer, CheckinResultSerializer

REFUSAL_RESPONSES = {
    404: OpenApiResponse(CheckinRefusalSerializer, description="`invalid`: unknown secret."),
    409: OpenApiResponse(CheckinRefusalSerializer, description="`not_open`: before the check-in window."),
    410: OpenApiResponse(CheckinRefusalSerializer, description="`revoked`, `cancelled` or `closed`."),
}
_DATETIME = serializers.DateTimeField()


def refusal_data(refusal):
    return {"status": "error", "reason": refusal.code.value, "detail": str(refusal.message)}


def result_data(result):
    return {
        "status": result.status.value if hasattr(result.status, "value") else result.status,
        "checked_in_at": _DATETIME.to_representation(result.checked_in_at),
    }


def result_status(result):
    return status.HTTP_201_CREATED if result.created else status.HTTP_200_OK


def rate_limited_data():
    return {
        "status": "error",
        "reason": "rate_limited",
        "detail": _("Too many sign-ins from this address. Please wait a minute."),
    }


class PublicCheckinView(APIView):
    """What an attendee's phone (or a kiosk app) posts after scanning the event QR."""

    authentication_classes = []
    permission_classes = [permissions.AllowAny]

    @extend_schema(
        summary="Self check-in with the event's secret (public, rate-limited)",
        description="No login and no CSRF token. Rate-limited per client address (setting "
        "`CHECKIN_RATE_LIMIT`, e.g. `30/m`; `0` = off): over the limit answers 429.",
        request=CheckinRequestSerializer,
        responses={
            201: OpenApiResponse(CheckinResultSerializer, description="`ok`: first check-in of this phone."),
            200: OpenApiResponse(
                CheckinResultSerializer, description="`already_checked_in`: the first check-in's time; nothing counted."
            ),
            400: OpenApiResponse(description='Field errors: `{"field": ["message"]}`.'),
            429: OpenApiResponse(CheckinRefusalSerializer, description="Too many requests from this address."),
            **REFUSAL_RESPONSES,
        },
        examples=[
            OpenApiExample(
                "Attendee",
                request_only=True,
                value={
                    "name": "陈小梅",
                    "phone": "+86 138-0013-8000",
                    "gender": "female",
                    "age_group": "36_59",
                    "occupation": "farmer",
                    "home_village": "440403107201",
                    "consent": True,
                },
            )
        ],
    )
    def post(self, request, secret):
        if over_limit(request):
            response = Response(rate_limited_data(), status=status.HTTP_429_TOO_MANY_REQUESTS)
            response["Retry-After"] = "60"
            return response
        try:
            result = services.perform_checkin(
                secret, request.data, method=CheckIn.Method.SELF, client_address=client_address(request)
            )
        except services.CheckinRefused as refusal:
            return Response(refusal_data(refusal), status=refusal.http_status)
        return Response(result_data(result), status=result_status(result))
