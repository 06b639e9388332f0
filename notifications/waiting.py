"""The two "work waiting for someone" lookups the reminders use."""

from advisors.models import DutyShift
from outreach.queries import events_needing_confirmation


def shifts_waiting():
    """Shifts waiting for an officer: submitted (a returned shift waits for its advisor, not for them)
    and finished."""
    return DutyShift.objects.filter(state=DutyShift.State.SUBMITTED, end_time__isnull=False)


def events_not_marked(now):
    """Events whose end has passed and which nobody marked held or cancelled (the same list the
    organizer's home shows as "did this take place?")."""
    return events_needing_confirmation("", now)
