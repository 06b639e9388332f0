"""A paper sign-in sheet typed in by the organizer: many attendees at once, all or none."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from outreach.errors import CheckinRefused
from outreach.models import CheckIn

from .checkin import perform_checkin


@dataclass
class SheetResult:
    created: int = 0  # new check-ins
    repeated: int = 0  # phones already checked in (on an earlier sheet, by QR, or higher up this sheet)
    errors: dict = field(default_factory=dict)  # row index → the ValidationError refusing that row

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
            else:
                result.repeated += 1
        if result.errors:
            transaction.set_rollback(True)
    return result
