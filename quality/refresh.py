"""The flags of one record, decided right after a write commits (``quality/signals.py`` → the Celery
task ``quality.refresh_flags``, run in-process when no broker is configured). Cheap: the rules of the
record's kind over its village or district and day, a fixed number of queries."""

from django.db.models import Q

from advisors.models import DutyShift
from common.clock import local_date
from outreach.models import CheckIn, Event

from .compute import close_record_flags, compute_flags
from .models import Flag
from .rules import EVENT_RULES, SHIFT_RULES, advisor_elsewhere

Type = Flag.RecordType


def refresh_shift_flags(shift_id):
    """A shift written or deleted: its flags follow it (moved, corrected, gone)."""
    shift = DutyShift.objects.filter(pk=shift_id).values("village__code", "date").first()
    if shift is None:
        return close_record_flags(Type.DUTY_SHIFT, [shift_id])
    day = shift["date"]
    return compute_flags(
        shift["village__code"], day, day, rules=SHIFT_RULES, records=Q(record_type=Type.DUTY_SHIFT, record_id=shift_id)
    )


def refresh_event_flags(event_id, speakers=True):
    """An event or one of its check-ins written: the event's rules over its district that day (a phone's
    other event may be in another village), its check-ins' flags wherever they were stored, and (unless
    only a check-in changed: ``speakers=False``) the shifts of advisors that day."""
    event = Event.objects.filter(pk=event_id).values("area__code", "starts_at").first()
    if event is None:
        return close_record_flags(Type.EVENT, [event_id])
    day, district = local_date(event["starts_at"]), event["area__code"][:6]
    own = Q(record_type=Type.EVENT, record_id=event_id) | Q(
        record_type=Type.CHECKIN, record_id__in=CheckIn.objects.filter(event_id=event_id).values("id")
    )
    result = compute_flags(district, day, day, rules=EVENT_RULES, records=own)
    if speakers:
        compute_flags(district, day, day, rules=(advisor_elsewhere,))
    return result


def refresh_flags(record_type, record_id, speakers=True):
    if record_type == Type.DUTY_SHIFT:
        return refresh_shift_flags(record_id)
    if record_type == Type.EVENT:
        return refresh_event_flags(record_id, speakers=speakers)
    raise ValueError(record_type)
