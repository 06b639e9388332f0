import django_filters
from django.utils.translation import gettext_lazy as _

from api.areas.filters import clean_code
from works.models import Award, Work


class UnderAreaFilter(django_filters.FilterSet):
    area = django_filters.CharFilter(method="filter_area", label=_("Area code (the area and everything under it)"))
    year = django_filters.NumberFilter(min_value=1900, max_value=2200)

    def filter_area(self, queryset, name, value):
        return queryset.filter(area__code__startswith=clean_code(value, "area"))


class WorkFilter(UnderAreaFilter):
    kind = django_filters.ChoiceFilter(choices=Work.Kind.choices)

    class Meta:
        model = Work
        fields = ["area", "year", "kind"]


class AwardFilter(UnderAreaFilter):
    kind = django_filters.ChoiceFilter(
        field_name="recipient_kind", choices=Award.RecipientKind.choices, label=_("Awarded to")
    )
    level = django_filters.ChoiceFilter(choices=Award.Level.choices)

    class Meta:
        model = Award
        fields = ["area", "year", "kind", "level"]
