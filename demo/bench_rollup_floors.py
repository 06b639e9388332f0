"""The floors of the coverage reads over the roll-ups (issue 17: "any level ≤ 1.5× its floor over the
same roll-up rows"): hand-written SQL reading the same AreaMonth rows as the app and computing the same
numbers, with no ORM and no Python per row beyond a tuple. ``check_*`` compares every number with the
app's, so a floor that computes less fails the run instead of flattering the app.

- ``village_rows_floor``: a district's or town's village rows (coverage.rows.village_coverage with
  its sums from the roll-ups): month sums, months whose duty met the hours, audiences, and the
  point-in-time facts the app reads live (advisor in force, legal-savvy persons active at the end,
  last held event).
- ``area_rows_floor``: a province's or city's child areas (coverage.areas.area_coverage).
"""

from django.conf import settings

from advisors.compliance import due_months
from advisors.models import Advisor, Assignment
from coverage.geo import haversine_km
from coverage.models import AreaMonth, AreaMonthAudience

from .bench_floors import T, _rows

R = {
    **T,
    "month": AreaMonth._meta.db_table,
    "month_audience": AreaMonthAudience._meta.db_table,
    "assignment": Assignment._meta.db_table,
    "advisor": Advisor._meta.db_table,
}


def _sql(text, params):
    """``bench_floors._rows`` with the roll-up and assignment tables named too."""
    for name in ("month_audience", "month", "assignment", "advisor"):
        text = text.replace("{" + name + "}", R[name])
    return _rows(text, params)


def _keys(period, today):
    """(first month, last month, due months — [0] when none, so that ``IN (…)`` stays valid, and how many)."""
    first = period.start.year * 100 + period.start.month
    last = period.end.year * 100 + period.end.month
    due = [year * 100 + month for year, month in due_months(period.start, period.end, today)]
    return first, last, due or [0], len(due)


def village_rows_floor(period, code, today):
    """{village code: (events, attendees, residents, shifts, hours, home visits, months met, advisor,
    legal-savvy persons, last event, {audiences}, (name, kind, population, lat, lon, approximate, town
    code, town name, district seat lat, lon, residents under 18, residents 60+))} — two queries: every
    number and name a row of the app carries (the distance from the seat, the score and the gaps are
    arithmetic on these)."""
    first, last, due, _n_due = _keys(period, today)
    marks = ", ".join(["%s"] * len(due))
    rows = _sql(
        "SELECT v.id, v.code, COALESCE(SUM(m.events), 0), "
        "COALESCE(SUM(m.checkins), 0) + COALESCE(SUM(m.walk_ins), 0), COALESCE(SUM(m.residents), 0), "
        "COALESCE(SUM(m.shifts), 0), COALESCE(SUM(m.duty_hours), 0), COALESCE(SUM(m.home_visits), 0), "
        f"COUNT(m.id) FILTER (WHERE m.month IN ({marks}) AND m.duty_hours >= %s), "
        "(SELECT d.name FROM {assignment} s JOIN {advisor} d ON d.id = s.advisor_id WHERE s.village_id = v.id "
        " AND s.starts_on <= %s AND (s.ends_on IS NULL OR s.ends_on >= %s) ORDER BY s.starts_on DESC LIMIT 1), "
        "(SELECT COUNT(DISTINCT t.person_id) FROM {term} t WHERE t.village_id = v.id AND t.appointed_on <= %s "
        " AND (t.removed_on IS NULL OR t.removed_on > %s)), "
        "(SELECT MAX(e.starts_at) FROM {event} e WHERE e.area_id = v.id AND e.status = 'held' AND e.starts_at < %s), "
        "v.name, v.kind, v.population, v.lat, v.lon, v.coords_approximate, p.code, p.name, d.lat, d.lon, "
        "COALESCE(SUM(m.residents_under_18), 0), COALESCE(SUM(m.residents_60_plus), 0) "
        "FROM {area} v LEFT JOIN {area} p ON p.id = v.parent_id LEFT JOIN {area} d ON d.code = SUBSTR(v.code, 1, 6) "
        "LEFT JOIN {month} m ON m.area_id = v.id AND m.month BETWEEN %s AND %s "
        "WHERE v.code LIKE %s AND v.level = 'village' AND v.active GROUP BY v.id, p.id, d.id ORDER BY v.code",
        [
            *due,
            settings.DUTY_HOURS_PER_VILLAGE_MONTH,
            period.end,
            period.start,
            period.end,
            period.end,
            period.end_dt,
            first,
            last,
            code + "%",
        ],
    )
    audiences = {}
    for vid, audience in _sql(
        "SELECT DISTINCT a.area_id, a.audience FROM {month_audience} a JOIN {area} v ON v.id = a.area_id "
        "WHERE v.code LIKE %s AND a.month BETWEEN %s AND %s AND a.events > 0",
        [code + "%", first, last],
    ):
        audiences.setdefault(vid, set()).add(audience)
    return {row[1]: (*row[2:12], audiences.get(row[0], set()), row[12:]) for row in rows}


def check_village_rows(app_rows, floor):
    """Every number of every row, beside the floor's."""
    if len(app_rows) != len(floor):
        raise AssertionError(f"village_coverage: {len(app_rows)} villages, floor {len(floor)}")
    for row in app_rows:
        events, attendees, residents, shifts, hours, visits, met, advisor, savvy, last_at, audiences, place = floor[
            row.village
        ]
        name, _kind, population, lat, lon, _approximate, town, _town_name, seat_lat, seat_lon, young, old = place
        distance = haversine_km(seat_lat, seat_lon, lat, lon)
        if (row.name, row.town, row.population, row.residents_under_18, row.residents_60_plus) != (
            name,
            town or row.village[:9],
            population,
            young,
            old,
        ) or (row.distance_km is None) != (distance is None):
            raise AssertionError(f"village_coverage {row.village}: the place, distance or residents differ")
        got = (row.events, row.attendees, row.residents_reached, row.duty_shifts, row.home_visits)
        want = (events, attendees, residents, shifts, visits)
        if got != want or round(float(row.duty_hours), 2) != round(float(hours), 2):
            raise AssertionError(f"village_coverage {row.village}: app {got} {row.duty_hours}, floor {want} {hours}")
        if (row.duty_months_met, row.advisor, row.legal_savvy, set(row.audiences_reached)) != (
            met,
            advisor,
            savvy,
            audiences,
        ):
            raise AssertionError(f"village_coverage {row.village}: the advisor, persons, months or audiences differ")
        if (row.last_event_on is None) != (last_at is None):
            raise AssertionError(f"village_coverage {row.village}: the last event differs")


def area_rows_floor(period, code, length, today):
    """{child code prefix: (villages, events, attendees, residents, shifts, hours, home visits,
    villages without an event, villages meeting the duty, villages meeting the quota)} — three queries."""
    first, last, due, n_due = _keys(period, today)
    like = code + "%"
    villages = dict(
        _sql(
            f"SELECT SUBSTR(code, 1, {int(length)}), COUNT(*) FROM {{area}} "
            "WHERE code LIKE %s AND level = 'village' AND active GROUP BY 1",
            [like],
        )
    )
    required = round(float(period.months) * settings.DUTY_HOURS_PER_VILLAGE_MONTH, 1)
    marks = ", ".join(["%s"] * len(due))
    sums = _sql(
        f"SELECT SUBSTR(s.code, 1, {int(length)}), SUM(s.events), SUM(s.checkins) + SUM(s.walk_ins), "
        "SUM(CASE WHEN v.id IS NULL THEN 0 ELSE s.residents END), SUM(s.shifts), SUM(s.hours), SUM(s.visits), "
        "SUM(CASE WHEN v.id IS NOT NULL AND s.events > 0 THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN v.id IS NOT NULL AND ROUND(s.hours, 2) >= %s AND s.met >= %s THEN 1 ELSE 0 END) "
        "FROM (SELECT area_id, code, SUM(events) AS events, SUM(checkins) AS checkins, SUM(walk_ins) AS walk_ins, "
        "SUM(residents) AS residents, SUM(shifts) AS shifts, SUM(duty_hours) AS hours, SUM(home_visits) AS visits, "
        f"COUNT(*) FILTER (WHERE month IN ({marks}) AND duty_hours >= %s) AS met "
        "FROM {month} WHERE code LIKE %s AND month BETWEEN %s AND %s GROUP BY area_id, code) s "
        "LEFT JOIN {area} v ON v.id = s.area_id AND v.level = 'village' AND v.active GROUP BY 1",
        [required, n_due, *due, settings.DUTY_HOURS_PER_VILLAGE_MONTH, like, first, last],
    )
    quota = dict(
        _sql(
            f"SELECT SUBSTR(q.code, 1, {int(length)}), COUNT(*) FROM (SELECT v.code FROM {{term}} t "
            "JOIN {area} v ON v.id = t.village_id WHERE v.code LIKE %s AND v.level = 'village' AND v.active "
            "AND t.appointed_on <= %s AND (t.removed_on IS NULL OR t.removed_on > %s) "
            "GROUP BY v.code HAVING COUNT(DISTINCT t.person_id) >= %s) q GROUP BY 1",
            [like, period.end, period.end, settings.LEGAL_SAVVY_QUOTA],
        )
    )
    found = {}
    for prefix, events, attendees, residents, shifts, hours, visits, with_event, meeting in sums:
        n = villages.get(prefix, 0)
        found[prefix] = (n, events, attendees, residents, shifts, hours, visits, n - with_event, meeting)
    return {
        prefix: (*found.get(prefix, (n, 0, 0, 0, 0, 0, 0, n, 0)), quota.get(prefix, 0))
        for prefix, n in villages.items()
    }


def check_area_rows(app_rows, floor):
    for row in app_rows:
        if row.code not in floor:
            continue  # a child without villages
        n, events, attendees, residents, shifts, hours, visits, without, meeting, quota = floor[row.code]
        got = (row.villages, row.events, row.attendees, row.residents_reached, row.duty_shifts, row.home_visits)
        want = (n, events, attendees, residents, shifts, visits)
        if got != want or round(float(row.duty_hours), 2) != round(float(hours or 0), 2):
            raise AssertionError(f"area_coverage {row.code}: app {got}, floor {want}")
        if (row.villages_without_event, row.villages_meeting_duty, row.villages_meeting_quota) != (
            without,
            meeting,
            quota,
        ):
            raise AssertionError(
                f"area_coverage {row.code}: app {row.villages_without_event}/{row.villages_meeting_duty}/"
                f"{row.villages_meeting_quota}, floor {without}/{meeting}/{quota}"
            )
