"""Flags decided right after the write commits: a shift saved or deleted, an event saved (or its
speakers changed), a check-in saved (made, annulled). Each write queues ``quality.refresh_flags``
once per record per transaction (a paper sheet of 100 rows recomputes its event once) on commit;
without a broker the task runs in-process. A flag is advice: a failure is logged, never raised into
the write it follows. ``QUALITY_FLAGS_ON_WRITE = False`` leaves it all to the nightly job."""

import logging

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from advisors.models import DutyShift
from outreach.models import CheckIn, Event

from .models import Flag

logger = logging.getLogger("quality")
Type = Flag.RecordType


def queue_refresh(record_type, record_id, *, countdown=None, **options):
    if not settings.QUALITY_FLAGS_ON_WRITE or record_id is None:
        return
    key = (record_type, record_id, tuple(sorted(options.items())))
    connection = transaction.get_connection()
    if connection.in_atomic_block and any(
        getattr(entry[1], "flag_key", None) == key and not entry[1].done for entry in connection.run_on_commit
    ):
        return  # already queued by this transaction, not run yet

    def refresh():
        from .tasks import refresh_flags_task

        refresh.done = True
        try:
            refresh_flags_task.apply_async((record_type, record_id), options, countdown=countdown)
        except Exception:
            logger.exception("Could not recompute the flags of %s %s", record_type, record_id)

    refresh.flag_key, refresh.done = key, False
    transaction.on_commit(refresh)


@receiver(post_save, sender=DutyShift, dispatch_uid="quality_flags_after_shift_write")
@receiver(post_delete, sender=DutyShift, dispatch_uid="quality_flags_after_shift_delete")
def flag_shift_after_write(sender, instance, raw=False, **kwargs):
    if not raw:
        queue_refresh(Type.DUTY_SHIFT, instance.pk)


@receiver(post_save, sender=Event, dispatch_uid="quality_flags_after_event_write")
def flag_event_after_write(sender, instance, raw=False, **kwargs):
    if not raw:
        queue_refresh(Type.EVENT, instance.pk)


@receiver(m2m_changed, sender=Event.advisors.through, dispatch_uid="quality_flags_after_event_speakers")
def flag_event_after_speakers(sender, instance, action, reverse=False, **kwargs):
    if action.startswith("post_") and not reverse:
        queue_refresh(Type.EVENT, instance.pk)


@receiver(post_save, sender=CheckIn, dispatch_uid="quality_flags_after_checkin_write")
def flag_checkin_after_write(sender, instance, raw=False, **kwargs):
    """Check-ins come in bursts on the public path, so an event's flags are recomputed at most once per
    QUALITY_CHECKIN_DEBOUNCE_SECONDS: the first check-in of a window queues the refresh to run at its end
    (with a broker; it then sees the whole burst), the others of the window queue nothing. Without a
    broker the refresh runs at once and the nightly job catches what the window's later ones changed."""
    if raw:
        return
    window = settings.QUALITY_CHECKIN_DEBOUNCE_SECONDS
    if window and not cache.add(f"quality:checkin-refresh:{instance.event_id}", 1, window):
        return
    # A check-in does not change who spoke where: the advisors' shifts are left alone.
    queue_refresh(Type.EVENT, instance.event_id, countdown=window or None, speakers=False)
