"""Reads: the flags a user may see, and the open count the figures page shows (one query each)."""

from accounts.scopes import scope_q
from common.clock import year_bounds

from .models import Flag


def flags_for(user, *, area=None, year=None, state=None):
    """Flags in the user's scope, optionally under ``area`` (an Area), in ``year`` and by state
    ("open", "resolved"; anything else: all)."""
    flags = Flag.objects.filter(scope_q(user, "area_code")).select_related("resolved_by")
    if area is not None:
        flags = flags.filter(area_code__startswith=area.code)
    if year is not None:
        first, last, _start, _end = year_bounds(year)
        flags = flags.filter(record_date__range=(first, last))
    if state == "open":
        flags = flags.filter(resolved=False)
    elif state == "resolved":
        flags = flags.filter(resolved=True)
    return flags.order_by("resolved", "-record_date", "-id")


def open_flag_count(year, area):
    """How many flags of records under ``area`` dated in ``year`` are still open."""
    first, last, _start, _end = year_bounds(year)
    return Flag.objects.filter(
        area_code__startswith=area.code, record_date__range=(first, last), resolved=False
    ).count()


def record_url(flag):
    """The page of the flagged record."""
    from django.urls import reverse

    if flag.record_type == Flag.RecordType.DUTY_SHIFT:
        return reverse("advisors:shift_detail", args=[flag.record_id])
    if flag.record_type == Flag.RecordType.EVENT:
        return reverse("outreach:event_detail", args=[flag.record_id])
    return None
