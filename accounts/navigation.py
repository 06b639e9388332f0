"""The menu each role sees. Items whose URL does not exist (yet) are left out."""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

C, T, O, A = "coordinator", "town_officer", "organizer", "advisor"

# (url name, label, roles that see it). Superusers see everything.
NAV_ITEMS = [
    ("advisors:my_villages", _("My villages"), {A}),
    ("advisors:shift_create", _("Log a shift"), {A}),
    ("advisors:my_month", _("My month"), {A}),
    ("outreach:event_list", _("Events"), {O, C, T}),
    ("advisors:ledger", _("Duty ledger"), {C, T}),
    ("advisors:compliance", _("Duty compliance"), {C, T}),
    ("advisors:villages", _("Village advisors"), {C, T}),
    ("advisors:advisor_list", _("Advisors"), {C}),
    ("legalsavvy:registry", _("Legal-savvy persons"), {C, T}),
    ("legalsavvy:honors", _("Village honors"), {C, T}),
    ("coverage:dashboard", _("Dashboard"), {C, T}),
    ("coverage:map", _("Coverage map"), {C, T}),
    ("coverage:gaps", _("Gap list"), {C, T}),
    ("figures:page", _("Annual figures"), {C, T}),
    ("places:area_browser", _("Areas"), {C, T, O, A}),
]


def items_for(user):
    if not user.is_authenticated:
        return []
    items = []
    for url_name, label, roles in NAV_ITEMS:
        if not (user.is_superuser or user.role in roles):
            continue
        try:
            items.append({"url": reverse(url_name), "label": label, "name": url_name})
        except NoReverseMatch:
            continue
    return items
