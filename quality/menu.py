"""The data-quality flags entry in the role menu (see accounts.navigation)."""

from django.utils.translation import gettext_lazy as _

from accounts.navigation import MANAGERS, register

register("quality:flags", _("Data-quality flags"), MANAGERS, order=135)
