"""GET /api/figures/ (the contract's annual figures) and POST /api/figures/close/ (year close)."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.scopes import area_in_scope
from api.permissions import IsCoordinator, IsManager
from reports.figures import annual_figures
from reports.yearclose import close_year, current_snapshot, differences

from .serializers import CloseYearSerializer, FiguresQuerySerializer, FiguresSerializer, SnapshotSerializer


def _area_in_scope(user, code):
    # Existence first, as this API has always answered (404 for an unknown code, even outside the
    # scope; 403 for an area outside it); DRF turns Django's Http404/PermissionDenied into those.
    return area_in_scope(user, code, existence_first=True)


def closed_info(snapshot, live):
    if snapshot is None:
        return None
    return {
        "closed_at": snapshot.closed_at,
        "closed_by": snapshot.closed_by.username if snapshot.closed_by else None,
        "reason": snapshot.reason,
        "figures": {key: value for key, value in snapshot.figures.items() if key != "by_area"},
        "differences": {row["key"]: {"closed": row["closed"], "live": row["live"]}
                        for row in differences(snapshot.figures, live)},
    }


class FiguresView(APIView):
    """The annual outreach figures of an area (coordinators and town officers, within their scope)."""

    permission_classes = [IsManager]

    @extend_schema(
        operation_id="figures_retrieve",
        parameters=[
            OpenApiParameter("year", int, required=True, description="The year (local dates in Asia/Shanghai)."),
            OpenApiParameter("area", str, required=True, description="Area code: district, town or village."),
        ],
        responses={
            200: FiguresSerializer,
            400: OpenApiResponse(description="Bad or missing year or area."),
            403: OpenApiResponse(description="Not a coordinator or town officer, or the area is outside your scope."),
            404: OpenApiResponse(description="No such area."),
        },
    )
    def get(self, request):
        query = FiguresQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        area = _area_in_scope(request.user, query.validated_data["area"])
        year = query.validated_data["year"]
        figures = annual_figures(year, area)
        figures["closed"] = closed_info(current_snapshot(year, area), figures)
        return Response(figures)


class CloseYearView(APIView):
    """Close a year for an area: store its figures as a snapshot (coordinators)."""

    permission_classes = [IsCoordinator]

    @extend_schema(
        operation_id="figures_close",
        request=CloseYearSerializer,
        responses={
            201: SnapshotSerializer,
            400: OpenApiResponse(description="Bad year or area, a future year, or re-closing without a reason."),
            403: OpenApiResponse(description="Not a coordinator of this area."),
            404: OpenApiResponse(description="No such area."),
        },
    )
    def post(self, request):
        data = CloseYearSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        area = _area_in_scope(request.user, data.validated_data["area"])
        try:
            snapshot = close_year(data.validated_data["year"], area, request.user, data.validated_data["reason"])
        except DjangoPermissionDenied as exc:
            raise PermissionDenied(str(exc)) from None
        return Response(SnapshotSerializer(snapshot).data, status=status.HTTP_201_CREATED)
