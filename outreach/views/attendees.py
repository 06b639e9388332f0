"""Organizer pages for an event's attendees: the list (phones masked but for coordinators), annulling
a wrong check-in, CSV/XLSX exports and typing in a paper sign-in sheet."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms.utils import ErrorDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from common.exports import csv_response, xlsx_response
from common.forms import show_refusal
from common.phones import mask_phone
from outreach import services
from outreach.access import can_unmask_phones
from outreach.forms import AnnulForm, SheetFormSet, village_choices
from outreach.models import CheckIn

from ._common import _event, _page


def _attendees(event):
    return event.checkins.select_related("home_village", "created_by").order_by("-created_at", "-id")


@login_required
def event_attendees(request, pk):
    event = _event(request, pk, manage=True)
    unmask = can_unmask_phones(request.user)
    page = _page(request, _attendees(event))
    now = timezone.now()
    rows = [
        {
            "checkin": checkin,
            "phone": checkin.phone if unmask else mask_phone(checkin.phone),
            "can_annul": services.can_annul(checkin, now),
        }
        for checkin in page.object_list
    ]
    return render(
        request,
        "outreach/event_attendees.html",
        {
            "event": event,
            "page": page,
            "rows": rows,
            "unmasked": unmask,
            "annul_minutes": settings.CHECKIN_ANNUL_MINUTES,
        },
    )


@login_required
def checkin_annul(request, pk, checkin_pk):
    """GET: the confirmation page asking why; POST with a reason: annul."""
    event = _event(request, pk, manage=True)
    checkin = get_object_or_404(CheckIn, pk=checkin_pk, event=event)
    form = AnnulForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.annul_checkin(request.user, checkin, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Check-in annulled: it is kept but no longer counted."))
        return redirect("outreach:event_attendees", pk=pk)
    unmask = can_unmask_phones(request.user)
    return render(
        request,
        "outreach/checkin_annul.html",
        {
            "event": event,
            "checkin": checkin,
            "phone": checkin.phone if unmask else mask_phone(checkin.phone),
            "form": form,
            "can_annul": services.can_annul(checkin),
        },
    )


EXPORT_HEADER = [
    gettext_lazy("Checked in at"),
    pgettext_lazy("person", "Name"),
    gettext_lazy("Phone"),
    gettext_lazy("Gender"),
    gettext_lazy("Age group"),
    gettext_lazy("Occupation"),
    gettext_lazy("Home village"),
    gettext_lazy("Home village code"),
    gettext_lazy("Method"),
    gettext_lazy("Annulled"),
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


SHEET_ROWS_ADDED = 5


def _with_more_rows(data, villages):
    """The posted sheet again with empty rows added: every typed row is kept, nothing is saved and
    nothing is judged yet (errors show when the sheet is saved)."""
    data = data.copy()
    key = "row-TOTAL_FORMS"
    try:
        total = int(data.get(key, 0))
    except ValueError:
        total = 0
    data[key] = str(max(0, min(total, 100 - SHEET_ROWS_ADDED)) + SHEET_ROWS_ADDED)
    formset = SheetFormSet(data, villages=villages, prefix="row")
    # Not validated: keep the half-typed rows free of "required" errors until "save".
    formset._non_form_errors = formset.error_class()
    for form in formset.forms:
        form._errors = ErrorDict()
    return formset


@login_required
def event_sheet(request, pk):
    """Type in a paper sign-in sheet: several rows at once, all or none (services.enter_sheet)."""
    event = _event(request, pk, manage=True)
    villages = village_choices(event.area.code[:6])
    try:
        extra = max(1, min(int(request.GET.get("rows", 5)), 50))
    except ValueError:
        extra = 5
    if request.method == "POST" and request.POST.get("add_rows"):
        formset = _with_more_rows(request.POST, villages)
    elif request.method == "POST":
        formset = SheetFormSet(request.POST, villages=villages, prefix="row")
        if formset.is_valid():
            rows = [form for form in formset.forms if form.has_changed()]
            try:
                result = services.enter_sheet(request.user, event, [form.attendee() for form in rows])
            except services.CheckinRefused as refusal:
                messages.error(request, refusal.message)
                return redirect("outreach:event_detail", pk=pk)
            if result.saved:
                messages.success(
                    request,
                    _("%(new)d new check-ins saved; %(repeat)d were already checked in.")
                    % {"new": result.created, "repeat": result.repeated},
                )
                return redirect("outreach:event_sheet", pk=pk)
            for index, error in result.errors.items():
                show_refusal(rows[index], error)
            messages.error(request, _("Nothing was saved: correct the marked rows."))
    else:
        formset = SheetFormSet(villages=villages, prefix="row", initial=None)
        formset.extra = extra
    return render(request, "outreach/event_sheet.html", {"event": event, "formset": formset, "more": extra + 5})
