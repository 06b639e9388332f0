"""``/advisors/people/pick.json?q=`` — the advisor picker's matches (active advisors by name)."""

from django.contrib.auth.decorators import login_required

from common.pickers import PICKER_LIMIT, picker_query, picker_response

from .access import advisors_visible_to


@login_required
def advisor_pick(request):
    query = picker_query(request)
    advisors = advisors_visible_to(request.user).filter(active=True).order_by("name", "id")
    if query:
        advisors = advisors.filter(name__icontains=query)
    return picker_response(
        (advisor.pk, f"{advisor.name} · {advisor.firm}" if advisor.firm else advisor.name)
        for advisor in advisors[:PICKER_LIMIT]
    )
