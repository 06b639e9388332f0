"""The write of one check-in row on PostgreSQL: one statement, no transaction block, no savepoint.

    INSERT INTO outreach_checkin (…) SELECT … FROM outreach_event WHERE id = … AND status <> 'cancelled'
        AND <inside the check-in window> FOR SHARE ON CONFLICT DO NOTHING RETURNING id

- ``FOR SHARE`` on the event row: check-ins of one event share the lock, so they run side by side
  (``FOR UPDATE`` made them queue). Any change of the event row waits for the check-ins in flight:
  ``update_event`` (and so cancelling) takes ``FOR UPDATE``, and even a plain ``UPDATE`` conflicts with
  ``FOR SHARE`` (``FOR KEY SHARE`` would let a plain ``UPDATE`` of the status through). A check-in that
  comes while the event row is being changed waits, and READ COMMITTED then re-checks the ``WHERE``
  on the committed row: nothing is inserted into an event cancelled a moment ago.
- The status and the window are checked in the same statement, under the lock.
- ``ON CONFLICT DO NOTHING`` leaves the decision to the unique indexes: the partial unique index on
  (event, phone) among live check-ins and the unique ``client_id``. A repeat inserts nothing and
  returns no row; ``perform_checkin`` then answers it from the row already there.

Outside a transaction (the public check-in) the statement commits by itself: one round trip.
"""

from datetime import timedelta

from django.db import connection

from outreach.models import CheckIn, Event

_statement = None


def _compiled():
    """(sql, fields), built once from the model, so a field added to CheckIn is written too."""
    global _statement
    if _statement is None:
        fields = [field for field in CheckIn._meta.concrete_fields if not field.primary_key]
        quote = connection.ops.quote_name
        checkin, event = quote(CheckIn._meta.db_table), quote(Event._meta.db_table)
        columns = ", ".join(quote(field.column) for field in fields)
        values = ", ".join(["%s"] * len(fields))
        sql = (
            f"INSERT INTO {checkin} ({columns}) SELECT {values} FROM {event} "
            f"WHERE {event}.{quote('id')} = %s AND {event}.{quote('status')} <> %s "
            f"AND (NOT %s OR (%s >= {event}.{quote('starts_at')} - %s AND %s <= {event}.{quote('ends_at')} + %s)) "
            f"FOR SHARE ON CONFLICT DO NOTHING RETURNING {checkin}.{quote('id')}"
        )
        _statement = (sql, fields)
    return _statement


def insert_checkin(row, *, enforce_window, now, window_minutes):
    """Insert ``row`` (CheckIn field values, ``event`` among them) if its event still takes it and no
    live check-in of that phone (or entry with that ``client_id``) exists → the saved CheckIn, or None
    when nothing was inserted (the event refuses now, or a conflicting row exists: the caller looks)."""
    sql, fields = _compiled()
    checkin = CheckIn(**row)
    values = [field.get_db_prep_save(field.pre_save(checkin, True), connection) for field in fields]
    before, after = window_minutes
    params = [
        *values,
        checkin.event_id,
        Event.Status.CANCELLED.value,
        bool(enforce_window),
        now,
        timedelta(minutes=before),
        now,
        timedelta(minutes=after),
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        found = cursor.fetchone()
    if found is None:
        return None
    checkin.pk = found[0]
    checkin._state.adding = False
    checkin._state.db = connection.alias
    return checkin
