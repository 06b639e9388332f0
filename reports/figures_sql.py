"""The database figures of ``annual_figures`` in hand-written SQL: nine aggregate statements, built once
per process from the models' tables.

Issue 17 holds annual_figures to 1.5× hand-written SQL computing the same numbers (``manage.py
benchmark``). Built with the ORM, its ten queries cost more to build than to run (about 1 ms of Python
each against a few ms of database at district level), so the figures are read here with plain SQL, as
the check-in path reads its event (outreach/services/checkin_sql.py). Each statement follows the ORM
definition named beside it, which the breakdowns in reports/figures.py keep using; tests/reports/
test_figures.py holds annual_figures to every edge of those definitions, and test_figures_floor.py to
the benchmark's floor.

"Under ``code``": the area's code is a prefix of the row's area code (``LIKE 'code%'``, the indexed
range scan the ORM's ``__startswith`` makes; codes are digits only). "In the year": dates from 1
January to 31 December, times from local midnight of 1 January to that of the next 1 January.
"""

from datetime import date, datetime
from functools import cache

from django.db import connection

from advisors.models import Assignment, DutyShift
from common.replica import read_connection
from legalsavvy.models import LegalSavvyActivity, LegalSavvyPerson, LegalSavvyTerm, VillageHonor
from outreach.models import CheckIn, Event, EventSeries
from places.models import Area

# The figure each DutyShift counter sums into.
DUTY_COUNTERS = {
    counter: ("advisor_outreach_sessions" if counter == "outreach_sessions" else counter)
    for counter in DutyShift.COUNTERS
}
# legalsavvy.quota.active_terms_q for the term ``t``: active on the day given twice.
ACTIVE = "t.appointed_on <= %s AND (t.removed_on IS NULL OR t.removed_on > %s)"


@cache
def statements():
    """{name: SQL} with the tables filled in (once: the tables never change in a process)."""
    tables = {
        "area": Area,
        "assignment": Assignment,
        "shift": DutyShift,
        "event": Event,
        "series": EventSeries,
        "checkin": CheckIn,
        "term": LegalSavvyTerm,
        "person": LegalSavvyPerson,
        "activity": LegalSavvyActivity,
        "honor": VillageHonor,
    }
    t = {name: connection.ops.quote_name(model._meta.db_table) for name, model in tables.items()}
    counters = ", ".join(f"SUM(s.{name})" for name in DUTY_COUNTERS)
    held = "a.code LIKE %s AND e.status = %s AND e.starts_at >= %s AND e.starts_at < %s"
    return {
        # legalsavvy.quota.quota_status: active villages, and those with `quota` persons active on 31 Dec.
        "villages": (
            f"SELECT COUNT(*), COUNT(*) FILTER (WHERE q.n >= %s) FROM {t['area']} v "
            f"LEFT JOIN (SELECT t.village_id, COUNT(DISTINCT t.person_id) AS n FROM {t['term']} t "
            f"JOIN {t['area']} tv ON tv.id = t.village_id WHERE tv.code LIKE %s AND {ACTIVE} "
            "GROUP BY t.village_id) q ON q.village_id = v.id "
            "WHERE v.code LIKE %s AND v.level = %s AND v.active"
        ),
        # figures.assignments_overlapping: advisors in force some day of the year in an active village.
        "advisors": (
            f"SELECT COUNT(DISTINCT g.advisor_id) FROM {t['assignment']} g JOIN {t['area']} v ON v.id = g.village_id "
            "WHERE v.code LIKE %s AND v.level = %s AND v.active AND g.starts_on <= %s "
            "AND (g.ends_on IS NULL OR g.ends_on >= %s)"
        ),
        # figures.shifts_in with advisors.duty.duty_totals: every shift dated in the year.
        "duty": (
            f"SELECT COUNT(*), COUNT(*) FILTER (WHERE s.mode = %s), SUM(s.hours), {counters} "
            f"FROM {t['shift']} s JOIN {t['area']} v ON v.id = s.village_id "
            "WHERE v.code LIKE %s AND s.date >= %s AND s.date <= %s"
        ),
        # figures.held_events: one row per series (NULL: events of no series).
        "events": (
            f"SELECT s.name, COUNT(*), SUM(e.walk_in_count) FROM {t['event']} e JOIN {t['area']} a ON a.id = e.area_id "
            f"LEFT JOIN {t['series']} s ON s.id = e.series_id WHERE {held} GROUP BY s.name ORDER BY s.name"
        ),
        # Live check-ins at those events (unique per phone per event, so rows = phones).
        "checkins": (
            f"SELECT COUNT(*) FROM {t['checkin']} c JOIN {t['event']} e ON e.id = c.event_id "
            f"JOIN {t['area']} a ON a.id = e.area_id WHERE NOT c.annulled AND {held}"
        ),
        # Persons active on 31 Dec (quota.active_person_ids), and new ones (figures.new_legal_savvy_terms).
        "legal_savvy": (
            f"SELECT COUNT(DISTINCT CASE WHEN {ACTIVE} THEN t.person_id END), "
            f"COUNT(DISTINCT CASE WHEN t.appointed_on >= %s AND NOT EXISTS (SELECT 1 FROM {t['term']} b "
            "WHERE b.person_id = t.person_id AND b.appointed_on < %s) THEN t.person_id END) "
            f"FROM {t['term']} t JOIN {t['area']} v ON v.id = t.village_id WHERE v.code LIKE %s AND t.appointed_on <= %s"
        ),
        # By the person's village.
        "activities": (
            f"SELECT x.kind, SUM(x.count) FROM {t['activity']} x JOIN {t['person']} p ON p.id = x.person_id "
            f"JOIN {t['area']} v ON v.id = p.village_id WHERE v.code LIKE %s AND x.date >= %s AND x.date <= %s "
            "GROUP BY x.kind ORDER BY x.kind"
        ),
        "honors": (
            f"SELECT h.title, h.level, h.status, COUNT(*) FROM {t['honor']} h JOIN {t['area']} v ON v.id = h.village_id "
            "WHERE v.code LIKE %s AND h.year = %s GROUP BY h.title, h.level, h.status ORDER BY h.title, h.level, h.status"
        ),
        "honor_villages": (
            f"SELECT v.code, v.name, town.name, h.title, h.level, h.status FROM {t['honor']} h "
            f"JOIN {t['area']} v ON v.id = h.village_id LEFT JOIN {t['area']} town ON town.id = v.parent_id "
            "WHERE v.code LIKE %s AND h.year = %s AND h.title = %s ORDER BY h.level, h.status, v.code"
        ),
    }


def _adapt(value):
    """Dates and times as the backend stores them (SQLite compares text)."""
    if isinstance(value, datetime):
        return connection.ops.adapt_datetimefield_value(value)
    if isinstance(value, date):
        return connection.ops.adapt_datefield_value(value)
    return value


def database_figures(bounds, year, code, quota):
    """The raw rows of every database figure of ``year`` under ``code``: {statement name: rows}.

    ``bounds`` is ``common.clock.year_bounds(year)``; ``quota`` the legal-savvy quota."""
    first, last, start, end = (_adapt(value) for value in bounds)
    like = code + "%"
    village, held = Area.Level.VILLAGE.value, Event.Status.HELD.value
    params = {
        "villages": [quota, like, last, last, like, village],
        "advisors": [like, village, last, first],
        "duty": [DutyShift.Mode.HOME_VISIT.value, like, first, last],
        "events": [like, held, start, end],
        "checkins": [like, held, start, end],
        "legal_savvy": [last, last, first, first, like, last],
        "activities": [like, first, last],
        "honors": [like, year],
        "honor_villages": [like, year, VillageHonor.Title.DEMOCRACY_RULE_OF_LAW_VILLAGE.value],
    }
    rows = {}
    with read_connection().cursor() as cursor:
        for name, sql in statements().items():
            cursor.execute(sql, params[name])
            rows[name] = cursor.fetchall()
    return rows
