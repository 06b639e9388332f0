from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.areas.serializers import AreaCodeField
from common.clock import MAX_YEAR, MIN_YEAR
from works.models import Award, Work


class WorkSerializer(serializers.ModelSerializer):
    area = AreaCodeField(help_text="The code of the area that produced the work.")
    year = serializers.IntegerField(min_value=MIN_YEAR, max_value=MAX_YEAR)
    producer_list = serializers.ListField(child=serializers.CharField(), read_only=True)
    file = serializers.FileField(required=False, allow_null=True, use_url=True)

    class Meta:
        model = Work
        fields = ["id", "title", "kind", "year", "area", "producers", "producer_list", "link", "file", "notes"]
        validators = []  # the service refuses a duplicate with its own code


class AwardSerializer(serializers.ModelSerializer):
    area = AreaCodeField(help_text="The code of the area that received the award.")
    year = serializers.IntegerField(min_value=MIN_YEAR, max_value=MAX_YEAR)
    work = serializers.PrimaryKeyRelatedField(queryset=Work.objects.all(), required=False, allow_null=True)
    work_title = serializers.SerializerMethodField()

    class Meta:
        model = Award
        fields = [
            "id",
            "title",
            "level",
            "awarding_body",
            "year",
            "recipient_kind",
            "recipient",
            "work",
            "work_title",
            "area",
            "notes",
        ]

    @extend_schema_field(OpenApiTypes.STR)
    def get_work_title(self, award):
        return award.work.title if award.work_id else None
