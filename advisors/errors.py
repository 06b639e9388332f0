"""Why a duty write was refused: stable codes (never renamed) with translated messages.

Services raise ``DutyRefused(code, field, **params)``, a ``common.errors.Refusal`` (see there).
"""

from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from common.errors import CommonError, Refusal, reuse


class DutyError(models.TextChoices):
    # Who may act
    NOT_AN_ADVISOR = "not_an_advisor", _("Your login is not linked to a legal advisor record.")
    NOT_ALLOWED = reuse(CommonError.NOT_ALLOWED)
    OUT_OF_SCOPE = reuse(CommonError.OUT_OF_SCOPE)
    INACTIVE_ADVISOR = "inactive_advisor", _("This advisor is no longer active.")
    # Shifts
    NOT_A_VILLAGE = reuse(CommonError.NOT_A_VILLAGE)
    NOT_ASSIGNED = "not_assigned", _("%(advisor)s is not assigned to %(village)s on %(date)s.")
    END_NOT_AFTER_START = "end_not_after_start", _("The end time must be after the start time.")
    END_REQUIRED = "end_required", _("A finished shift keeps its end time: enter the time it ended.")
    FUTURE_DATE = "future_date", _("The date is in the future: log a shift once it has taken place.")
    OVERLAP = "overlap", _("This overlaps another shift of the same advisor (%(village)s, %(date)s %(start)s–%(end)s).")
    NEGATIVE_COUNTER = "negative_counter", _("A count cannot be negative.")
    COUNTER_TOO_LARGE = "counter_too_large", _("This number is too large for one shift.")
    PEOPLE_FEWER_THAN_BATCHES = (
        "people_fewer_than_batches",
        _("Consultations (persons) cannot be fewer than consultations (batches)."),
    )
    UNKNOWN_TOPIC = "unknown_topic", _("%(topic)s is not a topic of the vocabulary.")
    TOPICS_EXCEED_TOTALS = (
        "topics_exceed_totals",
        _("The counts by topic add up to %(sum)s, more than the shift's consultations and mediations (%(total)s)."),
    )
    APPROVED_LOCKED = (
        "approved_locked",
        _("This shift has been approved and can no longer be edited; ask the district coordinator to correct it."),
    )
    ALREADY_FINISHED = "already_finished", _("This shift is already finished.")
    ON_DUTY_ALREADY = (
        "on_duty_already",
        _("You are already on duty in %(village)s since %(start)s: finish that shift first."),
    )
    # Review
    COMMENT_REQUIRED = "comment_required", _("Say what needs correcting: a comment is required to return a shift.")
    NOT_RETURNABLE = (
        "not_returnable",
        _("Only finished shifts waiting for approval can be returned."),
    )
    # QR posters
    UNKNOWN_POSTER = "unknown_poster", _("This QR code is not a duty poster.")
    POSTER_REPLACED = (
        "poster_replaced",
        _("This poster was replaced by a new one. Scan the poster now hanging in the village."),
    )
    POSTER_NOT_YOURS = (
        "poster_not_yours",
        _("This poster belongs to %(village)s, which is not one of your villages today."),
    )
    SCAN_TIME_INVALID = (
        "scan_time_invalid",
        _("The scan time does not fit this poster: it is in the future or before the poster was issued."),
    )
    # Assignments
    ASSIGNMENT_OVERLAP = (
        "assignment_overlap",
        _("%(village)s already has an advisor on some of these days (%(advisor)s, %(starts)s – %(ends)s)."),
    )
    ASSIGNMENT_ENDS_BEFORE_START = "assignment_ends_before_start", _("The end date cannot be before the start date.")
    SHIFTS_OUTSIDE_ASSIGNMENT = (
        "shifts_outside_assignment",
        _("The advisor has duty shifts in this village outside these dates (first on %(date)s)."),
    )
    USER_NOT_ADVISOR = "user_not_advisor", _("The login user must have the role 'village legal advisor'.")
    USER_TAKEN = "user_taken", _("This login user is already linked to another advisor.")


class DutyRefused(Refusal):
    """A duty refusal; the poster codes the scan answers with their own status."""

    codes = DutyError
    statuses: ClassVar[dict] = {DutyError.UNKNOWN_POSTER: 404, DutyError.POSTER_REPLACED: 410}
