"""GET /api/needs/ — thin: parse, check scope, call needs.queries and needs.suggestions."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from api.permissions import IsManager
from common.periods import Period
from coverage.params import resolve
from needs.queries import village_needs
from needs.suggestions import village_suggestions
from topics.models import topic_labels

VILLAGE = inline_serializer(
    "NeedsVillage",
    {
        "village": serializers.CharField(),
        "name": serializers.CharField(),
        "population": serializers.IntegerField(allow_null=True),
        "demand": serializers.DictField(child=serializers.IntegerField()),
        "unclassified": serializers.IntegerField(),
        "wishes": serializers.DictField(child=serializers.IntegerField()),
        "delivered": serializers.DictField(child=serializers.IntegerField()),
        "events": serializers.IntegerField(),
        "reach": serializers.DictField(),
        "reach_gaps": serializers.ListField(child=serializers.CharField()),
        "suggestions": serializers.ListField(child=serializers.CharField()),
    },
    many=True,  # "villages" is a list of these
)


class NeedsView(APIView):
    permission_classes = [IsManager]

    @extend_schema(
        summary="Needs against delivered outreach, per village",
        tags=["needs"],
        parameters=[
            OpenApiParameter("area", OpenApiTypes.STR, description="Area code; default: your scope. Outside it: 403."),
            OpenApiParameter("year", OpenApiTypes.INT, description="Calendar year (default: this year so far)."),
        ],
        description="Per active village under the area: demand by topic code (duty shifts' consultations and "
        "mediations; the rest is `unclassified`), attendees' `wishes` by topic, held events by topic "
        "(`delivered`), the residents' reach by age group, gender and occupation (with `total`), the reach gaps "
        "and the suggestions as sentences in the request's language.",
        responses={
            200: inline_serializer(
                "Needs",
                {"area": serializers.CharField(), "year": serializers.IntegerField(), "villages": VILLAGE},
            )
        },
    )
    def get(self, request):
        params = {key: request.query_params.get(key) for key in ("area", "year")}
        area, period = resolve(request.user, params, default_period=Period.year_to_date)
        labels = topic_labels()
        villages = [
            {
                "village": row.village,
                "name": row.name,
                "population": row.population,
                "demand": row.demand,
                "unclassified": row.unclassified,
                "wishes": row.wishes,
                "delivered": row.delivered,
                "events": row.events,
                "reach": row.reach,
                "reach_gaps": row.reach_gaps,
                "suggestions": village_suggestions(row, labels),
            }
            for row in village_needs(period, area)
        ]
        return Response({"area": area.code, "year": period.start.year, "villages": villages})
