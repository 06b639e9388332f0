from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from common.clock import MAX_YEAR, MIN_YEAR
from quality.models import Flag


class FlagRecordSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=Flag.RecordType.choices)
    id = serializers.IntegerField()


class FlagSerializer(serializers.ModelSerializer):
    record = serializers.SerializerMethodField()

    class Meta:
        model = Flag
        fields = ["id", "kind", "record", "why", "resolved", "note", "closed_reason"]
        extra_kwargs = {  # noqa: RUF012
            "closed_reason": {"help_text": "Empty, or why the flag closed by itself: no_longer_holds, record_deleted."}
        }
        read_only_fields = fields

    @extend_schema_field(FlagRecordSerializer)
    def get_record(self, flag):
        return {"type": flag.record_type, "id": flag.record_id}


class FlagQuerySerializer(serializers.Serializer):
    area = serializers.RegexField(r"^\d{2,12}$", required=False)
    year = serializers.IntegerField(min_value=MIN_YEAR, max_value=MAX_YEAR, required=False)
    kind = serializers.ChoiceField(choices=Flag.Kind.choices, required=False)
    resolved = serializers.BooleanField(required=False, allow_null=True, default=None)


class ResolveSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=2000, allow_blank=True)
