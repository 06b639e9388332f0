"""Small helpers shared by the event services."""

from django.utils import timezone


def _is_user(user):
    return user is not None and getattr(user, "is_authenticated", False)


def _local_date(moment):
    return timezone.localtime(moment).date()
