"""Coverage of areas above the village, read from the roll-ups (coverage.models.AreaMonth).

A province or city user sees one row per child area (level → children: cities, districts, towns),
each a plain ``SUM … GROUP BY`` over the month rows of the period; village rows (and their sentences)
are built only when a user drills down to a district or a town (coverage/rows.py, from the same roll-ups
through coverage/rollup_sql.py).

Definitions are coverage/rows.py's and the dashboard headline's (coverage/summary.py): ``events``,
``attendees``, duty totals count everything under the child (events held at town level included);
``residents_reached`` and ``villages_*`` are sums over the active villages' rows (their gaps). Exactly equal to the live answer for
a period of whole months, or one running to today (the current month as of the last refresh):
``readable(period)``; tests/coverage/test_rollups.py holds it for random data and periods.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db import connection
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Substr

from advisors.compliance import due_months
from common.clock import local_today
from legalsavvy.models import LegalSavvyTerm
from legalsavvy.quota import active_terms_q
from places.models import Area

from .models import AreaMonth, RollupYear
from .rules import required_duty_hours

CHILD_LEVEL = {
    Area.Level.PROVINCE: Area.Level.CITY,
    Area.Level.CITY: Area.Level.DISTRICT,
    Area.Level.DISTRICT: Area.Level.TOWN,
    Area.Level.TOWN: Area.Level.VILLAGE,
}
# Levels whose coverage pages show child areas from the roll-ups instead of village rows.
ROLLUP_LEVELS = (Area.Level.PROVINCE, Area.Level.CITY)


def month_keys(period):
    return period.start.year * 100 + period.start.month, period.end.year * 100 + period.end.month


def readable(period, today=None):
    """Whether the roll-ups answer ``period`` exactly: it starts on a month's first day and ends on a
    month's last day, or runs to today or later (the current month's row holds what was recorded up
    to the refresh)."""
    today = today or local_today()
    nxt = period.end.toordinal() + 1
    ends_month = date.fromordinal(nxt).day == 1
    return period.start.day == 1 and (ends_month or period.end >= today)


def as_of(period):
    """When the roll-ups of every year of ``period`` were last rebuilt (the oldest), or None when a
    year has never been rolled up. One query."""
    years = range(period.start.year, period.end.year + 1)
    found = dict(RollupYear.objects.filter(year__in=years).values_list("year", "refreshed_at"))
    if len(found) < len(years):
        return None
    return min(found.values())


@dataclass
class AreaCoverage:
    code: str
    name: str
    level: str
    villages: int = 0
    events: int = 0
    attendees: int = 0
    residents_reached: int = 0
    duty_shifts: int = 0
    duty_hours: Decimal = Decimal("0.00")
    duty_hours_required: Decimal = Decimal("0.0")
    home_visits: int = 0
    villages_without_event: int = 0
    villages_meeting_duty: int = 0
    villages_meeting_quota: int = 0

    @property
    def duty_compliance(self):
        if not self.duty_hours_required:
            return None
        return float((self.duty_hours * 100 / self.duty_hours_required).quantize(Decimal("0.1")))


def _months(period, prefix):
    keys = month_keys(period)
    return AreaMonth.objects.filter(month__gte=keys[0], month__lte=keys[1], code__startswith=prefix)


def _by_prefix(queryset, field, length):
    return queryset.annotate(**{"prefix": Substr(field, 1, length)}).values("prefix")


def _regroup(inner, length, select, params=(), join=("", ())):
    """Rows of ``SELECT SUBSTR(code, 1, length), select FROM (inner) s [join] GROUP BY 1``: the
    per-area queryset ``inner`` (with a ``code`` column) summed per child area, in the database."""
    sql, inner_params = inner.query.sql_with_params()
    join_sql, join_params = join
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT SUBSTR(s.code, 1, {int(length)}) AS prefix, {select} FROM ({sql}) s {join_sql} GROUP BY 1",
            (*params, *inner_params, *join_params),
        )
        return cursor.fetchall()


def aggregate(period, area_code, length, *, today=None):
    """{code prefix of ``length``: AreaCoverage} for everything under ``area_code`` (every prefix
    found, so the prefixes' sums are the area's totals). Three aggregate queries, whatever the number
    of children or of villages below them."""
    required = required_duty_hours(period)
    due = [y * 100 + m for y, m in due_months(period.start, period.end, today)]
    rows = defaultdict(lambda: AreaCoverage("", "", ""))

    villages = Area.objects.villages().active().filter(code__startswith=area_code)
    for item in _by_prefix(villages, "code", length).annotate(n=Count("id")).order_by():
        row = rows[item["prefix"]]
        row.villages = item["n"]
        row.duty_hours_required = required * item["n"]

    # One scan of the month rows: per area (inner), then per prefix; the per-village judgements (no
    # event, duty met as the village rows judge it) count active villages only (the LEFT JOIN).
    per_area = (
        _months(period, area_code)
        .values("area_id", "code")
        .annotate(
            events=Sum("events"),
            walk_ins=Sum("walk_ins"),
            checkins=Sum("checkins"),
            residents=Sum("residents"),
            shifts=Sum("shifts"),
            hours=Sum("duty_hours"),
            home_visits=Sum("home_visits"),
            met=Count("id", filter=Q(month__in=due, duty_hours__gte=settings.DUTY_HOURS_PER_VILLAGE_MONTH)),
        )
        .order_by()
    )
    select = (
        "SUM(s.events), SUM(s.walk_ins), SUM(s.checkins), SUM(s.shifts), SUM(s.hours), SUM(s.home_visits), "
        "SUM(CASE WHEN v.id IS NULL THEN 0 ELSE 1 END), "
        "SUM(CASE WHEN v.id IS NOT NULL AND s.events > 0 THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN v.id IS NULL THEN 0 ELSE s.residents END), "
        "SUM(CASE WHEN v.id IS NOT NULL AND ROUND(s.hours, 2) >= %s AND s.met >= %s THEN 1 ELSE 0 END)"
    )
    join = (
        f"LEFT JOIN {Area._meta.db_table} v ON v.id = s.area_id AND v.level = %s AND v.active = %s",
        (Area.Level.VILLAGE.value, True),
    )
    counted = {}
    found = _regroup(per_area, length, select, (float(required), len(due)), join)
    for prefix, events, walk_ins, checkins, shifts, hours, visits, n, with_event, residents, meeting in found:
        row = rows[prefix]
        row.events, row.attendees, row.duty_shifts, row.home_visits = events, checkins + walk_ins, shifts, visits
        row.duty_hours = Decimal(hours or 0).quantize(Decimal("0.01"))
        counted[prefix] = n
        row.residents_reached = residents or 0
        row.villages_without_event = -(with_event or 0)
        row.villages_meeting_duty = meeting or 0
    empty_meets = not (required > 0 or due)
    quota = settings.LEGAL_SAVVY_QUOTA
    meeting_quota = {}
    if quota > 0:
        persons = (
            LegalSavvyTerm.objects.filter(
                active_terms_q(period.end),
                village__code__startswith=area_code,
                village__level=Area.Level.VILLAGE,
                village__active=True,
            )
            .values(code=F("village__code"))
            .annotate(n=Count("person", distinct=True))
            .filter(n__gte=quota)
            .order_by()
        )
        meeting_quota = dict(_regroup(persons, length, "COUNT(*)"))
    for prefix, row in rows.items():
        row.code = prefix
        row.villages_without_event += row.villages
        if empty_meets:
            row.villages_meeting_duty += row.villages - counted.get(prefix, 0)
        row.villages_meeting_quota = meeting_quota.get(prefix, 0) if quota > 0 else row.villages
    return dict(rows)


def area_rows(period, area_code, children, *, today=None):
    """AreaCoverage for each of ``children`` (Areas, all of one level, under ``area_code``)."""
    children = list(children)
    if not children:
        return []
    found = aggregate(period, area_code, len(children[0].code), today=today)
    rows = []
    for child in children:
        row = found.get(child.code) or AreaCoverage(child.code, "", "")
        row.name, row.level = child.name, child.level
        rows.append(row)
    return rows


def totals(found, area):
    """The area's own AreaCoverage: the sum of every prefix of ``aggregate`` under it."""
    total = AreaCoverage(area.code, area.name, area.level)
    for row in found.values():
        for name in (
            "villages",
            "events",
            "attendees",
            "residents_reached",
            "duty_shifts",
            "duty_hours",
            "duty_hours_required",
            "home_visits",
            "villages_without_event",
            "villages_meeting_duty",
            "villages_meeting_quota",
        ):
            setattr(total, name, getattr(total, name) + getattr(row, name))
    return total


def children_of(area):
    """The active child areas of ``area`` (a queryset, ordered by code)."""
    level = CHILD_LEVEL.get(area.level)
    if level is None:
        return Area.objects.none()
    return Area.objects.filter(level=level, code__startswith=area.code, active=True).order_by("code")


def headline(period, area, found=None, *, today=None):
    """The dashboard's headline numbers (coverage.summary.headline) from the roll-ups; ``found`` (an
    ``aggregate`` of the area) saves its queries."""
    if found is None:
        found = aggregate(period, area.code, len(area.code), today=today)
    row = totals(found, area)
    return {
        "villages": row.villages,
        "events": row.events,
        "attendees": row.attendees,
        "duty_hours": row.duty_hours,
        "duty_hours_required": row.duty_hours_required,
        "duty_shifts": row.duty_shifts,
        "home_visits": row.home_visits,
        "villages_without_event": row.villages_without_event,
        "villages_meeting_duty": row.villages_meeting_duty,
        "villages_meeting_quota": row.villages_meeting_quota,
        "villages_without_gaps": None,
        "average_score": None,
    }


def monthly_trend(period, area_code):
    """coverage.summary.monthly_trend from the roll-ups: one GROUP BY month."""
    found = {
        item["month"]: item
        for item in _months(period, area_code)
        .values("month")
        .annotate(events=Sum("events"), walk_ins=Sum("walk_ins"), checkins=Sum("checkins"), hours=Sum("duty_hours"))
        .order_by()
    }
    trend = []
    for first in period.month_starts():
        item = found.get(first.year * 100 + first.month, {})
        trend.append(
            {
                "month": first,
                "events": item.get("events") or 0,
                "attendees": (item.get("checkins") or 0) + (item.get("walk_ins") or 0),
                "duty_hours": float(item.get("hours") or 0),
            }
        )
    return trend


def area_coverage(period, area, *, today=None):
    """The child rows of ``area`` (every child, not a page): what the province and city pages show,
    exposed for the benchmark to time beside its floor."""
    return area_rows(period, area.code, children_of(area), today=today)


__all__ = [
    "AreaCoverage",
    "area_coverage",
    "area_rows",
    "as_of",
    "children_of",
    "headline",
    "monthly_trend",
    "readable",
]
