"""Refreshing the coverage roll-ups (coverage.models): set-based SQL, one year at a time.

``refresh_rollups(years)`` rebuilds each year in its own transaction: DELETE the year's rows, then one
``INSERT … SELECT … GROUP BY`` per source (held events, check-ins at them, residents' check-ins, duty
shifts, audiences), the later ones merged with ``ON CONFLICT … DO UPDATE`` (SQLite and PostgreSQL
alike), then the year's ``RollupYear.refreshed_at``. On PostgreSQL readers see the old rows until the
commit, so a page never reads a half-built year.

Who calls it: the Celery beat task ``coverage.refresh_rollups`` (``ROLLUPS_EVERY_SECONDS``), the
command ``manage.py refresh_rollups``, and ``refresh_after_import(years)`` — run when an import (or any
bulk writer below coverage in the layers) sends ``common.signals.bulk_written`` with the years it wrote."""

from datetime import date

from django.db import connection, transaction
from django.db.models import Count, F, Max, Q, Sum, Value
from django.db.models.functions import Coalesce, ExtractMonth, ExtractYear
from django.utils import timezone

from advisors.models import DutyShift
from common.clock import MAX_YEAR, MIN_YEAR, business_tz, local_midnight, local_today
from outreach.models import CheckIn, Event, EventAudience

from .models import AreaMonth, AreaMonthAudience, RollupYear

HELD = Event.Status.HELD


def month_key(field, tz=True):
    """``year * 100 + month`` of a datetime (local) or date field, as SQL."""
    kwargs = {"tzinfo": business_tz()} if tz else {}
    return ExtractYear(field, **kwargs) * Value(100) + ExtractMonth(field, **kwargs)


def _only(queryset, field, area_ids):
    return queryset if area_ids is None else queryset.filter(**{f"{field}__in": area_ids})


def _sources(year, area_ids=None):
    """[(queryset, {column: alias})] — each groups one source of the year by (area, month); with
    ``area_ids``, only the rows of those areas (each source by its own area column)."""
    start_dt, end_dt = local_midnight(date(year, 1, 1)), local_midnight(date(year + 1, 1, 1))
    events = Event.objects.filter(status=HELD, starts_at__gte=start_dt, starts_at__lt=end_dt)
    checkins = CheckIn.objects.filter(
        annulled=False, event__status=HELD, event__starts_at__gte=start_dt, event__starts_at__lt=end_dt
    )
    young, old = CheckIn.AgeGroup.UNDER_18, CheckIn.AgeGroup.AGE_60_PLUS
    shifts = DutyShift.objects.filter(date__gte=date(year, 1, 1), date__lte=date(year, 12, 31))
    events, shifts = _only(events, "area_id", area_ids), _only(shifts, "village_id", area_ids)
    at, home = _only(checkins, "event__area_id", area_ids), _only(checkins, "home_village_id", area_ids)
    return [
        (
            events.annotate(r_area=F("area_id"), r_code=F("area__code"), r_month=month_key("starts_at")).values(
                "r_area", "r_code", "r_month"
            ),
            {
                "events": Count("id"),
                "walk_ins": Coalesce(Sum("walk_in_count"), 0),
                "last_event_at": Max("starts_at"),
            },
        ),
        (
            at.annotate(
                r_area=F("event__area_id"), r_code=F("event__area__code"), r_month=month_key("event__starts_at")
            ).values("r_area", "r_code", "r_month"),
            {"checkins": Count("id")},
        ),
        (
            home.filter(home_village__isnull=False)
            .annotate(
                r_area=F("home_village_id"), r_code=F("home_village__code"), r_month=month_key("event__starts_at")
            )
            .values("r_area", "r_code", "r_month"),
            {
                "residents": Count("id"),
                "residents_under_18": Count("id", filter=Q(age_group=young)),
                "residents_60_plus": Count("id", filter=Q(age_group=old)),
            },
        ),
        (
            shifts.annotate(
                r_area=F("village_id"), r_code=F("village__code"), r_month=month_key("date", tz=False)
            ).values("r_area", "r_code", "r_month"),
            {
                "shifts": Count("id"),
                "duty_hours": Coalesce(Sum("hours"), Value(0), output_field=AreaMonth._meta.get_field("duty_hours")),
                "home_visits": Count("id", filter=Q(mode=DutyShift.Mode.HOME_VISIT)),
            },
        ),
    ]


def _insert_select(cursor, table, keys, queryset, columns, grouped_by=()):
    """INSERT INTO table (keys + grouped_by + columns) SELECT … FROM (the grouped queryset) ON CONFLICT
    merge; ``grouped_by`` are further group-by columns (the code) that the key determines."""
    grouped = queryset.order_by().annotate(**{f"r_{name}": agg for name, agg in columns.items()})
    sql, params = grouped.query.sql_with_params()
    names = list(keys) + list(grouped_by) + list(columns)
    quote = connection.ops.quote_name
    target = ", ".join(quote(f"{n}_id" if n == "area" else n) for n in names)
    picked = ", ".join(f"s.{quote('r_' + n)}" for n in names)
    key_cols = ", ".join(quote(f"{n}_id" if n == "area" else n) for n in keys)
    update = ", ".join(f"{quote(n)} = excluded.{quote(n)}" for n in columns)
    # "WHERE true" keeps SQLite from reading ON CONFLICT as part of the SELECT.
    cursor.execute(
        f"INSERT INTO {quote(table)} ({target}) SELECT {picked} FROM ({sql}) s WHERE true "
        f"ON CONFLICT ({key_cols}) DO UPDATE SET {update}",
        params,
    )


def _rebuild(cursor, year, area_ids=None):
    """DELETE the year's rows (of ``area_ids`` only, when given) and INSERT them again from the sources."""
    first, last = year * 100 + 1, year * 100 + 12
    start_dt, end_dt = local_midnight(date(year, 1, 1)), local_midnight(date(year + 1, 1, 1))
    for model in (AreaMonth, AreaMonthAudience):
        _only(model.objects.filter(month__gte=first, month__lte=last), "area_id", area_ids).delete()
    for queryset, columns in _sources(year, area_ids):
        _insert_select(cursor, AreaMonth._meta.db_table, ("area", "month"), queryset, columns, ("code",))
    audiences = _only(
        EventAudience.objects.filter(event__status=HELD, event__starts_at__gte=start_dt, event__starts_at__lt=end_dt),
        "event__area_id",
        area_ids,
    )
    _insert_select(
        cursor,
        AreaMonthAudience._meta.db_table,
        ("area", "month", "audience"),
        audiences.annotate(
            r_area=F("event__area_id"), r_month=month_key("event__starts_at"), r_audience=F("audience")
        ).values("r_area", "r_month", "r_audience"),
        {"events": Count("event_id", distinct=True)},
    )


def _lock_year(cursor, year, *, part=False):
    """Lock the year's RollupYear row, when there is one. A full rebuild locks it exclusively; the
    rebuilds of some areas after writes share it (they run side by side) and skip a year whose full
    rebuild is running (PostgreSQL ``FOR SHARE SKIP LOCKED``): the rows they would write are being
    rebuilt, and ``as_of`` — the rebuild's start — claims only what committed before it. SQLite
    serialises writers itself. → whether the row exists (and, for a part, was not locked)."""
    table = connection.ops.quote_name(RollupYear._meta.db_table)
    lock = ""
    if connection.vendor == "postgresql":
        lock = " FOR SHARE SKIP LOCKED" if part else " FOR UPDATE"
    cursor.execute(f"SELECT 1 FROM {table} WHERE year = %s{lock}", [year])
    return cursor.fetchone() is not None


def refresh_year(year):
    """Rebuild the roll-ups of one year (one transaction); its "as of" is when the rebuild started."""
    with transaction.atomic(), connection.cursor() as cursor:
        _lock_year(cursor, year)
        started = timezone.now()
        _rebuild(cursor, year)
        RollupYear.objects.update_or_create(year=year, defaults={"refreshed_at": started})


def refresh_areas(year, area_ids):
    """Rebuild the rows of some areas in ``year`` after writes touched them (coverage/signals.py).
    A year never rolled up is left alone (pages read it live until its first rebuild), and so is one
    being rebuilt whole right now. ``as_of`` stays the year's last full rebuild: rows may be fresher
    than it says, never staler. → whether anything was rebuilt."""
    area_ids = sorted({int(a) for a in area_ids if a})
    if not area_ids:
        return False
    with transaction.atomic(), connection.cursor() as cursor:
        if not _lock_year(cursor, year, part=True):
            return False
        _rebuild(cursor, year, area_ids)
    return True


def years_with_data():
    """Every local year from the first to the last in which an event starts or a shift is dated."""
    found = []
    for model, field in ((Event, "starts_at"), (DutyShift, "date")):
        for order in (field, "-" + field):
            value = model.objects.order_by(order).values_list(field, flat=True).first()
            if value is not None:
                found.append(timezone.localtime(value, business_tz()).year if hasattr(value, "hour") else value.year)
    if not found:
        return []
    return list(range(max(min(found), MIN_YEAR), min(max(found), MAX_YEAR) + 1))


def default_years(today=None):
    """What the periodic job refreshes: this year and the last (late entries for December)."""
    today = today or local_today()
    return [today.year - 1, today.year]


def refresh_rollups(years=None):
    """Rebuild the given years (default: this year and the last); returns the years rebuilt."""
    years = sorted(set(years)) if years is not None else default_years()
    for year in years:
        refresh_year(year)
    if years and connection.vendor == "postgresql":
        # Fresh planner statistics: a rebuilt table must not be planned as the empty one it was.
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {AreaMonth._meta.db_table}, {AreaMonthAudience._meta.db_table}")
    return years


def refresh_after_import(years):
    """The hook for imports (and any bulk writer): call it after the import's transaction has
    committed with the local years its rows fall in; the coverage roll-ups of those years are rebuilt."""
    years = sorted({int(y) for y in years if y})
    if years:
        transaction.on_commit(lambda: refresh_rollups(years))
    return years


def on_bulk_written(sender, years=(), **kwargs):
    """Receiver of ``common.signals.bulk_written`` (imports and jobs sit below coverage in the layers,
    so they announce their writes instead of calling this module)."""
    return refresh_after_import(years)
