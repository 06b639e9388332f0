"""The jobs' entry in the role menu (see accounts.navigation)."""

from django.utils.translation import gettext_lazy as _

from accounts.navigation import MANAGERS, register

register("jobs:my_jobs", _("My jobs"), MANAGERS, order=165)
