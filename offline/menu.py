"""The offline pages in the role menu (see accounts.navigation)."""

from django.utils.translation import gettext_lazy as _

from accounts.navigation import ADVISOR, COORDINATOR, ORGANIZER, register

register("offline:duty", _("Duty offline"), {ADVISOR}, order=35)
register("offline:door_list", _("Door mode"), {ORGANIZER, COORDINATOR}, order=45)
