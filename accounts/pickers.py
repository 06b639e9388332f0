"""``/areas/pick.json?q=`` — the area picker's matches: towns and villages in the user's scope (here,
not in places, because the scope rules live in accounts)."""

from django.contrib.auth.decorators import login_required
from django.db.models import Q

from common.pickers import PICKER_LIMIT, picker_query, picker_response
from places.models import Area

from .scopes import scope_q


@login_required
def area_pick(request):
    query = picker_query(request)
    levels = [Area.Level.VILLAGE] if request.GET.get("level") == "village" else [Area.Level.TOWN, Area.Level.VILLAGE]
    areas = (
        Area.objects.active()
        .filter(scope_q(request.user, "code"), level__in=levels)
        .select_related("parent")
        .order_by("code")
    )
    if query:
        areas = areas.filter(Q(name__icontains=query) | Q(code__startswith=query) | Q(parent__name__icontains=query))
    return picker_response(
        (area.code, f"{area.parent.name} › {area.name}" if area.is_village and area.parent_id else area.name)
        for area in areas[:PICKER_LIMIT]
    )
