"""Aggregates over coverage rows for the dashboard: town outlines, the headline and the monthly trend."""

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Count, DecimalField, Q, Sum, Value
from django.db.models.functions import Coalesce

from advisors.models import DutyShift
from common.periods import local_midnight
from outreach.models import CheckIn, Event
from places.models import Area

from .geo import convex_hull, is_area_geometry
from .rules import Gap, required_duty_hours


def town_outlines(area_code, rows):
    """Towns under ``area_code`` with an outline: the town's boundary, else the convex hull of its
    villages' coordinates (``hull`` true), else none. One query."""
    towns = Area.objects.towns().filter(Q(code__startswith=area_code) | Q(code=area_code[:9])).order_by("code")
    points = defaultdict(list)
    for row in rows:
        if row.lat is not None and row.lon is not None:
            points[row.town].append((row.lon, row.lat))
    outlines = []
    for town in towns.only("code", "name", "boundary"):
        if not (town.code.startswith(area_code) or area_code.startswith(town.code)):
            continue
        if is_area_geometry(town.boundary):
            outlines.append({"code": town.code, "name": town.name, "geometry": town.boundary, "hull": False})
            continue
        hull = convex_hull(points.get(town.code, []))
        if hull:
            outlines.append(
                {
                    "code": town.code,
                    "name": town.name,
                    "hull": True,
                    "geometry": {"type": "Polygon", "coordinates": [hull]},
                }
            )
    return outlines


# --- dashboard aggregates -----------------------------------------------------------------------


def headline(period, area_code, rows):
    """Headline numbers: events/attendees at every level under the area, duty totals (aggregate
    queries), and village counts from the coverage rows already built."""
    events = Event.objects.held().under(area_code).filter(starts_at__gte=period.start_dt, starts_at__lt=period.end_dt)
    event_totals = events.aggregate(events=Count("pk"), walk_ins=Coalesce(Sum("walk_in_count"), 0))
    checkins = CheckIn.objects.filter(annulled=False, event__in=events).count()
    duty = DutyShift.objects.filter(
        village__code__startswith=area_code, date__gte=period.start, date__lte=period.end
    ).aggregate(
        hours=Coalesce(Sum("hours"), Value(Decimal(0)), output_field=DecimalField(max_digits=12, decimal_places=2)),
        shifts=Count("pk"),
        home_visits=Count("pk", filter=Q(mode=DutyShift.Mode.HOME_VISIT)),
    )
    villages = len(rows)
    return {
        "villages": villages,
        "events": event_totals["events"],
        "attendees": checkins + event_totals["walk_ins"],
        "duty_hours": Decimal(duty["hours"] or 0),
        "duty_hours_required": required_duty_hours(period) * villages,
        "duty_shifts": duty["shifts"],
        "home_visits": duty["home_visits"],
        "villages_without_event": sum(1 for r in rows if Gap.NO_EVENT in r.gaps),
        "villages_meeting_duty": sum(1 for r in rows if Gap.DUTY_BELOW_REQUIRED not in r.gaps),
        "villages_meeting_quota": sum(1 for r in rows if Gap.LEGAL_SAVVY_BELOW_QUOTA not in r.gaps),
        "villages_without_gaps": sum(1 for r in rows if not r.gaps),
        "average_score": round(sum(r.score for r in rows) / villages) if villages else None,
    }


def monthly_trend(period, area_code):
    """Per calendar month of the period: held events, their attendees, duty hours. Three queries,
    each with one conditional aggregate per month (same SQL on SQLite and PostgreSQL)."""
    months = list(period.month_starts())
    bounds = []
    for first in months:
        nxt = date(first.year + (first.month == 12), first.month % 12 + 1, 1)
        bounds.append((max(first, period.start), min(nxt, period.end + timedelta(days=1))))

    events = Event.objects.held().under(area_code).filter(starts_at__gte=period.start_dt, starts_at__lt=period.end_dt)
    event_aggs, checkin_aggs, duty_aggs = {}, {}, {}
    for i, (lo, hi) in enumerate(bounds):
        in_month = Q(starts_at__gte=local_midnight(lo), starts_at__lt=local_midnight(hi))
        event_aggs[f"e{i}"] = Count("pk", filter=in_month)
        event_aggs[f"w{i}"] = Coalesce(Sum("walk_in_count", filter=in_month), 0)
        checkin_aggs[f"c{i}"] = Count(
            "pk", filter=Q(event__starts_at__gte=local_midnight(lo), event__starts_at__lt=local_midnight(hi))
        )
        duty_aggs[f"h{i}"] = Coalesce(
            Sum("hours", filter=Q(date__gte=lo, date__lt=hi)),
            Value(Decimal(0)),
            output_field=DecimalField(max_digits=12, decimal_places=2),
        )
    e = events.aggregate(**event_aggs) if bounds else {}
    c = CheckIn.objects.filter(annulled=False, event__in=events).aggregate(**checkin_aggs) if bounds else {}
    h = (
        DutyShift.objects.filter(
            village__code__startswith=area_code, date__gte=period.start, date__lte=period.end
        ).aggregate(**duty_aggs)
        if bounds
        else {}
    )
    return [
        {
            "month": first,
            "events": e[f"e{i}"],
            "attendees": c[f"c{i}"] + e[f"w{i}"],
            "duty_hours": float(h[f"h{i}"] or 0),
        }
        for i, first in enumerate(months)
    ]
