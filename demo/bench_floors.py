"""The floors of ``manage.py benchmark``: hand-written SQL computing the same numbers as the app's reads.

A floor reads the same rows as the read it stands beside, with plain ``GROUP BY`` queries and no ORM,
no Python per row beyond putting the answer in a dict. What the app spends above it is its overhead:
the ratio ``seconds / floor_seconds`` in the benchmark's table. The numbers are checked against the
app's own (``check_*``), so a floor that computes something else fails the run instead of flattering it.
"""

from datetime import date, datetime

from django.db import connection

from accounts.models import User
from advisors.models import Advisor, DutyShift, DutyShiftTopic
from common.clock import year_bounds
from legalsavvy.models import LegalSavvyTerm
from outreach.models import CheckIn, Event, EventAudience
from places.models import Area
from topics.models import Topic

T = {
    "area": Area._meta.db_table,
    "shift": DutyShift._meta.db_table,
    "event": Event._meta.db_table,
    "checkin": CheckIn._meta.db_table,
    "term": LegalSavvyTerm._meta.db_table,
    "audience": EventAudience._meta.db_table,
    "advisor": Advisor._meta.db_table,
    "user": User._meta.db_table,
    "shift_topic": DutyShiftTopic._meta.db_table,
    "topic": Topic._meta.db_table,
}
COUNTERS = ", ".join(f"COALESCE(SUM(s.{name}), 0)" for name in DutyShift.COUNTERS)


def _rows(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql.format(**T), [_adapt(value) for value in params])
        return cursor.fetchall()


def _adapt(value):
    """Dates and datetimes as the backend stores them (SQLite compares text)."""
    if isinstance(value, datetime):
        return connection.ops.adapt_datetimefield_value(value)
    if isinstance(value, date):
        return connection.ops.adapt_datefield_value(value)
    return value


def figures_floor(year, code):
    """The figures' core numbers: villages, duty sums, held events and their attendees, active
    legal-savvy persons on 31 December — one aggregate query per table."""
    first, last, start, end = year_bounds(year)
    like = code + "%"
    villages = _rows("SELECT COUNT(*) FROM {area} WHERE code LIKE %s AND level = 'village' AND active", [like])[0][0]
    duty = _rows(
        "SELECT COUNT(*), COUNT(*) FILTER (WHERE s.mode = 'home_visit'), COALESCE(SUM(s.hours), 0), "
        + COUNTERS
        + " FROM {shift} s JOIN {area} v ON v.id = s.village_id WHERE v.code LIKE %s AND s.date BETWEEN %s AND %s",
        [like, first, last],
    )[0]
    events = _rows(
        "SELECT COUNT(*), COALESCE(SUM(e.walk_in_count), 0), COALESCE(SUM(c.n), 0) FROM {event} e "
        "JOIN {area} a ON a.id = e.area_id "
        "LEFT JOIN (SELECT event_id, COUNT(*) AS n FROM {checkin} WHERE NOT annulled GROUP BY event_id) c "
        "ON c.event_id = e.id "
        "WHERE a.code LIKE %s AND e.status = 'held' AND e.starts_at >= %s AND e.starts_at < %s",
        [like, start, end],
    )[0]
    savvy = _rows(
        "SELECT COUNT(DISTINCT t.person_id) FROM {term} t JOIN {area} v ON v.id = t.village_id "
        "WHERE v.code LIKE %s AND t.appointed_on <= %s AND (t.removed_on IS NULL OR t.removed_on > %s)",
        [like, last, last],
    )[0][0]
    return {
        "villages": villages,
        "duty_shifts": duty[0],
        "home_visits": duty[1],
        "events": events[0],
        "event_attendees": int(events[1]) + int(events[2]),
        "legal_savvy_total": savvy,
    }


def check_figures(app, floor):
    wrong = {key: (app.get(key), value) for key, value in floor.items() if app.get(key) != value}
    if wrong:
        raise AssertionError(f"annual_figures and its floor disagree (app, floor): {wrong}")


def coverage_floor(period, code):
    """Per active village under ``code``: held events, walk-ins, check-ins at them, residents reached
    (check-ins at held events in the period by home village), shifts, hours, home visits."""
    like = code + "%"
    rows = {
        vid: [vcode, 0, 0, 0, 0, 0, 0, 0]
        for vid, vcode in _rows(
            "SELECT id, code FROM {area} WHERE code LIKE %s AND level = 'village' AND active ORDER BY code", [like]
        )
    }
    span = [period.start_dt, period.end_dt]
    for vid, events, walk_ins in _rows(
        "SELECT e.area_id, COUNT(*), COALESCE(SUM(e.walk_in_count), 0) FROM {event} e JOIN {area} a ON a.id = e.area_id "
        "WHERE a.code LIKE %s AND e.status = 'held' AND e.starts_at >= %s AND e.starts_at < %s GROUP BY e.area_id",
        [like, *span],
    ):
        if vid in rows:
            rows[vid][1:3] = [events, walk_ins]
    for vid, here in _rows(
        "SELECT e.area_id, COUNT(*) FROM {checkin} c JOIN {event} e ON e.id = c.event_id "
        "JOIN {area} a ON a.id = e.area_id WHERE a.code LIKE %s AND NOT c.annulled AND e.status = 'held' "
        "AND e.starts_at >= %s AND e.starts_at < %s GROUP BY e.area_id",
        [like, *span],
    ):
        if vid in rows:
            rows[vid][3] = here
    for vid, residents in _rows(
        "SELECT c.home_village_id, COUNT(*) FROM {checkin} c JOIN {event} e ON e.id = c.event_id "
        "JOIN {area} a ON a.id = c.home_village_id WHERE a.code LIKE %s AND NOT c.annulled AND e.status = 'held' "
        "AND e.starts_at >= %s AND e.starts_at < %s GROUP BY c.home_village_id",
        [like, *span],
    ):
        if vid in rows:
            rows[vid][4] = residents
    for vid, shifts, hours, visits in _rows(
        "SELECT s.village_id, COUNT(*), COALESCE(SUM(s.hours), 0), COUNT(*) FILTER (WHERE s.mode = 'home_visit') "
        "FROM {shift} s JOIN {area} v ON v.id = s.village_id WHERE v.code LIKE %s AND s.date BETWEEN %s AND %s "
        "GROUP BY s.village_id",
        [like, period.start, period.end],
    ):
        if vid in rows:
            rows[vid][5:8] = [shifts, hours, visits]
    return list(rows.values())


def check_coverage(app_rows, floor_rows):
    """The app's rows carry the same villages and the same event and duty counts."""
    if not app_rows or not hasattr(app_rows[0], "village"):
        return  # another shape (roll-ups by district or town): only the timing is compared
    app = {row.village: row for row in app_rows}
    if len(app) != len(floor_rows):
        raise AssertionError(f"village_coverage: {len(app)} villages, floor {len(floor_rows)}")
    for code, events, _walk_ins, _here, _residents, shifts, _hours, _visits in floor_rows[:50]:
        row = app[code]
        got = (getattr(row, "events", events), getattr(row, "duty_shifts", shifts))
        if got != (events, shifts):
            raise AssertionError(f"village_coverage {code}: app {got}, floor {(events, shifts)}")


def event_list_floor(code, page_size):
    """The first page of events under ``code`` as the API orders it (newest first): the count, the
    rows with their live attendee counts, and their audiences."""
    like = code + "%"
    count = _rows("SELECT COUNT(*) FROM {event} e JOIN {area} a ON a.id = e.area_id WHERE a.code LIKE %s", [like])[0][0]
    page = _rows(
        "SELECT e.id, e.title, e.kind, e.sector, e.status, e.starts_at, e.ends_at, e.venue, e.walk_in_count, "
        "a.code, a.name, (SELECT COUNT(*) FROM {checkin} c WHERE c.event_id = e.id AND NOT c.annulled) "
        "FROM {event} e JOIN {area} a ON a.id = e.area_id WHERE a.code LIKE %s "
        "ORDER BY e.starts_at DESC, e.id DESC LIMIT %s",
        [like, page_size],
    )
    ids = [row[0] for row in page]
    audiences = {}
    if ids:
        marks = ", ".join(["%s"] * len(ids))
        for event_id, audience in _rows(
            f"SELECT event_id, audience FROM {{audience}} WHERE event_id IN ({marks})", ids
        ):
            audiences.setdefault(event_id, []).append(audience)
    return count, [(*row, audiences.get(row[0], [])) for row in page]


def shift_list_floor(code, page_size):
    """The first page of duty shifts under ``code`` as the API orders it (newest first): the exact
    count, the rows with their advisor's name, village and approver, and their topic counts."""
    like = code + "%"
    count = _rows("SELECT COUNT(*) FROM {shift} s JOIN {area} v ON v.id = s.village_id WHERE v.code LIKE %s", [like])
    counters = ", ".join(f"s.{name}" for name in DutyShift.COUNTERS)
    page = _rows(
        "SELECT s.id, s.advisor_id, v.code, s.date, s.start_time, s.end_time, s.hours, s.mode, "
        + counters
        + ", s.notes, s.verified_presence, s.approved_at, u.username, s.state, s.review_comment, a.name, v.name, "
        "s.created_at, s.updated_at FROM {shift} s JOIN {area} v ON v.id = s.village_id "
        "JOIN {advisor} a ON a.id = s.advisor_id LEFT JOIN {user} u ON u.id = s.approved_by_id "
        "WHERE v.code LIKE %s ORDER BY s.date DESC, s.start_time DESC, s.id DESC LIMIT %s",
        [like, page_size],
    )
    ids = [row[0] for row in page]
    topics = {}
    if ids:
        marks = ", ".join(["%s"] * len(ids))
        for shift_id, topic, number in _rows(
            f"SELECT st.shift_id, t.code, st.count FROM {{shift_topic}} st JOIN {{topic}} t ON t.id = st.topic_id "
            f"WHERE st.shift_id IN ({marks})",
            ids,
        ):
            topics.setdefault(shift_id, {})[topic] = number
    return count[0][0], [(*row, topics.get(row[0], {})) for row in page]
