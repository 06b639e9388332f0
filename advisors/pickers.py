"""The advisor picker's matches: ``advisor_lookup`` (the queryset ``/api/lookups/advisors/`` pages
through) and ``/advisors/people/pick.json?q=`` (its first matches, kept for older pages)."""

from django.contrib.auth.decorators import login_required
from django.db.models import Q

from common.pickers import PICKER_LIMIT, picker_query, picker_response

from .access import advisors_visible_to


def advisor_label(advisor):
    return f"{advisor.name} · {advisor.firm}" if advisor.firm else advisor.name


def advisor_lookup(user, query=""):
    """Active advisors the user may see, by name, firm or licence number (a substring of each)."""
    advisors = advisors_visible_to(user).filter(active=True).order_by("name", "id")
    if query:
        advisors = advisors.filter(Q(name__icontains=query) | Q(firm__icontains=query) | Q(license_no__icontains=query))
    return advisors


@login_required
def advisor_pick(request):
    advisors = advisor_lookup(request.user, picker_query(request))
    return picker_response((advisor.pk, advisor_label(advisor)) for advisor in advisors[:PICKER_LIMIT])
