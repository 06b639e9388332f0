"""Every write to advisors, assignments, duty shifts and posters goes through here.

Each function runs in one transaction, locks the row that serialises the decision (the village for
assignments, the advisor for their shifts), checks permissions itself (views and the API only
pre-filter), and refuses with ``DutyRefused`` (a stable ``DutyError`` code plus a translated message).

One module per noun: ``shifts``, ``assignments``, ``advisors`` and ``posters``; callers import
everything from ``advisors.services``.
"""

from .advisors import ADVISOR_FIELDS, check_advisor_user, link_login, save_advisor
from .assignments import assign_advisor, change_assignment, check_assignment, end_assignment, is_assigned
from .posters import ensure_poster, rotate_poster, village_for_secret
from .shifts import (
    APPROVE_CHUNK,
    COUNTERS,
    MAX_COUNTER,
    SHIFT_FIELDS,
    VERIFIED_FIELDS,
    approve_shifts,
    check_shift,
    delete_shift,
    finish_shift,
    record_shift,
    start_verified_shift,
    update_shift,
)

__all__ = [
    "ADVISOR_FIELDS",
    "APPROVE_CHUNK",
    "COUNTERS",
    "MAX_COUNTER",
    "SHIFT_FIELDS",
    "VERIFIED_FIELDS",
    "approve_shifts",
    "assign_advisor",
    "change_assignment",
    "check_advisor_user",
    "check_assignment",
    "check_shift",
    "delete_shift",
    "end_assignment",
    "ensure_poster",
    "finish_shift",
    "is_assigned",
    "link_login",
    "record_shift",
    "rotate_poster",
    "save_advisor",
    "start_verified_shift",
    "update_shift",
    "village_for_secret",
]
