"""Query and response shapes of /api/figures/ (the response is built by reports.figures)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from common.clock import MAX_YEAR, MIN_YEAR


class FiguresQuerySerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=MIN_YEAR, max_value=MAX_YEAR)
    area = serializers.RegexField(
        r"^\d{1,12}$", max_length=12, error_messages={"invalid": _("An area code consists of up to 12 digits.")}
    )


class CloseYearSerializer(FiguresQuerySerializer):
    reason = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")


class DifferenceSerializer(serializers.Serializer):
    closed = serializers.FloatField()
    live = serializers.FloatField()


class ClosedSerializer(serializers.Serializer):
    """The current closed-year snapshot, if the year is closed for this area."""

    closed_at = serializers.DateTimeField()
    closed_by = serializers.CharField(allow_null=True)
    reason = serializers.CharField(allow_blank=True)
    figures = serializers.DictField(help_text="The figures as they stood when the year was closed.")
    differences = serializers.DictField(
        child=DifferenceSerializer(),
        help_text="Per figure (maps as 'key:name'): the closed and the live value, where they differ.",
    )


class HonorVillageSerializer(serializers.Serializer):
    village = serializers.CharField()
    name = serializers.CharField()
    town = serializers.CharField()
    title = serializers.CharField()
    level = serializers.CharField()
    status = serializers.CharField()


class YearWorksSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    titles = serializers.ListField(child=serializers.CharField())


class YearAwardSerializer(serializers.Serializer):
    title = serializers.CharField()
    level = serializers.CharField()
    awarding_body = serializers.CharField()
    recipient_kind = serializers.CharField()
    recipient = serializers.CharField()


class FiguresSerializer(serializers.Serializer):
    """Documentation of the response of GET /api/figures/ (see the contract for each definition)."""

    year = serializers.IntegerField()
    area = serializers.CharField()
    area_name = serializers.CharField()
    villages = serializers.IntegerField()
    advisors = serializers.IntegerField()
    duty_shifts = serializers.IntegerField()
    home_visits = serializers.IntegerField()
    duty_hours = serializers.FloatField()
    consultation_batches = serializers.IntegerField()
    consultation_people = serializers.IntegerField()
    contracts_reviewed = serializers.IntegerField()
    legal_opinions = serializers.IntegerField()
    documents_drafted = serializers.IntegerField()
    mediations = serializers.IntegerField()
    negotiations = serializers.IntegerField()
    legal_aid_cases = serializers.IntegerField()
    elections_assisted = serializers.IntegerField()
    phone_consultations = serializers.IntegerField()
    advisor_outreach_sessions = serializers.IntegerField()
    events = serializers.IntegerField()
    event_attendees = serializers.IntegerField()
    series_episodes = serializers.DictField(child=serializers.IntegerField())
    legal_savvy_total = serializers.IntegerField()
    legal_savvy_new = serializers.IntegerField()
    villages_meeting_legal_savvy_quota = serializers.IntegerField()
    legal_savvy_activities = serializers.DictField(child=serializers.IntegerField())
    honors = serializers.DictField(child=serializers.IntegerField())
    narrative = serializers.CharField(help_text="The annual report's paragraph, in Chinese.")
    legal_savvy_quota = serializers.IntegerField(help_text="The quota per village used (setting).")
    honor_villages = HonorVillageSerializer(many=True)
    works = YearWorksSerializer(help_text="The year's original outreach works under the area (named in the paragraph).")
    awards = YearAwardSerializer(many=True, help_text="The year's awards under the area, highest level first.")
    closed = ClosedSerializer(allow_null=True)


class SnapshotSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    year = serializers.IntegerField()
    area = serializers.CharField(source="area.code")
    closed_at = serializers.DateTimeField()
    closed_by = serializers.CharField(source="closed_by.username", allow_null=True)
    reason = serializers.CharField()
    superseded = serializers.BooleanField()
