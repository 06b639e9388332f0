"""Bodies and answers of /api/sync/ (API.md "Offline sync"). Each record is checked on its own, so
one malformed record is answered ``refused`` without refusing the batch."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from advisors.models import Advisor, DutyShift
from api.advisors.serializers import VillageCodeField
from api.events.serializers import CheckinRequestSerializer

MAX_RECORDS = 200


class ShiftRecordSerializer(serializers.Serializer):
    """One duty shift made offline. With ``scanned_secret`` the village, date and start come from the
    poster scan (its secret must have been valid at ``scanned_at``); without, give them."""

    client_id = serializers.UUIDField(help_text=_("The phone's id for this record (a UUID)."))
    advisor = serializers.PrimaryKeyRelatedField(
        queryset=Advisor.objects.all(), required=False, help_text=_("Only for coordinators and town officers.")
    )
    village = VillageCodeField(required=False, allow_null=True)
    date = serializers.DateField(required=False, allow_null=True)
    start_time = serializers.TimeField(required=False, allow_null=True)
    end_time = serializers.TimeField(required=False, allow_null=True)
    mode = serializers.ChoiceField(choices=DutyShift.Mode.choices, required=False, allow_blank=True)
    notes = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    scanned_secret = serializers.CharField(required=False, allow_blank=True, max_length=64)
    scanned_at = serializers.DateTimeField(required=False, allow_null=True)
    topics = serializers.DictField(
        child=serializers.IntegerField(min_value=0),
        required=False,
        help_text=_("Consultations and mediations by topic code; their sum may not exceed the two totals."),
    )

    def get_fields(self):
        fields = super().get_fields()
        for name in DutyShift.COUNTERS:
            fields[name] = serializers.IntegerField(required=False, allow_null=True)
        return fields

    def validate(self, attrs):
        if attrs.get("scanned_secret"):
            if not attrs.get("scanned_at"):
                raise serializers.ValidationError({"scanned_at": _("A scanned poster needs its scan time.")})
        else:
            for name in ("village", "date", "start_time"):
                if not attrs.get(name):
                    raise serializers.ValidationError({name: _("This field is required.")})
        return attrs


class CheckinRecordSerializer(CheckinRequestSerializer):
    """One door-mode entry: the attendee's details (consent required) and the device's nonce."""

    client_id = serializers.UUIDField(help_text=_("The device's nonce for this entry (a UUID)."))


class ClientIdSerializer(serializers.Serializer):
    """What is checked of a door-mode entry before ``perform_checkin`` checks the attendee's details."""

    client_id = serializers.UUIDField()


class ShiftBatchSerializer(serializers.Serializer):
    records = serializers.ListField(child=ShiftRecordSerializer(), max_length=MAX_RECORDS)


class CheckinBatchSerializer(serializers.Serializer):
    event = serializers.IntegerField()
    records = serializers.ListField(child=CheckinRecordSerializer(), max_length=MAX_RECORDS)


class SyncResultSerializer(serializers.Serializer):
    client_id = serializers.CharField()
    status = serializers.ChoiceField(
        choices=[("created", "created"), ("duplicate", "duplicate"), ("refused", "refused")]
    )
    id = serializers.IntegerField(allow_null=True, help_text=_("The record on the server (created or duplicate)."))
    code = serializers.CharField(help_text=_("Why it was refused (a stable code); empty otherwise."))
    message = serializers.CharField(help_text=_("The refusal in the user's language; empty otherwise."))


class SyncAnswerSerializer(serializers.Serializer):
    results = SyncResultSerializer(many=True)
