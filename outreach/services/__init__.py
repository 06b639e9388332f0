"""Writes for events and check-ins: ``checkin`` (perform_checkin, annul), ``sheet`` (a paper sign-in
sheet, row by row through perform_checkin), ``events`` (create, update, status, QR rotation), ``photos``
and ``privacy`` (the personal-data purge). Callers import from here."""

from outreach.errors import CheckinRefusal, CheckinRefused  # noqa: F401

from .checkin import (  # noqa: F401
    SECRET_SHAPE,
    CheckinOutcome,
    CheckinResult,
    annul_checkin,
    annul_deadline,
    can_annul,
    checkin_window,
    clean_attendee,
    event_for_secret,
    perform_checkin,
)
from .closing import close_ended_events  # noqa: F401
from .events import (  # noqa: F401
    EVENT_FIELDS,
    LIST_FIELDS,
    create_event,
    rotate_secret,
    set_status,
    set_walk_in_count,
    update_event,
)
from .feedback import give_feedback  # noqa: F401
from .photos import add_photo, delete_photo  # noqa: F401
from .privacy import purge_personal_data  # noqa: F401
from .sheet import SheetResult, enter_sheet, withdraw_sheet  # noqa: F401
