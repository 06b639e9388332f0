"""The registry's entries in the role menu (see accounts.navigation)."""

from django.utils.translation import gettext_lazy as _

from accounts.navigation import MANAGERS, register

register("legalsavvy:registry", _("Legal-savvy persons"), MANAGERS, order=90)
register("legalsavvy:honors", _("Village honors"), MANAGERS, order=100)
