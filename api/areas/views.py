from rest_framework import viewsets

from api.permissions import IsCoordinatorOrReadOnly
from places.models import Area

from .filters import AreaFilter
from .serializers import AreaSerializer


class AreaViewSet(viewsets.ModelViewSet):
    """The statistical-code area tree. Read: any logged-in user. Write: coordinators."""

    queryset = Area.objects.select_related("parent").order_by("code")
    serializer_class = AreaSerializer
    permission_classes = [IsCoordinatorOrReadOnly]
    filterset_class = AreaFilter
    lookup_field = "code"
    lookup_value_regex = r"\d{1,12}"
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
