"""Business time: the one home of the ledger's clock and calendar.

Dates and times are local to the business time zone (settings.TIME_ZONE, Asia/Shanghai), whatever
the server's own zone: an event at 2023-12-31 23:30 local belongs to 2023 although it is 15:30 UTC.
Date ranges are inclusive local dates; datetime ranges are ``start <= t < end`` between aware
datetimes at local midnight. Year limits of every form and query parameter live here too.
"""

import calendar
import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

# The years any form, filter or API parameter accepts (a reporting year, an honor, a period's dates).
MIN_YEAR, MAX_YEAR = 1980, 2100


def business_tz():
    """The business time zone (settings.TIME_ZONE)."""
    return timezone.get_default_timezone()


def local_now():
    """The current moment as an aware datetime in the business time zone."""
    return timezone.localtime(timezone.now(), business_tz())


def local_today():
    return local_now().date()


def local_date(moment):
    """The local calendar date of an aware datetime (None stays None)."""
    if moment is None:
        return None
    return timezone.localtime(moment, business_tz()).date()


def local_midnight(day):
    """The aware datetime at 00:00 local time on ``day``."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min), business_tz())


def month_bounds(year, month):
    """(first day, last day) of a month."""
    return datetime.date(year, month, 1), datetime.date(year, month, calendar.monthrange(year, month)[1])


def year_bounds(year):
    """(1 Jan, 31 Dec, aware local midnight of 1 Jan, aware local midnight of the next 1 Jan)."""
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    return first, last, local_midnight(first), local_midnight(datetime.date(year + 1, 1, 1))


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


def parse_month(text, default=None):
    """'2023-05' → (2023, 5); anything else → default."""
    try:
        year, month = (int(part) for part in str(text).split("-", 1))
        if 1900 <= year <= 2999 and 1 <= month <= 12:
            return year, month
    except (TypeError, ValueError):
        pass
    return default
