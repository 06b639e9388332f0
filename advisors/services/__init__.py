"""Every write to advisors, assignments, duty shifts and posters goes through here.

Each function runs in one transaction, locks the row that serialises the decision (the village for
assignments, the advisor for their shifts), checks permissions itself (views and the API only
pre-filter), and refuses with ``DutyRefused`` (a stable ``DutyError`` code plus a translated message).

One module per noun: ``shifts``, ``review`` (approve, return), ``assignments``, ``advisors`` and ``posters``; callers import
everything from ``advisors.services``.
"""

from .advisors import ADVISOR_FIELDS, check_advisor_user, link_login, save_advisor
from .assignments import assign_advisor, change_assignment, check_assignment, end_assignment, is_assigned
from .posters import ensure_poster, rotate_poster, village_at_scan, village_for_secret
from .review import APPROVE_CHUNK, approve_shifts, return_shift, return_shifts
from .shifts import (
    COUNTERS,
    MAX_COUNTER,
    SHIFT_FIELDS,
    VERIFIED_FIELDS,
    check_shift,
    check_shift_fields,
    delete_shift,
    finish_shift,
    overlap_refusal,
    record_shift,
    start_verified_shift,
    times_overlap,
    update_shift,
)
from .topics import check_topic_counts, replace_topic_counts, topic_breakdown, topic_counts_of

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
    "check_shift_fields",
    "check_topic_counts",
    "delete_shift",
    "end_assignment",
    "ensure_poster",
    "finish_shift",
    "is_assigned",
    "overlap_refusal",
    "link_login",
    "record_shift",
    "replace_topic_counts",
    "return_shift",
    "return_shifts",
    "rotate_poster",
    "save_advisor",
    "start_verified_shift",
    "times_overlap",
    "topic_breakdown",
    "topic_counts_of",
    "update_shift",
    "village_at_scan",
    "village_for_secret",
]
