"""Write audit entries from services: ``record(user, obj, action, ...)``."""

from .models import AuditEntry


def diff(before, after, fields):
    """{"field": [old, new]} for the fields whose values differ (values made JSON-friendly)."""
    changes = {}
    for field in fields:
        old, new = before.get(field), after.get(field)
        if old != new:
            changes[field] = [_plain(old), _plain(new)]
    return changes


def _plain(value):
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def record(user, obj, action, *, area_code="", record_date=None, changes=None, summary=""):
    return AuditEntry.objects.create(
        user=user if (user is not None and user.is_authenticated) else None,
        action=action,
        model=obj._meta.label_lower,
        object_id=str(obj.pk),
        summary=(summary or str(obj))[:300],
        changes=changes or {},
        area_code=area_code or "",
        record_date=record_date,
    )
