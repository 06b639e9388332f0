import django_filters
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ValidationError

from places.models import Area


def clean_code(value, field):
    value = (value or "").strip()
    if not value.isdigit() or len(value) > 12:
        raise ValidationError({field: [_("Enter an area code (digits only).")]})
    return value


class AreaFilter(django_filters.FilterSet):
    parent = django_filters.CharFilter(method="filter_parent", label=_("Parent area code"))
    under = django_filters.CharFilter(method="filter_under", label=_("All areas below this code"))
    level = django_filters.ChoiceFilter(choices=Area.Level.choices)
    kind = django_filters.ChoiceFilter(choices=Area.Kind.choices)
    active = django_filters.BooleanFilter()

    class Meta:
        model = Area
        fields = ["level", "parent", "under", "kind", "active"]

    def filter_parent(self, queryset, name, value):
        return queryset.filter(parent__code=clean_code(value, "parent"))

    def filter_under(self, queryset, name, value):
        return queryset.under(clean_code(value, "under"))
