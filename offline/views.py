"""The installable web app: the service worker, the manifest, and the pages that work offline
(the advisor's duty page, the poster-scan shell, the organizer's door mode)."""

import json
from datetime import timedelta

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from advisors.access import advisor_of
from advisors.models import Assignment, DutyShift
from advisors.views import refused
from common.clock import local_now, local_today
from outreach.access import can_manage, visible_events
from outreach.models import CheckIn
from outreach.stats import event_counts

from .strings import strings

# Bump when the cached shell changes shape; static files are re-fetched when their URL changes.
CACHE_VERSION = "pufa-offline-v1"
# The advisor's and organizer's pages: kept for offline use when visited (the managers' are not).
CACHED_PAGE_PREFIXES = ("/offline/", "/advisors/scan/", "/advisors/month/", "/advisors/shifts/", "/events/")
STATIC_FILES = (
    "site/app.css",
    "offline/offline.css",
    "offline/idb.js",
    "offline/queue.js",
    "offline/register.js",
    "offline/duty.js",
    "offline/scan.js",
    "offline/door.js",
    "offline/icon-192.png",
)


@never_cache
def service_worker(request):
    """/sw.js: at the root so its scope is the whole site (the poster URLs under /advisors/scan/)."""
    config = {
        "version": CACHE_VERSION,
        "precache_static": [static(name) for name in STATIC_FILES],
        "precache_pages": [reverse("offline:scan_shell")],
        "user_pages": [reverse("offline:duty"), reverse("offline:door_list")],
        "scan_prefix": "/advisors/scan/",
        "page_prefixes": list(CACHED_PAGE_PREFIXES),
        "pages_exact": [reverse("home"), reverse("advisors:my_villages")],
        "scan_shell": reverse("offline:scan_shell"),
        "logout": reverse("logout"),
        "static_prefix": static(""),
    }
    body = render(request, "offline/sw.js", {"config": json.dumps(config)}).content
    response = HttpResponse(body, content_type="application/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    return response


def manifest(request):
    data = {
        "name": _("Pufa Ledger"),
        "short_name": _("Pufa Ledger"),
        "lang": get_language(),
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#b22222",
        "icons": [
            {"src": static("offline/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("offline/icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {
                "src": static("offline/icon-maskable-512.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
        ],
    }
    return JsonResponse(data, content_type="application/manifest+json", json_dumps_params={"ensure_ascii": False})


@login_required
def duty(request):
    """The advisor's duty page: log a shift, finish a scanned one, the waiting and refused records."""
    advisor = advisor_of(request.user)
    if advisor is None:
        return refused(request, _("Only village legal advisors log duty shifts here."))
    today = local_today()
    villages = (
        Assignment.objects.in_force(today - timedelta(days=31), today)
        .filter(advisor=advisor)
        .select_related("village")
        .order_by("village__code")
    )
    seen, choices = set(), []
    for assignment in villages:
        if assignment.village_id not in seen:
            seen.add(assignment.village_id)
            choices.append(assignment.village)
    counters = [(name, DutyShift._meta.get_field(name).verbose_name) for name in DutyShift.COUNTERS]
    return render(
        request,
        "offline/duty.html",
        {
            "advisor": advisor,
            "villages": choices,
            "modes": DutyShift.Mode.choices,
            "counters": counters,
            "today": today,
            "now": local_now(),
            "owner": request.user.pk,
            "strings": strings(),
        },
    )


def scan_shell(request):
    """What a poster's URL shows when the phone is offline (the service worker answers with this
    page): it records the secret and the scan time on the phone. No personal data, no login."""
    return render(request, "offline/scan.html", {"strings": strings()})


def _door_events(user):
    since = local_now() - timedelta(days=14)
    events = visible_events(user).select_related("area").filter(ends_at__gte=since).order_by("starts_at")[:100]
    return [event for event in events if can_manage(user, event)]


@login_required
def door_list(request):
    return render(request, "offline/door_list.html", {"events": _door_events(request.user)})


def _managed_event(request, pk):
    event = visible_events(request.user).select_related("area").filter(pk=pk).first()
    if event is None:
        raise Http404
    return event


@login_required
def door(request, pk):
    """Door mode: a phone or tablet at the entrance; attendees type their details, entries queue offline."""
    event = _managed_event(request, pk)
    if not can_manage(request.user, event):
        return refused(request, _("Only the event's organizer and coordinators use door mode."))
    return render(
        request,
        "offline/door.html",
        {
            "event": event,
            "count": event_counts(event)["checkins"],
            "genders": CheckIn.Gender.choices,
            "age_groups": CheckIn.AgeGroup.choices,
            "occupations": CheckIn.Occupation.choices,
            "owner": request.user.pk,
            "strings": strings(),
        },
    )


@login_required
@never_cache
def door_count(request, pk):
    event = _managed_event(request, pk)
    if not can_manage(request.user, event):
        return JsonResponse({"detail": _("Not allowed.")}, status=403)
    return JsonResponse({"checkins": event_counts(event)["checkins"]})
