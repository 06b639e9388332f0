"""Reporting periods: a year, a quarter, a month or custom dates, in the business time zone.

"In year Y" means the local (Asia/Shanghai) date falls in Y, so an event at 2023-12-31 23:30 local
belongs to 2023 even though it is 15:30 UTC. A period is a pair of inclusive local dates; queries
on datetimes use ``start_dt <= t < end_dt`` (aware datetimes at local midnight), queries on dates
use ``start <= d <= end``.

``parse_period(query)`` reads ``year`` (+ ``quarter`` or ``month``) or ``start`` + ``end`` from a
query dict and raises Django's ValidationError with per-field messages (the API turns it into 400).
"""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property

from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

# The time zone, midnight and local-date helpers live in common.clock; their names stay importable
# from here for the callers of the period code.
from .clock import MAX_YEAR, MIN_YEAR, business_tz, local_date, local_midnight  # noqa: F401
from .clock import local_today as today

# A custom period longer than this is almost certainly a typo (and would be slow to read).
MAX_CUSTOM_DAYS = 366 * 10

YEAR, QUARTER, MONTH, CUSTOM = "year", "quarter", "month", "custom"


def _month_end(year, month):
    return date(year, month, calendar.monthrange(year, month)[1])


@dataclass(frozen=True)
class Period:
    kind: str
    start: date  # first local day, inclusive
    end: date  # last local day, inclusive
    year: int | None = None
    quarter: int | None = None
    month: int | None = None

    # --- constructors ------------------------------------------------------------------------
    @classmethod
    def for_year(cls, year):
        return cls(YEAR, date(year, 1, 1), date(year, 12, 31), year=year)

    @classmethod
    def for_quarter(cls, year, quarter):
        first = 3 * (quarter - 1) + 1
        return cls(QUARTER, date(year, first, 1), _month_end(year, first + 2), year=year, quarter=quarter)

    @classmethod
    def for_month(cls, year, month):
        return cls(MONTH, date(year, month, 1), _month_end(year, month), year=year, month=month)

    @classmethod
    def custom(cls, start, end):
        return cls(CUSTOM, start, end)

    @classmethod
    def year_to_date(cls, on=None):
        """1 January of ``on``'s year up to ``on`` (default: today, local)."""
        on = on or today()
        return cls.custom(date(on.year, 1, 1), on)

    # --- bounds -------------------------------------------------------------------------------
    @property
    def start_dt(self):
        """Aware datetime at local midnight starting the period (inclusive)."""
        return local_midnight(self.start)

    @property
    def end_dt(self):
        """Aware datetime at local midnight after the last day (exclusive)."""
        return local_midnight(self.end + timedelta(days=1))

    @property
    def days(self):
        return (self.end - self.start).days + 1

    def contains(self, day):
        return self.start <= day <= self.end

    @cached_property  # read for every village row; the period never changes (frozen)
    def months(self):
        """Months in the period, as a Decimal: whole calendar months count 1; a partly covered month
        counts the share of its days that fall in the period (15 of 30 days → 0.5). A year is 12,
        a quarter 3, a month 1; 1 Jan–15 Jun is 5.5."""
        total = Decimal(0)
        cursor = date(self.start.year, self.start.month, 1)
        while cursor <= self.end:
            month_end = _month_end(cursor.year, cursor.month)
            first, last = max(cursor, self.start), min(month_end, self.end)
            total += Decimal((last - first).days + 1) / Decimal(month_end.day)
            cursor = month_end + timedelta(days=1)
        return total.quantize(Decimal("0.001"), rounding=ROUND_HALF_UP)

    def month_starts(self):
        """The first day of each calendar month the period touches."""
        cursor = date(self.start.year, self.start.month, 1)
        while cursor <= self.end:
            yield cursor
            cursor = _month_end(cursor.year, cursor.month) + timedelta(days=1)

    # --- presentation -------------------------------------------------------------------------
    @property
    def label(self):
        if self.kind == YEAR:
            return pgettext("period label", "%(year)s") % {"year": self.year}
        if self.kind == QUARTER:
            return _("%(year)s Q%(quarter)s") % {"year": self.year, "quarter": self.quarter}
        if self.kind == MONTH:
            return date_format(self.start, "YEAR_MONTH_FORMAT")
        if (self.start.month, self.start.day) == (1, 1) and self.end == today() and self.end.year == self.start.year:
            return _("%(year)s so far (to %(end)s)") % {"year": self.start.year, "end": self.end.isoformat()}
        return _("%(start)s to %(end)s") % {"start": self.start.isoformat(), "end": self.end.isoformat()}

    @property
    def query(self):
        """Query parameters that select this period again (for links)."""
        if self.kind == YEAR:
            return {"year": self.year}
        if self.kind == QUARTER:
            return {"year": self.year, "quarter": self.quarter}
        if self.kind == MONTH:
            return {"year": self.year, "month": self.month}
        return {"start": self.start.isoformat(), "end": self.end.isoformat()}

    def shifted_years(self, years):
        """The same period ``years`` years earlier or later (29 February becomes the 28th)."""
        if self.kind == YEAR:
            return Period.for_year(self.year + years)
        if self.kind == QUARTER:
            return Period.for_quarter(self.year + years, self.quarter)
        if self.kind == MONTH:
            return Period.for_month(self.year + years, self.month)

        def shift(day):
            year = day.year + years
            return date(year, day.month, min(day.day, calendar.monthrange(year, day.month)[1]))

        return Period.custom(shift(self.start), shift(self.end))


def _int(data, name, low, high, errors):
    raw = data.get(name)
    if raw in (None, ""):
        return None
    try:
        value = int(str(raw).strip())
    except (TypeError, ValueError):
        errors[name] = [_("Enter a whole number.")]
        return None
    if not low <= value <= high:
        errors[name] = [_("Enter a number from %(low)s to %(high)s.") % {"low": low, "high": high}]
        return None
    return value


def _date(data, name, errors):
    raw = data.get(name)
    if raw in (None, ""):
        return None
    try:
        value = date.fromisoformat(str(raw).strip())
    except (TypeError, ValueError):
        errors[name] = [_("Enter a date as YYYY-MM-DD.")]
        return None
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        errors[name] = [_("Enter a date between %(low)s and %(high)s.") % {"low": MIN_YEAR, "high": MAX_YEAR}]
        return None
    return value


def parse_period(data, default=None):
    """A Period from query parameters, or ``default`` (a Period or a callable) when none are given.

    Accepted: ``year``; ``year`` + ``quarter`` (1–4); ``year`` + ``month`` (1–12);
    ``start`` + ``end`` (YYYY-MM-DD, inclusive local dates). Without any, the current year.
    Raises ValidationError({field: [message]}) for bad or conflicting values.
    """
    errors = {}
    year = _int(data, "year", MIN_YEAR, MAX_YEAR, errors)
    quarter = _int(data, "quarter", 1, 4, errors)
    month = _int(data, "month", 1, 12, errors)
    start = _date(data, "start", errors)
    end = _date(data, "end", errors)
    if errors:
        raise ValidationError(errors)

    given = lambda name: data.get(name) not in (None, "")  # noqa: E731
    if given("start") or given("end"):
        if given("year") or given("quarter") or given("month"):
            raise ValidationError(
                {"start": [_("Give either a year (with a quarter or month) or start and end dates, not both.")]}
            )
        if start is None:
            raise ValidationError({"start": [_("Give a start date with the end date.")]})
        if end is None:
            raise ValidationError({"end": [_("Give an end date with the start date.")]})
        if end < start:
            raise ValidationError({"end": [_("The end date is before the start date.")]})
        if (end - start).days + 1 > MAX_CUSTOM_DAYS:
            raise ValidationError({"end": [_("A custom period may span at most ten years.")]})
        return Period.custom(start, end)

    if quarter is not None and month is not None:
        raise ValidationError({"month": [_("Give a quarter or a month, not both.")]})
    if year is None:
        if quarter is not None or month is not None:
            raise ValidationError({"year": [_("Give the year of the quarter or month.")]})
        if default is None:
            return Period.for_year(today().year)
        return default() if callable(default) else default
    if quarter is not None:
        return Period.for_quarter(year, quarter)
    if month is not None:
        return Period.for_month(year, month)
    return Period.for_year(year)
