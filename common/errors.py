"""Why a write was refused: one style for every app.

Each app lists its refusals in its own ``errors.py`` as ``TextChoices``: the value is the stable code
(API clients and tests match on it, never renamed), the label the translated message (with
``%(name)s`` parameters). A service raises ``Refusal(code, field, **params)``. It is a Django
``ValidationError`` keyed by field, so forms (``common.forms.show_refusal``), the admin and the API
(``api/exceptions.py``, which also answers its ``http_status``) show it next to the right input.

Codes several apps refuse with are defined once here (``CommonError``); an app's list reuses them
with ``reuse()`` so code and message stay the same everywhere.
"""

from typing import ClassVar

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class CommonError(models.TextChoices):
    NOT_ALLOWED = "not_allowed", _("You may not change this record.")
    OUT_OF_SCOPE = "out_of_scope", _("This village is outside your area.")
    NOT_A_VILLAGE = "not_a_village", _("Choose a village or community, not a town or district.")
    BAD_PHONE = "bad_phone", _("Enter a mainland China mobile number (11 digits starting with 1).")


def reuse(code, label=None):
    """A shared code as a member of an app's TextChoices: ``NOT_A_VILLAGE = reuse(CommonError.NOT_A_VILLAGE)``.
    ``label`` gives the app its own wording for the same code."""
    return code.value, code.label if label is None else label


def coded(code, **params):
    """One message carrying its code, for a ValidationError that names several fields at once."""
    return ValidationError(code.label, code=code.value, params=params or None)


class Refusal(ValidationError):
    """A refusal with a stable ``code``, the ``field`` it concerns (None = the record as a whole), the
    message's ``params`` and the ``http_status`` the API answers with.

    Subclasses may set ``codes`` (their TextChoices, so a code's plain string is accepted too) and
    ``statuses`` (code → HTTP status, for the codes that are not a 400).
    """

    codes = None
    statuses: ClassVar[dict] = {}

    def __init__(self, code, field=None, http_status=None, **params):
        self.code = self.codes(code) if self.codes is not None else code
        if not isinstance(self.code, models.Choices):
            raise TypeError(f"A refusal code is a member of a TextChoices, not {code!r}.")
        self.field = field
        self.params = params
        self.http_status = http_status or self.statuses.get(self.code, 400)
        super().__init__({field or NON_FIELD_ERRORS: [coded(self.code, **params)]})

    @property
    def text(self):
        """The message with its parameters filled in (in the active language)."""
        return self.messages[0]

    def __str__(self):
        return f"{self.code.value}: {self.text}"
