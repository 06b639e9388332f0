"""A paper sign-in sheet typed in by the organizer: many attendees at once, all or none."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.models import AuditEntry
from common.errors import Refusal
from outreach.errors import CheckinError, CheckinRefused
from outreach.models import CheckIn, CheckinFeedback, Event

from ._common import _is_user, _local_date
from .checkin import perform_checkin


@dataclass
class SheetResult:
    created: int = 0  # new check-ins
    repeated: int = 0  # phones already checked in (on an earlier sheet, by QR, or higher up this sheet)
    errors: dict = field(default_factory=dict)  # row index → the ValidationError refusing that row
    checkin_ids: list = field(default_factory=list)  # the new check-ins (what undoing the sheet deletes)

    @property
    def saved(self):
        return not self.errors


def enter_sheet(user, event, rows):
    """Check in each attendee of ``rows`` (mappings as perform_checkin takes them) for ``event``.

    Every row is tried so that all bad rows are reported at once; if any is refused, nothing of the
    sheet is kept (``result.errors`` says which rows, ``created``/``repeated`` are then meaningless).
    The check-in window does not apply: sheets are typed in after the event. A row without a phone
    is kept (``phone_unverified``) and counted once per row. CheckinRefused (e.g. a
    cancelled event) is raised as it is, with nothing kept.
    """
    result = SheetResult()
    with transaction.atomic():
        for index, attendee in enumerate(rows):
            try:
                outcome = perform_checkin(
                    event,
                    attendee,
                    method=CheckIn.Method.ORGANIZER,
                    user=user,
                    enforce_window=False,
                    allow_blank_phone=True,
                )
            except CheckinRefused:
                raise  # the whole sheet is refused (e.g. a cancelled event), not this row
            except ValidationError as error:
                result.errors[index] = error
                continue
            if outcome.created:
                result.created += 1
                result.checkin_ids.append(outcome.checkin.pk)
            else:
                result.repeated += 1
        if result.errors:
            transaction.set_rollback(True)
    return result


def withdraw_sheet(user, event, checkin_ids):
    """Undo a whole sheet: delete the check-ins it created (``SheetResult.checkin_ids``), so the event's
    counts are again what they were before it. Refused (409) once an attendee of it has given feedback.
    The caller checks that ``user`` may (the job's owner, who managed the event)."""
    ids = list(checkin_ids)
    with transaction.atomic():
        event = Event.objects.select_for_update().select_related("area").get(pk=event.pk)
        checkins = list(CheckIn.objects.select_for_update().filter(event=event, pk__in=ids).order_by("pk"))
        if CheckinFeedback.objects.filter(checkin__in=checkins).exists():
            raise Refusal(CheckinError.SHEET_HAS_FEEDBACK, http_status=409)
        who = user if _is_user(user) else None
        AuditEntry.objects.bulk_create(
            [
                AuditEntry(
                    user=who,
                    action=AuditEntry.Action.DELETE,
                    model=checkin._meta.label_lower,
                    object_id=str(checkin.pk),
                    summary=f"{event.title}: {checkin.name}"[:300],
                    changes={},
                    area_code=event.area.code,
                    record_date=_local_date(event.starts_at),
                )
                for checkin in checkins
            ]
        )
        CheckIn.objects.filter(pk__in=[checkin.pk for checkin in checkins]).delete()
    return len(checkins)
