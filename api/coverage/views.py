"""GET /api/coverage/ and /api/coverage.geojson — thin: parse, check scope, call coverage.rows."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.response import Response
from rest_framework.views import APIView

from api.pagination import PageNumberPagination
from api.permissions import IsManager
from common.clock import local_today
from coverage import areas as rollup
from coverage.live import coverage_queryset, village_ids
from coverage.params import resolve
from coverage.rollup_sql import village_rows
from coverage.rows import build_rows, rollup_time, village_coverage
from places.models import Area

from .serializers import AreaCoverageSerializer, CoverageFeatureCollectionSerializer, CoverageRowSerializer

PERIOD_PARAMETERS = [
    OpenApiParameter(
        "area",
        OpenApiTypes.STR,
        description="Area code (district, town or village); "
        "default: your scope. Outside your scope: 403; unknown or malformed: 400.",
    ),
    OpenApiParameter(
        "year",
        OpenApiTypes.INT,
        description="Calendar year (local dates, Asia/Shanghai). Without year or start/end: the current year.",
    ),
    OpenApiParameter("quarter", OpenApiTypes.INT, enum=[1, 2, 3, 4], description="With year: one quarter."),
    OpenApiParameter("month", OpenApiTypes.INT, description="With year: one month (1–12)."),
    OpenApiParameter("start", OpenApiTypes.DATE, description="Custom period start (inclusive), with end."),
    OpenApiParameter("end", OpenApiTypes.DATE, description="Custom period end (inclusive), with start."),
]


class AsOfPagination(PageNumberPagination):
    """A page with the roll-ups' ``as_of`` beside ``count`` (set ``as_of`` before paging)."""

    as_of = None
    as_of_description = ""

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        response.data["as_of"] = self.as_of.isoformat() if self.as_of else None
        return response

    def get_paginated_response_schema(self, schema):
        schema = super().get_paginated_response_schema(schema)
        schema["properties"]["as_of"] = {
            "type": "string",
            "format": "date-time",
            "nullable": True,
            "description": self.as_of_description,
        }
        return schema


class CoveragePagination(AsOfPagination):
    # A whole district (~130 villages) fits on the first page; a province pages.
    page_size = 500
    as_of_description = (
        "When the monthly roll-ups the period's sums were read from were rebuilt (rows of areas written "
        "since are rebuilt on write); null: the rows were computed live from the ledgers."
    )


def period_json(period):
    return {
        "kind": period.kind,
        "start": period.start.isoformat(),
        "end": period.end.isoformat(),
        "months": float(period.months),
        "label": period.label,
    }


class CoverageView(generics.ListAPIView):
    """One row per active village under ``area`` for the period: every obligation, the gaps and the score."""

    permission_classes = [IsManager]
    serializer_class = CoverageRowSerializer
    pagination_class = CoveragePagination
    filter_backends = []
    queryset = Area.objects.none()

    @extend_schema(
        summary="Coverage of the villages under an area",
        tags=["coverage"],
        description="Paginated (page_size up to 500, default 500), ordered by village code. "
        "Gaps: no_event, no_youth_event, no_elderly_event, duty_below_required, no_advisor, "
        "legal_savvy_below_quota, no_youth_reached, no_elderly_reached (the last two from the residents' "
        "check-ins, not from the events' audiences; they do not change the score). Score 0–100: 30 × min(1, events / one per started quarter) + 10 youth event "
        "+ 10 elderly event + 30 × min(1, duty hours / required) + 20 × min(1, legal-savvy / quota). "
        "The period's sums come from the monthly roll-ups when they answer it (whole months, or a period "
        "running to today, once its years are rolled up; ``as_of`` says when they were rebuilt), else live.",
        parameters=PERIOD_PARAMETERS,
    )
    def get(self, request, *args, **kwargs):
        area, period = resolve(request.user, request.query_params)
        self.paginator.as_of = as_of = rollup_time(period)
        if as_of is None:
            page = self.paginate_queryset(coverage_queryset(period, area.code))
            rows = build_rows(period, page, area.code, paged=True)
        else:
            ids = self.paginate_queryset(village_ids(area.code))
            villages, facts = village_rows(period, local_today(), ids=ids)
            rows = build_rows(period, villages, area.code, facts=facts)
        return self.get_paginated_response(self.get_serializer(rows, many=True).data)


def feature(row, data):
    if row.boundary and row.boundary.get("type") in {"Polygon", "MultiPolygon"}:
        geometry = row.boundary
    elif row.lat is not None and row.lon is not None:
        geometry = {"type": "Point", "coordinates": [row.lon, row.lat]}
    else:
        geometry = None
    return {"type": "Feature", "id": row.village, "geometry": geometry, "properties": data}


class CoverageGeoJSONView(APIView):
    """The coverage rows as a GeoJSON FeatureCollection (not paginated)."""

    permission_classes = [IsManager]

    @extend_schema(
        summary="Coverage as GeoJSON",
        operation_id="coverage_geojson",
        tags=["coverage"],
        description="The same rows as /api/coverage/ as features: geometry is the village boundary when "
        "there is one, else a Point [lon, lat], else null (no coordinates). All villages, not paginated.",
        parameters=PERIOD_PARAMETERS,
        responses=CoverageFeatureCollectionSerializer,
    )
    def get(self, request):
        area, period = resolve(request.user, request.query_params)
        as_of = rollup_time(period)
        rows = village_coverage(period, area, with_boundary=True, live=as_of is None)
        data = CoverageRowSerializer(rows, many=True).data
        return Response(
            {
                "type": "FeatureCollection",
                "area": area.code,
                "period": period_json(period),
                "as_of": as_of.isoformat() if as_of else None,
                "features": [feature(row, item) for row, item in zip(rows, data, strict=True)],
            }
        )


class AreaCoveragePagination(AsOfPagination):
    page_size = 100
    as_of_description = "When the roll-ups were last refreshed; null: not computed yet (results empty)."


class AreaCoverageView(generics.ListAPIView):
    """One row per child area of ``area`` (a province's cities, a city's districts, a district's towns,
    a town's villages) from the monthly roll-ups, paged in SQL, with the roll-ups' ``as_of``."""

    permission_classes = [IsManager]
    serializer_class = AreaCoverageSerializer
    pagination_class = AreaCoveragePagination
    filter_backends = []
    queryset = Area.objects.none()

    @extend_schema(
        summary="Coverage by child area (roll-ups)",
        tags=["coverage"],
        description="Drill down: the children of ``area`` with sums read from the monthly roll-ups "
        "(refreshed by a job; ``as_of`` says when). The period must be whole months (a year, quarter, "
        "month, or start on a 1st and end on a month's last day or today): else 400.",
        parameters=PERIOD_PARAMETERS,
    )
    def get(self, request, *args, **kwargs):
        area, period = resolve(request.user, request.query_params)
        if not rollup.readable(period):
            raise ValidationError({"start": [_("Choose whole months: the figures come from monthly roll-ups.")]})
        self.paginator.as_of = as_of = rollup.as_of(period)
        page = self.paginate_queryset(rollup.children_of(area))
        rows = rollup.area_rows(period, area.code, page) if as_of else []
        return self.get_paginated_response(self.get_serializer(rows, many=True).data)
