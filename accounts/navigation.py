"""The menu each role sees. Items whose URL does not exist (yet) are left out.

accounts sits below the feature apps, so it cannot name their pages: each app registers its own
entries (its ``menu.py``, imported from its ``AppConfig.ready()``), and this module only collects
them, orders them and filters them by role.
"""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse

COORDINATOR, TOWN_OFFICER, ORGANIZER, ADVISOR = "coordinator", "town_officer", "organizer", "advisor"
MANAGERS = frozenset({COORDINATOR, TOWN_OFFICER})
ALL_ROLES = frozenset({COORDINATOR, TOWN_OFFICER, ORGANIZER, ADVISOR})


@dataclass(frozen=True)
class MenuEntry:
    url_name: str
    label: str  # usually a lazy translation
    roles: frozenset  # roles that see it; superusers see everything
    order: int  # position in the menu across all apps (smaller first)


_ENTRIES = {}


def register(url_name, label, roles, order):
    """Add (or replace: registering twice is harmless) one menu entry."""
    _ENTRIES[url_name] = MenuEntry(url_name, label, frozenset(roles), order)


def entries():
    return sorted(_ENTRIES.values(), key=lambda entry: (entry.order, entry.url_name))


def items_for(user):
    if not user.is_authenticated:
        return []
    items = []
    for entry in entries():
        if not (user.is_superuser or user.role in entry.roles):
            continue
        try:
            items.append({"url": reverse(entry.url_name), "label": entry.label, "name": entry.url_name})
        except NoReverseMatch:
            continue
    return items
