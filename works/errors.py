"""Why a write to the works and awards registry was refused (stable codes; see common.errors)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from common.errors import CommonError, Refusal, reuse


class WorkError(models.TextChoices):
    NOT_ALLOWED = reuse(CommonError.NOT_ALLOWED)
    OUT_OF_SCOPE = "out_of_scope", _("This area is outside your area.")
    TITLE_REQUIRED = "title_required", _("Enter the title.")
    BAD_YEAR = "bad_year", _("Enter a year between 1980 and this year.")
    DUPLICATE_WORK = "duplicate_work", _("This area already has a work with this title in that year.")
    WORK_REQUIRED = "work_required", _("Choose the work that received the award.")
    RECIPIENT_REQUIRED = "recipient_required", _("Enter who received the award.")
    WORK_HAS_AWARDS = "work_has_awards", _("This work has awards: delete them first.")


class WorkRefused(Refusal):
    codes = WorkError
    statuses = {WorkError.NOT_ALLOWED: 403, WorkError.WORK_HAS_AWARDS: 409}
