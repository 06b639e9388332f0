"""The one definition of duty compliance, shown the same on the compliance grid, coverage, the
village page and the figures page:

- a month is *due* when it lies wholly in the period and has ended (its last day is before today);
- a due month is *met* when the village's duty hours dated in it reach DUTY_HOURS_PER_VILLAGE_MONTH;
- a village is compliant when every due month is met (e.g. "11 of 12 months") — its total hours
  against the requirement are shown next to it.

``compliance_summary`` is one aggregate query (sum of hours per village and month, HAVING ≥ the
requirement) whatever the number of villages; ``months_met`` applies the same rule to monthly sums
a caller already has (the grid).
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import Sum
from django.db.models.functions import ExtractMonth, ExtractYear
from django.utils.translation import gettext as _

from common.clock import local_today, month_bounds
from places.models import Area

from .models import DutyShift

ZERO = Decimal("0.00")


def required_hours():
    return Decimal(settings.DUTY_HOURS_PER_VILLAGE_MONTH)


def due_months(first, last, today=None):
    """[(year, month)] wholly inside [first, last] that ended before ``today``."""
    today = today or local_today()
    months = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        start, end = month_bounds(year, month)
        if start >= first and end <= last and end < today:
            months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def month_met(hours):
    return (hours or ZERO) >= required_hours()


@dataclass(frozen=True)
class DutyCompliance:
    months_met: int
    months: int  # due months

    @property
    def compliant(self):
        return self.months_met == self.months

    @property
    def months_under(self):
        return self.months - self.months_met


def compliance_summary(villages, first, last, today=None):
    """``villages`` (a queryset of areas, or village ids) over [first, last]: ``.for_village(id)`` →
    DutyCompliance. One query (none when no month is due yet)."""
    due = due_months(first, last, today)
    result = {}
    if not due:
        return ComplianceSummary(result, 0)
    start, end = month_bounds(*due[0])[0], month_bounds(*due[-1])[1]
    met_rows = (
        DutyShift.objects.filter(
            village__in=villages.values("pk") if hasattr(villages, "values") else list(villages),
            date__range=(start, end),
        )
        .annotate(y=ExtractYear("date"), m=ExtractMonth("date"))
        .values("village_id", "y", "m")
        .annotate(total=Sum("hours"))
        .filter(total__gte=required_hours())
        .order_by()
        .values_list("village_id", "y", "m")
    )
    due_set = set(due)
    for village_id, year, month in met_rows:
        if (year, month) in due_set:
            result[village_id] = result.get(village_id, 0) + 1
    return ComplianceSummary(result, len(due))


class ComplianceSummary(dict):
    """{village id: months met} that answers DutyCompliance for any village (0 met when absent)."""

    def __init__(self, met, due):
        super().__init__(met)
        self.due = due

    def for_village(self, village_id):
        return DutyCompliance(self.get(village_id, 0), self.due)


def year_range(year):
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def compliance_text(months_met, months, hours, required):
    """ "11 of 12 months met · 95 of 96 h" — the words of templates/advisors/_duty_compliance.html."""

    def number(value):
        text = f"{Decimal(value or 0).quantize(Decimal('0.1'))}"
        return text[:-2] if text.endswith(".0") else text

    first = (
        _("%(met)s of %(due)s months met") % {"met": months_met, "due": months}
        if months
        else _("no month finished yet")
    )
    return f"{first} · " + _("%(h)s of %(r)s h") % {"h": number(hours), "r": number(required)}


@dataclass(frozen=True)
class AreaCompliance:
    villages: int
    villages_compliant: int  # every due month met
    months: int  # due months (the same for every village)
    village_months_met: int
    hours: Decimal
    required: Decimal  # villages × due months × the monthly hours

    @property
    def village_months(self):
        return self.villages * self.months


def area_compliance(area_code, first, last, today=None):
    """The compliance of every active village under ``area_code`` taken together (figures page):
    how many met the hours in every finished month, and the village-months met. Three queries."""
    villages = Area.objects.villages().active().filter(code__startswith=area_code)
    summary = compliance_summary(villages, first, last, today)
    count = villages.count()
    met_all = sum(1 for met in summary.values() if met == summary.due) if summary.due else count
    due = due_months(first, last, today)
    hours = ZERO
    if due:
        start, end = month_bounds(*due[0])[0], month_bounds(*due[-1])[1]
        hours = (
            DutyShift.objects.filter(village__in=villages.values("pk"), date__range=(start, end)).aggregate(
                total=Sum("hours")
            )["total"]
            or ZERO
        )
    return AreaCompliance(
        villages=count,
        villages_compliant=met_all,
        months=summary.due,
        village_months_met=sum(summary.values()),
        hours=hours,
        required=required_hours() * summary.due * count,
    )
