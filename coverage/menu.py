"""The coverage pages in the role menu (see accounts.navigation)."""

from django.utils.translation import gettext_lazy as _

from accounts.navigation import MANAGERS, register

register("coverage:dashboard", _("Dashboard"), MANAGERS, order=110)
register("coverage:map", _("Coverage map"), MANAGERS, order=120)
register("coverage:gaps", _("Gap list"), MANAGERS, order=130)
