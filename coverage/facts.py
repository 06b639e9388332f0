"""The period's sums per village that coverage rows are made of, from either source.

``VillageFacts`` holds, per village id, the month sums (events, attendees, duty, residents reached),
the audiences of its held events and its duty compliance. coverage/rows.py builds them live from the
ledgers (``live_facts``); ``rollup_facts`` reads them from the roll-ups (coverage.models.AreaMonth) —
two grouped queries over month rows, whatever the number of shifts, events and check-ins. Point-in-time
facts (advisor, legal-savvy persons, last event) are never month sums: both read them live.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, Sum

from advisors.compliance import ComplianceSummary, due_months, required_hours

from .areas import month_keys
from .models import AreaMonth, AreaMonthAudience

ZERO = Decimal("0")


@dataclass(frozen=True)
class Sums:
    events: int = 0
    attendees: int = 0  # live check-ins at its held events + their walk-ins
    duty_shifts: int = 0
    duty_hours: Decimal = ZERO
    home_visits: int = 0
    residents: int = 0
    residents_under_18: int = 0
    residents_60_plus: int = 0


NONE = Sums()


@dataclass
class VillageFacts:
    sums: dict = field(default_factory=dict)  # village id → Sums
    audiences: dict = field(default_factory=dict)  # village id → {audience}
    compliance: ComplianceSummary = field(default_factory=lambda: ComplianceSummary({}, 0))

    def of(self, village_id):
        return self.sums.get(village_id, NONE)


def rollup_facts(period, village_ids, area_code, today):
    """VillageFacts of ``period`` (month-aligned, coverage.areas.readable) from the roll-ups, for the
    villages ``village_ids`` (a page) or, when None, every village under ``area_code``."""
    first, last = month_keys(period)
    due = [year * 100 + month for year, month in due_months(period.start, period.end, today)]
    months = AreaMonth.objects.filter(month__gte=first, month__lte=last).order_by()
    audiences = AreaMonthAudience.objects.filter(month__gte=first, month__lte=last, events__gt=0).order_by()
    if village_ids is not None:
        months, audiences = months.filter(area_id__in=village_ids), audiences.filter(area_id__in=village_ids)
    else:
        months = months.filter(code__startswith=area_code)
        audiences = audiences.filter(area__code__startswith=area_code)
    facts = VillageFacts()
    met = {}
    rows = months.values("area_id").annotate(
        n_events=Sum("events"),
        n_attendees=Sum("checkins") + Sum("walk_ins"),
        n_shifts=Sum("shifts"),
        n_hours=Sum("duty_hours"),
        n_home_visits=Sum("home_visits"),
        n_residents=Sum("residents"),
        n_young=Sum("residents_under_18"),
        n_old=Sum("residents_60_plus"),
        n_met=Count("pk", filter=Q(month__in=due, duty_hours__gte=required_hours())),
    )
    for row in rows:
        village = row["area_id"]
        facts.sums[village] = Sums(
            row["n_events"],
            row["n_attendees"],
            row["n_shifts"],
            Decimal(row["n_hours"] or 0),
            row["n_home_visits"],
            row["n_residents"],
            row["n_young"],
            row["n_old"],
        )
        if row["n_met"]:
            met[village] = row["n_met"]
    facts.compliance = ComplianceSummary(met, len(due))
    for village, audience in audiences.values_list("area_id", "audience").distinct():
        facts.audiences.setdefault(village, set()).add(audience)
    return facts
