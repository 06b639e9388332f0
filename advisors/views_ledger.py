"""Town officers' and coordinators' pages: the duty ledger (filter, approve in bulk, export) and
the monthly compliance grid (and its export). Everything is limited to the user's area."""

import datetime
from functools import wraps
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Sum
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.scopes import is_manager, scope_prefix, scope_q
from common.clock import local_today
from common.exports import csv_response, xlsx_response
from jobs.services import start_job
from places.models import Area

from . import duty, services
from .errors import DutyRefused
from .exports import LEDGER_XLSX, counter_labels, encode_filters, ledger_header, ledger_rows
from .forms import ComplianceFilterForm, LedgerFilterForm
from .models import Advisor, Assignment
from .views import refused

PAGE_SIZE = 50


def manager_required(view):
    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not is_manager(request.user):
            return refused(request, _("This page is for town justice officers and coordinators."))
        return view(request, *args, **kwargs)

    return wrapper


def town_choices(user):
    return list(Area.objects.towns().filter(scope_q(user, "code")).order_by("code").values_list("code", "name"))


def _ledger_form(request, data):
    """The filters; the village and advisor pickers hold only the chosen ones (no list of names)."""
    user = request.user
    villages = Area.objects.villages().filter(scope_q(user, "code"))
    prefix = scope_prefix(user) or ""
    advisors = Advisor.objects.filter(
        Exists(Assignment.objects.filter(advisor=OuterRef("pk"), village__code__startswith=prefix))
    )
    return LedgerFilterForm(data or None, towns=town_choices(user), villages=villages, advisors=advisors)


def _with_default(data):
    """The ledger opens on "waiting for me": no approval filter in the link means pending."""
    if "approval" in data:
        return data
    data = data.copy()
    data["approval"] = "pending"
    return data


def _filtered(request, data):
    form = _ledger_form(request, _with_default(data))
    return form, duty.filter_ledger(duty.ledger_queryset(request.user), **form.filters())


@manager_required
def ledger(request):
    form, shifts = _filtered(request, request.GET)
    page = Paginator(shifts, PAGE_SIZE).get_page(request.GET.get("page"))
    totals = shifts.order_by().aggregate(hours=Sum("hours"), shifts=Count("id"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "advisors/ledger.html",
        {
            "form": form,
            "page": page,
            "totals": totals,
            "query": query.urlencode(),
            "counter_labels": counter_labels(),
            "waiting_view": form.filters().get("approval") == "pending",
        },
    )


@manager_required
@require_POST
def approve(request):
    """Approve the ticked shifts, or every pending shift the current filters show."""
    form, shifts = _filtered(request, request.GET)
    if request.POST.get("all") == "1":
        chosen = shifts
    else:
        chosen = [int(pk) for pk in request.POST.getlist("shift") if pk.isdigit()][:5000]
    try:
        count = services.approve_shifts(chosen, by=request.user)
    except DutyRefused as refusal:
        messages.error(request, refusal.text)
    else:
        if count:
            messages.success(request, _("%(count)d shifts approved.") % {"count": count})
        else:
            messages.warning(request, _("Nothing to approve: choose finished shifts that wait for approval."))
    query = request.GET.urlencode()
    return redirect(reverse("advisors:ledger") + (f"?{query}" if query else ""))


@manager_required
@require_POST
def return_shifts(request):
    """Return the ticked shifts to their advisors with one comment."""
    chosen = [int(pk) for pk in request.POST.getlist("shift") if pk.isdigit()][:5000]
    try:
        count = services.return_shifts(chosen, by=request.user, comment=request.POST.get("comment", ""))
    except DutyRefused as refusal:
        messages.error(request, refusal.text)
    else:
        if count:
            messages.success(request, _("%(count)d shifts returned for correction.") % {"count": count})
        else:
            messages.warning(request, _("Nothing to return: choose finished shifts that wait for approval."))
    if len(chosen) == 1 and request.POST.get("from") != "ledger" and not request.GET:
        return redirect("advisors:shift_detail", pk=chosen[0])
    query = request.GET.urlencode()
    return redirect(reverse("advisors:ledger") + (f"?{query}" if query else ""))


@manager_required
def ledger_export(request, fmt):
    _form, shifts = _filtered(request, request.GET)
    header = ledger_header()
    name = "duty-ledger"
    if fmt == "xlsx":
        return xlsx_response(f"{name}.xlsx", [(_("Duty ledger"), header, ledger_rows(shifts))])
    return csv_response(f"{name}.csv", header, ledger_rows(shifts))


@manager_required
@require_POST
def ledger_export_job(request):
    """Prepare the filtered ledger's XLSX as a background job (a province's ledger takes a while); the
    job page shows its progress and offers the file."""
    form, _shifts = _filtered(request, request.GET)
    job = start_job(by=request.user, kind=LEDGER_XLSX, params={"filters": encode_filters(form.filters())})
    return redirect("jobs:job_detail", pk=job.pk)


@manager_required
def compliance(request):
    towns = town_choices(request.user)
    form = ComplianceFilterForm(request.GET or None, towns=towns, initial={"year": local_today().year})
    year, town, approved_only = form.values()
    grid = duty.compliance_grid(request.user, year, town=town, approved_only=approved_only)
    query = urlencode(
        {k: v for k, v in (("year", year), ("town", town or ""), ("approved_only", "on" if approved_only else "")) if v}
    )
    return render(
        request,
        "advisors/compliance.html",
        {
            "form": form,
            "grid": grid,
            "year": year,
            "months": [datetime.date(year, m, 1) for m in range(1, 13)],
            "required": duty.required_hours(),
            "query": query,
            "under_count": sum(1 for row in grid if row.months_under),
        },
    )


def _compliance_rows(grid, year, required):
    for row in grid:
        for cell in row.cells:
            yield [
                row.village.parent.name if row.village.parent else "",
                row.village.code,
                row.village.name,
                row.advisor_names,
                f"{year}-{cell.month:02d}",
                float(cell.hours),
                float(required),
                cell.shifts,
                cell.home_visits,
                {"under": _("under"), "ok": _("met"), "current": _("running"), "future": ""}[cell.state],
            ]


@manager_required
def compliance_export(request, fmt):
    form = ComplianceFilterForm(request.GET or None, towns=town_choices(request.user))
    year, town, approved_only = form.values()
    grid = duty.compliance_grid(request.user, year, town=town, approved_only=approved_only)
    header = [
        _("Town"),
        _("Village code"),
        _("Village"),
        _("Advisor"),
        _("Month"),
        _("Hours"),
        _("Required hours"),
        _("Shifts"),
        _("Home visits"),
        _("Status"),
    ]
    rows = _compliance_rows(grid, year, duty.required_hours())
    name = f"duty-compliance-{year}"
    if fmt == "xlsx":
        return xlsx_response(f"{name}.xlsx", [(_("Duty compliance"), header, rows)])
    return csv_response(f"{name}.csv", header, rows)
