"""The advisor's phone pages: my villages, log a shift, my month, a shift's page, edit, finish, delete."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.scopes import is_manager
from common.clock import local_now, local_today, parse_month
from common.forms import show_refusal

from . import duty, services
from .access import advisor_of, can_edit_shift, is_coordinator, shifts_visible_to
from .errors import DutyError, DutyRefused
from .forms import COUNTERS, FinishShiftForm, ShiftForm, initial_times
from .history import described_changes
from .models import DutyShift


def refused(request, message, status=403, title=None):
    """A plain page saying why not (instead of a bare 403/410)."""
    return render(
        request, "advisors/refused.html", {"message": message, "title": title or _("Not possible")}, status=status
    )


def advisor_required(view):
    """Logged in, with the advisor role and a linked Advisor record; passes ``advisor`` on."""

    @login_required
    def wrapper(request, *args, **kwargs):
        advisor = advisor_of(request.user)
        if advisor is None:
            if request.user.is_advisor:
                return refused(request, DutyError.NOT_AN_ADVISOR.label)
            return refused(request, _("This page is for village legal advisors."))
        return view(request, advisor, *args, **kwargs)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


def month_param(request):
    today = local_today()
    return parse_month(request.GET.get("month"), (today.year, today.month))


def month_url(year, month):
    return f"{reverse('advisors:my_month')}?month={year:04d}-{month:02d}"


@advisor_required
def my_villages(request, advisor):
    """Today's villages with this month's hours against the requirement, and any shift still open."""
    today = local_today()
    month = {row.village.pk: row for row in duty.advisor_month(advisor, today.year, today.month)}
    rows = [{"assignment": a, "month": month.get(a.village_id)} for a in duty.assignments_on(advisor, today)]
    return render(
        request,
        "advisors/my_villages.html",
        {
            "advisor": advisor,
            "rows": rows,
            "open_shifts": list(duty.open_shifts(advisor)[:5]),
            "required": duty.required_hours(),
            "today": today,
        },
    )


@advisor_required
def shift_create(request, advisor):
    choices = duty.advisor_village_choices(advisor)
    if request.method == "POST":
        form = ShiftForm(request.POST, village_choices=choices)
        if form.is_valid():
            try:
                shift = services.record_shift(by=request.user, advisor=advisor, **form.shift_values())
            except DutyRefused as refusal:
                show_refusal(form, refusal)
            else:
                messages.success(
                    request,
                    _("Shift saved: %(hours)s hours in %(village)s.")
                    % {"hours": shift.hours, "village": shift.village.name},
                )
                return redirect(month_url(shift.date.year, shift.date.month))
    else:
        start, end = initial_times(local_now())
        wanted = request.GET.get("village")
        village = wanted if wanted in {code for code, _label in choices} else (choices[0][0] if choices else None)
        form = ShiftForm(
            village_choices=choices,
            initial={
                "village": village,
                "date": local_today(),
                "start_time": start,
                "end_time": end,
                **dict.fromkeys(COUNTERS, 0),
            },
        )
    return render(
        request,
        "advisors/shift_form.html",
        {
            "form": form,
            "advisor": advisor,
            "creating": True,
            "no_villages": not choices,
        },
    )


@advisor_required
def my_month(request, advisor):
    year, month = month_param(request)
    first = datetime.date(year, month, 1)
    previous = first - datetime.timedelta(days=1)
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    return render(
        request,
        "advisors/my_month.html",
        {
            "advisor": advisor,
            "first": first,
            "rows": duty.advisor_month(advisor, year, month),
            "shifts": duty.advisor_month_shifts(advisor, year, month),
            "required": duty.required_hours(),
            "previous_url": month_url(previous.year, previous.month),
            "next_url": month_url(following.year, following.month) if following <= local_today() else None,
        },
    )


def _visible_shift(request, pk):
    queryset = shifts_visible_to(
        request.user,
        DutyShift.objects.select_related("advisor", "village", "village__parent", "approved_by", "created_by"),
    )
    return get_object_or_404(queryset, pk=pk)


@login_required
def shift_detail(request, pk):
    shift = _visible_shift(request, pk)
    changes = described_changes(shift.changes.select_related("changed_by"))
    return render(
        request,
        "advisors/shift_detail.html",
        {
            "shift": shift,
            "changes": changes,
            "can_edit": can_edit_shift(request.user, shift),
            "can_approve": is_manager(request.user) and not shift.is_approved and shift.end_time is not None,
            "can_return": is_manager(request.user) and not shift.is_approved and shift.end_time is not None,
            "counters": [(DutyShift._meta.get_field(name).verbose_name, getattr(shift, name)) for name in COUNTERS],
            "topic_rows": services.topic_breakdown(shift),
        },
    )


@login_required
def shift_edit(request, pk):
    shift = _visible_shift(request, pk)
    if shift.end_time is None:
        return redirect("advisors:shift_finish", pk=shift.pk)
    if not can_edit_shift(request.user, shift):
        messages.error(request, DutyError.APPROVED_LOCKED.label if shift.is_approved else DutyError.NOT_ALLOWED.label)
        return redirect("advisors:shift_detail", pk=shift.pk)
    correcting = shift.is_approved  # only coordinators get here with an approved shift
    choices = duty.advisor_village_choices(shift.advisor)
    if shift.village.code not in {code for code, _label in choices}:
        choices.append((shift.village.code, shift.village.name))
    if request.method == "POST":
        form = ShiftForm(
            request.POST,
            village_choices=choices,
            with_reason=is_coordinator(request.user),
            topics=services.topic_counts_of(shift),
        )
        if form.is_valid() and _unverifying(shift, form.shift_values()) and not request.POST.get("confirm_unverify"):
            # Changing where/when a QR-verified shift took place drops its proof: ask first.
            return render(
                request,
                "advisors/shift_form.html",
                {
                    "form": form,
                    "advisor": shift.advisor,
                    "shift": shift,
                    "creating": False,
                    "correcting": correcting,
                    "confirm_unverify": True,
                },
            )
        if form.is_valid():
            try:
                services.update_shift(
                    shift, by=request.user, reason=form.cleaned_data.get("reason", ""), **form.shift_values()
                )
            except DutyRefused as refusal:
                show_refusal(form, refusal)
            else:
                messages.success(request, _("Shift updated."))
                if request.user.is_advisor:
                    return redirect(month_url(shift.date.year, shift.date.month))
                return redirect("advisors:shift_detail", pk=shift.pk)
    else:
        initial = {
            name: getattr(shift, name) for name in ("date", "start_time", "end_time", "mode", "notes", *COUNTERS)
        }
        initial["village"] = shift.village.code
        form = ShiftForm(
            initial=initial,
            village_choices=choices,
            with_reason=is_coordinator(request.user),
            topics=services.topic_counts_of(shift),
        )
    return render(
        request,
        "advisors/shift_form.html",
        {
            "form": form,
            "advisor": shift.advisor,
            "shift": shift,
            "creating": False,
            "correcting": correcting,
        },
    )


def _unverifying(shift, values):
    """Would these values change a field that the QR scan proves (so the shift loses "verified")?"""
    if not shift.verified_presence:
        return False
    return any(field in values and values[field] != getattr(shift, field) for field in services.VERIFIED_FIELDS)


@login_required
def shift_finish(request, pk):
    """After a poster scan: the shift is running; end it and say what was done."""
    shift = _visible_shift(request, pk)
    if shift.end_time is not None:
        return redirect("advisors:shift_detail", pk=shift.pk)
    started_today = shift.date == local_today()
    if request.method == "POST":
        form = FinishShiftForm(request.POST, started_today=started_today)
        if form.is_valid():
            try:
                services.finish_shift(shift, by=request.user, **form.shift_values())
            except DutyRefused as refusal:
                show_refusal(form, refusal)
            else:
                messages.success(request, _("Shift finished."))
                if request.user.is_advisor:
                    return redirect(month_url(shift.date.year, shift.date.month))
                return redirect("advisors:shift_detail", pk=shift.pk)
    else:
        form = FinishShiftForm(started_today=started_today, initial={"mode": shift.mode, **dict.fromkeys(COUNTERS, 0)})
    return render(request, "advisors/shift_finish.html", {"form": form, "shift": shift})


@login_required
@require_POST
def shift_delete(request, pk):
    shift = _visible_shift(request, pk)
    try:
        services.delete_shift(shift, by=request.user)
    except DutyRefused as refusal:
        messages.error(request, refusal.text)
        return redirect("advisors:shift_detail", pk=shift.pk)
    messages.success(request, _("Shift deleted."))
    if request.user.is_advisor:
        return redirect(month_url(shift.date.year, shift.date.month))
    return redirect("advisors:ledger")
