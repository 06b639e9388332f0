"""Events, series and check-ins in the API contract's shapes. Writes go through outreach.services."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.relations import MANY_RELATION_KWARGS

from advisors.models import Advisor
from common.phones import mask_phone
from legalsavvy.models import LegalSavvyPerson
from outreach import services
from outreach.access import can_manage, can_unmask_phones
from outreach.models import CheckIn, Event, EventSeries
from outreach.qr import checkin_url
from places.models import Area


class AreaCodeField(serializers.SlugRelatedField):
    """An area by its code; anything but digits is refused before it reaches the database
    (PostgreSQL rejects NUL bytes with an error instead of "no such row")."""

    default_error_messages = {"bad_code": _("Enter an area code (digits only).")}

    def __init__(self, **kwargs):
        super().__init__(slug_field="code", **kwargs)

    def to_internal_value(self, data):
        if not isinstance(data, str) or not data.isdigit() or len(data) > 12:
            self.fail("bad_code")
        return super().to_internal_value(data)


# Lists prefetch the audiences, advisors and legal-savvy persons of a page with ``to_attr`` (plain
# lists: no related manager built per row, which cost more than the queries at 500 rows); these fields
# read those lists when present and the related manager otherwise (one event, writes).
PREFETCHED = "{}_prefetched"


class AudienceListField(serializers.ListField):
    def get_attribute(self, event):
        rows = getattr(event, PREFETCHED.format("audiences"), None)
        return sorted(row.audience for row in rows) if rows is not None else super().get_attribute(event)


class PrefetchedManyRelatedField(serializers.ManyRelatedField):
    def get_attribute(self, instance):
        found = getattr(instance, PREFETCHED.format(self.source), None)
        return found if found is not None else super().get_attribute(instance)


class PrefetchedPrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField):
    @classmethod
    def many_init(cls, *args, **kwargs):
        list_kwargs = {"child_relation": cls(*args, **kwargs)}
        list_kwargs.update({key: value for key, value in kwargs.items() if key in MANY_RELATION_KWARGS})
        return PrefetchedManyRelatedField(**list_kwargs)


class EventSeriesSerializer(serializers.ModelSerializer):
    class Meta:
        model = EventSeries
        fields = ["id", "name", "kind", "description"]


class EventSerializer(serializers.ModelSerializer):
    audiences = AudienceListField(
        child=serializers.ChoiceField(choices=Event.Audience.choices),
        required=False,
        source="audience_list",
        help_text=_("Audience groups the event was aimed at."),
    )
    topics = serializers.ListField(child=serializers.CharField(max_length=100), required=False)
    area = AreaCodeField(queryset=Area.objects.all(), help_text=_("Code of the village, town or district."))
    series = serializers.PrimaryKeyRelatedField(queryset=EventSeries.objects.all(), allow_null=True, required=False)
    attendee_count = serializers.IntegerField(
        read_only=True, help_text=_("Distinct checked-in phones (not annulled) plus the walk-in headcount.")
    )
    advisors = PrefetchedPrimaryKeyRelatedField(many=True, queryset=Advisor.objects.all(), required=False)
    legal_savvy_persons = PrefetchedPrimaryKeyRelatedField(
        many=True, queryset=LegalSavvyPerson.objects.all(), required=False
    )
    organizer = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)
    checkin_secret = serializers.CharField(
        read_only=True, required=False, help_text=_("Only for the event's organizer and coordinators.")
    )
    checkin_url = serializers.SerializerMethodField(
        help_text=_("The attendee check-in page the QR code opens. Only for the organizer and coordinators.")
    )

    class Meta:
        model = Event
        fields = [
            "id",
            "title",
            "kind",
            "sector",
            "audiences",
            "topics",
            "area",
            "venue",
            "starts_at",
            "ends_at",
            "status",
            "series",
            "episode",
            "walk_in_count",
            "attendee_count",
            "advisors",
            "legal_savvy_persons",
            "other_speakers",
            "description",
            "organizer",
            "checkin_secret",
            "checkin_url",
        ]
        # The service validates series/episode uniqueness and time order with clear messages.
        validators = []

    @extend_schema_field(OpenApiTypes.URI)
    def get_checkin_url(self, event):
        return checkin_url(event, self.context.get("request"))

    def to_representation(self, event):
        data = super().to_representation(event)
        request = self.context.get("request")
        if request is None or not can_manage(request.user, event):
            data.pop("checkin_secret", None)
            data.pop("checkin_url", None)
        return data

    def create(self, validated_data):
        return services.create_event(self.context["request"].user, self._service_data(validated_data))

    def update(self, instance, validated_data):
        return services.update_event(self.context["request"].user, instance, self._service_data(validated_data))

    @staticmethod
    def _service_data(validated_data):
        data = dict(validated_data)
        if "audience_list" in data:
            data["audiences"] = data.pop("audience_list")
        return data


class CheckinRequestSerializer(serializers.Serializer):
    """Body of POST /api/checkin/{secret}/ and POST /api/events/{id}/checkins/ (documentation)."""

    name = serializers.CharField(max_length=50)
    phone = serializers.CharField(help_text=_("Mainland mobile number; +86, spaces and dashes are accepted."))
    gender = serializers.ChoiceField(choices=CheckIn.Gender.choices, required=False, default="unspecified")
    age_group = serializers.ChoiceField(choices=CheckIn.AgeGroup.choices)
    occupation = serializers.ChoiceField(choices=CheckIn.Occupation.choices)
    home_village = serializers.CharField(required=False, allow_blank=True, help_text=_("Village code."))
    consent = serializers.BooleanField(
        required=False, help_text=_("Must be true for self check-in; not required for organizers.")
    )


class CheckinResultSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=services.CheckinOutcome.choices)
    checked_in_at = serializers.DateTimeField()


class CheckinRefusalSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=[("error", "error")])
    reason = serializers.ChoiceField(choices=services.CheckinRefusal.choices + [("rate_limited", "rate_limited")])
    detail = serializers.CharField()


class CheckinSerializer(serializers.ModelSerializer):
    """A check-in as organizers see it: phone masked unless the reader is a coordinator."""

    phone = serializers.SerializerMethodField()
    home_village = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    checked_in_at = serializers.DateTimeField(source="created_at", read_only=True)

    class Meta:
        model = CheckIn
        fields = [
            "id",
            "name",
            "phone",
            "gender",
            "age_group",
            "occupation",
            "home_village",
            "method",
            "checked_in_at",
            "annulled",
            "annulled_at",
            "annul_reason",
            "phone_unverified",
            "personal_data_purged",
        ]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.STR)
    def get_phone(self, checkin):
        request = self.context.get("request")
        if request is not None and can_unmask_phones(request.user):
            return checkin.phone
        return mask_phone(checkin.phone)


class CheckinPageSerializer(serializers.Serializer):
    """The paginated list of check-ins (documentation)."""

    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = CheckinSerializer(many=True)
