"""The area picker's matches: towns and villages in the user's scope (here, not in places, because
the scope rules live in accounts). ``area_lookup`` is the queryset ``/api/lookups/areas/`` pages
through; ``/areas/pick.json?q=`` answers its first matches (kept for older pages)."""

from django.contrib.auth.decorators import login_required
from django.db.models import Q

from common.pickers import PICKER_LIMIT, picker_query, picker_response
from places.models import Area

from .scopes import scope_q

LEVELS = (Area.Level.DISTRICT, Area.Level.TOWN, Area.Level.VILLAGE)


def area_label(area):
    return f"{area.parent.name} › {area.name}" if area.is_village and area.parent_id else area.name


def parse_levels(text):
    """``"village"`` or ``"town,village"`` → levels; anything else → towns and villages."""
    levels = [level for level in (text or "").split(",") if level in LEVELS]
    return levels or [Area.Level.TOWN, Area.Level.VILLAGE]


def area_lookup(user, query="", levels=None, under=""):
    """Active areas in the user's scope at ``levels``, by name, code prefix or town name."""
    areas = (
        Area.objects.active()
        .filter(scope_q(user, "code"), level__in=levels or [Area.Level.TOWN, Area.Level.VILLAGE])
        .select_related("parent")
        .order_by("code")
    )
    if under.isdigit():
        areas = areas.filter(code__startswith=under)
    if query:
        areas = areas.filter(Q(name__icontains=query) | Q(code__startswith=query) | Q(parent__name__icontains=query))
    return areas


@login_required
def area_pick(request):
    areas = area_lookup(request.user, picker_query(request), parse_levels(request.GET.get("level")))
    return picker_response((area.code, area_label(area)) for area in areas[:PICKER_LIMIT])
