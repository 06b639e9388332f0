"""The people pages in the role menu (see accounts.navigation)."""

from django.utils.translation import gettext_lazy as _

from accounts.navigation import COORDINATOR, MANAGERS, register

register("people:user_list", _("People and logins"), MANAGERS, order=85)
register("people:token_list", _("API tokens"), {COORDINATOR}, order=190)
