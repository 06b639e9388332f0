import re
from datetime import datetime, time, timedelta

import django_filters
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ValidationError

from api.areas.filters import clean_code
from outreach.models import Event

DATE_ONLY = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_moment(value, field):
    """A date (YYYY-MM-DD: a whole local day) or an ISO datetime → (aware datetime, is_date)."""
    value = (value or "").strip()
    is_date = False
    try:
        # A bare date first: parse_datetime would read it as midnight.
        day = parse_date(value) if DATE_ONLY.fullmatch(value) else None
        if day is not None:
            moment, is_date = datetime.combine(day, time.min), True
        else:
            moment = parse_datetime(value)
            if moment is None:
                raise ValueError
        if not 1900 <= moment.year <= 2999:
            # Far-off years would overflow when shifted by a day or to UTC.
            raise ValueError
    except ValueError:
        raise ValidationError({field: [_("Enter a date (YYYY-MM-DD) or an ISO 8601 datetime.")]}) from None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment, is_date


class EventFilter(django_filters.FilterSet):
    area = django_filters.CharFilter(method="filter_area", label=_("Area code where the event is held"))
    under = django_filters.CharFilter(method="filter_under", label=_("Events held at or below this area code"))
    kind = django_filters.ChoiceFilter(choices=Event.Kind.choices)
    sector = django_filters.ChoiceFilter(choices=Event.Sector.choices)
    status = django_filters.ChoiceFilter(choices=Event.Status.choices)
    series = django_filters.CharFilter(method="filter_series", label=_("Series id"))
    audience = django_filters.ChoiceFilter(
        choices=Event.Audience.choices, field_name="audience_rows__audience", label=_("Audience group")
    )
    starts_after = django_filters.CharFilter(
        method="filter_starts_after", label=_("Starts on or after this date or datetime (Asia/Shanghai)")
    )
    starts_before = django_filters.CharFilter(
        method="filter_starts_before",
        label=_("Starts on or before this date (the whole day) or at or before this datetime (Asia/Shanghai)"),
    )

    class Meta:
        model = Event
        fields = ["area", "under", "kind", "sector", "status", "series", "audience", "starts_after", "starts_before"]

    def filter_area(self, queryset, name, value):
        return queryset.filter(area__code=clean_code(value, "area"))

    def filter_under(self, queryset, name, value):
        return queryset.under(clean_code(value, "under"))

    def filter_series(self, queryset, name, value):
        value = value.strip()
        if not value.isdigit() or len(value) > 18:
            raise ValidationError({"series": [_("Enter a series id (a whole number).")]})
        return queryset.filter(series_id=int(value))

    def filter_starts_after(self, queryset, name, value):
        moment, _is_date = parse_moment(value, "starts_after")
        return queryset.filter(starts_at__gte=moment)

    def filter_starts_before(self, queryset, name, value):
        moment, is_date = parse_moment(value, "starts_before")
        if is_date:
            # A date includes its whole day: before the next local midnight.
            return queryset.filter(starts_at__lt=moment + timedelta(days=1))
        return queryset.filter(starts_at__lte=moment)
