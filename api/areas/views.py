from django.utils.translation import gettext_lazy as _
from rest_framework import viewsets
from rest_framework.exceptions import PermissionDenied

from accounts.scopes import in_scope
from api.permissions import IsCoordinatorOrReadOnly
from places.models import Area

from .filters import AreaFilter
from .serializers import AreaSerializer

OUT_OF_SCOPE = _("This area is outside your scope.")


class AreaViewSet(viewsets.ModelViewSet):
    """The statistical-code area tree. Read: any logged-in user. Write: coordinators, within their scope."""

    queryset = Area.objects.select_related("parent").order_by("code")
    serializer_class = AreaSerializer
    permission_classes = [IsCoordinatorOrReadOnly]
    filterset_class = AreaFilter
    lookup_field = "code"
    lookup_value_regex = r"\d{1,12}"
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def perform_create(self, serializer):
        if not in_scope(self.request.user, serializer.validated_data["code"]):
            raise PermissionDenied(OUT_OF_SCOPE)
        serializer.save()

    def perform_update(self, serializer):
        if not in_scope(self.request.user, serializer.instance.code):
            raise PermissionDenied(OUT_OF_SCOPE)
        serializer.save()
