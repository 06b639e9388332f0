"""GET /api/flags/?area=CODE&year=Y (data-quality flags in scope), POST /api/flags/{id}/resolve/ and
POST /api/flags/{id}/reopen/ (both with a note)."""

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts.scopes import area_in_scope
from api.permissions import IsManager
from quality import services
from quality.models import Flag
from quality.queries import flags_for

from .serializers import FlagQuerySerializer, FlagSerializer, ResolveSerializer


class FlagViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Data-quality flags of records in the caller's scope (coordinators and town officers)."""

    serializer_class = FlagSerializer
    permission_classes = [IsManager]
    filter_backends = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Flag.objects.none()
        return flags_for(self.request.user)

    @extend_schema(
        parameters=[
            OpenApiParameter("area", str, description="Area code (district, town or village); default: your scope."),
            OpenApiParameter("year", int, description="Year of the flagged records' dates (local)."),
            OpenApiParameter("kind", str, enum=Flag.Kind.values, description="One kind of flag."),
            OpenApiParameter("resolved", bool, description="true: resolved flags only; false: open flags only."),
        ],
        responses={
            200: FlagSerializer(many=True),
            400: OpenApiResponse(description="Bad area, year, kind or resolved."),
            403: OpenApiResponse(description="Not a coordinator or town officer, or the area is outside your scope."),
            404: OpenApiResponse(description="No such area within your scope."),
        },
    )
    def list(self, request, *args, **kwargs):
        query = FlagQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        area = area_in_scope(request.user, params["area"]) if params.get("area") else None
        flags = flags_for(request.user, area=area, year=params.get("year"))
        if params.get("kind"):
            flags = flags.filter(kind=params["kind"])
        if params.get("resolved") is not None:
            flags = flags.filter(resolved=params["resolved"])
        page = self.paginate_queryset(flags)
        return self.get_paginated_response(FlagSerializer(page, many=True).data)

    @extend_schema(
        request=ResolveSerializer,
        responses={
            200: FlagSerializer,
            400: OpenApiResponse(description="No note."),
            403: OpenApiResponse(description="Not a coordinator or town officer."),
            404: OpenApiResponse(description="No such flag within your scope."),
            409: OpenApiResponse(description="The flag is resolved already."),
        },
    )
    @action(detail=True, methods=["post"])
    def resolve(self, request, pk=None):
        flag = self.get_object()
        body = ResolveSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        flag = services.resolve_flag(request.user, flag, body.validated_data["note"])
        return Response(FlagSerializer(flag).data)

    @extend_schema(
        request=ResolveSerializer,
        responses={
            200: FlagSerializer,
            400: OpenApiResponse(description="No note."),
            403: OpenApiResponse(description="Not a coordinator or town officer."),
            404: OpenApiResponse(description="No such flag within your scope."),
            409: OpenApiResponse(description="The flag is open, or its record was deleted."),
        },
        summary="Open a resolved or automatically closed flag again, with a note saying why",
    )
    @action(detail=True, methods=["post"])
    def reopen(self, request, pk=None):
        flag = self.get_object()
        body = ResolveSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        flag = services.reopen_flag(request.user, flag, body.validated_data["note"])
        return Response(FlagSerializer(flag).data)
