"""Village rows from the roll-ups in hand-written SQL: one statement for the villages with their month
sums and point-in-time facts, one for the audiences.

Issue 17 holds a district's rows to 1.5× hand-written SQL reading the same roll-up rows. Built with the
ORM, the two queries cost more to build than to run, so they are plain SQL here (as reports/figures_sql.py
and the check-in path do). The definitions are coverage/rows.py's and coverage/facts.py's ``Sums``:

- month sums: ``coverage.models.AreaMonth`` rows of the village for the period's months;
- months met: those rows of a due month (``advisors.compliance.due_months``) whose duty hours reach
  ``required_hours()``;
- advisor: the name on the latest-starting assignment in force at some time in the period
  (``Assignment.objects.in_force(start, end)``);
- legal-savvy persons: distinct persons with a term active on the period's last day
  (``legalsavvy.quota.active_terms_q``);
- last event: the latest start of a held event in the village before the period's end.

tests/coverage/test_rollups.py holds these rows equal to the live rows, field for field, for random
data and periods, on SQLite and PostgreSQL.
"""

import json
from datetime import UTC
from decimal import Decimal
from functools import cache
from typing import NamedTuple

from django.db import connection
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from advisors.compliance import ComplianceSummary, due_months, required_hours
from advisors.models import Advisor, Assignment
from common.replica import read_connection
from legalsavvy.models import LegalSavvyTerm
from outreach.models import Event
from places.models import Area

from .areas import month_keys
from .facts import Sums, VillageFacts
from .models import AreaMonth, AreaMonthAudience

CENT = Decimal("0.01")


class VillageRow(NamedTuple):
    """A village as coverage_queryset's named rows carry it (build_rows reads these names)."""

    id: int
    code: str
    name: str
    kind: str | None
    population: int | None
    lat: float | None
    lon: float | None
    coords_approximate: bool
    parent__code: str | None
    parent__name: str | None
    boundary: dict | None
    n_legal_savvy: int
    last_event_at: object
    advisor_name: str | None
    seat_lat: float | None  # its district's seat (the district area's point), for the distance
    seat_lon: float | None


@cache
def _tables():
    models = {
        "area": Area,
        "month": AreaMonth,
        "month_audience": AreaMonthAudience,
        "assignment": Assignment,
        "advisor": Advisor,
        "term": LegalSavvyTerm,
        "event": Event,
    }
    return {name: connection.ops.quote_name(model._meta.db_table) for name, model in models.items()}


def _rows_sql(where, n_due, with_boundary):
    t = _tables()
    due = ", ".join(["%s"] * max(n_due, 1))
    return (
        "SELECT v.id, v.code, v.name, v.kind, v.population, v.lat, v.lon, v.coords_approximate, p.code, p.name, "
        + ("v.boundary, " if with_boundary else "NULL, ")
        + f"(SELECT COUNT(DISTINCT t.person_id) FROM {t['term']} t WHERE t.village_id = v.id "
        "AND t.appointed_on <= %s AND (t.removed_on IS NULL OR t.removed_on > %s)), "
        f"(SELECT MAX(e.starts_at) FROM {t['event']} e WHERE e.area_id = v.id AND e.status = %s "
        "AND e.starts_at < %s), "
        f"(SELECT d.name FROM {t['assignment']} s JOIN {t['advisor']} d ON d.id = s.advisor_id "
        "WHERE s.village_id = v.id AND s.starts_on <= %s AND (s.ends_on IS NULL OR s.ends_on >= %s) "
        "ORDER BY s.starts_on DESC LIMIT 1), "
        "COALESCE(SUM(m.events), 0), COALESCE(SUM(m.checkins), 0) + COALESCE(SUM(m.walk_ins), 0), "
        "COALESCE(SUM(m.shifts), 0), COALESCE(SUM(m.duty_hours), 0), COALESCE(SUM(m.home_visits), 0), "
        "COALESCE(SUM(m.residents), 0), COALESCE(SUM(m.residents_under_18), 0), "
        "COALESCE(SUM(m.residents_60_plus), 0), "
        f"COUNT(m.id) FILTER (WHERE m.month IN ({due}) AND m.duty_hours >= %s), d.lat, d.lon "
        f"FROM {t['area']} v LEFT JOIN {t['area']} p ON p.id = v.parent_id "
        f"LEFT JOIN {t['area']} d ON d.code = SUBSTR(v.code, 1, 6) "
        f"LEFT JOIN {t['month']} m ON m.area_id = v.id AND m.month BETWEEN %s AND %s "
        f"WHERE v.level = %s AND v.active = %s AND {where} GROUP BY v.id, p.id, d.id ORDER BY v.code"
    )


def _where(area_code, ids):
    if ids is not None:
        return f"v.id IN ({', '.join(['%s'] * max(len(ids), 1))})", list(ids) or [0]
    return "v.code LIKE %s", [area_code + "%"]


def _aware(value):
    """A datetime as the ORM gives it (SQLite hands raw SQL text in UTC)."""
    if value is None or not isinstance(value, str):
        return value
    parsed = parse_datetime(value)
    return parsed.replace(tzinfo=UTC) if timezone.is_naive(parsed) else parsed


def _hours(value):
    return value.quantize(CENT) if isinstance(value, Decimal) else Decimal(str(value)).quantize(CENT)


def village_rows(period, today, *, area_code="", ids=None, with_boundary=False):
    """(villages, VillageFacts) for the active villages under ``area_code`` (or the villages ``ids``,
    a page), ordered by code, their sums read from the roll-ups. Two statements."""
    first, last = month_keys(period)
    due = [year * 100 + month for year, month in due_months(period.start, period.end, today)]
    where, where_params = _where(area_code, ids)
    params = [
        period.end,
        period.end,
        Event.Status.HELD.value,
        period.end_dt,
        period.end,
        period.start,
        *(due or [0]),
        required_hours(),
        first,
        last,
        Area.Level.VILLAGE.value,
        True,
        *where_params,
    ]
    villages, sums, met = [], {}, {}
    with read_connection().cursor() as cursor:
        cursor.execute(_rows_sql(where, len(due), with_boundary), params)
        for row in cursor.fetchall():
            boundary = row[10]
            villages.append(
                VillageRow(
                    *row[:7],
                    bool(row[7]),
                    row[8],
                    row[9],
                    json.loads(boundary) if isinstance(boundary, str) else boundary,
                    row[11],
                    _aware(row[12]),
                    row[13],
                    row[23],
                    row[24],
                )
            )
            events, attendees, shifts, hours, visits, residents, young, old, n_met = row[14:23]
            sums[row[0]] = Sums(events, attendees, shifts, _hours(hours), visits, residents, young, old)
            if n_met:
                met[row[0]] = n_met
        audiences = {}
        if villages:
            cursor.execute(*_audiences_sql(area_code, ids, first, last))
            for village, audience in cursor.fetchall():
                audiences.setdefault(village, set()).add(audience)
    return villages, VillageFacts(sums, audiences, ComplianceSummary(met, len(due)))


def _audiences_sql(area_code, ids, first, last):
    t = _tables()
    if ids is not None:
        where, params = f"a.area_id IN ({', '.join(['%s'] * max(len(ids), 1))})", list(ids) or [0]
        join = ""
    else:
        where, params = "v.code LIKE %s", [area_code + "%"]
        join = f"JOIN {t['area']} v ON v.id = a.area_id "
    return (
        f"SELECT DISTINCT a.area_id, a.audience FROM {t['month_audience']} a {join}"
        f"WHERE {where} AND a.month BETWEEN %s AND %s AND a.events > 0",
        [*params, first, last],
    )
