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
``post_save`` is sent for the new row as ``Model.save()`` would (``created=True``).
"""

from datetime import timedelta

from django.db import connection, models
from django.db.models.signals import post_save
from django.utils import timezone

from outreach.models import CheckIn, Event

_statement = None
# Fields whose Python values psycopg sends as they are; any other field goes through get_db_prep_save.
PLAIN = (
    models.CharField,
    models.BooleanField,
    models.ForeignKey,
    models.DateTimeField,
    models.UUIDField,
    models.IntegerField,
)


def _compiled():
    """(sql, fields), built once from the model, so a field added to CheckIn is written too."""
    global _statement
    if _statement is None:
        assert CheckIn._meta.concrete_fields[0].primary_key
        fields = CheckIn._meta.concrete_fields[1:]
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
        _statement = (sql, [(field, isinstance(field, PLAIN)) for field in fields])
    return _statement


def _value(field, row, created):
    if getattr(field, "auto_now_add", False) or getattr(field, "auto_now", False):
        return created
    if field.is_relation:
        related = row.get(field.name)
        return related.pk if related is not None else row.get(field.attname)
    return row[field.name] if field.name in row else field.get_default()


def _window_params(enforce_window, now, window_minutes):
    """The parameters of the statements' shared tail: not cancelled, and inside the check-in window."""
    before, after = window_minutes
    return [
        Event.Status.CANCELLED.value,
        bool(enforce_window),
        now,
        timedelta(minutes=before),
        now,
        timedelta(minutes=after),
    ]


def insert_checkin(row, *, enforce_window, now, window_minutes):
    """Insert ``row`` (CheckIn field values, ``event`` among them) if its event still takes it and no
    live check-in of that phone (or entry with that ``client_id``) exists → the saved CheckIn, or None
    when nothing was inserted (the event refuses now, or a conflicting row exists: the caller looks)."""
    sql, fields = _compiled()
    created = timezone.now()
    values = [_value(field, row, created) for field, _plain in fields]
    params = [
        *(
            value if plain else field.get_db_prep_save(value, connection)
            for (field, plain), value in zip(fields, values)
        ),
        row["event"].pk,
        *_window_params(enforce_window, now, window_minutes),
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        found = cursor.fetchone()
    if found is None:
        return None
    checkin = CheckIn.from_db(connection.alias, None, [found[0], *values])
    for field, _plain in fields:
        if field.is_relation and row.get(field.name) is not None:
            field.set_cached_value(checkin, row[field.name])
    return _saved(checkin)


def _saved(checkin):
    """Tell post_save receivers (e.g. data-quality flags) about the row, as Model.save() would have."""
    post_save.send(
        sender=CheckIn, instance=checkin, created=True, update_fields=None, raw=False, using=connection.alias
    )
    return checkin


_event_select = None
# What check-in reads of the event (the refusals, the window, the audit entry); the rest loads if asked.
EVENT_COLUMNS = ["id", "title", "area", "starts_at", "ends_at", "status", "checkin_secret"]


def event_by_secret(secret):
    """The event of a check-in secret, or None: one plain SELECT of the event's own columns (the area is
    loaded only if asked for). Building the ORM query (a join, ordering, LIMIT) cost more than running it."""
    sql = _event_compiled()[0]
    with connection.cursor() as cursor:
        cursor.execute(sql, [secret])
        row = cursor.fetchone()
    return None if row is None else _event_from_row(row)


def _event_compiled():
    global _event_select
    if _event_select is None:
        fields = [Event._meta.get_field(name) for name in EVENT_COLUMNS]
        quote = connection.ops.quote_name
        columns = ", ".join(quote(field.column) for field in fields)
        sql = f"SELECT {columns} FROM {quote(Event._meta.db_table)} WHERE {quote('checkin_secret')} = %s"
        # The converters the ORM would apply (e.g. SQLite's text datetimes, the JSON fields).
        columns = [field.get_col(Event._meta.db_table) for field in fields]
        converters = [
            (i, col, connection.ops.get_db_converters(col) + col.get_db_converters(connection))
            for i, col in enumerate(columns)
        ]
        _event_select = (sql, [field.attname for field in fields], [c for c in converters if c[2]])
    return _event_select


def _event_from_row(values):
    """An Event (the EVENT_COLUMNS loaded) from the raw column values of ``_event_select``."""
    _sql, names, converters = _event_compiled()
    values = list(values)
    for i, col, functions in converters:
        for convert in functions:
            values[i] = convert(values[i], col, connection)
    return Event.from_db(connection.alias, names, values)


_scan_statement = None


def _scan_compiled():
    global _scan_statement
    if _scan_statement is None:
        sql, fields = _compiled()
        quote = connection.ops.quote_name
        checkin, event = quote(CheckIn._meta.db_table), quote(Event._meta.db_table)
        event_cols = [quote(Event._meta.get_field(name).column) for name in EVENT_COLUMNS]
        values = ", ".join(f"e.{quote('id')}" if field.name == "event" else "%s" for field, _plain in fields)
        columns = ", ".join(quote(field.column) for field, _plain in fields)
        on_e = f"e.{quote('status')} <> %s AND (NOT %s OR (%s >= e.{quote('starts_at')} - %s AND %s <= e.{quote('ends_at')} + %s))"
        _scan_statement = (
            f"WITH e AS (SELECT {', '.join(event_cols)} FROM {event} WHERE {quote('checkin_secret')} = %s FOR SHARE), "
            f"ins AS (INSERT INTO {checkin} ({columns}) SELECT {values} FROM e WHERE {on_e} "
            f"ON CONFLICT DO NOTHING RETURNING {quote('id')}) "
            f"SELECT {', '.join('e.' + col for col in event_cols)}, (SELECT {quote('id')} FROM ins) FROM e",
            fields,
        )
    return _scan_statement


def scan_and_insert(secret, row, *, enforce_window, now, window_minutes):
    """The public check-in in one statement: the event of ``secret`` read and share-locked, and ``row``
    (CheckIn field values without ``event``) inserted if the event takes it and no live row of that phone
    exists → (event or None when no event has this secret, the new CheckIn or None)."""
    sql, fields = _scan_compiled()
    created = timezone.now()
    values = [_value(field, row, created) for field, _plain in fields]
    params = [
        secret,
        *(
            value if plain else field.get_db_prep_save(value, connection)
            for (field, plain), value in zip(fields, values)
            if field.name != "event"
        ),
        *_window_params(enforce_window, now, window_minutes),
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        found = cursor.fetchone()
    if found is None:
        return None, None
    event = _event_from_row(found[:-1])
    if found[-1] is None:
        return event, None
    values = [event.pk if field.name == "event" else value for (field, _plain), value in zip(fields, values)]
    checkin = CheckIn.from_db(connection.alias, None, [found[-1], *values])
    CheckIn._meta.get_field("event").set_cached_value(checkin, event)
    for field, _plain in fields:
        if field.is_relation and row.get(field.name) is not None:
            field.set_cached_value(checkin, row[field.name])
    return event, _saved(checkin)
