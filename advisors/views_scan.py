"""QR-verified presence: the poster (A4 page, PNG, SVG, rotation) and the page its QR opens."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.clock import local_now, local_today
from common.qr import qr_svg_inline
from places.models import Area

from . import duty, services
from .access import advisor_of, can_manage_village
from .errors import DutyError, DutyRefused
from .posters import qr_response, scan_url
from .views import refused


def scan(request, secret):
    """GET: confirm starting duty here. POST: start the verified shift at the scan time."""
    if not request.user.is_authenticated:
        # After logging in the advisor comes straight back here.
        return redirect_to_login(request.get_full_path())
    if request.method not in ("GET", "POST"):
        return refused(request, _("Not possible"), status=405)
    try:
        village = services.village_for_secret(secret)
    except DutyRefused as refusal:
        if refusal.code == DutyError.POSTER_REPLACED:
            return refused(request, refusal.text, status=refusal.http_status, title=_("This poster was replaced"))
        raise Http404 from None
    advisor = advisor_of(request.user)
    if advisor is None:
        return refused(
            request,
            DutyError.NOT_AN_ADVISOR.label
            if request.user.is_advisor
            else _("Only village legal advisors start duty shifts from this poster."),
        )
    today = local_today()
    if not services.is_assigned(advisor, village, today):
        return refused(
            request, DutyRefused(DutyError.POSTER_NOT_YOURS, village=village.name).text, title=_("Not your village")
        )
    if request.method == "POST":
        try:
            shift = services.start_verified_shift(by=request.user, secret=secret)
        except DutyRefused as refusal:
            return refused(request, refusal.text, status=409)
        messages.success(
            request,
            _("On duty in %(village)s since %(time)s (presence verified).")
            % {"village": village.name, "time": shift.start_time.strftime("%H:%M")},
        )
        return redirect("advisors:shift_finish", pk=shift.pk)
    open_shift = duty.open_shifts(advisor).filter(date=today).first()
    return render(
        request,
        "advisors/scan_confirm.html",
        {
            "village": village,
            "advisor": advisor,
            "now": local_now(),
            "open_shift": open_shift,
        },
    )


def _managed_village(request, code):
    """The village for a poster page: 404 unless a village; refused unless its town officer or a coordinator."""
    if not code.isdigit():
        raise Http404
    village = get_object_or_404(Area.objects.villages().select_related("parent"), code=code)
    if not can_manage_village(request.user, village):
        return village, refused(request, _("Only the town's justice officers and coordinators print posters."))
    return village, None


@login_required
def poster(request, code):
    """The A4 poster for the village's legal service room."""
    village, denied = _managed_village(request, code)
    if denied:
        return denied
    poster = services.ensure_poster(village)
    url = scan_url(request, poster.secret)
    current = duty.current_assignment_names([village], local_today()).get(village.pk)
    return render(
        request,
        "advisors/poster.html",
        {
            "village": village,
            "poster": poster,
            "qr_svg": qr_svg_inline(url),
            "advisor": current.advisor if current else None,
        },
    )


@login_required
def poster_image(request, code, fmt):
    village, denied = _managed_village(request, code)
    if denied:
        return denied
    return qr_response(request, services.ensure_poster(village), fmt)


@login_required
@require_POST
def poster_rotate(request, code):
    village, denied = _managed_village(request, code)
    if denied:
        return denied
    services.rotate_poster(village, by=request.user)
    messages.success(
        request, _("A new poster was issued. Print it and replace the old one: the old QR code no longer works.")
    )
    return redirect("advisors:poster", code=village.code)
