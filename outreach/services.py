"""Writes for events and check-ins. Every path that records attendance calls ``perform_checkin``.

Check-in follows pretix's design: the QR carries only an unguessable secret; one service
function decides; refusals are stable codes; the database (a partial unique constraint on
event + phone among live check-ins) is what guarantees a phone is never counted twice.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts import audit
from accounts.models import AuditEntry
from accounts.scopes import in_scope
from advisors.models import Advisor
from common.phones import normalize_mobile
from common.qr import new_secret
from legalsavvy.models import LegalSavvyPerson
from places.models import Area

from .models import CheckIn, Event, EventAudience, EventPhoto, RetiredCheckinSecret


class CheckinRefusal(models.TextChoices):
    """Why a check-in was refused. The codes are part of the public API and never change."""

    INVALID = "invalid", _("This check-in code is not valid.")
    REVOKED = "revoked", _("This QR code has been replaced. Please scan the current code at the venue.")
    NOT_OPEN = "not_open", _("Check-in has not opened yet.")
    CLOSED = "closed", _("Check-in for this event has closed.")
    CANCELLED = "cancelled", _("This event has been cancelled.")


class CheckinOutcome(models.TextChoices):
    OK = "ok", _("Checked in")
    ALREADY_CHECKED_IN = "already_checked_in", _("Already checked in")


class CheckinRefused(Exception):
    def __init__(self, code, event=None):
        super().__init__(code)
        self.code = CheckinRefusal(code)
        self.event = event

    @property
    def message(self):
        return self.code.label


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


def event_for_secret(secret, *, enforce_window=True, now=None):
    """The event a scanned secret opens, or CheckinRefused (invalid, revoked, cancelled, …)."""
    now = now or timezone.now()
    secret = str(secret or "")
    if not SECRET_SHAPE.fullmatch(secret):
        # Not something new_secret() makes (e.g. a NUL byte PostgreSQL would choke on).
        raise CheckinRefused(CheckinRefusal.INVALID)
    event = Event.objects.select_related("area").filter(checkin_secret=secret).first()
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


def _as_bool(value):
    if isinstance(value, bool):
        return value
    return isinstance(value, (str, int)) and str(value).strip().lower() in TRUE_STRINGS


def _text(value):
    return value.strip() if isinstance(value, str) else ""


def clean_attendee(data, *, require_consent):
    """Validate and normalize attendee data (a mapping) → dict for CheckIn, or ValidationError."""
    if not isinstance(data, Mapping):
        raise ValidationError({"non_field_errors": [_("Send the attendee's details as an object.")]})
    errors = {}
    cleaned = {}

    name = _text(data.get("name"))
    if not name:
        errors["name"] = [_("Enter your name.")]
    elif "\x00" in name:
        errors["name"] = [_("Null characters are not allowed.")]
    elif len(name) > 50:
        errors["name"] = [_("A name has at most 50 characters.")]
    cleaned["name"] = name

    try:
        cleaned["phone"] = normalize_mobile(data.get("phone") if isinstance(data.get("phone"), (str, int)) else "")
    except ValidationError as error:
        errors["phone"] = error.messages

    gender = _text(data.get("gender")) or CheckIn.Gender.UNSPECIFIED
    if gender not in CheckIn.Gender.values:
        errors["gender"] = [_("Choose a gender from the list.")]
    cleaned["gender"] = gender

    for field, choices, message in (
        ("age_group", CheckIn.AgeGroup, _("Choose an age group from the list.")),
        ("occupation", CheckIn.Occupation, _("Choose an occupation from the list.")),
    ):
        value = _text(data.get(field))
        if value not in choices.values:
            errors[field] = [message]
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
            errors["home_village"] = [_("Choose your village from the list.")]
        cleaned["home_village"] = found

    if require_consent and not _as_bool(data.get("consent")):
        errors["consent"] = [_("Please agree to the personal-information notice to check in.")]

    if errors:
        raise ValidationError(errors)
    return cleaned


# --- perform_checkin -------------------------------------------------------------------------

def perform_checkin(secret_or_event, attendee, method=CheckIn.Method.SELF, user=None, enforce_window=True,
                    require_consent=None, now=None):
    """Check one attendee in. Used by the attendee page, the organizer pages and both API endpoints.

    ``secret_or_event``: the scanned secret (str) or an Event (organizer paths).
    Returns CheckinResult with status ``ok`` (new row) or ``already_checked_in`` (the first
    check-in of that phone; nothing new counted). Raises CheckinRefused for refusals and
    ValidationError for bad attendee data.
    """
    now = now or timezone.now()
    if require_consent is None:
        require_consent = method == CheckIn.Method.SELF
    if isinstance(secret_or_event, Event):
        event = secret_or_event
        refusal = _refusal_for(event, enforce_window=enforce_window, now=now)
        if refusal:
            raise CheckinRefused(refusal, event)
    else:
        event = event_for_secret(secret_or_event, enforce_window=enforce_window, now=now)
    data = clean_attendee(attendee, require_consent=require_consent)

    with transaction.atomic():
        # The event row lock serializes check-ins of one event (PostgreSQL), and the status is
        # re-read under it: an event cancelled a moment ago takes no more check-ins.
        locked = _lock_event(event)
        refusal = _refusal_for(locked, enforce_window=enforce_window, now=now)
        if refusal:
            raise CheckinRefused(refusal, event)
        existing = _live_checkin(event, data["phone"])
        if existing is not None:
            return CheckinResult(CheckinOutcome.ALREADY_CHECKED_IN, existing, event)
        try:
            # A savepoint, so a lost race leaves the outer transaction usable.
            with transaction.atomic():
                checkin = CheckIn.objects.create(
                    event=event, method=method, created_by=user if _is_user(user) else None, **data
                )
        except IntegrityError:
            existing = _live_checkin(event, data["phone"])
            if existing is None:
                raise
            return CheckinResult(CheckinOutcome.ALREADY_CHECKED_IN, existing, event)
        if method != CheckIn.Method.SELF:
            # Check-ins entered after the fact change a ledger; self check-ins happen live.
            audit.record(user, checkin, AuditEntry.Action.CREATE, area_code=event.area.code,
                         record_date=_local_date(event.starts_at),
                         summary=f"{event.title}: {checkin.get_method_display()}")
    return CheckinResult(CheckinOutcome.OK, checkin, event)


def _lock_event(event):
    return Event.objects.select_for_update().only("id", "status", "starts_at", "ends_at").get(pk=event.pk)


def _live_checkin(event, phone):
    return CheckIn.objects.filter(event=event, phone=phone, annulled=False, personal_data_purged=False).first()


def _is_user(user):
    return user is not None and getattr(user, "is_authenticated", False)


def _local_date(moment):
    return timezone.localtime(moment).date()


def annul_checkin(user, checkin, now=None):
    """Mark a wrong check-in annulled (kept, not counted) within CHECKIN_ANNUL_MINUTES of it."""
    now = now or timezone.now()
    with transaction.atomic():
        checkin = CheckIn.objects.select_for_update().select_related("event__area").get(pk=checkin.pk)
        if checkin.annulled:
            raise ValidationError(_("This check-in is already annulled."), code="already_annulled")
        limit = timedelta(minutes=settings.CHECKIN_ANNUL_MINUTES)
        if now - checkin.created_at > limit:
            raise ValidationError(
                _("A check-in can only be annulled within %(minutes)d minutes of it.")
                % {"minutes": settings.CHECKIN_ANNUL_MINUTES},
                code="annul_too_late",
            )
        checkin.annulled = True
        checkin.annulled_at = now
        checkin.annulled_by = user if _is_user(user) else None
        checkin.save(update_fields=["annulled", "annulled_at", "annulled_by"])
        event = checkin.event
        audit.record(user, checkin, AuditEntry.Action.ANNUL, area_code=event.area.code,
                     record_date=_local_date(event.starts_at), changes={"annulled": [False, True]},
                     summary=f"{event.title}: {_('check-in annulled')}")
    return checkin


# --- Events --------------------------------------------------------------------------------

EVENT_FIELDS = [
    "title", "kind", "sector", "topics", "area", "venue", "starts_at", "ends_at", "status", "series",
    "episode", "walk_in_count", "description", "other_speakers",
]
LIST_FIELDS = ["audiences", "advisors", "legal_savvy_persons"]


def _snapshot(event):
    values = {field: getattr(event, field) for field in EVENT_FIELDS}
    values["area"] = event.area.code if event.area_id else None
    values["series"] = event.series_id
    if event.pk:
        values["audiences"] = sorted(event.audience_rows.values_list("audience", flat=True))
        values["advisors"] = sorted(event.advisors.values_list("id", flat=True))
        values["legal_savvy_persons"] = sorted(event.legal_savvy_persons.values_list("id", flat=True))
    return values


def _clean_event(user, event, data, *, creating):
    """Apply ``data`` to ``event`` (unsaved) and validate. Returns the cleaned list fields."""
    errors = {}
    for field in EVENT_FIELDS:
        if field in data:
            setattr(event, field, data[field])
    if event.title is not None:
        event.title = str(event.title).strip()
    if not event.title:
        errors["title"] = [_("Enter a title.")]
    for field, choices in (("kind", Event.Kind), ("sector", Event.Sector), ("status", Event.Status)):
        if getattr(event, field) not in choices.values:
            errors[field] = [_("Choose a value from the list.")]
    topics = event.topics if event.topics is not None else []
    if not isinstance(topics, (list, tuple)) or not all(isinstance(t, str) for t in topics):
        errors["topics"] = [_("Topics are a list of short texts.")]
    else:
        event.topics = [t.strip() for t in topics if t.strip()]
        if any(len(t) > 100 for t in event.topics):
            errors["topics"] = [_("A topic has at most 100 characters.")]

    area = event.area if event.area_id else None
    if area is None:
        errors["area"] = [_("Choose where the event is held.")]
    elif (creating or "area" in data) and not in_scope(user, area.code) and not getattr(user, "is_superuser", False):
        errors["area"] = [_("This area is outside your area of work.")]
    elif area.level not in (Area.Level.VILLAGE, Area.Level.TOWN, Area.Level.DISTRICT):
        errors["area"] = [_("Choose a village, town or district.")]

    if event.starts_at and event.ends_at and event.ends_at < event.starts_at:
        errors["ends_at"] = [_("The end must not be before the start.")]
    if not event.starts_at:
        errors["starts_at"] = [_("Enter when the event starts.")]
    if not event.ends_at:
        errors["ends_at"] = [_("Enter when the event ends.")]
    if event.walk_in_count is None or event.walk_in_count < 0:
        errors["walk_in_count"] = [_("The walk-in headcount cannot be negative.")]
    if event.episode is not None and event.series_id is None:
        errors["episode"] = [_("An episode number needs a series.")]
    elif event.episode is not None and event.episode < 1:
        errors["episode"] = [_("Episode numbers start at 1.")]
    elif event.series_id and event.episode is not None:
        clash = Event.objects.filter(series_id=event.series_id, episode=event.episode).exclude(pk=event.pk)
        if clash.exists():
            errors["episode"] = [_("This series already has an episode with this number.")]

    lists = {}
    if "audiences" in data:
        audiences = data["audiences"] or []
        if not isinstance(audiences, (list, tuple)) or any(a not in Event.Audience.values for a in audiences):
            errors["audiences"] = [_("Choose audiences from the list.")]
        else:
            lists["audiences"] = sorted(set(audiences))
    for field, model in (("advisors", Advisor), ("legal_savvy_persons", LegalSavvyPerson)):
        if field in data:
            items = list(data[field] or [])
            ids = {item.pk if isinstance(item, models.Model) else item for item in items}
            if not all(isinstance(i, int) for i in ids) or model.objects.filter(pk__in=ids).count() != len(ids):
                errors[field] = [_("Choose from the list.")]
            else:
                lists[field] = sorted(ids)
    if errors:
        raise ValidationError(errors)
    return lists


def _save_lists(event, lists):
    if "audiences" in lists:
        wanted = set(lists["audiences"])
        current = set(event.audience_rows.values_list("audience", flat=True))
        event.audience_rows.filter(audience__in=current - wanted).delete()
        EventAudience.objects.bulk_create([EventAudience(event=event, audience=a) for a in sorted(wanted - current)])
    if "advisors" in lists:
        event.advisors.set(lists["advisors"])
    if "legal_savvy_persons" in lists:
        event.legal_savvy_persons.set(lists["legal_savvy_persons"])


def _save_event(event):
    try:
        with transaction.atomic():
            event.save()
    except IntegrityError as error:
        # Two saves racing for the same series episode, or a bad time order missed above.
        raise ValidationError({"episode": [_("This series already has an episode with this number.")]}) from error


def create_event(user, data):
    """Create an event organized by ``user``. ``data``: model fields (area an Area, series an
    EventSeries or None) plus lists ``audiences``, ``advisors``, ``legal_savvy_persons``."""
    event = Event(organizer=user if _is_user(user) else None, checkin_secret=new_secret())
    lists = _clean_event(user, event, data, creating=True)
    with transaction.atomic():
        _save_event(event)
        _save_lists(event, lists)
        audit.record(user, event, AuditEntry.Action.CREATE, area_code=event.area.code,
                     record_date=_local_date(event.starts_at), changes=_plain_snapshot(_snapshot(event)))
    return event


def _plain_snapshot(values):
    return audit.diff({}, values, list(values))


def update_event(user, event, data):
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        before = _snapshot(event)
        lists = _clean_event(user, event, data, creating=False)
        _save_event(event)
        _save_lists(event, lists)
        after = _snapshot(event)
        changes = audit.diff(before, after, list(after))
        if changes:
            audit.record(user, event, AuditEntry.Action.UPDATE, area_code=event.area.code,
                         record_date=_local_date(event.starts_at), changes=changes)
    return event


def set_status(user, event, status):
    if status not in Event.Status.values:
        raise ValidationError({"status": [_("Choose a value from the list.")]})
    return update_event(user, event, {"status": status})


def set_walk_in_count(user, event, count):
    try:
        count = int(count)
    except (TypeError, ValueError):
        raise ValidationError({"walk_in_count": [_("Enter a whole number.")]}) from None
    return update_event(user, event, {"walk_in_count": count})


def rotate_secret(user, event):
    """Give the event a new check-in secret; the old one then answers ``revoked``."""
    with transaction.atomic():
        event = Event.objects.select_for_update().select_related("area").get(pk=event.pk)
        RetiredCheckinSecret.objects.create(event=event, secret=event.checkin_secret)
        event.checkin_secret = new_secret()
        event.save(update_fields=["checkin_secret", "updated_at"])
        # The secrets themselves stay out of the audit log.
        audit.record(user, event, AuditEntry.Action.UPDATE, area_code=event.area.code,
                     record_date=_local_date(event.starts_at), changes={"checkin_secret": ["…", "…"]},
                     summary=f"{event.title}: {_('check-in QR code replaced')}")
    return event


# --- Photos --------------------------------------------------------------------------------

def add_photo(user, event, upload, caption=""):
    """Store a photo re-encoded (EXIF and GPS gone, turned upright) with a thumbnail."""
    from .photos import prepare_photo

    image, thumbnail = prepare_photo(upload)
    photo = EventPhoto(event=event, caption=(caption or "")[:200], uploaded_by=user if _is_user(user) else None)
    photo.image.save(image.name, image, save=False)
    photo.thumbnail.save(thumbnail.name, thumbnail, save=False)
    photo.save()
    return photo


def delete_photo(user, photo):
    for field in (photo.image, photo.thumbnail):
        if field:
            field.delete(save=False)
    photo.delete()


# --- Privacy -------------------------------------------------------------------------------

def purge_personal_data(older_than_days, now=None):
    """Blank names and phones of check-ins at events that ended more than ``older_than_days``
    days ago. Rows stay (annulled flag, age group, gender, occupation, home village), so every
    count and breakdown is unchanged. Returns the number of check-ins purged."""
    if older_than_days is None or not 0 <= int(older_than_days) <= 36500:
        raise ValidationError(_("Give a number of days between 0 and 36500."))
    now = now or timezone.now()
    cutoff = now - timedelta(days=int(older_than_days))
    return CheckIn.objects.filter(event__ends_at__lt=cutoff, personal_data_purged=False).update(
        name="", phone="", personal_data_purged=True
    )

