"""Business time: the ledger's dates and times are local to Asia/Shanghai, whatever the server says."""

import datetime
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from django.utils import timezone

BUSINESS_TZ = ZoneInfo("Asia/Shanghai")


def local_now():
    return timezone.now().astimezone(BUSINESS_TZ)


def local_today():
    return local_now().date()


def minute(value):
    """A time without seconds: what the advisor sees and what HH:MM round-trips through the API."""
    return value.replace(second=0, microsecond=0)


def hours_between(start, end):
    """Decimal hours from start to end on the same day, to 0.01 h; 0 while a shift is still open."""
    if start is None or end is None or end <= start:
        return Decimal("0.00")
    seconds = (
        datetime.datetime.combine(datetime.date.min, end) - datetime.datetime.combine(datetime.date.min, start)
    ).total_seconds()
    return (Decimal(int(seconds)) / Decimal(3600)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def month_bounds(year, month):
    """(first day, last day) of a month."""
    first = datetime.date(year, month, 1)
    following = datetime.date(year + (month == 12), month % 12 + 1, 1)
    return first, following - datetime.timedelta(days=1)


def parse_month(text, default=None):
    """'2023-05' → (2023, 5); anything else → default."""
    try:
        year, month = (int(part) for part in str(text).split("-", 1))
        if 1900 <= year <= 2999 and 1 <= month <= 12:
            return year, month
    except (TypeError, ValueError):
        pass
    return default
