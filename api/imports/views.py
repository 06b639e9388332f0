"""POST /api/imports/ (multipart) → 202 {"job": id}: the import runs as a job (GET /api/jobs/{id}/)."""

from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import permissions, serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.scopes import is_manager
from imports.services import start_import

KINDS = ["duty_shifts", "events", "checkins", "legal_savvy"]


class ImportRequestSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=KINDS)
    file = serializers.FileField()
    dry_run = serializers.BooleanField(default=False, required=False)
    event = serializers.IntegerField(required=False, allow_null=True)


class MayImport(permissions.BasePermission):
    """Town officers, coordinators and organizers (events, sheets of their events); the service decides the rest."""

    def has_permission(self, request, view):
        return is_manager(request.user) or bool(request.user.is_authenticated and request.user.is_organizer)


class ImportView(APIView):
    # What each may import is the service's decision (managers; a sheet: whoever manages the event).
    permission_classes = [MayImport]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        request={"multipart/form-data": ImportRequestSerializer},
        responses={
            202: inline_serializer("ImportStarted", {"job": serializers.IntegerField()}),
            400: OpenApiResponse(description="bad kind, no file, not .xlsx/.csv"),
            403: OpenApiResponse(description="not a town officer or coordinator (a sheet: not the event's manager)"),
        },
        tags=["jobs"],
    )
    def post(self, request):
        data = ImportRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        params = {"event": data.validated_data["event"]} if data.validated_data.get("event") else {}
        job = start_import(
            by=request.user,
            kind=data.validated_data["kind"],
            upload=data.validated_data["file"],
            dry_run=data.validated_data["dry_run"],
            params=params,
        )
        return Response({"job": job.pk}, status=status.HTTP_202_ACCEPTED)
