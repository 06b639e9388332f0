"""The imports' entry in the role menu (see accounts.navigation)."""

from django.utils.translation import gettext_lazy as _

from accounts.navigation import MANAGERS, register

register("imports:upload", _("Import spreadsheets"), MANAGERS, order=160)
