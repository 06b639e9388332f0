"""``/api/lookups/…`` — the type-ahead pickers' matches, in the caller's scope, paginated
(``{"count", "next", "previous", "results": [{"value", "text"}]}``, 20 a page, ``?page_size=`` up to
100). ``q`` searches a substring of the name (and firm, licence or certificate number, village or
town); two queries per page whatever the number of people. The forms post ``value``."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, pagination, serializers

from accounts.pickers import area_label, area_lookup, parse_levels
from advisors.pickers import advisor_label, advisor_lookup
from common.pickers import MAX_QUERY
from legalsavvy.pickers import person_label, person_lookup


class LookupPagination(pagination.PageNumberPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100


class LookupSerializer(serializers.Serializer):
    value = serializers.CharField(read_only=True, help_text="What the form posts: an id, or an area's code.")
    text = serializers.CharField(read_only=True, help_text="What the picker shows.")


QUERY = OpenApiParameter("q", OpenApiTypes.STR, description="A substring to search for (up to 50 characters).")


class LookupView(generics.ListAPIView):
    serializer_class = LookupSerializer
    pagination_class = LookupPagination
    filter_backends = []

    def query(self):
        return (self.request.query_params.get("q") or "").strip()[:MAX_QUERY]

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        rows = [{"value": str(value), "text": text} for value, text in map(self.row, page)]
        return self.get_paginated_response(LookupSerializer(rows, many=True).data)


@extend_schema(parameters=[QUERY], summary="Advisors for a picker (active, visible to the caller)")
class AdvisorLookup(LookupView):
    def get_queryset(self):
        return advisor_lookup(self.request.user, self.query())

    def row(self, advisor):
        return advisor.pk, advisor_label(advisor)


@extend_schema(parameters=[QUERY], summary="Legal-savvy persons for a picker (active, in the caller's scope)")
class PersonLookup(LookupView):
    def get_queryset(self):
        return person_lookup(self.request.user, self.query())

    def row(self, person):
        return person.pk, person_label(person)


@extend_schema(
    parameters=[
        QUERY,
        OpenApiParameter(
            "level",
            OpenApiTypes.STR,
            description="`district`, `town`, `village` or a comma list (default town,village).",
        ),
        OpenApiParameter("under", OpenApiTypes.STR, description="Only areas under this code (e.g. a town's villages)."),
    ],
    summary="Areas for a picker (active, in the caller's scope; value = the code)",
)
class AreaLookup(LookupView):
    def get_queryset(self):
        params = self.request.query_params
        return area_lookup(
            self.request.user, self.query(), parse_levels(params.get("level")), params.get("under") or ""
        )

    def row(self, area):
        return area.code, area_label(area)
