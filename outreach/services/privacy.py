"""Purging attendees' personal data after an event, keeping every count."""


from datetime import timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


from outreach.models import CheckIn


def purge_personal_data(older_than_days, now=None):
    """Blank names and phones of check-ins at events that ended more than ``older_than_days``
    days ago. Rows stay (annulled flag, age group, gender, occupation, home village), so every
    count and breakdown is unchanged. Returns the number of check-ins purged."""
    if older_than_days is None or not 0 <= int(older_than_days) <= 36500:
        raise ValidationError(_("Give a number of days between 0 and 36500."))
    now = now or timezone.now()
    cutoff = now - timedelta(days=int(older_than_days))
    return CheckIn.objects.filter(event__ends_at__lt=cutoff, personal_data_purged=False).update(
        name="", phone="", personal_data_purged=True
    )
