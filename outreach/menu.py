"""The events entry in the role menu (see accounts.navigation)."""

from django.utils.translation import gettext_lazy as _

from accounts.home_sections import register as register_home_section
from accounts.navigation import MANAGERS, ORGANIZER, register

register("outreach:event_list", _("Events"), MANAGERS | {ORGANIZER}, order=40)


def _organizer_section(user):
    from django.utils import timezone

    from .queries import events_needing_confirmation, organizer_agenda

    now = timezone.now()
    return {
        "agenda": organizer_agenda(user, now),
        "unconfirmed": list(events_needing_confirmation(user, now)[:20]),
        "now": now,
    }


register_home_section("outreach:organizer", {ORGANIZER}, "outreach/_home_organizer.html", _organizer_section, order=10)
