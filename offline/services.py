"""Records made offline on a phone, sent in batches: duty shifts and door-mode check-ins.

Each record carries the phone's ``client_id`` (a UUID). The rules are the apps' own services
(``advisors.services.record_shift`` / ``finish_shift``, ``outreach.services.perform_checkin``); this
module only makes a record's second arrival (a retry, a second tab, a lost answer) find the first one:
the row lock that serialises the decision (the advisor's, the event's) is taken before the ``client_id``
is looked up, and the unique ``client_id`` column is the last word.
"""

from dataclasses import dataclass

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction

from advisors import services as duty_services
from advisors.access import advisor_of
from advisors.errors import DutyError, DutyRefused
from advisors.models import Advisor, DutyShift
from common.clock import business_tz, minute
from common.errors import Refusal
from outreach import services as outreach_services
from outreach.models import CheckIn

from .errors import SyncError

CREATED, DUPLICATE, REFUSED = "created", "duplicate", "refused"


@dataclass
class SyncResult:
    client_id: str
    status: str
    id: int | None = None
    code: str = ""
    message: str = ""

    def as_dict(self):
        return {
            "client_id": self.client_id,
            "status": self.status,
            "id": self.id,
            "code": self.code,
            "message": self.message,
        }


def refused(client_id, error):
    """A per-record refusal from a Refusal or a (coded) ValidationError."""
    if isinstance(error, Refusal):
        return SyncResult(str(client_id), REFUSED, code=error.code.value, message=str(error.text))
    first = _first_error(error)
    return SyncResult(str(client_id), REFUSED, code=first.code or "invalid", message=_text(first))


def invalid(client_id, detail):
    code = SyncError.INVALID_RECORD
    return SyncResult(str(client_id or ""), REFUSED, code=code.value, message=str(code.label) % {"detail": detail})


def _first_error(error):
    if hasattr(error, "error_dict"):
        field = next(iter(error.error_dict), NON_FIELD_ERRORS)
        return error.error_dict[field][0]
    return error.error_list[0]


def _text(error):
    message = str(error.message)
    return message % error.params if error.params else message


# --- Duty shifts -----------------------------------------------------------------------------


def sync_shift(by, record):
    """One offline shift. ``record``: validated values (``client_id``, ``village`` Area or None,
    ``date``, ``start_time``, ``end_time``, ``mode``, counters, ``notes``, ``scanned_secret``,
    ``scanned_at``, ``advisor`` for managers). Returns a SyncResult."""
    client_id = record["client_id"]
    try:
        advisor = _advisor_for(by, record)
        values = _shift_values(record)
        with transaction.atomic():
            # The lock record_shift takes too; taken first so that a parallel copy of this record
            # waits here and then finds the first one by its client_id.
            Advisor.objects.select_for_update().filter(pk=advisor.pk).first()
            existing = DutyShift.objects.filter(client_id=client_id).first()
            if existing is not None:
                return _replayed_shift(by, advisor, existing, record)
            shift = duty_services.record_shift(by=by, advisor=advisor, client_id=client_id, **values)
    except IntegrityError:
        existing = DutyShift.objects.filter(client_id=client_id).first()
        if existing is None:
            raise
        return SyncResult(str(client_id), DUPLICATE, existing.pk)
    except ValidationError as error:
        return refused(client_id, error)
    return SyncResult(str(client_id), CREATED, shift.pk)


def _advisor_for(by, record):
    if by.is_advisor:
        advisor = advisor_of(by)
        if advisor is None:
            raise DutyRefused(DutyError.NOT_AN_ADVISOR)
        return advisor
    advisor = record.get("advisor")
    if advisor is None:
        raise Refusal(SyncError.ADVISOR_REQUIRED, "advisor")
    return advisor


def _shift_values(record):
    values = {
        name: record.get(name)
        for name in ("village", "date", "start_time", "end_time", "mode", "notes", *DutyShift.COUNTERS)
    }
    secret = record.get("scanned_secret")
    if secret:
        # Presence is proven by the scan: the village, day and start are the scan's.
        at = record["scanned_at"].astimezone(business_tz())
        values["village"] = duty_services.village_at_scan(secret, record["scanned_at"])
        values["date"], values["start_time"] = at.date(), minute(at.time())
        values["scanned_offline"] = True
    if record.get("topics") is not None:
        # Checked by record_shift like any shift's (advisors.services.check_topic_counts).
        values["topics"] = record["topics"]
    values["mode"] = values["mode"] or DutyShift.Mode.OFFICE
    values["notes"] = values["notes"] or ""
    return values


def _replayed_shift(by, advisor, existing, record):
    """The record arrived before. Same shift, same answer; an open shift now sent with its end is finished."""
    client_id = str(record["client_id"])
    if existing.advisor_id != advisor.pk:
        return SyncResult(
            client_id, REFUSED, code=SyncError.CLIENT_ID_TAKEN.value, message=str(SyncError.CLIENT_ID_TAKEN.label)
        )
    if existing.end_time is None and record.get("end_time") is not None:
        counters = {name: record.get(name) for name in DutyShift.COUNTERS if record.get(name) is not None}
        if record.get("notes"):
            counters["notes"] = record["notes"]
        duty_services.finish_shift(existing, by=by, end_time=record["end_time"], **counters)
    return SyncResult(client_id, DUPLICATE, existing.pk)


# --- Door-mode check-ins -----------------------------------------------------------------------


def sync_checkin(by, event, record):
    """One door-mode entry for ``event`` (the caller has checked that ``by`` manages it)."""
    client_id = record["client_id"]
    attendee = {key: value for key, value in record.items() if key != "client_id"}
    try:
        result = outreach_services.perform_checkin(
            event,
            attendee,
            method=CheckIn.Method.DOOR,
            user=by,
            enforce_window=False,
            require_consent=True,
            client_id=client_id,
        )
    except ValidationError as error:
        return refused(client_id, error)
    if result.checkin.event_id != event.pk:
        code = SyncError.CLIENT_ID_TAKEN
        return SyncResult(str(client_id), REFUSED, code=code.value, message=str(code.label))
    return SyncResult(str(client_id), CREATED if result.created else DUPLICATE, result.checkin.pk)
