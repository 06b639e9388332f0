"""/api/advisors/, /api/assignments/, /api/duty-shifts/ and the village duty-poster QR.

Visibility: an advisor's login sees only their own shifts and assignments; town officers their
town; coordinators their scope. Writes call advisors.services (refusals → 400 {field: [msg]})."""

from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.scopes import is_manager
from advisors import services
from advisors.access import (
    advisor_of,
    advisors_visible_to,
    assignments_visible_to,
    can_manage_village,
    shifts_visible_to,
)
from advisors.errors import DutyError
from advisors.models import Advisor, Assignment, DutyShift, DutyShiftTopic
from advisors.posters import qr_response
from api.permissions import IsCoordinatorOrReadOnly, IsManager
from places.models import Area

from .filters import AdvisorFilter, AssignmentFilter, DutyShiftFilter
from .serializers import (
    AdvisorSerializer,
    ApprovedSerializer,
    ApproveSerializer,
    AssignmentSerializer,
    DutyShiftChangeSerializer,
    DutyShiftSerializer,
    FinishShiftSerializer,
    ReturnShiftSerializer,
    StartShiftSerializer,
)

ID_REGEX = r"[0-9]{1,18}"


class AdvisorViewSet(viewsets.ModelViewSet):
    """Village legal advisors. Read: every role (phones masked except for coordinators and the
    advisor themself). Write: coordinators."""

    serializer_class = AdvisorSerializer
    permission_classes = [IsCoordinatorOrReadOnly]
    filterset_class = AdvisorFilter
    lookup_value_regex = ID_REGEX
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self):
        return advisors_visible_to(self.request.user, Advisor.objects.select_related("user")).order_by("name", "id")


class AssignmentViewSet(viewsets.ModelViewSet):
    """Which advisor serves which village, when. A village has at most one advisor on any date.
    Read: advisors (their own), officers and organizers (their area). Write: coordinators."""

    serializer_class = AssignmentSerializer
    permission_classes = [IsCoordinatorOrReadOnly]
    filterset_class = AssignmentFilter
    lookup_value_regex = ID_REGEX
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self):
        queryset = Assignment.objects.select_related("advisor", "village")
        return assignments_visible_to(self.request.user, queryset).order_by("village__code", "-starts_on", "id")


class IsAdvisorOrManager(permissions.BasePermission):
    def has_permission(self, request, view):
        user = request.user
        return bool(user and user.is_authenticated and (user.is_advisor or is_manager(user)))


@extend_schema_view(
    create=extend_schema(description="Log a shift. For an advisor's login `advisor` is always their own."),
    destroy=extend_schema(
        description="Delete an unapproved shift (its advisor, the town officer) or any (coordinator)."
    ),
)
class DutyShiftViewSet(viewsets.ModelViewSet):
    """Duty shifts (the 工作台账). Advisors: their own only. Town officers: their town. Coordinators:
    their scope; they alone may correct approved shifts (kept in the shift's history)."""

    serializer_class = DutyShiftSerializer
    permission_classes = [IsAdvisorOrManager]
    filterset_class = DutyShiftFilter
    lookup_value_regex = ID_REGEX

    def get_queryset(self):
        queryset = DutyShift.objects.select_related("advisor", "village", "approved_by").prefetch_related(
            Prefetch("topic_counts", queryset=DutyShiftTopic.objects.select_related("topic"))
        )
        return shifts_visible_to(self.request.user, queryset).order_by("-date", "-start_time", "-id")

    def perform_create(self, serializer):
        user = self.request.user
        if user.is_advisor and not is_manager(user):
            advisor = advisor_of(user)
            if advisor is None:
                raise ValidationError({"advisor": [DutyError.NOT_AN_ADVISOR.label]})
            serializer.save(advisor=advisor)
        else:
            if serializer.validated_data.get("advisor") is None:
                raise ValidationError({"advisor": [_("This field is required.")]})
            serializer.save()

    def perform_update(self, serializer):
        user = self.request.user
        if user.is_advisor and not is_manager(user):
            serializer.validated_data.pop("advisor", None)
        serializer.save()

    def perform_destroy(self, instance):
        services.delete_shift(instance, by=self.request.user)

    @extend_schema(
        operation_id="duty_shifts_approve_bulk",
        request=ApproveSerializer,
        responses={200: ApprovedSerializer},
        description="Approve finished shifts in bulk (town officers: their town; coordinators). "
        "Shifts outside the approver's area, open or already approved are skipped.",
    )
    @action(detail=False, methods=["post"], permission_classes=[IsManager])
    def approve(self, request):
        body = ApproveSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        count = services.approve_shifts(body.validated_data["ids"], by=request.user)
        return Response({"approved": count})

    @extend_schema(
        operation_id="duty_shifts_approve_one",
        request=None,
        responses={200: ApprovedSerializer},
        description="Approve this shift (town officers of its town, coordinators).",
    )
    @action(detail=True, methods=["post"], url_path="approve", url_name="approve-one", permission_classes=[IsManager])
    def approve_one(self, request, pk=None):
        shift = self.get_object()
        count = services.approve_shifts([shift.pk], by=request.user)
        return Response({"approved": count})

    @extend_schema(
        operation_id="duty_shifts_return",
        request=ReturnShiftSerializer,
        responses={
            200: DutyShiftSerializer,
            400: OpenApiResponse(description="No comment, or the shift is open or approved"),
        },
        description="Return this shift to its advisor with a comment (town officers of its town, "
        "coordinators): `state` becomes `returned`; the advisor's next edit resubmits it.",
    )
    @action(detail=True, methods=["post"], url_path="return", url_name="return", permission_classes=[IsManager])
    def return_(self, request, pk=None):
        shift = self.get_object()
        body = ReturnShiftSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        shift = services.return_shift(shift, by=request.user, comment=body.validated_data["comment"])
        return Response(self.get_serializer(shift).data)

    @extend_schema(
        request=FinishShiftSerializer,
        responses={200: DutyShiftSerializer},
        description="Finish an open (QR-started) shift: end time (default now) and counters.",
    )
    @action(detail=True, methods=["post"])
    def finish(self, request, pk=None):
        shift = self.get_object()
        body = FinishShiftSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        shift = services.finish_shift(shift, by=request.user, **body.validated_data)
        return Response(self.get_serializer(shift).data)

    @extend_schema(
        request=StartShiftSerializer,
        responses={
            201: DutyShiftSerializer,
            400: OpenApiResponse(description="Not your village, already on duty elsewhere"),
            404: OpenApiResponse(description="Unknown poster"),
            410: OpenApiResponse(description="Poster replaced"),
        },
        description="What scanning a village's QR poster does: start a shift there now, presence verified "
        "(advisors only). Scanning again while that shift is open returns it (200).",
    )
    @action(detail=False, methods=["post"])
    def start(self, request):
        body = StartShiftSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        # Refusals answer with their own status (404 unknown poster, 410 replaced, else 400).
        shift = services.start_verified_shift(by=request.user, secret=body.validated_data["secret"])
        created = getattr(shift, "started_now", False)
        return Response(
            self.get_serializer(shift).data, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK
        )

    @extend_schema(
        responses={200: DutyShiftChangeSerializer(many=True)},
        description="Who changed what on this shift, and when (newest first).",
    )
    @action(detail=True, methods=["get"], pagination_class=None, filterset_class=None)
    def changes(self, request, pk=None):
        shift = self.get_object()
        return Response(DutyShiftChangeSerializer(shift.changes.select_related("changed_by"), many=True).data)


class FirstRendererNegotiation(BaseContentNegotiation):
    """Image endpoints answer images whatever the Accept header says (errors stay JSON)."""

    def select_parser(self, request, parsers):
        return parsers[0]

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class DutyQRView(APIView):
    permission_classes = [IsManager]
    content_negotiation_class = FirstRendererNegotiation
    fmt = "png"

    def get(self, request, code):
        if not code.isdigit() or len(code) > 12:
            raise Http404
        village = get_object_or_404(Area.objects.villages(), code=code)
        if not can_manage_village(request.user, village):
            raise PermissionDenied(_("Only coordinators and the village's town officers may get its duty QR."))
        return qr_response(request, services.ensure_poster(village), self.fmt, download=False)


_QR_DOC = (
    "The QR of the village's duty poster: advisors scan it to start a verified shift. "
    "Coordinators and the village's town officers."
)


class DutyQRPngView(DutyQRView):
    fmt = "png"

    @extend_schema(
        operation_id="areas_duty_qr_png",
        responses={(200, "image/png"): OpenApiTypes.BINARY},
        description=_QR_DOC,
        tags=["areas"],
    )
    def get(self, request, code):
        return super().get(request, code)


class DutyQRSvgView(DutyQRView):
    fmt = "svg"

    @extend_schema(
        operation_id="areas_duty_qr_svg",
        responses={(200, "image/svg+xml"): OpenApiTypes.BINARY},
        description=_QR_DOC,
        tags=["areas"],
    )
    def get(self, request, code):
        return super().get(request, code)
