"""Serializers of /api/legal-savvy-persons/, /api/trainings/, /api/legal-savvy-activities/ and
/api/honors/ (fields exactly as in the API contract, plus a few read-only extras).
They check the shape of the input; the views hand the values to the services."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.scopes import may_see_full_phones
from advisors.models import Advisor
from common.clock import MAX_YEAR, MIN_YEAR
from common.phones import mask_phone
from legalsavvy.models import LegalSavvyActivity, LegalSavvyPerson, Training, VillageHonor
from legalsavvy.queries import persons_in_scope
from places.models import Area


def _user(serializer):
    request = serializer.context.get("request")
    return getattr(request, "user", None)


@extend_schema_field(OpenApiTypes.STR)
class VillageCodeField(serializers.SlugRelatedField):
    """A village referred to by its statistical code."""

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", Area.objects.villages())
        super().__init__(slug_field="code", **kwargs)

    def to_internal_value(self, data):
        if not isinstance(data, (str, int)) or not str(data).isdigit() or len(str(data)) > 12:
            self.fail("does_not_exist", slug_name=self.slug_field, value=str(data)[:20])
        return super().to_internal_value(str(data))


@extend_schema_field(OpenApiTypes.INT)
class ScopedPersonField(serializers.PrimaryKeyRelatedField):
    """A legal-savvy person id; only persons in the user's area are accepted."""

    def get_queryset(self):
        user = _user(self.parent) if self.parent is not None else None
        if user is None:
            return LegalSavvyPerson.objects.none()
        return persons_in_scope(user).select_related("village")

    def to_internal_value(self, data):
        if isinstance(data, bool) or not str(data).isdigit() or len(str(data)) > 18:
            self.fail("incorrect_type", data_type=type(data).__name__)
        return super().to_internal_value(data)


@extend_schema_field(OpenApiTypes.INT)
class AdvisorIdField(serializers.PrimaryKeyRelatedField):
    def to_internal_value(self, data):
        if isinstance(data, bool) or not str(data).isdigit() or len(str(data)) > 18:
            self.fail("incorrect_type", data_type=type(data).__name__)
        return super().to_internal_value(data)


class PersonSerializer(serializers.ModelSerializer):
    village = VillageCodeField()
    advisor = AdvisorIdField(queryset=Advisor.objects.all(), allow_null=True, required=False)
    phone = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=20,
        help_text=_("Masked (138****8000) for everyone but coordinators."),
    )
    status = serializers.ChoiceField(
        choices=LegalSavvyPerson.Status.choices,
        required=False,
        help_text=_(
            "To remove a person set status 'removed' with removed_on and "
            "removal_reason (or POST …/remove/); to appoint again set "
            "'active' with a new appointed_on (or POST …/reappoint/)."
        ),
    )
    removed_on = serializers.DateField(required=False, allow_null=True)
    removal_reason = serializers.CharField(required=False, allow_blank=True, max_length=200)
    village_name = serializers.CharField(source="village.name", read_only=True)

    class Meta:
        model = LegalSavvyPerson
        fields = [
            "id",
            "name",
            "gender",
            "birth_year",
            "phone",
            "village",
            "source",
            "appointed_on",
            "status",
            "removed_on",
            "removal_reason",
            "advisor",
            "villager_group",
            "nomination_route",
            "certificate_no",
            "village_name",
        ]
        extra_kwargs = {"birth_year": {"min_value": 1900, "max_value": 2100}}
        # Duplicates are checked by the services (with a clear message and code); DRF's generated
        # unique-together validators would also make phone and certificate_no required.
        validators = []

    def to_representation(self, instance):
        data = super().to_representation(instance)
        user = _user(self)
        if data.get("phone") and not may_see_full_phones(user):
            data["phone"] = mask_phone(data["phone"])
        return data

    def validate(self, attrs):
        status = attrs.get("status")
        if status == LegalSavvyPerson.Status.REMOVED and self.instance is None and not attrs.get("removed_on"):
            raise serializers.ValidationError({"removed_on": [_("Give the removal date.")]})
        return attrs


class RemoveSerializer(serializers.Serializer):
    removed_on = serializers.DateField()
    removal_reason = serializers.CharField(max_length=200)


class ReappointSerializer(serializers.Serializer):
    appointed_on = serializers.DateField()


class PairSerializer(serializers.Serializer):
    advisor = AdvisorIdField(
        queryset=Advisor.objects.all(),
        allow_null=True,
        required=False,
        help_text=_("Leave out (or null) to pair with the village's current advisor."),
    )


class TrainingSerializer(serializers.ModelSerializer):
    person = ScopedPersonField()
    hours = serializers.DecimalField(max_digits=5, decimal_places=1, min_value=0, max_value=100, coerce_to_string=False)
    session = serializers.CharField(read_only=True)

    class Meta:
        model = Training
        fields = ["id", "person", "date", "hours", "topic", "passed", "session"]


class TrainingSessionSerializer(serializers.Serializer):
    """One session, many attendees."""

    persons = serializers.ListField(child=ScopedPersonField(), allow_empty=False, max_length=2000)
    date = serializers.DateField()
    hours = serializers.DecimalField(max_digits=5, decimal_places=1, min_value=0, max_value=100)
    topic = serializers.CharField(max_length=200)
    passed = serializers.DictField(
        child=serializers.BooleanField(allow_null=True),
        required=False,
        help_text=_('Examination result by person id, e.g. {"12": true}.'),
    )

    def validate_passed(self, value):
        cleaned = {}
        for key, result in value.items():
            if not str(key).isdigit() or len(str(key)) > 18:
                raise serializers.ValidationError(_("Keys are person ids."))
            cleaned[int(key)] = result
        return cleaned


class ActivitySerializer(serializers.ModelSerializer):
    person = ScopedPersonField()
    count = serializers.IntegerField(min_value=1, max_value=100000, required=False, default=1)
    hours = serializers.DecimalField(
        max_digits=5, decimal_places=1, min_value=0, max_value=100, required=False, default=0, coerce_to_string=False
    )

    class Meta:
        model = LegalSavvyActivity
        fields = ["id", "person", "date", "kind", "count", "hours", "notes"]


class HonorSerializer(serializers.ModelSerializer):
    village = VillageCodeField()
    year = serializers.IntegerField(min_value=MIN_YEAR, max_value=MAX_YEAR)
    village_name = serializers.SerializerMethodField()

    class Meta:
        model = VillageHonor
        fields = ["id", "village", "title", "level", "status", "year", "holder", "notes", "village_name"]

    @extend_schema_field(OpenApiTypes.STR)
    def get_village_name(self, honor):
        return honor.village.name
