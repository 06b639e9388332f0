"""Purging attendees' personal data after an event, keeping every count."""

from datetime import timedelta

from django.utils import timezone

from common.errors import Refusal
from outreach.errors import CheckinError
from outreach.models import CheckIn


def purge_personal_data(older_than_days, now=None):
    """Blank names and phones of check-ins at events that ended more than ``older_than_days``
    days ago. Rows stay (annulled flag, age group, gender, occupation, home village), so every
    count and breakdown is unchanged. Returns the number of check-ins purged."""
    if older_than_days is None or not 0 <= int(older_than_days) <= 36500:
        raise Refusal(CheckinError.BAD_PURGE_DAYS)
    now = now or timezone.now()
    cutoff = now - timedelta(days=int(older_than_days))
    return CheckIn.objects.filter(event__ends_at__lt=cutoff, personal_data_purged=False).update(
        name="", phone="", personal_data_purged=True, client_hash=None
    )
