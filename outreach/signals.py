"""``checkins_changed``: an event's check-ins changed (one made, edited or annulled).

Sent after a check-in's ``post_save`` — at most once per event per ``CHECKIN_DEBOUNCE_SECONDS`` (one
cache round trip), because public check-ins come in bursts and what is derived from them (quality
flags, coverage roll-ups) need only be recomputed once per burst. Receivers get ``event_id`` and
``countdown``: run the work that many seconds later when a broker can (it then sees the whole window),
``None`` when there is no window. One debounce for every listener keeps the public path at one cache
call, however many apps listen."""

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_save
from django.dispatch import Signal, receiver

from .models import CheckIn

checkins_changed = Signal()


def debounce_key(event_id):
    return f"outreach:checkins-changed:{event_id}"


@receiver(post_save, sender=CheckIn, dispatch_uid="outreach_checkins_changed")
def announce_checkin(sender, instance, raw=False, **kwargs):
    if raw:
        return
    window = settings.CHECKIN_DEBOUNCE_SECONDS
    if window and not cache.add(debounce_key(instance.event_id), 1, window):
        return  # this event's window is already announced
    checkins_changed.send(sender=CheckIn, event_id=instance.event_id, countdown=window or None)
