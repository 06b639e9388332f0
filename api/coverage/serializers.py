"""Coverage rows as the API shows them (field names are the contract's; the rest are additions)."""

from rest_framework import serializers

from coverage.rules import Gap, MissingData
from outreach.models import Event


class GapReasonSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="One of the gap codes listed under gaps.")
    label = serializers.CharField()
    why = serializers.CharField(help_text="A translated sentence with the numbers behind the gap.")


class CoverageRowSerializer(serializers.Serializer):
    # The contract's fields.
    village = serializers.CharField(help_text="Village code.")
    name = serializers.CharField()
    town = serializers.CharField(help_text="Town code.")
    events = serializers.IntegerField(help_text="Held events in the village in the period.")
    attendees = serializers.IntegerField(help_text="Live check-ins plus walk-ins at those events.")
    residents_reached = serializers.IntegerField(
        help_text="Live check-ins at held events anywhere in the period whose home village is this one."
    )
    duty_hours = serializers.FloatField()
    duty_hours_required = serializers.FloatField(help_text="DUTY_HOURS_PER_VILLAGE_MONTH × months in the period.")
    home_visits = serializers.IntegerField()
    legal_savvy = serializers.IntegerField(help_text="Legal-savvy persons active on the period's last day.")
    legal_savvy_quota = serializers.IntegerField()
    last_event_on = serializers.DateField(allow_null=True, help_text="Last held event up to the period end.")
    audiences_reached = serializers.ListField(child=serializers.ChoiceField(choices=Event.Audience.choices))
    gaps = serializers.ListField(child=serializers.ChoiceField(choices=Gap.choices))
    score = serializers.IntegerField(min_value=0, max_value=100)
    # Additions.
    town_name = serializers.CharField()
    kind = serializers.CharField(allow_null=True)
    gap_reasons = GapReasonSerializer(many=True)
    missing_data = serializers.ListField(
        child=serializers.ChoiceField(choices=MissingData.choices),
        help_text="Data the ledger lacks (shown as 'no data', never as zero).",
    )
    days_since_last_event = serializers.IntegerField(allow_null=True)
    advisor = serializers.CharField(allow_null=True, help_text="Advisor assigned in the period (latest), or null.")
    duty_shifts = serializers.IntegerField()
    duty_compliance = serializers.FloatField(allow_null=True, help_text="Duty hours as % of required.")
    duty_months_met = serializers.IntegerField(
        help_text="Months of the period (whole and finished) whose duty hours reached DUTY_HOURS_PER_VILLAGE_MONTH."
    )
    duty_months = serializers.IntegerField(help_text="Months of the period that are whole and finished (judged).")
    residents_per_1000 = serializers.FloatField(allow_null=True, help_text="Null without a population figure.")
    population = serializers.IntegerField(allow_null=True)
    lat = serializers.FloatField(allow_null=True)
    lon = serializers.FloatField(allow_null=True)
    coords_approximate = serializers.BooleanField()
    distance_km = serializers.FloatField(allow_null=True, help_text="From the district seat; null without coordinates.")


class PointOrAreaGeometrySerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=["Point", "Polygon", "MultiPolygon"])
    coordinates = serializers.ListField(child=serializers.JSONField(), help_text="[lon, lat] for a Point.")


class CoverageFeatureSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=["Feature"])
    id = serializers.CharField(help_text="Village code.")
    geometry = PointOrAreaGeometrySerializer(allow_null=True, help_text="The boundary, else a Point, else null.")
    properties = CoverageRowSerializer()


class CoverageFeatureCollectionSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=["FeatureCollection"])
    area = serializers.CharField()
    period = serializers.DictField()
    as_of = serializers.DateTimeField(
        allow_null=True, help_text="When the roll-ups the sums were read from were rebuilt; null: computed live."
    )
    features = CoverageFeatureSerializer(many=True)


class AreaCoverageSerializer(serializers.Serializer):
    """One child area's coverage from the monthly roll-ups (GET /api/coverage/areas/)."""

    code = serializers.CharField(help_text="Area code (the child of the requested area).")
    name = serializers.CharField()
    level = serializers.CharField()
    villages = serializers.IntegerField(help_text="Active villages under the area.")
    events = serializers.IntegerField(help_text="Held events at any level under the area.")
    attendees = serializers.IntegerField()
    residents_reached = serializers.IntegerField(help_text="Sum over the active villages' rows.")
    duty_shifts = serializers.IntegerField()
    duty_hours = serializers.FloatField()
    duty_hours_required = serializers.FloatField()
    home_visits = serializers.IntegerField()
    villages_without_event = serializers.IntegerField()
    villages_meeting_duty = serializers.IntegerField()
    villages_meeting_quota = serializers.IntegerField()
    duty_compliance = serializers.FloatField(allow_null=True)
