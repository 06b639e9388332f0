"""/api/works/ and /api/awards/: the registry of original outreach works and awards. Read: coordinators
and town officers, within their area. Write: coordinators, through works.services (audited)."""

from rest_framework import permissions, viewsets

from accounts.scopes import is_manager
from works import services
from works.models import Award, Work
from works.queries import awards_in_scope, works_in_scope

from .filters import AwardFilter, WorkFilter
from .serializers import AwardSerializer, WorkSerializer

ID_REGEX = r"[0-9]{1,18}"


class ManagersReadCoordinatorsWrite(permissions.BasePermission):
    def has_permission(self, request, view):
        if not is_manager(request.user):
            return False
        return request.method in permissions.SAFE_METHODS or request.user.is_coordinator


class WorkViewSet(viewsets.ModelViewSet):
    """Original outreach works (微视频, 动漫, 情景剧, 快板, 图文…). Filters: ``year``, ``area``, ``kind``."""

    queryset = Work.objects.none()
    serializer_class = WorkSerializer
    permission_classes = [ManagersReadCoordinatorsWrite]
    filterset_class = WorkFilter
    lookup_value_regex = ID_REGEX

    def get_queryset(self):
        return works_in_scope(self.request.user).order_by("-year", "area__code", "title", "id")

    def perform_create(self, serializer):
        serializer.instance = services.save_work(self.request.user, **serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = services.save_work(self.request.user, serializer.instance, **serializer.validated_data)

    def perform_destroy(self, instance):
        services.delete_work(self.request.user, instance)


class AwardViewSet(viewsets.ModelViewSet):
    """Awards for a work, a project or a person. Filters: ``year``, ``area``, ``kind`` (awarded to), ``level``."""

    queryset = Award.objects.none()
    serializer_class = AwardSerializer
    permission_classes = [ManagersReadCoordinatorsWrite]
    filterset_class = AwardFilter
    lookup_value_regex = ID_REGEX

    def get_queryset(self):
        return awards_in_scope(self.request.user).order_by("-year", "area__code", "title", "id")

    def perform_create(self, serializer):
        serializer.instance = services.save_award(self.request.user, **serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = services.save_award(self.request.user, serializer.instance, **serializer.validated_data)

    def perform_destroy(self, instance):
        services.delete_award(self.request.user, instance)
