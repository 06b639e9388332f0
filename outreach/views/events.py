"""Organizer pages for events: list, create/edit, the event page with its live count, the QR for a
projector and as a poster, paper sign-in sheets, walk-ins, annulment, attendees and exports.

Thin: permissions from ``outreach.access``, writes through ``services``, counts from ``outreach.stats``.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from common.exports import csv_response, xlsx_response
from common.phones import mask_phone

from outreach import services
from outreach.access import can_create, can_manage, can_unmask_phones, visible_events
from outreach.qr import checkin_url, qr_inline, qr_response
from outreach.stats import counts_json, event_counts
from outreach.forms import EventFilterForm, EventForm, PhotoForm, SheetFormSet, WalkInForm, village_choices
from outreach.models import CheckIn, Event, EventPhoto

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
            events = events.filter(Q(title__icontains=data["q"]) | Q(venue__icontains=data["q"])
                                   | Q(area__name__icontains=data["q"]))
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
    return render(request, "outreach/event_list.html", {
        "page": page, "form": form, "can_create": can_create(request.user), "query": query.urlencode(),
    })


def _form_data(form):
    data = dict(form.cleaned_data)
    return data


def _save_form(request, form, event=None):
    if not form.is_valid():
        return None
    try:
        if event is None:
            return services.create_event(request.user, _form_data(form))
        return services.update_event(request.user, event, _form_data(form))
    except ValidationError as error:
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
        return None


@login_required
def event_create(request):
    if not can_create(request.user):
        raise PermissionDenied
    form = EventForm(request.POST or None, user=request.user)
    if request.method == "POST":
        event = _save_form(request, form)
        if event is not None:
            messages.success(request, _("Event created. Show its check-in QR code at the venue."))
            return redirect("outreach:event_detail", pk=event.pk)
    return render(request, "outreach/event_form.html", {"form": form, "event": None})


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
        "advisors": list(event.advisors.all()),
        "legal_savvy_persons": list(event.legal_savvy_persons.select_related("village")),
        "photos": list(event.photos.all()),
        "window": services.checkin_window(event),
    }
    if manage:
        context.update({
            "checkin_url": checkin_url(event, request),
            "qr_svg": qr_inline(event, request),
            "walk_in_form": WalkInForm(initial={"walk_in_count": event.walk_in_count}),
            "statuses": Event.Status.choices,
        })
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
    return render(request, "outreach/event_projector.html", {
        "event": event, "checkin_url": checkin_url(event, request), "qr_svg": qr_inline(event, request),
        "counts": event_counts(event),
    })


@login_required
def event_poster(request, pk):
    event = _event(request, pk, manage=True)
    return render(request, "outreach/event_poster.html", {
        "event": event, "checkin_url": checkin_url(event, request), "qr_svg": qr_inline(event, request),
        "window": services.checkin_window(event),
    })


@login_required
def event_qr(request, pk, fmt):
    event = _event(request, pk, manage=True)
    return qr_response(event, request, fmt, download=request.GET.get("download") == "1")


@login_required
@require_POST
def event_rotate(request, pk):
    event = _event(request, pk, manage=True)
    services.rotate_secret(request.user, event)
    messages.success(request, _("A new check-in QR code was made. The old one no longer works: "
                                "print or show the new one."))
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


def _attendees(event):
    return event.checkins.select_related("home_village", "created_by").order_by("-created_at", "-id")


@login_required
def event_attendees(request, pk):
    event = _event(request, pk, manage=True)
    unmask = can_unmask_phones(request.user)
    page = _page(request, _attendees(event))
    annul_after = timezone.now() - timedelta(minutes=settings.CHECKIN_ANNUL_MINUTES)
    rows = [{
        "checkin": checkin,
        "phone": checkin.phone if unmask else mask_phone(checkin.phone),
        "can_annul": not checkin.annulled and checkin.created_at >= annul_after,
    } for checkin in page.object_list]
    return render(request, "outreach/event_attendees.html", {
        "event": event, "page": page, "rows": rows, "unmasked": unmask,
        "annul_minutes": settings.CHECKIN_ANNUL_MINUTES,
    })


@login_required
@require_POST
def checkin_annul(request, pk, checkin_pk):
    event = _event(request, pk, manage=True)
    checkin = get_object_or_404(CheckIn, pk=checkin_pk, event=event)
    try:
        services.annul_checkin(request.user, checkin)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Check-in annulled: it is kept but no longer counted."))
    return redirect("outreach:event_attendees", pk=pk)


EXPORT_HEADER = [
    gettext_lazy("Checked in at"), pgettext_lazy("person", "Name"), gettext_lazy("Phone"), gettext_lazy("Gender"),
    gettext_lazy("Age group"), gettext_lazy("Occupation"), gettext_lazy("Home village"),
    gettext_lazy("Home village code"), gettext_lazy("Method"), gettext_lazy("Annulled"),
]


def _export_rows(event, unmask, language):
    # Streamed after the view returns: keep the request's language for the labels.
    with translation.override(language):
        yield from _export_lines(event, unmask)


def _export_lines(event, unmask):
    for checkin in _attendees(event).iterator(chunk_size=500):
        village = checkin.home_village
        yield [
            timezone.localtime(checkin.created_at).strftime("%Y-%m-%d %H:%M:%S"),
            checkin.name,
            checkin.phone if unmask else mask_phone(checkin.phone),
            checkin.get_gender_display(),
            checkin.get_age_group_display(),
            checkin.get_occupation_display(),
            village.name if village else "",
            village.code if village else "",
            checkin.get_method_display(),
            _("yes") if checkin.annulled else "",
        ]


@login_required
def event_export(request, pk, fmt):
    event = _event(request, pk, manage=True)
    unmask = can_unmask_phones(request.user)
    header = [str(title) for title in EXPORT_HEADER]
    filename = f"event-{event.pk}-attendees.{fmt}"
    rows = _export_rows(event, unmask, translation.get_language())
    if fmt == "csv":
        return csv_response(filename, header, rows)
    return xlsx_response(filename, [(_("Attendee list"), header, rows)])


@login_required
def event_sheet(request, pk):
    """Type in a paper sign-in sheet: several rows at once, each through perform_checkin."""
    event = _event(request, pk, manage=True)
    villages = village_choices(event.area.code[:6])
    try:
        extra = max(1, min(int(request.GET.get("rows", 5)), 50))
    except ValueError:
        extra = 5
    if request.method == "POST":
        formset = SheetFormSet(request.POST, villages=villages, prefix="row")
        if formset.is_valid():
            rows = [form for form in formset.forms if form.has_changed()]
            try:
                new, repeated = _enter_sheet(request.user, event, rows)
            except services.CheckinRefused as refusal:
                messages.error(request, refusal.message)
                return redirect("outreach:event_detail", pk=pk)
            if new is not None:
                messages.success(request, _("%(new)d new check-ins saved; %(repeat)d were already checked in.")
                                 % {"new": new, "repeat": repeated})
                return redirect("outreach:event_sheet", pk=pk)
            messages.error(request, _("Nothing was saved: correct the marked rows."))
    else:
        formset = SheetFormSet(villages=villages, prefix="row", initial=None)
        formset.extra = extra
    return render(request, "outreach/event_sheet.html", {"event": event, "formset": formset, "more": extra + 5})


def _enter_sheet(user, event, rows):
    """All rows or none: a row the service refuses puts its errors on the form and rolls back."""
    new = repeated = 0
    failed = False
    with transaction.atomic():
        for form in rows:
            try:
                result = services.perform_checkin(event, form.attendee(), method=CheckIn.Method.ORGANIZER,
                                                  user=user, enforce_window=False)
            except ValidationError as error:
                form.apply_service_errors(error)
                failed = True
                continue
            if result.created:
                new += 1
            else:
                repeated += 1
        if failed:
            transaction.set_rollback(True)
            return None, None
    return new, repeated


@login_required
def event_photos(request, pk):
    event = _event(request, pk)
    manage = can_manage(request.user, event)
    form = PhotoForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not manage:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.add_photo(request.user, event, form.cleaned_data["image"], form.cleaned_data["caption"])
            except ValidationError as error:
                form.add_error("image", error)
            else:
                messages.success(request, _("Photo added."))
                return redirect("outreach:event_photos", pk=pk)
    return render(request, "outreach/event_photos.html", {
        "event": event, "form": form, "manage": manage, "photos": event.photos.all(),
    })


@login_required
@require_POST
def photo_delete(request, pk, photo_pk):
    event = _event(request, pk, manage=True)
    photo = get_object_or_404(EventPhoto, pk=photo_pk, event=event)
    services.delete_photo(request.user, photo)
    messages.success(request, _("Photo removed."))
    return redirect("outreach:event_photos", pk=pk)
