"""Why an account change was refused: stable codes (never renamed) with translated messages."""

from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from common.errors import CommonError, Refusal, reuse


class AccountError(models.TextChoices):
    NOT_ALLOWED = reuse(CommonError.NOT_ALLOWED)
    OUT_OF_SCOPE = "out_of_scope", _("This area is outside your scope.")
    LINK_INVALID = "link_invalid", _("This link is not valid. Ask your town justice office for a new one.")
    LINK_USED = "link_used", _("This link has already been used. Ask your town justice office for a new one.")
    LINK_EXPIRED = "link_expired", _("This link has expired. Ask your town justice office for a new one.")
    LINK_REVOKED = "link_revoked", _("A newer link replaced this one. Use the newest slip you were given.")
    USER_INACTIVE = "user_inactive", _("This login has been deactivated.")
    ROLE_TOO_HIGH = "role_too_high", _("You may not give a role above your own.")
    SCOPE_TOO_WIDE = "scope_too_wide", _("You may not give a scope wider than your own.")
    OWN_ROLE = "own_role", _("You may not change your own role, scope or status.")
    OFFICER_ROLES = "officer_roles", _("Town justice officers manage advisors and organizers only.")
    SCOPE_REQUIRED = "scope_required", _("Choose the area this person works in.")
    USERNAME_TAKEN = "username_taken", _("This username is already taken.")
    ADVISOR_TAKEN = "advisor_taken", _("This advisor record already has a login.")
    BAD_PHONE = reuse(CommonError.BAD_PHONE)
    ADVISOR_ROLE = "advisor_role", _("Only a login with the advisor role can be linked to an advisor record.")


class AccountRefused(Refusal):
    codes = AccountError
    statuses: ClassVar[dict] = {
        AccountError.NOT_ALLOWED: 403,
        AccountError.OUT_OF_SCOPE: 403,
        AccountError.ROLE_TOO_HIGH: 403,
        AccountError.SCOPE_TOO_WIDE: 403,
        AccountError.OWN_ROLE: 403,
        AccountError.OFFICER_ROLES: 403,
        AccountError.LINK_INVALID: 404,
        AccountError.LINK_USED: 410,
        AccountError.LINK_EXPIRED: 410,
        AccountError.LINK_REVOKED: 410,
        AccountError.USER_INACTIVE: 410,
    }
