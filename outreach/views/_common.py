"""What the organizer pages share: the event the user may see or manage, and paging."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404

from outreach.access import can_manage, visible_events
from outreach.models import Event

PAGE_SIZE = 50


def _event(request, pk, manage=False):
    """The event if the user may see it (else 404); with manage=True also manage it (else 403)."""
    queryset = visible_events(request.user, Event.objects.select_related("area", "series", "organizer"))
    event = get_object_or_404(queryset, pk=pk)
    if manage and not can_manage(request.user, event):
        raise PermissionDenied
    return event


def _page(request, queryset):
    paginator = Paginator(queryset, PAGE_SIZE)
    return paginator.get_page(request.GET.get("page"))
