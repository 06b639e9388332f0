"""Events that close themselves: once an event's end has passed, check-ins or walk-ins prove it took
place, so it is marked held (audited; its organizer can change the status back, and the job then
leaves it alone). Events with neither wait on the organizer's home ("did this take place?")."""

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from accounts import audit
from accounts.models import AuditEntry
from outreach.models import Event
from outreach.queries import live_checkins_exist

from ._common import _local_date

CHUNK = 500


def close_ended_events(now):
    """Mark held every planned event that ended before ``now`` with live check-ins or walk-ins and
    was never closed automatically before. Returns the ids closed (one audit entry each)."""
    candidates = (
        Event.objects.filter(status=Event.Status.PLANNED, ends_at__lt=now, auto_held_at__isnull=True)
        .annotate(has_checkins=live_checkins_exist())
        .filter(Q(has_checkins=True) | Q(walk_in_count__gt=0))
        .values_list("pk", flat=True)
    )
    closed = []
    ids = list(candidates)
    for start in range(0, len(ids), CHUNK):
        with transaction.atomic():
            # Re-checked under the row locks: an organizer's change in the meantime wins.
            events = list(
                Event.objects.select_for_update()
                .select_related("area")
                .filter(pk__in=ids[start : start + CHUNK], status=Event.Status.PLANNED, auto_held_at__isnull=True)
            )
            for event in events:
                event.status = Event.Status.HELD
                event.auto_held_at = now
                event.save(update_fields=["status", "auto_held_at", "updated_at"])
                audit.record(
                    None,
                    event,
                    AuditEntry.Action.UPDATE,
                    area_code=event.area.code,
                    record_date=_local_date(event.starts_at),
                    changes={"status": [Event.Status.PLANNED.value, Event.Status.HELD.value]},
                    summary=f"{event.title}: {_('marked held automatically')}",
                )
                closed.append(event.pk)
    return closed
