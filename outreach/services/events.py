"""Creating and changing events: every field validated in one place, every change audited."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext_lazy as _

from accounts import audit
from accounts.models import AuditEntry
from accounts.scopes import in_scope
from advisors.models import Advisor
from common.errors import Refusal, coded
from common.qr import new_secret
from legalsavvy.models import LegalSavvyPerson
from outreach.errors import EventError
from outreach.models import Event, EventAudience, RetiredCheckinSecret
from places.models import Area

from ._common import _is_user, _local_date

EVENT_FIELDS = [
    "title",
    "kind",
    "sector",
    "topics",
    "area",
    "venue",
    "starts_at",
    "ends_at",
    "status",
    "series",
    "episode",
    "walk_in_count",
    "description",
    "other_speakers",
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
        errors["title"] = [coded(EventError.TITLE_REQUIRED)]
    for field, choices in (("kind", Event.Kind), ("sector", Event.Sector), ("status", Event.Status)):
        if getattr(event, field) not in choices.values:
            errors[field] = [coded(EventError.BAD_CHOICE)]
    topics = event.topics if event.topics is not None else []
    if not isinstance(topics, (list, tuple)) or not all(isinstance(t, str) for t in topics):
        errors["topics"] = [coded(EventError.BAD_TOPICS)]
    else:
        event.topics = [t.strip() for t in topics if t.strip()]
        if any(len(t) > 100 for t in event.topics):
            errors["topics"] = [coded(EventError.TOPIC_TOO_LONG)]

    area = event.area if event.area_id else None
    if area is None:
        errors["area"] = [coded(EventError.AREA_REQUIRED)]
    elif (creating or "area" in data) and not in_scope(user, area.code) and not getattr(user, "is_superuser", False):
        errors["area"] = [coded(EventError.AREA_OUT_OF_SCOPE)]
    elif area.level not in (Area.Level.VILLAGE, Area.Level.TOWN, Area.Level.DISTRICT):
        errors["area"] = [coded(EventError.BAD_AREA_LEVEL)]

    if event.starts_at and event.ends_at and event.ends_at < event.starts_at:
        errors["ends_at"] = [coded(EventError.ENDS_BEFORE_START)]
    if not event.starts_at:
        errors["starts_at"] = [coded(EventError.STARTS_REQUIRED)]
    if not event.ends_at:
        errors["ends_at"] = [coded(EventError.ENDS_REQUIRED)]
    if event.walk_in_count is None or event.walk_in_count < 0:
        errors["walk_in_count"] = [coded(EventError.NEGATIVE_WALK_INS)]
    if event.episode is not None and event.series_id is None:
        errors["episode"] = [coded(EventError.EPISODE_WITHOUT_SERIES)]
    elif event.episode is not None and event.episode < 1:
        errors["episode"] = [coded(EventError.BAD_EPISODE)]
    elif event.series_id and event.episode is not None:
        clash = Event.objects.filter(series_id=event.series_id, episode=event.episode).exclude(pk=event.pk)
        if clash.exists():
            errors["episode"] = [coded(EventError.DUPLICATE_EPISODE)]

    lists = {}
    if "audiences" in data:
        audiences = data["audiences"] or []
        if not isinstance(audiences, (list, tuple)) or any(a not in Event.Audience.values for a in audiences):
            errors["audiences"] = [coded(EventError.BAD_AUDIENCE)]
        else:
            lists["audiences"] = sorted(set(audiences))
    for field, model in (("advisors", Advisor), ("legal_savvy_persons", LegalSavvyPerson)):
        if field in data:
            items = list(data[field] or [])
            ids = {item.pk if isinstance(item, models.Model) else item for item in items}
            if not all(isinstance(i, int) for i in ids) or model.objects.filter(pk__in=ids).count() != len(ids):
                errors[field] = [coded(EventError.UNKNOWN_PERSON)]
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
        raise Refusal(EventError.DUPLICATE_EPISODE, "episode") from error


def create_event(user, data):
    """Create an event organized by ``user``. ``data``: model fields (area an Area, series an
    EventSeries or None) plus lists ``audiences``, ``advisors``, ``legal_savvy_persons``."""
    event = Event(organizer=user if _is_user(user) else None, checkin_secret=new_secret())
    lists = _clean_event(user, event, data, creating=True)
    with transaction.atomic():
        _save_event(event)
        _save_lists(event, lists)
        audit.record(
            user,
            event,
            AuditEntry.Action.CREATE,
            area_code=event.area.code,
            record_date=_local_date(event.starts_at),
            changes=_plain_snapshot(_snapshot(event)),
        )
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
            audit.record(
                user,
                event,
                AuditEntry.Action.UPDATE,
                area_code=event.area.code,
                record_date=_local_date(event.starts_at),
                changes=changes,
            )
    return event


def set_status(user, event, status):
    if status not in Event.Status.values:
        raise Refusal(EventError.BAD_CHOICE, "status")
    return update_event(user, event, {"status": status})


def set_walk_in_count(user, event, count):
    try:
        count = int(count)
    except (TypeError, ValueError):
        raise Refusal(EventError.BAD_WALK_INS, "walk_in_count") from None
    return update_event(user, event, {"walk_in_count": count})


def rotate_secret(user, event):
    """Give the event a new check-in secret; the old one then answers ``revoked``."""
    with transaction.atomic():
        event = Event.objects.select_for_update().select_related("area").get(pk=event.pk)
        RetiredCheckinSecret.objects.create(event=event, secret=event.checkin_secret)
        event.checkin_secret = new_secret()
        event.save(update_fields=["checkin_secret", "updated_at"])
        # The secrets themselves stay out of the audit log.
        audit.record(
            user,
            event,
            AuditEntry.Action.UPDATE,
            area_code=event.area.code,
            record_date=_local_date(event.starts_at),
            changes={"checkin_secret": ["…", "…"]},
            summary=f"{event.title}: {_('check-in QR code replaced')}",
        )
    return event
