"""Why a synced record was refused before any app's rules ran: stable codes with translated messages."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SyncError(models.TextChoices):
    INVALID_RECORD = "invalid_record", _("This record is incomplete or malformed: %(detail)s")
    CLIENT_ID_TAKEN = "client_id_taken", _("This record's id was already used for another record.")
    ADVISOR_REQUIRED = "advisor_required", _("Say which advisor this shift belongs to.")
