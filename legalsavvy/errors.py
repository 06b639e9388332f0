"""Why a write was refused. The codes are stable (API clients and tests match on them); the labels
are the translated messages shown to people. Refusals are ``common.errors.Refusal``s (see there)."""

from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from common.errors import CommonError, Refusal, reuse


class SavvyError(models.TextChoices):
    NOT_A_VILLAGE = reuse(CommonError.NOT_A_VILLAGE)
    VILLAGE_INACTIVE = "village_inactive", _("This village is no longer active.")
    OUT_OF_SCOPE = reuse(CommonError.OUT_OF_SCOPE)
    NAME_REQUIRED = "name_required", _("Enter the person's name.")
    BAD_PHONE = reuse(CommonError.BAD_PHONE)
    BAD_BIRTH_YEAR = "bad_birth_year", _("Enter a birth year between 1900 and this year.")
    DATE_REQUIRED = "date_required", _("Enter a valid date (YYYY-MM-DD).")
    DATE_IN_FUTURE = "date_in_future", _("The date cannot be in the future.")
    DUPLICATE_PERSON = (
        "duplicate_person",
        _("This person is already in the registry of this village (same name and phone)."),
    )
    DUPLICATE_CERTIFICATE = (
        "duplicate_certificate",
        _("A person with this certificate number is already in the registry of this village."),
    )
    DUPLICATE_NAME = (
        "duplicate_name",
        _(
            "A person with this name is already in the registry of this village: give a phone or certificate "
            "number to tell them apart."
        ),
    )
    ALREADY_REMOVED = "already_removed", _("This person has already been removed.")
    NOT_REMOVED = "not_removed", _("Only a removed person can be re-appointed.")
    REMOVED_BEFORE_APPOINTED = "removed_before_appointed", _("The removal date cannot be before the appointment date.")
    REAPPOINTED_BEFORE_REMOVAL = (
        "reappointed_before_removal",
        _("The new appointment cannot start before the previous removal date."),
    )
    APPOINTED_BEFORE_PREVIOUS_TERM = (
        "appointed_before_previous_term",
        _("The appointment date cannot be before the end of the previous term."),
    )
    REASON_REQUIRED = "reason_required", _("Give the reason for the removal.")
    NO_ADVISOR = "no_advisor", _("The village has no legal advisor assigned on this date.")
    ADVISOR_INACTIVE = "advisor_inactive", _("This legal advisor is no longer active.")
    STATUS_CHANGE = "status_change", _("Change the status by removing or re-appointing the person, not by editing it.")
    BAD_HOURS = "bad_hours", _("Enter hours greater than 0 and at most 100.")
    BAD_ACTIVITY_HOURS = "bad_activity_hours", _("Enter hours between 0 and 100.")
    TOPIC_REQUIRED = "topic_required", _("Enter the training topic.")
    NO_ATTENDEES = "no_attendees", _("Choose at least one person who attended.")
    NOT_ACTIVE_ON_DATE = "not_active_on_date", _("This person was not an active legal-savvy person on that date.")
    BAD_COUNT = "bad_count", _("The count must be at least 1.")
    BAD_KIND = "bad_kind", _("Choose a kind of activity.")
    HONOR_DUPLICATE = (
        "honor_duplicate",
        _("This village already has this honor at this level for this year; change its status instead."),
    )
    IMPORT_CHANGED_SINCE = (
        "import_changed_since",
        _("%(name)s has been changed since this import: it can no longer be undone."),
    )
    IMPORT_HAS_RECORDS = (
        "import_has_records",
        _("Trainings or activities have been recorded for persons of this import: it can no longer be undone."),
    )
    HONOR_YEAR = "honor_year", _("Enter a year between 1980 and this year (next year for a candidate).")


class SavvyRefused(Refusal):
    codes = SavvyError
    statuses: ClassVar[dict] = {SavvyError.IMPORT_CHANGED_SINCE: 409, SavvyError.IMPORT_HAS_RECORDS: 409}


def refusal(field, code, **params):
    """The refusal of ``code`` on ``field`` (the services' argument order)."""
    return SavvyRefused(code, field, **params)
