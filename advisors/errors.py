"""Why a duty write was refused: stable codes (never renamed) with translated messages.

Services raise ``DutyRefused(code, field, **params)``. It is a Django ``ValidationError`` keyed by
field, so forms, the admin and the API (api/exceptions.py) all show it next to the right input.
"""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class DutyError(models.TextChoices):
    # Who may act
    NOT_AN_ADVISOR = "not_an_advisor", _("Your login is not linked to a legal advisor record.")
    NOT_ALLOWED = "not_allowed", _("You may not change this record.")
    OUT_OF_SCOPE = "out_of_scope", _("This village is outside your area.")
    INACTIVE_ADVISOR = "inactive_advisor", _("This advisor is no longer active.")
    # Shifts
    NOT_A_VILLAGE = "not_a_village", _("Choose a village or community, not a town or district.")
    NOT_ASSIGNED = "not_assigned", _("%(advisor)s is not assigned to %(village)s on %(date)s.")
    END_NOT_AFTER_START = "end_not_after_start", _("The end time must be after the start time.")
    END_REQUIRED = "end_required", _("A finished shift keeps its end time: enter the time it ended.")
    FUTURE_DATE = "future_date", _("The date is in the future: log a shift once it has taken place.")
    OVERLAP = "overlap", _("This overlaps another shift of the same advisor (%(village)s, %(date)s %(start)s–%(end)s).")
    NEGATIVE_COUNTER = "negative_counter", _("A count cannot be negative.")
    COUNTER_TOO_LARGE = "counter_too_large", _("This number is too large for one shift.")
    PEOPLE_FEWER_THAN_BATCHES = "people_fewer_than_batches", _(
        "Consultations (persons) cannot be fewer than consultations (batches)."
    )
    APPROVED_LOCKED = "approved_locked", _(
        "This shift has been approved and can no longer be edited; ask the district coordinator to correct it."
    )
    ALREADY_FINISHED = "already_finished", _("This shift is already finished.")
    ON_DUTY_ALREADY = "on_duty_already", _(
        "You are already on duty in %(village)s since %(start)s: finish that shift first."
    )
    # QR posters
    UNKNOWN_POSTER = "unknown_poster", _("This QR code is not a duty poster.")
    POSTER_REPLACED = "poster_replaced", _(
        "This poster was replaced by a new one. Scan the poster now hanging in the village."
    )
    POSTER_NOT_YOURS = "poster_not_yours", _(
        "This poster belongs to %(village)s, which is not one of your villages today."
    )
    # Assignments
    ASSIGNMENT_OVERLAP = "assignment_overlap", _(
        "%(village)s already has an advisor on some of these days (%(advisor)s, %(starts)s – %(ends)s)."
    )
    ASSIGNMENT_ENDS_BEFORE_START = "assignment_ends_before_start", _(
        "The end date cannot be before the start date."
    )
    SHIFTS_OUTSIDE_ASSIGNMENT = "shifts_outside_assignment", _(
        "The advisor has duty shifts in this village outside these dates (first on %(date)s)."
    )
    USER_NOT_ADVISOR = "user_not_advisor", _("The login user must have the role 'village legal advisor'.")
    USER_TAKEN = "user_taken", _("This login user is already linked to another advisor.")


class DutyRefused(ValidationError):
    """A refusal with a stable ``code`` and the ``field`` it concerns (None = the record as a whole)."""

    def __init__(self, code, field=None, **params):
        self.code = DutyError(code)
        self.field = field
        self.params = params
        message = ValidationError(self.code.label, code=self.code.value, params=params or None)
        super().__init__({field or NON_FIELD_ERRORS: [message]})

    @property
    def text(self):
        """The message with its parameters filled in (in the active language)."""
        return self.messages[0]

    def __str__(self):
        return f"{self.code.value}: {self.text}"
