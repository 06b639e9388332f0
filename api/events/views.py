"""/api/events/, /api/event-series/ — the public contract, held by tests/api/ (the public check-in:
api/events/checkin.py).

Permissions come from outreach.access (the same rules as the pages); every write goes
through outreach.services; the public check-in answers the contract's status codes.
"""

import json

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, permissions, renderers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from advisors.models import Advisor
from api.permissions import IsCoordinatorOrReadOnly
from legalsavvy.models import LegalSavvyPerson
from outreach import services
from outreach.access import can_create, can_manage, visible_events
from outreach.models import CheckIn, Event, EventAudience, EventSeries
from outreach.qr import qr_response

from .checkin import refusal_data, result_data, result_status
from .filters import EventFilter
from .serializers import (
    CheckinPageSerializer,
    CheckinRefusalSerializer,
    CheckinRequestSerializer,
    CheckinResultSerializer,
    CheckinSerializer,
    EventSerializer,
    EventSeriesSerializer,
)


def refusal_response(refusal):
    return Response(refusal_data(refusal), status=refusal.http_status)


def result_response(result):
    return Response(result_data(result), status=result_status(result))


class EventPermission(permissions.BasePermission):
    """Read: whoever may see the event. Create: organizers and coordinators. Change: its organizer
    and coordinators in scope (town officers read only)."""

    def has_permission(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return False
        if view.action == "create":
            return can_create(request.user)
        return True

    def has_object_permission(self, request, view, event):
        if request.method in permissions.SAFE_METHODS and view.action == "retrieve":
            return True
        return can_manage(request.user, event)


@extend_schema_view(
    list=extend_schema(
        summary="List events",
        description="Events the user may see: organizers their own, "
        "town officers and coordinators those in their area.",
    ),
    retrieve=extend_schema(summary="One event"),
    create=extend_schema(summary="Create an event (organizers, coordinators)"),
    update=extend_schema(summary="Change an event (its organizer, coordinators)"),
    partial_update=extend_schema(summary="Change some fields of an event (its organizer, coordinators)"),
)
class EventViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = EventSerializer
    permission_classes = [EventPermission]
    filterset_class = EventFilter
    lookup_value_regex = r"[0-9]+"

    def get_queryset(self):
        queryset = (
            Event.objects.with_attendee_count()
            .select_related("area", "series", "organizer")
            .prefetch_related(
                # to_attr lists (api/events/serializers.py: PREFETCHED), not a related manager per row.
                Prefetch(
                    "audience_rows",
                    queryset=EventAudience.objects.only("event_id", "audience"),
                    to_attr="audiences_prefetched",
                ),
                Prefetch("advisors", queryset=Advisor.objects.only("id"), to_attr="advisors_prefetched"),
                Prefetch(
                    "legal_savvy_persons",
                    queryset=LegalSavvyPerson.objects.only("id"),
                    to_attr="legal_savvy_persons_prefetched",
                ),
            )
            .order_by("-starts_at", "-id")
        )
        return visible_events(self.request.user, queryset)

    def _fresh(self, event):
        return self.get_serializer(self.get_queryset().get(pk=event.pk)).data

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        event = serializer.save()
        return Response(self._fresh(event), status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        partial = kwargs.pop("partial", False)
        serializer = self.get_serializer(self.get_object(), data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        event = serializer.save()
        return Response(self._fresh(event))

    @extend_schema(
        summary="Replace the check-in secret",
        request=None,
        responses={200: EventSerializer},
        description="A new secret and QR code; scanning the old one then answers `revoked`.",
    )
    @action(detail=True, methods=["post"], url_path="rotate-secret")
    def rotate_secret(self, request, pk=None):
        event = self.get_object()
        services.rotate_secret(request.user, event)
        return Response(self._fresh(event))

    @extend_schema(
        methods=["GET"],
        summary="Check-ins of an event (organizer, coordinators)",
        description="Phones masked (138****1234) except for coordinators. Annulled check-ins are listed "
        "with `annulled: true` and are not counted.",
        responses={200: CheckinPageSerializer},
    )
    @extend_schema(
        methods=["POST"],
        summary="Enter a check-in from a paper sign-in sheet (organizer, coordinators)",
        description="Same body as the public check-in; `consent` not required; no time window; the same "
        "de-duplication by phone: 201 `ok` for a new phone, 200 `already_checked_in` otherwise.",
        request=CheckinRequestSerializer,
        responses={
            201: CheckinResultSerializer,
            200: CheckinResultSerializer,
            410: OpenApiResponse(CheckinRefusalSerializer, description="`cancelled` event."),
        },
    )
    @action(detail=True, methods=["get", "post"], url_path="checkins")
    def checkins(self, request, pk=None):
        event = self.get_object()
        if request.method == "POST":
            try:
                result = services.perform_checkin(
                    event,
                    request.data,
                    method=CheckIn.Method.ORGANIZER,
                    user=request.user,
                    enforce_window=False,
                    require_consent=False,
                )
            except services.CheckinRefused as refusal:
                return refusal_response(refusal)
            return result_response(result)
        queryset = event.checkins.select_related("home_village").order_by("-created_at", "-id")
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(CheckinSerializer(page, many=True, context={"request": request}).data)

    @extend_schema(
        summary="Annul a check-in (within the annul period)",
        description='Optional body `{"reason": "…"}` (up to 200 characters), kept as `annul_reason`.',
        request=None,
        parameters=[OpenApiParameter("checkin_id", OpenApiTypes.INT, OpenApiParameter.PATH)],
        responses={200: CheckinSerializer, 400: OpenApiResponse(description="Too late or already annulled.")},
    )
    @action(detail=True, methods=["post"], url_path=r"checkins/(?P<checkin_id>[0-9]+)/annul")
    def annul_checkin(self, request, pk=None, checkin_id=None):
        event = self.get_object()
        checkin = get_object_or_404(CheckIn, pk=checkin_id, event=event)
        reason = request.data.get("reason", "") if hasattr(request.data, "get") else ""
        checkin = services.annul_checkin(request.user, checkin, reason=reason if isinstance(reason, str) else "")
        return Response(CheckinSerializer(checkin, context={"request": request}).data)

    # Errors of the check-in POST are Django ValidationErrors from the service → 400 via
    # api.exceptions; refusals are answered above.


class ImageRenderer(renderers.BaseRenderer):
    """Lets clients that ask only for images get the QR (errors come as JSON bytes)."""

    media_type = "image/*"
    format = "image"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, bytes):
            return data
        return json.dumps(data, default=str).encode("utf-8")


class EventQRView(APIView):
    fmt = "png"
    renderer_classes = [renderers.JSONRenderer, ImageRenderer]

    def get(self, request, pk):
        event = get_object_or_404(visible_events(request.user, Event.objects.select_related("area")), pk=pk)
        if not can_manage(request.user, event):
            raise PermissionDenied
        return qr_response(event, request, self.fmt)


@extend_schema(
    summary="QR code of the event's check-in URL (PNG)",
    description="Organizer and coordinators.",
    responses={(200, "image/png"): OpenApiTypes.BINARY},
)
class EventQRPngView(EventQRView):
    fmt = "png"


@extend_schema(
    summary="QR code of the event's check-in URL (SVG)",
    description="Organizer and coordinators.",
    responses={(200, "image/svg+xml"): OpenApiTypes.STR},
)
class EventQRSvgView(EventQRView):
    fmt = "svg"


class EventSeriesViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Event series such as the radio programme 《92.8说法》. Read: logged-in users; write: coordinators."""

    queryset = EventSeries.objects.order_by("name", "id")
    serializer_class = EventSeriesSerializer
    permission_classes = [IsCoordinatorOrReadOnly]
    filterset_fields = ["kind"]
    lookup_value_regex = r"[0-9]+"
