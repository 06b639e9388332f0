"""The topics' entry in the role menu (see accounts.navigation)."""

from django.utils.translation import gettext_lazy as _

from accounts.navigation import MANAGERS, register

register("topics:list", _("Legal topics"), MANAGERS, order=145)
