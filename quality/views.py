"""The flags page for town officers and coordinators (in scope): filter, resolve with a note, open a
resolved flag again with a note, recompute."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.scopes import area_in_scope, is_manager, scope_prefix
from common.clock import MAX_YEAR, MIN_YEAR, local_today, year_bounds
from outreach.models import CheckIn
from places.models import Area

from . import services
from .compute import compute_flags
from .errors import FlagRefused
from .models import Flag
from .queries import flags_for, record_url

STATES = (("open", gettext_lazy("Not resolved")), ("resolved", gettext_lazy("Resolved")), ("all", gettext_lazy("All")))


def _require_manager(user):
    if not is_manager(user):
        raise PermissionDenied


def _selection(request):
    """(year, area or None, state) from the query string; bad values fall back to the defaults."""
    data = request.POST if request.method == "POST" else request.GET
    try:
        year = int(data.get("year") or local_today().year)
    except ValueError:
        year = local_today().year
    year = min(max(year, MIN_YEAR), MAX_YEAR)
    code = (data.get("area") or "").strip()
    area = area_in_scope(request.user, code) if code else None
    state = data.get("state") if data.get("state") in {"open", "resolved", "all"} else "open"
    return year, area, state


def _area_options(user):
    prefix = scope_prefix(user) or ""
    return list(
        Area.objects.filter(code__startswith=prefix)
        .exclude(level=Area.Level.VILLAGE)
        .order_by("code")
        .only("code", "name", "level")
    )


def _links(flags):
    """The page of each flagged record (check-ins: their event's attendee list; one query for all)."""
    checkins = [flag.record_id for flag in flags if flag.record_type == Flag.RecordType.CHECKIN]
    events = dict(CheckIn.objects.filter(pk__in=checkins).values_list("pk", "event_id")) if checkins else {}
    for flag in flags:
        if flag.record_type == Flag.RecordType.CHECKIN:
            event = events.get(flag.record_id)
            flag.link = reverse("outreach:event_attendees", args=[event]) if event else None
        else:
            flag.link = record_url(flag)
    return flags


@login_required
def flag_list(request):
    _require_manager(request.user)
    year, area, state = _selection(request)
    flags = flags_for(request.user, area=area, year=year, state=None if state == "all" else state)
    page = Paginator(flags, 30).get_page(request.GET.get("page"))
    query = urlencode({"year": year, "area": area.code if area else "", "state": state})
    return render(
        request,
        "quality/flags.html",
        {
            "page": page,
            "flags": _links(list(page.object_list)),
            "year": year,
            "years": list(range(local_today().year, local_today().year - 8, -1)),
            "area": area,
            "area_options": _area_options(request.user),
            "state": state,
            "states": STATES,
            "query": query,
        },
    )


@login_required
@require_POST
def flag_resolve(request, pk):
    _require_manager(request.user)
    flag = get_object_or_404(flags_for(request.user), pk=pk)
    try:
        services.resolve_flag(request.user, flag, request.POST.get("note"))
        messages.success(request, _("Flag resolved."))
    except FlagRefused as refusal:
        messages.error(request, refusal.text)
    return redirect(reverse("quality:flags") + "?" + (request.POST.get("query") or ""))


@login_required
@require_POST
def flag_reopen(request, pk):
    _require_manager(request.user)
    flag = get_object_or_404(flags_for(request.user), pk=pk)
    try:
        services.reopen_flag(request.user, flag, request.POST.get("note"))
        messages.success(request, _("Flag opened again."))
    except FlagRefused as refusal:
        messages.error(request, refusal.text)
    return redirect(reverse("quality:flags") + "?" + (request.POST.get("query") or ""))


@login_required
@require_POST
def flag_recompute(request):
    _require_manager(request.user)
    year, area, state = _selection(request)
    first, last, _start, _end = year_bounds(year)
    prefix = area.code if area else (scope_prefix(request.user) or "")
    result = compute_flags(prefix, first, last)
    messages.success(
        request,
        _("Checked: %(found)d records flagged, %(created)d new, %(removed)d no longer flagged.")
        % {"found": result.found, "created": result.created, "removed": result.removed},
    )
    query = urlencode({"year": year, "area": area.code if area else "", "state": state})
    return redirect(reverse("quality:flags") + "?" + query)
