"""Why a flag could not be resolved (stable codes)."""

from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from common.errors import CommonError, Refusal, reuse


class FlagError(models.TextChoices):
    NOT_ALLOWED = reuse(CommonError.NOT_ALLOWED)
    NOTE_REQUIRED = "note_required", _("Say in a note why the record is right or how it was corrected.")
    ALREADY_RESOLVED = "already_resolved", _("This flag is resolved already.")


class FlagRefused(Refusal):
    codes = FlagError
    statuses: ClassVar[dict] = {FlagError.NOT_ALLOWED: 403, FlagError.ALREADY_RESOLVED: 409}
