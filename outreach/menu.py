"""The events entry in the role menu (see accounts.navigation)."""

from django.utils.translation import gettext_lazy as _

from accounts.navigation import MANAGERS, ORGANIZER, register

register("outreach:event_list", _("Events"), MANAGERS | {ORGANIZER}, order=40)
