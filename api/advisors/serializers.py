"""Advisors, assignments and duty shifts as in the public contract (tests/api/). Writes call advisors.services;
its refusals become 400 {field: [message]}."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from accounts.models import User
from accounts.scopes import may_see_full_phones
from advisors import services
from advisors.models import Advisor, Assignment, DutyShift, DutyShiftChange
from common.phones import mask_phone
from places.models import Area


class VillageCodeField(serializers.SlugRelatedField):
    """A village (or community) by its statistical code."""

    default_error_messages = {
        "does_not_exist": _("No village with code {value}."),
        "invalid": _("Enter the code of a village."),
    }

    def __init__(self, **kwargs):
        super().__init__(slug_field="code", queryset=Area.objects.villages(), **kwargs)

    def to_internal_value(self, data):
        if not isinstance(data, (str, int)) or not str(data).isdigit() or len(str(data)) > 12:
            self.fail("invalid")
        return super().to_internal_value(str(data))


class UsernameField(serializers.SlugRelatedField):
    """A login by username; junk (non-strings, NUL bytes PostgreSQL refuses) is a 400, not a crash."""

    def __init__(self, **kwargs):
        super().__init__(slug_field="username", queryset=User.objects.all(), **kwargs)

    def to_internal_value(self, data):
        if not isinstance(data, str) or "\x00" in data or len(data) > 150:
            self.fail("invalid")
        return super().to_internal_value(data)


class AdvisorSerializer(serializers.ModelSerializer):
    user = UsernameField(allow_null=True, required=False)

    class Meta:
        model = Advisor
        fields = ["id", "name", "kind", "firm", "license_no", "phone", "user", "active", "specialties"]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        request = self.context.get("request")
        if not may_see_full_phones(getattr(request, "user", None), instance.user_id):
            data["phone"] = mask_phone(instance.phone)
        return data

    def create(self, validated_data):
        return services.save_advisor(by=self.context["request"].user, **validated_data)

    def update(self, instance, validated_data):
        return services.save_advisor(by=self.context["request"].user, advisor=instance, **validated_data)


class AssignmentSerializer(serializers.ModelSerializer):
    village = VillageCodeField()
    ends_on = serializers.DateField(allow_null=True, required=False)
    advisor_name = serializers.CharField(source="advisor.name", read_only=True)
    village_name = serializers.CharField(source="village.name", read_only=True)

    class Meta:
        model = Assignment
        fields = ["id", "advisor", "village", "starts_on", "ends_on", "advisor_name", "village_name"]

    def create(self, validated_data):
        return services.assign_advisor(by=self.context["request"].user, **validated_data)

    def update(self, instance, validated_data):
        return services.change_assignment(instance, by=self.context["request"].user, **validated_data)


def _counter_field(name):
    # No min/max here: the service refuses negatives and absurd numbers with its own messages.
    return serializers.IntegerField(required=False, default=0, label=DutyShift._meta.get_field(name).verbose_name)


class TopicCountsField(serializers.DictField):
    """``{"<topic code>": n}``: consultations and mediations by topic (their sum may not exceed
    ``consultation_batches + mediations``; the rest is unclassified). Sending it replaces the counts."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", _("Consultations and mediations by topic code (see /api/topics/)."))
        super().__init__(child=serializers.IntegerField(), **kwargs)

    def get_attribute(self, instance):
        return services.topic_counts_of(instance)


class DutyShiftSerializer(serializers.ModelSerializer):
    advisor = serializers.PrimaryKeyRelatedField(
        queryset=Advisor.objects.all(),
        required=False,
        help_text=_("Ignored for an advisor's own login: their shifts are always their own."),
    )
    village = VillageCodeField()
    end_time = serializers.TimeField(
        allow_null=True, required=False, help_text=_("Leave out to open a shift that is finished later.")
    )
    # A JSON number (like the coverage and figures APIs), not DRF's default decimal string.
    hours = serializers.DecimalField(max_digits=5, decimal_places=2, read_only=True, coerce_to_string=False)
    approved = serializers.SerializerMethodField()
    approved_by = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)
    advisor_name = serializers.CharField(source="advisor.name", read_only=True)
    village_name = serializers.CharField(source="village.name", read_only=True)
    topics = TopicCountsField(required=False)

    class Meta:
        model = DutyShift
        fields = [
            "id",
            "advisor",
            "village",
            "date",
            "start_time",
            "end_time",
            "hours",
            "mode",
            *DutyShift.COUNTERS,
            "notes",
            "topics",
            "verified_presence",
            "approved",
            "approved_at",
            "approved_by",
            "state",
            "review_comment",
            "advisor_name",
            "village_name",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "hours",
            "verified_presence",
            "approved_at",
            "state",
            "review_comment",
            "created_at",
            "updated_at",
        ]

    def get_fields(self):
        fields = super().get_fields()
        for name in DutyShift.COUNTERS:
            fields[name] = _counter_field(name)
        return fields

    def get_approved(self, shift) -> bool:
        return shift.approved_at is not None

    def create(self, validated_data):
        request = self.context["request"]
        return services.record_shift(by=request.user, **validated_data)

    def update(self, instance, validated_data):
        request = self.context["request"]
        return services.update_shift(instance, by=request.user, **validated_data)


class ApproveSerializer(serializers.Serializer):
    ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**53),
        max_length=5000,
        help_text=_("Ids of the shifts to approve."),
    )


class ApprovedSerializer(serializers.Serializer):
    approved = serializers.IntegerField(help_text=_("How many shifts were approved."))


class ReturnShiftSerializer(serializers.Serializer):
    comment = serializers.CharField(
        max_length=1000, allow_blank=True, help_text=_("What the advisor should correct (required).")
    )


class StartShiftSerializer(serializers.Serializer):
    secret = serializers.CharField(max_length=64, help_text=_("The secret from the village poster's QR URL."))


class FinishShiftSerializer(serializers.Serializer):
    end_time = serializers.TimeField(required=False, allow_null=True, help_text=_("Default: now."))
    topics = TopicCountsField(required=False)
    mode = serializers.ChoiceField(choices=DutyShift.Mode.choices, required=False)
    notes = serializers.CharField(required=False, allow_blank=True)

    def get_fields(self):
        fields = super().get_fields()
        for name in DutyShift.COUNTERS:
            fields[name] = serializers.IntegerField(required=False, label=DutyShift._meta.get_field(name).verbose_name)
        return fields


class DutyShiftChangeSerializer(serializers.ModelSerializer):
    changed_by = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)

    class Meta:
        model = DutyShiftChange
        fields = ["id", "changed_at", "changed_by", "changes", "reason"]
