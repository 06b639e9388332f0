"""The annual figures page in the role menu (see accounts.navigation)."""

from django.utils.translation import gettext_lazy as _

from accounts.navigation import MANAGERS, register

register("figures:page", _("Annual figures"), MANAGERS, order=140)
