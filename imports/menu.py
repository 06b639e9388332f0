"""The imports' entry in the role menu (see accounts.navigation)."""

from django.utils.translation import gettext_lazy as _

from accounts.navigation import MANAGERS, ORGANIZER, register

register("imports:upload", _("Import spreadsheets"), MANAGERS | {ORGANIZER}, order=160)
