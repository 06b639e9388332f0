import django_filters

from accounts.models import User
from api.filters import IdFilter


class UserFilter(django_filters.FilterSet):
    id = IdFilter()
    role = django_filters.ChoiceFilter(choices=User.Role.choices)
    is_active = django_filters.BooleanFilter()
    under = django_filters.CharFilter(method="filter_under", help_text="Users whose scope lies under this area code.")

    class Meta:
        model = User
        fields = ["id", "role", "is_active", "under"]

    def filter_under(self, queryset, name, value):
        return queryset.filter(scope__code__startswith=str(value)) if str(value).isdigit() else queryset.none()
