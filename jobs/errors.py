"""Why a job request was refused: stable codes with translated messages."""

from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from common.errors import CommonError, Refusal, reuse


class JobError(models.TextChoices):
    NOT_ALLOWED = reuse(CommonError.NOT_ALLOWED)
    UNKNOWN_KIND = "unknown_kind", _("Unknown kind of job.")
    NOT_UNDOABLE = "not_undoable", _("Only a finished import that wrote something can be undone.")
    ALREADY_UNDONE = "already_undone", _("This import has already been undone.")
    CRASHED = "crashed", _("The job stopped with an unexpected error; nothing was written.")
    WORKER_STOPPED = (
        "worker_stopped",
        _("The worker running this job stopped (no sign of life for %(minutes)s minutes); start the job again."),
    )


class JobRefused(Refusal):
    codes = JobError
    statuses: ClassVar[dict] = {JobError.NOT_UNDOABLE: 409, JobError.ALREADY_UNDONE: 409}
