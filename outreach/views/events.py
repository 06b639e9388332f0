"""Organizer pages for events: list, create/edit, the event page with its live count, the QR for a
projector and as a poster, status and walk-ins. Attendees (list, annulment, exports, paper sheets)
are in attendees.py, photos in photos.py.

Thin: permissions from ``outreach.access``, writes through ``services``, counts from ``outreach.stats``.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from common.forms import show_refusal
from outreach import services
from outreach.access import can_create, can_manage, visible_events
from outreach.feedback import feedback_summary
from outreach.forms import EventFilterForm, EventForm, WalkInForm
from outreach.models import Event
from outreach.qr import checkin_url, qr_inline, qr_response
from outreach.queries import search_events
from outreach.stats import counts_json, event_counts
from topics.models import display_topics

from ._common import _event, _page


@login_required
def event_list(request):
    form = EventFilterForm(request.GET or None)
    events = visible_events(
        request.user,
        Event.objects.with_attendee_count().select_related("area", "series").order_by("-starts_at", "-id"),
    )
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            events = search_events(events, data["q"])
        if data["status"]:
            events = events.filter(status=data["status"])
        now = timezone.now()
        if data["when"] == "upcoming":
            events = events.filter(ends_at__gte=now).order_by("starts_at", "id")
        elif data["when"] == "past":
            events = events.filter(ends_at__lt=now)
    page = _page(request, events)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "outreach/event_list.html",
        {
            "page": page,
            "form": form,
            "can_create": can_create(request.user),
            "query": query.urlencode(),
        },
    )


def _save_form(request, form, event=None):
    if not form.is_valid():
        return None
    try:
        if event is None:
            return services.create_event(request.user, dict(form.cleaned_data))
        return services.update_event(request.user, event, dict(form.cleaned_data))
    except ValidationError as error:
        show_refusal(form, error)
        return None


@login_required
def event_create(request):
    if not can_create(request.user):
        raise PermissionDenied
    source = _copy_source(request)
    initial = EventForm.initial_copy(source) if source is not None else None
    form = EventForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST":
        event = _save_form(request, form)
        if event is not None:
            messages.success(request, _("Event created. Show its check-in QR code at the venue."))
            return redirect("outreach:event_detail", pk=event.pk)
    return render(request, "outreach/event_form.html", {"form": form, "event": None, "copied_from": source})


def _copy_source(request):
    """``?copy=<id>``: an event this user manages, to prefill a new one from (else None)."""
    pk = request.GET.get("copy", "")
    if request.method != "GET" or not pk.isdigit() or len(pk) > 18:
        return None
    return _event(request, int(pk), manage=True)


@login_required
def event_edit(request, pk):
    event = _event(request, pk, manage=True)
    if request.method == "POST":
        form = EventForm(request.POST, user=request.user)
        saved = _save_form(request, form, event)
        if saved is not None:
            messages.success(request, _("Event saved."))
            return redirect("outreach:event_detail", pk=event.pk)
    else:
        form = EventForm(initial=EventForm.initial_from(event), user=request.user)
    return render(request, "outreach/event_form.html", {"form": form, "event": event})


@login_required
def event_detail(request, pk):
    event = _event(request, pk)
    manage = can_manage(request.user, event)
    context = {
        "event": event,
        "manage": manage,
        "counts": event_counts(event),
        "audiences": [row.get_audience_display() for row in event.audience_rows.all()],
        "topics": display_topics(event.topics),
        "advisors": list(event.advisors.all()),
        "legal_savvy_persons": list(event.legal_savvy_persons.select_related("village")),
        "photos": list(event.photos.all()),
        "window": services.checkin_window(event),
    }
    if manage:
        context.update(
            {
                "checkin_url": checkin_url(event, request),
                "qr_svg": qr_inline(event, request),
                "walk_in_form": WalkInForm(initial={"walk_in_count": event.walk_in_count}),
                "statuses": Event.Status.choices,
                "feedback": feedback_summary(Event.objects.filter(pk=event.pk)),
            }
        )
    return render(request, "outreach/event_detail.html", context)


@never_cache
@login_required
@require_GET
def event_counts_json(request, pk):
    """The live count the event page and the projector poll (a few aggregate queries)."""
    event = _event(request, pk)
    return JsonResponse(counts_json(event))


@login_required
def event_projector(request, pk):
    event = _event(request, pk, manage=True)
    return render(
        request,
        "outreach/event_projector.html",
        {
            "event": event,
            "checkin_url": checkin_url(event, request),
            "qr_svg": qr_inline(event, request),
            "counts": event_counts(event),
        },
    )


@login_required
def event_poster(request, pk):
    event = _event(request, pk, manage=True)
    return render(
        request,
        "outreach/event_poster.html",
        {
            "event": event,
            "checkin_url": checkin_url(event, request),
            "qr_svg": qr_inline(event, request),
            "window": services.checkin_window(event),
        },
    )


@login_required
def event_qr(request, pk, fmt):
    event = _event(request, pk, manage=True)
    return qr_response(event, request, fmt, download=request.GET.get("download") == "1")


@login_required
@require_POST
def event_rotate(request, pk):
    event = _event(request, pk, manage=True)
    services.rotate_secret(request.user, event)
    messages.success(
        request, _("A new check-in QR code was made. The old one no longer works: print or show the new one.")
    )
    return redirect("outreach:event_detail", pk=pk)


@login_required
@require_POST
def event_status(request, pk):
    event = _event(request, pk, manage=True)
    try:
        services.set_status(request.user, event, request.POST.get("status", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Status saved."))
    if request.POST.get("next") == "home":
        return redirect("home")
    return redirect("outreach:event_detail", pk=pk)


@login_required
@require_POST
def event_walk_ins(request, pk):
    event = _event(request, pk, manage=True)
    form = WalkInForm(request.POST)
    if form.is_valid():
        services.set_walk_in_count(request.user, event, form.cleaned_data["walk_in_count"])
        messages.success(request, _("Walk-in headcount saved."))
    else:
        messages.error(request, _("Enter the walk-in headcount as a whole number, 0 or more."))
    return redirect("outreach:event_detail", pk=pk)
