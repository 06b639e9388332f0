"""The two "work waiting for someone" lookups the reminders use, kept here so they are easy to
switch to the review states (submitted/returned) and self-closing events once those exist."""

from django.db.models import Q

from advisors.models import DutyShift
from outreach.models import Event


def shifts_waiting():
    """Shifts waiting for an officer: finished and not approved yet."""
    return DutyShift.objects.filter(approved_at__isnull=True, end_time__isnull=False)


def events_not_marked(now):
    """Events whose end has passed and which nobody marked held or cancelled."""
    return Event.objects.filter(Q(status=Event.Status.PLANNED), ends_at__lt=now)
