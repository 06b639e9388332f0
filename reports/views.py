"""The annual figures page, its XLSX and the year-close action (coordinators and town officers)."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.scopes import area_in_scope, is_manager, scope_prefix
from jobs.services import start_job
from places.models import CODE_LENGTHS, Area

from .docx import docx_response
from .docx.table import LABELS
from .forms import CloseYearForm, FiguresFilterForm, year_choices
from .jobkinds import FIGURES_DOCX
from .models import FiguresSnapshot
from .page import YEAR_ON_YEAR_KEYS, build_report
from .xlsx import figures_xlsx_response
from .yearclose import can_close, close_year


def _require_manager(user):
    if not is_manager(user):
        raise PermissionDenied


def _default_area(user):
    if user.scope_id:
        return user.scope
    # Coordinators without a scope see everything: start at the top of the tree.
    return Area.objects.filter(parent__isnull=True).order_by("code").first()


def _default_year(area):
    """The newest year closed for the area or an area containing it, else last year (the year an
    annual report is about)."""
    containing = [area.code[:n] for n in CODE_LENGTHS.values() if n <= len(area.code)]
    closed = (
        FiguresSnapshot.objects.filter(area__code__in=containing, superseded=False)
        .order_by("-year")
        .values_list("year", flat=True)
        .first()
    )
    return closed or timezone.localdate().year - 1


def _area_in_scope(user, code):
    # Scope before existence: outside the scope is 403 whether or not the code exists.
    return area_in_scope(user, code, Area.objects.select_related("parent"))


def _selection(request):
    """(year, area, form) from the query string, with defaults; (None, None, form) on bad input."""
    user = request.user
    data = request.GET.copy()
    if not data.get("area"):
        default = _default_area(user)
        if default is None:
            raise Http404
        data["area"] = default.code
    if not data.get("year"):
        area = Area.objects.filter(code=data["area"]).first()
        data["year"] = _default_year(area) if area else timezone.localdate().year - 1
    form = FiguresFilterForm(data)
    if not form.is_valid():
        return None, None, form
    return form.cleaned_data["year"], _area_in_scope(user, form.cleaned_data["area"]), form


def _area_options(user, selected):
    """The user's scope area and the areas one and two levels below it that are towns or above."""
    prefix = scope_prefix(user) or ""
    options = list(
        Area.objects.filter(code__startswith=prefix)
        .exclude(level=Area.Level.VILLAGE)
        .order_by("code")
        .only("code", "name", "level")
    )
    if selected is not None and selected.code not in {a.code for a in options}:
        options.append(selected)
    return options


def _monthly_chart(monthly):
    """The page's chart data (labels translated here): duty shifts and events as bars, attendees as a line."""
    return {
        "labels": [_("month %(month)s") % {"month": m["month"]} for m in monthly],
        "series": [
            {"key": "shifts", "label": _("Duty shifts"), "data": [m["shifts"] for m in monthly]},
            {"key": "events", "label": _("Events"), "data": [m["events"] for m in monthly]},
            {"key": "attendees", "label": _("Attendees"), "data": [m["attendees"] for m in monthly]},
        ],
        "axes": {"count": _("Shifts and events"), "amount": _("Attendees (person-times)")},
    }


@login_required
@require_GET
def figures_page(request):
    _require_manager(request.user)
    year, area, form = _selection(request)
    context = {"form": form, "years": year_choices(year), "area_options": _area_options(request.user, area)}
    if area is None:
        return render(request, "reports/page.html", context, status=400)
    report = build_report(year, area)
    context.update(report)
    context.update(
        chart=_monthly_chart(report["monthly"]),
        yoy_labels=[str(LABELS[key]) for key in YEAR_ON_YEAR_KEYS],
        print_view=request.GET.get("print") == "1",
        selected_year=year,
        can_close=can_close(request.user, area),
        close_form=CloseYearForm(initial={"year": year, "area": area.code}),
        query=urlencode({"year": year, "area": area.code}),
    )
    return render(request, "reports/page.html", context)


@login_required
@require_GET
def figures_xlsx(request):
    _require_manager(request.user)
    year, area, form = _selection(request)
    if area is None:
        return render(
            request,
            "reports/page.html",
            {"form": form, "years": year_choices(None), "area_options": _area_options(request.user, None)},
            status=400,
        )
    return figures_xlsx_response(build_report(year, area))


@login_required
@require_GET
def figures_docx(request):
    """The Word report of the selected year and area (built synchronously: about a second for a district)."""
    _require_manager(request.user)
    year, area, form = _selection(request)
    if area is None:
        return render(
            request,
            "reports/page.html",
            {"form": form, "years": year_choices(None), "area_options": _area_options(request.user, None)},
            status=400,
        )
    return docx_response(year, area)


@login_required
@require_POST
def figures_docx_job(request):
    """Prepare the Word report of the selected year and area as a background job (the job page shows
    its progress and offers the file)."""
    _require_manager(request.user)
    form = FiguresFilterForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a year and an area."))
        return redirect("figures:page")
    area = _area_in_scope(request.user, form.cleaned_data["area"])
    job = start_job(by=request.user, kind=FIGURES_DOCX, params={"year": form.cleaned_data["year"], "area": area.code})
    return redirect("jobs:job_detail", pk=job.pk)


@login_required
@require_POST
def close_year_view(request):
    _require_manager(request.user)
    form = CloseYearForm(request.POST)
    if not form.is_valid():
        messages.error(
            request,
            _("The year could not be closed: %(errors)s")
            % {"errors": "; ".join(e for errors in form.errors.values() for e in errors)},
        )
        return redirect("figures:page")
    year, area = form.cleaned_data["year"], _area_in_scope(request.user, form.cleaned_data["area"])
    back = reverse("figures:page") + "?" + urlencode({"year": year, "area": area.code})
    try:
        snapshot = close_year(year, area, request.user, form.cleaned_data["reason"])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(back)
    if snapshot.reason:
        messages.success(request, _("%(year)s closed again for %(area)s.") % {"year": year, "area": area.name})
    else:
        messages.success(request, _("%(year)s closed for %(area)s.") % {"year": year, "area": area.name})
    return redirect(back)
