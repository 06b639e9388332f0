"""Flags decided right after the write commits: a shift saved or deleted, an event saved (or its
speakers changed), an event's check-ins changed (outreach.signals.checkins_changed). Each write queues ``quality.refresh_flags``
once per record per transaction (a paper sheet of 100 rows recomputes its event once) on commit;
without a broker the task runs in-process. A flag is advice: a failure is logged, never raised into
the write it follows. ``QUALITY_FLAGS_ON_WRITE = False`` leaves it all to the nightly job."""

import logging

from django.conf import settings
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from advisors.models import DutyShift
from outreach.models import Event
from outreach.signals import checkins_changed

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


@receiver(checkins_changed, dispatch_uid="quality_flags_after_checkins")
def flag_event_after_checkins(sender, event_id, countdown=None, **kwargs):
    """Check-ins come in bursts on the public path: outreach announces an event's check-ins at most
    once per CHECKIN_DEBOUNCE_SECONDS, with the refresh to run at the window's end (with a broker; it
    then sees the whole burst). Without a broker the refresh runs at once and the nightly job catches
    what the window's later ones changed. A check-in does not change who spoke where: the advisors'
    shifts are left alone."""
    queue_refresh(Type.EVENT, event_id, countdown=countdown, speakers=False)
