"""GET /api/figures/ (the contract's annual figures) and POST /api/figures/close/ (year close)."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.scopes import area_in_scope
from api.permissions import IsCoordinator, IsManager
from reports.docx import DOCX_CONTENT_TYPE, docx_response
from reports.figures import annual_figures
from reports.yearclose import close_year, closed_state

from .serializers import CloseYearSerializer, FiguresQuerySerializer, FiguresSerializer, SnapshotSerializer


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
            404: OpenApiResponse(description="No such area within your scope."),
        },
    )
    def get(self, request):
        query = FiguresQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        area = area_in_scope(request.user, query.validated_data["area"])
        year = query.validated_data["year"]
        figures = annual_figures(year, area)
        figures["closed"] = closed_state(year, area, live=figures)
        return Response(figures)


class FiguresReportView(APIView):
    """The report section of an area's year as a Word document (same rules as the figures)."""

    permission_classes = [IsManager]

    @extend_schema(
        operation_id="figures_report_docx",
        parameters=[
            OpenApiParameter("year", int, required=True, description="The year (local dates in Asia/Shanghai)."),
            OpenApiParameter("area", str, required=True, description="Area code: province, city, district or town."),
        ],
        responses={
            (200, DOCX_CONTENT_TYPE): OpenApiResponse(
                description="The .docx: heading, paragraph, table by child area with last year, monthly chart, "
                "coverage map, honours and, for a closed year, the closing note and later corrections."
            ),
            400: OpenApiResponse(description="Bad or missing year or area."),
            403: OpenApiResponse(description="Not a coordinator or town officer, or the area is outside your scope."),
            404: OpenApiResponse(description="No such area within your scope."),
        },
    )
    def get(self, request):
        query = FiguresQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        area = area_in_scope(request.user, query.validated_data["area"])
        return docx_response(query.validated_data["year"], area)


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
            404: OpenApiResponse(description="No such area within your scope."),
        },
    )
    def post(self, request):
        data = CloseYearSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        area = area_in_scope(request.user, data.validated_data["area"])
        try:
            snapshot = close_year(data.validated_data["year"], area, request.user, data.validated_data["reason"])
        except DjangoPermissionDenied as exc:
            raise PermissionDenied(str(exc)) from None
        return Response(SnapshotSerializer(snapshot).data, status=status.HTTP_201_CREATED)
