"""Why closing a year was refused: stable codes with translated messages (``common.errors``)."""

from django.db.models import TextChoices
from django.utils.translation import gettext_lazy as _

from common.errors import CommonError, reuse


class CloseError(TextChoices):
    NOT_ALLOWED = reuse(CommonError.NOT_ALLOWED, _("Only a coordinator of this area may close its year."))
    REASON_REQUIRED = "reason_required", _("This year is already closed: say why you close it again.")
    FUTURE_YEAR = "future_year", _("A year that has not begun cannot be closed.")
    BAD_YEAR = "bad_year", _("Enter a year between 1980 and 2100.")
