"""Menu entries for the apps below accounts (see accounts.navigation).

places sits below accounts and must not import it, so it cannot register its own entry; accounts may
name places' page (a downward reference), and every role sees it.
"""

from django.utils.translation import gettext_lazy as _

from .navigation import ALL_ROLES, register

register("places:area_browser", _("Areas"), ALL_ROLES, order=150)
