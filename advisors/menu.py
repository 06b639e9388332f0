"""The advisors' entries in the role menu (see accounts.navigation)."""

from django.utils.translation import gettext_lazy as _

from accounts.home_sections import register as register_home_section
from accounts.navigation import ADVISOR, COORDINATOR, MANAGERS, register

register("advisors:my_villages", _("My villages"), {ADVISOR}, order=10)
register("advisors:shift_create", _("Log a shift"), {ADVISOR}, order=20)
register("advisors:my_month", _("My month"), {ADVISOR}, order=30)
register("advisors:ledger", _("Duty ledger"), MANAGERS, order=50)
register("advisors:compliance", _("Duty compliance"), MANAGERS, order=60)
register("advisors:villages", _("Village advisors"), MANAGERS, order=70)
register("advisors:advisor_list", _("Advisors"), {COORDINATOR}, order=80)


def _returned_section(user):
    from .access import advisor_of
    from .duty import returned_shifts

    advisor = advisor_of(user)
    if advisor is None:
        return None
    shifts = returned_shifts(advisor)
    return {"shifts": shifts} if shifts else None


register_home_section("advisors:returned", {ADVISOR}, "advisors/_home_returned.html", _returned_section, order=10)
