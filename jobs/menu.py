"""The jobs' entry in the role menu (see accounts.navigation)."""

from django.utils.translation import gettext_lazy as _

from accounts.navigation import MANAGERS, ORGANIZER, register

register("jobs:my_jobs", _("My jobs"), MANAGERS | {ORGANIZER}, order=165)
