"""The advisors' entries in the role menu (see accounts.navigation)."""

from django.utils.translation import gettext_lazy as _

from accounts.navigation import ADVISOR, COORDINATOR, MANAGERS, register

register("advisors:my_villages", _("My villages"), {ADVISOR}, order=10)
register("advisors:shift_create", _("Log a shift"), {ADVISOR}, order=20)
register("advisors:my_month", _("My month"), {ADVISOR}, order=30)
register("advisors:ledger", _("Duty ledger"), MANAGERS, order=50)
register("advisors:compliance", _("Duty compliance"), MANAGERS, order=60)
register("advisors:villages", _("Village advisors"), MANAGERS, order=70)
register("advisors:advisor_list", _("Advisors"), {COORDINATOR}, order=80)
