"""Filters shared by the API features."""

import django_filters

# Ids beyond the database's integer range are refused as bad input (400) instead of reaching the database.
MAX_ID = 2**63 - 1


class IdFilter(django_filters.NumberFilter):
    """An id filter with the database's integer range as its bounds."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)
