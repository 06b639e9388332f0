"""A shift's corrections log (``DutyShiftChange.changes``: {"field": [old, new]}) in words:
field names as their verbose names, choices as their labels, presence as "QR scan"/"typed in"."""

from django.utils.translation import gettext as _

from .models import DutyShift

TIME_FIELDS = ("start_time", "end_time")


def _label(field):
    if field == "state":
        return _("review state")
    try:
        return str(DutyShift._meta.get_field(field).verbose_name)
    except Exception:  # a field that no longer exists: show its name
        return field


def _value(field, value):
    if value is None or value == "":
        return "—"
    if field == "mode":
        return str(dict(DutyShift.Mode.choices).get(value, value))
    if field == "state":
        return str(dict(DutyShift.State.choices).get(value, value))
    if field in TIME_FIELDS and isinstance(value, str) and len(value) >= 5:
        return value[:5]
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return str(value)


def _position(field):
    names = [f.name for f in DutyShift._meta.get_fields()]
    return names.index(field) if field in names else len(names)


def describe(changes):
    """One sentence per changed field, presence first (it says why the others matter)."""
    lines = []
    presence = changes.get("verified_presence")
    # In the model's field order (PostgreSQL's jsonb does not keep the order the keys were written in).
    others = sorted((field for field in changes if field != "verified_presence"), key=_position)
    if presence is not None:
        old, new = presence
        if old and not new:
            text = _("Presence changed from QR scan to typed in")
        elif new and not old:
            text = _("Presence changed from typed in to QR scan")
        else:
            text = _("Presence unchanged")
        if others:
            text = _("%(presence)s: changed %(fields)s") % {
                "presence": text,
                "fields": _(", ").join(_label(field) for field in others),
            }
        lines.append(text)
    for field in others:
        old, new = (changes[field] + [None, None])[:2] if isinstance(changes[field], list) else (None, changes[field])
        lines.append(
            _("%(field)s changed from %(old)s to %(new)s")
            % {"field": _label(field), "old": _value(field, old), "new": _value(field, new)}
        )
    return lines


def described_changes(changes):
    """The shift's ``changes`` queryset/list, each with ``lines`` (the sentences) attached."""
    items = list(changes)
    for change in items:
        change.lines = describe(change.changes or {})
    return items
