"""What each role's home page shows besides the menu tiles ("what needs doing today").

accounts sits below the feature apps, so each app registers its own sections (from its ``menu.py``):
``register(name, roles, template, context)`` where ``context(user)`` returns the template's context
(or None to leave the section out). The home view renders them in order.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class HomeSection:
    name: str
    roles: frozenset
    template: str
    context: object  # callable(user) -> dict | None
    order: int


_SECTIONS = {}


def register(name, roles, template, context, order=100):
    _SECTIONS[name] = HomeSection(name, frozenset(roles), template, context, order)


def sections_for(user, role):
    """[(template, context)] of the sections for this user's role, in order."""
    shown = []
    for section in sorted(_SECTIONS.values(), key=lambda item: (item.order, item.name)):
        if role not in section.roles:
            continue
        context = section.context(user)
        if context is not None:
            shown.append({"template": section.template, "context": context})
    return shown
