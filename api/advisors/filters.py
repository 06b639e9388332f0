import django_filters
from django.utils.translation import gettext_lazy as _

from advisors.models import Advisor, Assignment, DutyShift
from api.areas.filters import clean_code
from api.filters import IdFilter


class DutyShiftFilter(django_filters.FilterSet):
    advisor = IdFilter(field_name="advisor_id", label=_("Advisor id"))
    village = django_filters.CharFilter(method="filter_village", label=_("Village code"))
    under = django_filters.CharFilter(method="filter_under", label=_("Shifts in villages under this area code"))
    mode = django_filters.ChoiceFilter(choices=DutyShift.Mode.choices)
    date_after = django_filters.DateFilter(field_name="date", lookup_expr="gte", label=_("On or after (YYYY-MM-DD)"))
    date_before = django_filters.DateFilter(field_name="date", lookup_expr="lte", label=_("On or before (YYYY-MM-DD)"))
    approved = django_filters.BooleanFilter(
        field_name="approved_at", lookup_expr="isnull", exclude=True, label=_("Approved")
    )
    verified_presence = django_filters.BooleanFilter(label=_("Presence verified by QR"))
    state = django_filters.ChoiceFilter(choices=DutyShift.State.choices, label=_("Review state"))

    class Meta:
        model = DutyShift
        fields = [
            "advisor",
            "village",
            "under",
            "mode",
            "date_after",
            "date_before",
            "approved",
            "verified_presence",
            "state",
        ]

    def filter_village(self, queryset, name, value):
        return queryset.filter(village__code=clean_code(value, "village"))

    def filter_under(self, queryset, name, value):
        return queryset.filter(village__code__startswith=clean_code(value, "under"))


class AssignmentFilter(django_filters.FilterSet):
    advisor = IdFilter(field_name="advisor_id", label=_("Advisor id"))
    village = django_filters.CharFilter(method="filter_village", label=_("Village code"))
    under = django_filters.CharFilter(method="filter_under", label=_("Assignments in villages under this area code"))
    active_on = django_filters.DateFilter(method="filter_active_on", label=_("In force on this date (YYYY-MM-DD)"))

    class Meta:
        model = Assignment
        fields = ["advisor", "village", "under", "active_on"]

    def filter_village(self, queryset, name, value):
        return queryset.filter(village__code=clean_code(value, "village"))

    def filter_under(self, queryset, name, value):
        return queryset.filter(village__code__startswith=clean_code(value, "under"))

    def filter_active_on(self, queryset, name, value):
        return queryset.in_force(value)


class AdvisorFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=Advisor.Kind.choices)
    active = django_filters.BooleanFilter()
    name = django_filters.CharFilter(lookup_expr="icontains", max_length=50)

    class Meta:
        model = Advisor
        fields = ["kind", "active", "name"]
