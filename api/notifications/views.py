"""GET /api/notifications/ (the current user's inbox) and POST /api/notifications/{id}/read/."""

import django_filters
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from notifications import services
from notifications.models import Kind, Notification

from .serializers import NotificationSerializer


class NotificationFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=Kind.choices)
    read = django_filters.BooleanFilter()

    class Meta:
        model = Notification
        fields = ["kind", "read"]


class NotificationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The current user's notifications, newest first (every role; only their own)."""

    serializer_class = NotificationSerializer
    filterset_class = NotificationFilter

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Notification.objects.none()
        return Notification.objects.filter(user=self.request.user).order_by("-created", "-id")

    @extend_schema(
        request=None,
        responses={200: NotificationSerializer, 404: OpenApiResponse(description="Not one of your notifications.")},
    )
    @action(detail=True, methods=["post"])
    def read(self, request, pk=None):
        note = self.get_object()
        services.mark_read(request.user, [note.pk])
        note.refresh_from_db()
        return Response(NotificationSerializer(note).data)
