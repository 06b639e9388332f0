"""The floors of ``manage.py benchmark``: hand-written SQL computing the same numbers as the app's reads.

A floor reads the same rows as the read it stands beside, with plain ``GROUP BY`` queries and no ORM,
no Python per row beyond putting the answer in a dict. What the app spends above it is its overhead:
the ratio ``seconds / floor_seconds`` in the benchmark's table. The numbers are checked against the
app's own (``check_*``), so a floor that computes something else fails the run instead of flattering it.
"""

from datetime import date, datetime

from django.conf import settings
from django.db import connection

from accounts.models import User
from advisors.models import Advisor, Assignment, DutyShift, DutyShiftTopic
from common.clock import year_bounds
from legalsavvy.models import LegalSavvyActivity, LegalSavvyPerson, LegalSavvyTerm, VillageHonor
from outreach.models import CheckIn, Event, EventAudience, EventSeries
from places.models import Area
from topics.models import Topic
from works.models import Award, Work

T = {
    "area": Area._meta.db_table,
    "shift": DutyShift._meta.db_table,
    "assignment": Assignment._meta.db_table,
    "event": Event._meta.db_table,
    "series": EventSeries._meta.db_table,
    "checkin": CheckIn._meta.db_table,
    "term": LegalSavvyTerm._meta.db_table,
    "person": LegalSavvyPerson._meta.db_table,
    "activity": LegalSavvyActivity._meta.db_table,
    "honor": VillageHonor._meta.db_table,
    "work": Work._meta.db_table,
    "award": Award._meta.db_table,
    "audience": EventAudience._meta.db_table,
    "advisor": Advisor._meta.db_table,
    "user": User._meta.db_table,
    "shift_topic": DutyShiftTopic._meta.db_table,
    "topic": Topic._meta.db_table,
}
COUNTERS = ", ".join(f"COALESCE(SUM(s.{name}), 0)" for name in DutyShift.COUNTERS)
DUTY_KEYS = ["advisor_outreach_sessions" if name == "outreach_sessions" else name for name in DutyShift.COUNTERS]
# A legal-savvy term (alias t) active on 31 December (two parameters: that day).
ACTIVE = "t.appointed_on <= %s AND (t.removed_on IS NULL OR t.removed_on > %s)"
# What annual_figures returns that is not read from the database: the floor need not compute these.
FIGURES_NOT_FROM_DATABASE = {"year", "area", "legal_savvy_quota", "narrative"}


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
    """Every number ``annual_figures`` reads from the database, one aggregate query per table or shape:
    the area's name; villages and those meeting the legal-savvy quota; advisors; the duty sums; held
    events, their walk-ins and series episodes; the live check-ins at those events; active and new
    legal-savvy persons; their activities by kind; honors by title, level and status and the honored
    villages; the year's works (titles, awarded first) and awards (highest level first).

    Left out, as they are not read from the database: ``year``, ``area`` (the arguments),
    ``legal_savvy_quota`` (the setting) and ``narrative`` (text written from the other figures)."""
    first, last, start, end = year_bounds(year)
    like = code + "%"
    quota = settings.LEGAL_SAVVY_QUOTA
    out = {}
    # Villages, and those with at least `quota` persons active on 31 December (terms under the area).
    out["area_name"], out["villages"], out["villages_meeting_legal_savvy_quota"] = _rows(
        "SELECT (SELECT name FROM {area} WHERE code = %s), COUNT(*), COUNT(*) FILTER (WHERE q.n >= %s) "
        "FROM {area} v LEFT JOIN (SELECT t.village_id, COUNT(DISTINCT t.person_id) AS n FROM {term} t "
        "JOIN {area} tv ON tv.id = t.village_id WHERE tv.code LIKE %s AND " + ACTIVE + " GROUP BY t.village_id) q "
        "ON q.village_id = v.id WHERE v.code LIKE %s AND v.level = 'village' AND v.active",
        [code, quota, like, last, last, like],
    )[0]
    out["advisors"] = _rows(
        "SELECT COUNT(DISTINCT g.advisor_id) FROM {assignment} g JOIN {area} v ON v.id = g.village_id "
        "WHERE v.code LIKE %s AND v.level = 'village' AND v.active AND g.starts_on <= %s "
        "AND (g.ends_on IS NULL OR g.ends_on >= %s)",
        [like, last, first],
    )[0][0]
    duty = _rows(
        "SELECT COUNT(*), COUNT(*) FILTER (WHERE s.mode = 'home_visit'), COALESCE(SUM(s.hours), 0), "
        + COUNTERS
        + " FROM {shift} s JOIN {area} v ON v.id = s.village_id WHERE v.code LIKE %s AND s.date BETWEEN %s AND %s",
        [like, first, last],
    )[0]
    out.update(zip(["duty_shifts", "home_visits", "duty_hours", *DUTY_KEYS], map(_number, duty)))
    held = "a.code LIKE %s AND e.status = 'held' AND e.starts_at >= %s AND e.starts_at < %s"
    by_series = _rows(
        "SELECT s.name, COUNT(*), COALESCE(SUM(e.walk_in_count), 0) FROM {event} e JOIN {area} a ON a.id = e.area_id "
        "LEFT JOIN {series} s ON s.id = e.series_id WHERE " + held + " GROUP BY s.name",
        [like, start, end],
    )
    checkins = _rows(
        "SELECT COUNT(*) FROM {checkin} c JOIN {event} e ON e.id = c.event_id JOIN {area} a ON a.id = e.area_id "
        "WHERE NOT c.annulled AND " + held,
        [like, start, end],
    )[0][0]
    out["events"] = sum(n for _name, n, _walk_ins in by_series)
    out["event_attendees"] = checkins + sum(int(walk_ins) for _name, _n, walk_ins in by_series)
    out["series_episodes"] = {name: n for name, n, _walk_ins in by_series if name is not None}
    # Active on 31 December; new: a first term anywhere starting in the year.
    out["legal_savvy_total"], out["legal_savvy_new"] = _rows(
        "SELECT COUNT(DISTINCT CASE WHEN " + ACTIVE + " THEN t.person_id END), "
        "COUNT(DISTINCT CASE WHEN t.appointed_on >= %s AND NOT EXISTS (SELECT 1 FROM {term} b "
        "WHERE b.person_id = t.person_id AND b.appointed_on < %s) THEN t.person_id END) "
        "FROM {term} t JOIN {area} v ON v.id = t.village_id WHERE v.code LIKE %s AND t.appointed_on <= %s",
        [last, last, first, first, like, last],
    )[0]
    out["legal_savvy_activities"] = {
        kind: _number(n)
        for kind, n in _rows(
            "SELECT x.kind, SUM(x.count) FROM {activity} x JOIN {person} p ON p.id = x.person_id "
            "JOIN {area} v ON v.id = p.village_id WHERE v.code LIKE %s AND x.date BETWEEN %s AND %s GROUP BY x.kind",
            [like, first, last],
        )
    }
    out["honors"] = {
        f"{title}:{level}:{status}": n
        for title, level, status, n in _rows(
            "SELECT h.title, h.level, h.status, COUNT(*) FROM {honor} h JOIN {area} v ON v.id = h.village_id "
            "WHERE v.code LIKE %s AND h.year = %s GROUP BY h.title, h.level, h.status",
            [like, year],
        )
    }
    honored = ["village", "name", "town", "title", "level", "status"]
    out["honor_villages"] = [
        dict(zip(honored, row))
        for row in _rows(
            "SELECT v.code, v.name, COALESCE(t.name, ''), h.title, h.level, h.status FROM {honor} h "
            "JOIN {area} v ON v.id = h.village_id LEFT JOIN {area} t ON t.id = v.parent_id "
            "WHERE v.code LIKE %s AND h.year = %s AND h.title = %s ORDER BY h.level, h.status, v.code",
            [like, year, VillageHonor.Title.DEMOCRACY_RULE_OF_LAW_VILLAGE],
        )
    ]
    # Each title once, where it first comes by (created_at, id); titles with an award first.
    titles = _rows(
        "SELECT title FROM (SELECT w.title, ROW_NUMBER() OVER (ORDER BY w.created_at, w.id) AS pos, "
        "CASE WHEN EXISTS (SELECT 1 FROM {award} x WHERE x.work_id = w.id) THEN 1 ELSE 0 END AS awarded "
        "FROM {work} w JOIN {area} a ON a.id = w.area_id WHERE a.code LIKE %s AND w.year = %s) ranked "
        "GROUP BY title ORDER BY MAX(awarded) DESC, MIN(pos)",
        [like, year],
    )
    out["works"] = {"count": len(titles), "titles": [title for (title,) in titles]}
    award = ["title", "level", "awarding_body", "recipient_kind", "recipient"]
    out["awards"] = [
        dict(zip(award, row))
        for row in _rows(
            "SELECT x.title, x.level, x.awarding_body, x.recipient_kind, x.recipient FROM {award} x "
            "JOIN {area} a ON a.id = x.area_id WHERE a.code LIKE %s AND x.year = %s ORDER BY "
            "CASE x.level WHEN 'national' THEN 0 WHEN 'provincial' THEN 1 WHEN 'city' THEN 2 "
            "WHEN 'district' THEN 3 ELSE 9 END, x.id",
            [like, year],
        )
    ]
    return out


def _number(value):
    """As the figures give a sum: an int, or a float rounded to 0.01 (the backends return Decimal or float)."""
    if value is None:
        return 0
    if isinstance(value, int):
        return value
    value = round(float(value), 2)
    return int(value) if value.is_integer() else value


def check_figures(app, floor):
    """Every number of the floor equals the app's (a floor computing less or something else fails)."""
    missing = sorted(set(app) - FIGURES_NOT_FROM_DATABASE - set(floor))
    if missing:
        raise AssertionError(f"the figures floor does not compute {missing}")
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
