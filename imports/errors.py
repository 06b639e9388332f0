"""Why an imported file or line was refused: stable codes with translated messages.

A line's own refusals keep the code of the rule that refused it (e.g. ``not_assigned``, ``overlap``
from advisors.errors); these are the codes of the file and of reading its cells."""

from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from common.errors import CommonError, Refusal, reuse


class ImportErrorCode(models.TextChoices):
    NOT_ALLOWED = reuse(CommonError.NOT_ALLOWED)
    OUT_OF_SCOPE = reuse(CommonError.OUT_OF_SCOPE)
    # The file
    BAD_TYPE = "bad_type", _("Only .xlsx and .csv files can be imported.")
    UNREADABLE = "unreadable", _("The file cannot be read: upload an .xlsx or .csv file.")
    TOO_BIG = "too_big", _("The file is too large (at most 50 MB).")
    NO_HEADER = "no_header", _("The file has no header row.")
    MISSING_COLUMNS = "missing_columns", _("Columns missing from the header row: %(columns)s.")
    NO_ROWS = "no_rows", _("The file has no rows below the header.")
    UNKNOWN_KIND = "unknown_kind", _("Unknown kind of import.")
    NO_FILE = "no_file", _("Choose a file to import.")
    NO_EVENT = "no_event", _("Choose the event the sheet belongs to.")
    # Cells
    MISSING_VALUE = "missing_value", _("%(column)s is empty.")
    BAD_DATE = "bad_date", _("%(column)s: «%(value)s» is not a date (use 2026-03-05).")
    BAD_TIME = "bad_time", _("%(column)s: «%(value)s» is not a time (use 09:30).")
    BAD_NUMBER = "bad_number", _("%(column)s: «%(value)s» is not a whole number.")
    BAD_CHOICE = "bad_choice", _("%(column)s: «%(value)s» is not one of the allowed values (%(allowed)s).")
    UNKNOWN_VILLAGE = "unknown_village", _("No village «%(value)s» in your area.")
    UNKNOWN_ADVISOR = "unknown_advisor", _("No advisor «%(value)s».")
    AMBIGUOUS_ADVISOR = "ambiguous_advisor", _("Several advisors are called «%(value)s»: give the licence number.")
    DUPLICATE_IN_FILE = "duplicate_in_file", _("The same record is already on line %(line)s of this file.")
    OVERLAP_IN_FILE = "overlap_in_file", _("This overlaps the shift on line %(line)s of this file.")
    # Undo
    EVENT_HAS_CHECKINS = (
        "event_has_checkins",
        _("An event of this import has check-ins since: it can no longer be undone."),
    )
    APPROVED = "approved", _("Part of this import has been approved since: it can no longer be undone.")
    YEAR_CLOSED = (
        "year_closed",
        _("The figures of %(year)s for %(area)s have been closed: this import can no longer be undone."),
    )


class ImportRefused(Refusal):
    codes = ImportErrorCode
    statuses: ClassVar[dict] = {
        ImportErrorCode.NOT_ALLOWED: 403,
        ImportErrorCode.APPROVED: 409,
        ImportErrorCode.EVENT_HAS_CHECKINS: 409,
        ImportErrorCode.YEAR_CLOSED: 409,
    }


def line_error(at, code, **params):
    """Bad line ``at`` as the job stores it: {"line", "code", "message"}."""
    label = code.label if hasattr(code, "label") else str(code)
    message = str(label) % params if params else str(label)
    return {"line": at, "code": str(code.value if hasattr(code, "value") else code), "message": message}


def refusal_error(line, refusal):
    """A service's Refusal (e.g. advisors' ``overlap``) as a bad line, keeping its code."""
    return {"line": line, "code": refusal.code.value, "message": str(refusal.text)}
