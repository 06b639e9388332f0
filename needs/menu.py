"""The needs page in the role menu (see accounts.navigation)."""

from django.utils.translation import gettext_lazy as _

from accounts.navigation import MANAGERS, register

register("needs:page", _("Needs and outreach"), MANAGERS, order=135)
