import django_filters
from django.utils.translation import gettext_lazy as _

from api.areas.filters import clean_code
from api.filters import IdFilter
from legalsavvy.models import LegalSavvyActivity, LegalSavvyPerson, Training, VillageHonor


class AreaFilters(django_filters.FilterSet):
    """``village`` (a village code) and ``under`` (villages whose code starts with it)."""

    village_field = "village__code"
    village = django_filters.CharFilter(method="filter_village", label=_("Village code"))
    under = django_filters.CharFilter(method="filter_under", label=_("Villages under this area code"))

    def filter_village(self, queryset, name, value):
        return queryset.filter(**{self.village_field: clean_code(value, "village")})

    def filter_under(self, queryset, name, value):
        return queryset.filter(**{f"{self.village_field}__startswith": clean_code(value, "under")})


class PersonFilter(AreaFilters):
    status = django_filters.ChoiceFilter(choices=LegalSavvyPerson.Status.choices)
    source = django_filters.ChoiceFilter(choices=LegalSavvyPerson.Source.choices)
    appointed_after = django_filters.DateFilter(
        field_name="appointed_on", lookup_expr="gte", label=_("Appointed on or after (YYYY-MM-DD)")
    )
    appointed_before = django_filters.DateFilter(
        field_name="appointed_on", lookup_expr="lte", label=_("Appointed on or before (YYYY-MM-DD)")
    )
    advisor = IdFilter(field_name="advisor_id", label=_("Paired advisor id"))
    name = django_filters.CharFilter(lookup_expr="icontains", max_length=50, label=_("Name contains"))

    class Meta:
        model = LegalSavvyPerson
        fields = ["village", "under", "status", "source", "appointed_after", "appointed_before", "advisor", "name"]


class TrainingFilter(AreaFilters):
    village_field = "person__village__code"
    person = IdFilter(field_name="person_id", label=_("Person id"))
    passed = django_filters.BooleanFilter()
    date_after = django_filters.DateFilter(field_name="date", lookup_expr="gte", label=_("On or after (YYYY-MM-DD)"))
    date_before = django_filters.DateFilter(field_name="date", lookup_expr="lte", label=_("On or before (YYYY-MM-DD)"))
    session = django_filters.CharFilter(max_length=32)

    class Meta:
        model = Training
        fields = ["person", "village", "under", "passed", "date_after", "date_before", "session"]


class ActivityFilter(AreaFilters):
    village_field = "person__village__code"
    person = IdFilter(field_name="person_id", label=_("Person id"))
    kind = django_filters.ChoiceFilter(choices=LegalSavvyActivity.Kind.choices)
    date_after = django_filters.DateFilter(field_name="date", lookup_expr="gte", label=_("On or after (YYYY-MM-DD)"))
    date_before = django_filters.DateFilter(field_name="date", lookup_expr="lte", label=_("On or before (YYYY-MM-DD)"))

    class Meta:
        model = LegalSavvyActivity
        fields = ["person", "village", "under", "kind", "date_after", "date_before"]


class HonorFilter(AreaFilters):
    title = django_filters.ChoiceFilter(choices=VillageHonor.Title.choices)
    level = django_filters.ChoiceFilter(choices=VillageHonor.Level.choices)
    status = django_filters.ChoiceFilter(choices=VillageHonor.Status.choices)
    year = django_filters.NumberFilter(min_value=1900, max_value=2200)

    class Meta:
        model = VillageHonor
        fields = ["village", "under", "title", "level", "status", "year"]
