"""The works and awards registry in the role menu (see accounts.navigation)."""

from django.utils.translation import gettext_lazy as _

from accounts.navigation import MANAGERS, register

register("works:list", _("Works and awards"), MANAGERS, order=145)
