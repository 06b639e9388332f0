"""Event reads shared by pages, commands and (later) reminders."""

import datetime
import json

from django.db.models import Exists, OuterRef, Q, TextField
from django.db.models.functions import Cast

from accounts.scopes import is_manager, scope_q
from common.clock import local_date, local_midnight

from .models import CheckIn, Event

COMING_DAYS = 30


def live_checkins_exist():
    """An Exists() over the outer event's live (not annulled) check-ins."""
    return Exists(CheckIn.objects.filter(event=OuterRef("pk"), annulled=False))


def search_events(events, text):
    """Events whose title, venue, area name or one of its topics contains ``text``. Topics are a
    JSON list: searched as its text, in both spellings a database may keep (SQLite stores non-ASCII
    letters as \\u escapes, PostgreSQL as they are)."""
    text = text.strip()
    escaped = json.dumps(text)[1:-1]
    topics = Q(topics_text__icontains=text)
    if escaped != text:
        topics |= Q(topics_text__icontains=escaped)
    return events.annotate(topics_text=Cast("topics", TextField())).filter(
        Q(title__icontains=text) | Q(venue__icontains=text) | Q(area__name__icontains=text) | topics
    )


def events_needing_confirmation(user_or_area_code, now):
    """Events still ``planned`` whose end has passed: nobody said whether they took place.

    ``user_or_area_code``: an organizer (their own events), a town officer or coordinator (events in
    their scope), or an area code (events under it). Newest end first; a queryset (one query to list
    or to count). Events with check-ins or walk-ins among them are closed by ``close_ended_events``;
    the ones left are those the organizer must mark held or cancelled."""
    events = Event.objects.filter(status=Event.Status.PLANNED, ends_at__lt=now)
    if isinstance(user_or_area_code, str):
        events = events.filter(area__code__startswith=user_or_area_code)
    else:
        user = user_or_area_code
        if user is None or not user.is_authenticated:
            return events.none()
        if user.is_superuser:
            pass
        elif is_manager(user):
            events = events.filter(scope_q(user, "area__code"))
        elif user.is_organizer:
            events = events.filter(organizer=user)
        else:
            return events.none()
    return events.select_related("area").order_by("-ends_at", "-id")


def organizer_agenda(user, now, days=COMING_DAYS, limit=10):
    """The organizer's events from today (local) to ``days`` ahead, not cancelled, soonest first."""
    today = local_date(now)
    start, end = local_midnight(today), local_midnight(today + datetime.timedelta(days=days + 1))
    events = (
        Event.objects.filter(organizer=user, starts_at__lt=end, ends_at__gte=start)
        .exclude(status=Event.Status.CANCELLED)
        .select_related("area")
        .order_by("starts_at", "id")
    )
    return list(events[:limit])
