"""Writes for events and check-ins. Every path that records attendance calls ``perform_checkin``.

Check-in follows pretix's design: the QR carries only an unguessable secret; one service
function decides; refusals are stable codes; the database (a partial unique constraint on
event + phone among live check-ins) is what guarantees a phone is never counted twice.
"""

import hashlib
import hmac
import re
from collections.abc import Mapping
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts import audit
from accounts.models import AuditEntry
from common.errors import Refusal, coded
from common.phones import normalize_mobile
from outreach.errors import CheckinError, CheckinRefusal, CheckinRefused
from outreach.models import CheckIn, Event, RetiredCheckinSecret
from places.models import Area

from ._common import _is_user, _local_date
from .checkin_sql import event_by_secret, insert_checkin, scan_and_insert


class CheckinOutcome(models.TextChoices):
    OK = "ok", _("Checked in")
    ALREADY_CHECKED_IN = "already_checked_in", _("Already checked in")


@dataclass
class CheckinResult:
    status: str  # CheckinOutcome value
    checkin: CheckIn
    event: Event

    @property
    def created(self):
        return self.status == CheckinOutcome.OK

    @property
    def checked_in_at(self):
        return self.checkin.created_at


# --- The check-in window -------------------------------------------------------------------


def checkin_window(event):
    """(opens, closes) of self check-in: settings minutes around the event's times."""
    opens = event.starts_at - timedelta(minutes=settings.CHECKIN_OPENS_MINUTES_BEFORE)
    closes = event.ends_at + timedelta(minutes=settings.CHECKIN_CLOSES_MINUTES_AFTER)
    return opens, closes


def _refusal_for(event, *, enforce_window, now):
    if event.status == Event.Status.CANCELLED:
        return CheckinRefusal.CANCELLED
    if enforce_window:
        opens, closes = checkin_window(event)
        if now < opens:
            return CheckinRefusal.NOT_OPEN
        if now > closes:
            return CheckinRefusal.CLOSED
    return None


SECRET_SHAPE = re.compile(r"[A-Za-z0-9_-]{1,64}")


def event_for_secret(secret, *, enforce_window=True, now=None, with_area=True):
    """The event a scanned secret opens, or CheckinRefused (invalid, revoked, cancelled, …).
    ``with_area=False`` (perform_checkin): the event's own columns only, in one plain SELECT."""
    now = now or timezone.now()
    secret = str(secret or "")
    if not SECRET_SHAPE.fullmatch(secret):
        # Not something new_secret() makes (e.g. a NUL byte PostgreSQL would choke on).
        raise CheckinRefused(CheckinRefusal.INVALID)
    if with_area:
        event = Event.objects.select_related("area").filter(checkin_secret=secret).first()
    else:
        event = event_by_secret(secret)
    if event is None:
        retired = RetiredCheckinSecret.objects.select_related("event").filter(secret=secret).first()
        if retired is not None:
            raise CheckinRefused(CheckinRefusal.REVOKED, retired.event)
        raise CheckinRefused(CheckinRefusal.INVALID)
    refusal = _refusal_for(event, enforce_window=enforce_window, now=now)
    if refusal:
        raise CheckinRefused(refusal, event)
    return event


# --- Attendee data -------------------------------------------------------------------------

TRUE_STRINGS = {"true", "on", "1", "yes"}
# The choices' values, built once (TextChoices.values builds a new list on every call).
GENDERS = frozenset(CheckIn.Gender.values)
AGE_GROUPS = frozenset(CheckIn.AgeGroup.values)
OCCUPATIONS = frozenset(CheckIn.Occupation.values)


def _as_bool(value):
    if isinstance(value, bool):
        return value
    return isinstance(value, (str, int)) and str(value).strip().lower() in TRUE_STRINGS


def _text(value):
    return value.strip() if isinstance(value, str) else ""


def clean_attendee(data, *, require_consent, allow_blank_phone=False):
    """Validate and normalize attendee data (a mapping) → dict for CheckIn, or ValidationError.
    ``allow_blank_phone`` (paper sheets): no phone is accepted and marked ``phone_unverified``."""
    if not isinstance(data, Mapping):
        raise ValidationError({"non_field_errors": [coded(CheckinError.NOT_AN_OBJECT)]})
    errors = {}
    cleaned = {}

    name = _text(data.get("name"))
    if not name:
        errors["name"] = [coded(CheckinError.NAME_REQUIRED)]
    elif "\x00" in name:
        errors["name"] = [coded(CheckinError.NULL_CHARACTER)]
    elif len(name) > 50:
        errors["name"] = [coded(CheckinError.NAME_TOO_LONG)]
    cleaned["name"] = name

    raw_phone = data.get("phone") if isinstance(data.get("phone"), (str, int)) else ""
    if allow_blank_phone and not str(raw_phone).strip():
        cleaned["phone"], cleaned["phone_unverified"] = "", True
    else:
        try:
            cleaned["phone"] = normalize_mobile(raw_phone)
        except ValidationError as error:
            errors["phone"] = error.error_list

    gender = _text(data.get("gender")) or CheckIn.Gender.UNSPECIFIED
    if gender not in GENDERS:
        errors["gender"] = [coded(CheckinError.BAD_GENDER)]
    cleaned["gender"] = gender

    for field, choices, code in (
        ("age_group", AGE_GROUPS, CheckinError.BAD_AGE_GROUP),
        ("occupation", OCCUPATIONS, CheckinError.BAD_OCCUPATION),
    ):
        value = _text(data.get(field))
        if value not in choices:
            errors[field] = [coded(code)]
        cleaned[field] = value

    village = data.get("home_village")
    cleaned["home_village"] = None
    if isinstance(village, Area):
        cleaned["home_village"] = village
    elif village not in (None, ""):
        code = str(village).strip() if isinstance(village, (str, int)) else ""
        found = None
        if code.isdigit() and len(code) <= 12:
            found = Area.objects.villages().active().filter(code=code).first()
        if found is None:
            errors["home_village"] = [coded(CheckinError.BAD_HOME_VILLAGE)]
        cleaned["home_village"] = found

    if require_consent and not _as_bool(data.get("consent")):
        errors["consent"] = [coded(CheckinError.CONSENT_REQUIRED)]

    if errors:
        raise ValidationError(errors)
    return cleaned


# --- perform_checkin -------------------------------------------------------------------------


def hash_client_address(address):
    """A keyed hash of a client address (HMAC-SHA256 with SECRET_KEY): equal addresses match, the
    address itself cannot be read back. None stays None."""
    if not address:
        return None
    return hmac.new(settings.SECRET_KEY.encode(), str(address).encode(), hashlib.sha256).hexdigest()


def perform_checkin(
    secret_or_event,
    attendee,
    method=CheckIn.Method.SELF,
    user=None,
    enforce_window=True,
    require_consent=None,
    now=None,
    client_address=None,
    allow_blank_phone=False,
    client_id=None,
):
    """Check one attendee in. Used by the attendee page, the organizer pages and both API endpoints.

    ``secret_or_event``: the scanned secret (str) or an Event (organizer paths).
    Returns CheckinResult with status ``ok`` (new row) or ``already_checked_in`` (the first
    check-in of that phone; nothing new counted). Raises CheckinRefused for refusals and
    ValidationError for bad attendee data. ``client_address`` (the public page and API pass the
    request's) is stored only as ``hash_client_address``, for the data-quality flags.
    ValidationError for bad attendee data. ``client_id``: the nonce of an entry queued on a door-mode
    device; an entry sent again (same nonce) answers ``already_checked_in`` with the first one.
    """
    now = now or timezone.now()
    if require_consent is None:
        require_consent = method == CheckIn.Method.SELF
    if isinstance(secret_or_event, Event):
        event = secret_or_event
        refusal = _refusal_for(event, enforce_window=enforce_window, now=now)
        if refusal:
            raise CheckinRefused(refusal, event)
    elif connection.vendor == "postgresql":
        event = None  # read with the insert, in one statement (_scan)
    else:
        event = event_for_secret(secret_or_event, enforce_window=enforce_window, now=now, with_area=False)
    try:
        data = clean_attendee(attendee, require_consent=require_consent, allow_blank_phone=allow_blank_phone)
    except ValidationError:
        if event is None:  # a refused secret is answered before the attendee's data
            event_for_secret(secret_or_event, enforce_window=enforce_window, now=now, with_area=False)
        raise

    row = {
        "method": method,
        "created_by": user if _is_user(user) else None,
        "client_hash": hash_client_address(client_address),
        "client_id": client_id,
        **data,
    }
    audited = method != CheckIn.Method.SELF
    # Self check-ins happen live and need no audit entry: on PostgreSQL their write is one statement
    # that commits by itself (checkin_sql.py). Entries made after the fact change a ledger: audited.
    with transaction.atomic() if audited else nullcontext():
        if event is None:
            status, checkin, event = _scan(secret_or_event, row, enforce_window=enforce_window, now=now)
        else:
            status, checkin = _write({**row, "event": event}, enforce_window=enforce_window, now=now)
        if audited and status == CheckinOutcome.OK:
            audit.record(
                user,
                checkin,
                AuditEntry.Action.CREATE,
                area_code=event.area.code,
                record_date=_local_date(event.starts_at),
                summary=f"{event.title}: {checkin.get_method_display()}",
            )
    return CheckinResult(status, checkin, event)


def _scan(secret, row, *, enforce_window, now):
    """PostgreSQL, a scanned secret: the event read, share-locked and written to in one statement →
    (status, check-in, event). Anything but a new row is sorted out by the slower paths."""
    if not SECRET_SHAPE.fullmatch(str(secret or "")):
        raise CheckinRefused(CheckinRefusal.INVALID)
    window = (settings.CHECKIN_OPENS_MINUTES_BEFORE, settings.CHECKIN_CLOSES_MINUTES_AFTER)
    event, checkin = scan_and_insert(secret, row, enforce_window=enforce_window, now=now, window_minutes=window)
    if event is None:  # an unknown or retired secret: the refusal says which
        event = event_for_secret(secret, enforce_window=enforce_window, now=now, with_area=False)
    elif checkin is not None:
        return CheckinOutcome.OK, checkin, event
    row = {**row, "event": event}
    refusal = _refusal_for(event, enforce_window=enforce_window, now=now)
    if refusal:
        raise CheckinRefused(refusal, event)
    existing = _existing(event, row)
    if existing is not None:
        return CheckinOutcome.ALREADY_CHECKED_IN, existing, event
    return (*_write(row, enforce_window=enforce_window, now=now), event)


def _write(row, *, enforce_window, now):
    """(status, check-in): the new row, or the live one of that phone / client_id. CheckinRefused when
    the event stopped taking check-ins (cancelled, window moved) since it was read."""
    if connection.vendor != "postgresql":
        return _write_locked(row, enforce_window=enforce_window, now=now)
    event = row["event"]
    window = (settings.CHECKIN_OPENS_MINUTES_BEFORE, settings.CHECKIN_CLOSES_MINUTES_AFTER)
    for _attempt in range(3):
        checkin = insert_checkin(row, enforce_window=enforce_window, now=now, window_minutes=window)
        if checkin is not None:
            return CheckinOutcome.OK, checkin
        # Nothing inserted: either the event refuses now, or a live row of this phone (or entry with
        # this client_id) exists. Both reads see what committed before the statement's end.
        refusal = _refusal_for(_event_state(event), enforce_window=enforce_window, now=now)
        if refusal:
            raise CheckinRefused(refusal, event)
        existing = _existing(event, row)
        if existing is not None:
            return CheckinOutcome.ALREADY_CHECKED_IN, existing
        # The conflicting row was annulled or purged in between: try again.
    raise IntegrityError(f"check-in of event {event.pk} neither inserted nor found")


def _write_locked(row, *, enforce_window, now):
    """The portable write (SQLite): the event row locked (a no-op where the database serializes
    writers), its state re-read, a pre-check, the insert in a savepoint (a lost race is caught by
    the unique constraint and answered from the row that won)."""
    event = row["event"]
    with transaction.atomic():
        locked = _lock_event(event)
        refusal = _refusal_for(locked, enforce_window=enforce_window, now=now)
        if refusal:
            raise CheckinRefused(refusal, event)
        existing = _existing(event, row)
        if existing is not None:
            return CheckinOutcome.ALREADY_CHECKED_IN, existing
        try:
            # A savepoint, so a lost race leaves the outer transaction usable.
            with transaction.atomic():
                return CheckinOutcome.OK, CheckIn.objects.create(**row)
        except IntegrityError:
            existing = _existing(event, row)
            if existing is None:
                raise
            return CheckinOutcome.ALREADY_CHECKED_IN, existing


def _existing(event, row):
    """The entry sent before with this client_id, else the live check-in of this phone. A row without
    a phone cannot be matched to an earlier one: it counts once, as it is."""
    existing = CheckIn.objects.filter(client_id=row["client_id"]).first() if row["client_id"] else None
    return existing or (_live_checkin(event, row["phone"]) if row["phone"] else None)


def _event_state(event):
    return Event.objects.only("id", "status", "starts_at", "ends_at").get(pk=event.pk)


def _lock_event(event):
    return Event.objects.select_for_update().only("id", "status", "starts_at", "ends_at").get(pk=event.pk)


def _live_checkin(event, phone):
    return CheckIn.objects.filter(event=event, phone=phone, annulled=False, personal_data_purged=False).first()


# --- Annulment ---------------------------------------------------------------------------------


def annul_deadline(checkin):
    """The last moment a check-in may be annulled: CHECKIN_ANNUL_MINUTES after it was made."""
    return checkin.created_at + timedelta(minutes=settings.CHECKIN_ANNUL_MINUTES)


def can_annul(checkin, now=None):
    """Whether ``annul_checkin`` would accept this check-in now (the attendee list offers the button)."""
    return not checkin.annulled and (now or timezone.now()) <= annul_deadline(checkin)


def annul_checkin(user, checkin, now=None, reason=""):
    """Mark a wrong check-in annulled (kept, not counted) within CHECKIN_ANNUL_MINUTES of it.
    ``reason`` (why it was wrong) is kept on the check-in and in the audit entry."""
    now = now or timezone.now()
    reason = (reason or "").strip()[:200]
    with transaction.atomic():
        checkin = CheckIn.objects.select_for_update().select_related("event__area").get(pk=checkin.pk)
        if checkin.annulled:
            raise Refusal(CheckinError.ALREADY_ANNULLED)
        if now > annul_deadline(checkin):
            raise Refusal(CheckinError.ANNUL_TOO_LATE, minutes=settings.CHECKIN_ANNUL_MINUTES)
        checkin.annulled = True
        checkin.annulled_at = now
        checkin.annulled_by = user if _is_user(user) else None
        checkin.annul_reason = reason
        checkin.save(update_fields=["annulled", "annulled_at", "annulled_by", "annul_reason"])
        event = checkin.event
        audit.record(
            user,
            checkin,
            AuditEntry.Action.ANNUL,
            area_code=event.area.code,
            record_date=_local_date(event.starts_at),
            changes={"annulled": [False, True], **({"annul_reason": ["", reason]} if reason else {})},
            summary=f"{event.title}: {_('check-in annulled')}" + (f" ({reason})" if reason else ""),
        )
    return checkin
