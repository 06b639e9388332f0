"""Why an event or check-in write was refused: stable codes with translated messages (``common.errors``)."""

from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from common.errors import Refusal


class CheckinRefusal(models.TextChoices):
    """Why a check-in was refused. The codes are part of the public API and never change."""

    INVALID = "invalid", _("This check-in code is not valid.")
    REVOKED = "revoked", _("This QR code has been replaced. Please scan the current code at the venue.")
    NOT_OPEN = "not_open", _("Check-in has not opened yet.")
    CLOSED = "closed", _("Check-in for this event has closed.")
    CANCELLED = "cancelled", _("This event has been cancelled.")


class CheckinRefused(Refusal):
    """A scanned secret or an event that takes no check-in; ``event`` is the event it opened, if any.
    The statuses are the API contract's (API.md "Check-in"); the attendee page answers the same."""

    codes = CheckinRefusal
    statuses: ClassVar[dict] = {
        CheckinRefusal.INVALID: 404,
        CheckinRefusal.REVOKED: 410,
        CheckinRefusal.CANCELLED: 410,
        CheckinRefusal.CLOSED: 410,
        CheckinRefusal.NOT_OPEN: 409,
    }

    def __init__(self, code, event=None):
        super().__init__(code)
        self.event = event

    @property
    def message(self):
        return self.code.label


class CheckinError(models.TextChoices):
    """Bad attendee data, annulling, and the personal-data purge."""

    NOT_AN_OBJECT = "not_an_object", _("Send the attendee's details as an object.")
    NAME_REQUIRED = "attendee_name_required", _("Enter your name.")
    NULL_CHARACTER = "null_character", _("Null characters are not allowed.")
    NAME_TOO_LONG = "name_too_long", _("A name has at most 50 characters.")
    BAD_GENDER = "bad_gender", _("Choose a gender from the list.")
    BAD_AGE_GROUP = "bad_age_group", _("Choose an age group from the list.")
    BAD_OCCUPATION = "bad_occupation", _("Choose an occupation from the list.")
    BAD_HOME_VILLAGE = "bad_home_village", _("Choose your village from the list.")
    CONSENT_REQUIRED = "consent_required", _("Please agree to the personal-information notice to check in.")
    ALREADY_ANNULLED = "already_annulled", _("This check-in is already annulled.")
    ANNUL_TOO_LATE = "annul_too_late", _("A check-in can only be annulled within %(minutes)d minutes of it.")
    BAD_PURGE_DAYS = "bad_purge_days", _("Give a number of days between 0 and 36500.")
    FEEDBACK_GIVEN = "feedback_given", _("Thank you: your feedback for this check-in has already been received.")
    BAD_SATISFACTION = "bad_satisfaction", _("Choose a satisfaction from 1 to 5.")
    BAD_WISH = "bad_wish", _("Choose topics from the list.")
    FEEDBACK_EMPTY = "feedback_empty", _("Choose a satisfaction or at least one topic, or simply close this page.")
    SHEET_HAS_FEEDBACK = (
        "sheet_has_feedback",
        _("An attendee of this sheet has given feedback since: it can no longer be undone."),
    )


class EventError(models.TextChoices):
    TITLE_REQUIRED = "title_required", _("Enter a title.")
    BAD_CHOICE = "bad_choice", _("Choose a value from the list.")
    BAD_TOPICS = "bad_topics", _("Topics are a list of short texts.")
    TOPIC_TOO_LONG = "topic_too_long", _("A topic has at most 100 characters.")
    AREA_REQUIRED = "area_required", _("Choose where the event is held.")
    AREA_OUT_OF_SCOPE = "area_out_of_scope", _("This area is outside your area of work.")
    BAD_AREA_LEVEL = "bad_area_level", _("Choose a village, town or district.")
    ENDS_BEFORE_START = "ends_before_start", _("The end must not be before the start.")
    STARTS_REQUIRED = "starts_at_required", _("Enter when the event starts.")
    ENDS_REQUIRED = "ends_at_required", _("Enter when the event ends.")
    NEGATIVE_WALK_INS = "negative_walk_ins", _("The walk-in headcount cannot be negative.")
    BAD_WALK_INS = "bad_walk_ins", _("Enter a whole number.")
    EPISODE_WITHOUT_SERIES = "episode_without_series", _("An episode number needs a series.")
    BAD_EPISODE = "bad_episode", _("Episode numbers start at 1.")
    DUPLICATE_EPISODE = "duplicate_episode", _("This series already has an episode with this number.")
    BAD_AUDIENCE = "bad_audience", _("Choose audiences from the list.")
    UNKNOWN_PERSON = "unknown_person", _("Choose from the list.")
