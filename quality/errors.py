"""Why a flag could not be resolved or reopened (stable codes)."""

from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from common.errors import CommonError, Refusal, reuse


class FlagError(models.TextChoices):
    NOT_ALLOWED = reuse(CommonError.NOT_ALLOWED)
    NOTE_REQUIRED = "note_required", _("Say in a note why the record is right or how it was corrected.")
    ALREADY_RESOLVED = "already_resolved", _("This flag is resolved already.")
    NOT_RESOLVED = "not_resolved", _("This flag is open: there is nothing to reopen.")
    REOPEN_NOTE_REQUIRED = "reopen_note_required", _("Say in a note why the flag is opened again.")
    RECORD_DELETED = "record_deleted", _("The flagged record was deleted: its flag cannot be opened again.")


class FlagRefused(Refusal):
    codes = FlagError
    statuses: ClassVar[dict] = {
        FlagError.NOT_ALLOWED: 403,
        FlagError.ALREADY_RESOLVED: 409,
        FlagError.NOT_RESOLVED: 409,
        FlagError.RECORD_DELETED: 409,
    }
