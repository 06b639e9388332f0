from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets

from api.permissions import IsCoordinatorOrReadOnly
from topics.models import Topic

from .serializers import TopicSerializer


@extend_schema_view(
    list=extend_schema(description="The legal-topic vocabulary (codes are stable; labels in the request's language)."),
    create=extend_schema(description="Add a topic (coordinators)."),
    partial_update=extend_schema(
        description="Rename, reorder or retire a topic (coordinators); the code never changes."
    ),
)
class TopicViewSet(viewsets.ModelViewSet):
    queryset = Topic.objects.all()
    serializer_class = TopicSerializer
    permission_classes = [IsCoordinatorOrReadOnly]
    pagination_class = None
    lookup_field = "code"
    lookup_value_regex = r"[^/]{1,40}"
    http_method_names = ["get", "post", "patch", "head", "options"]
