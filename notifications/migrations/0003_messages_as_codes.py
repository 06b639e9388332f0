"""Notifications stored as text before codes existed become a code plus parameters where their text
can be read back (counts, a shift's village and date, the villages behind on duty); a text that
cannot is kept and shown as written."""

import re

from django.db import migrations

COUNT = re.compile(r"(\d+)")
BEHIND = re.compile(r"^(?P<village>.+?)\s+(?P<done>\d+(?:\.\d+)?)/(?P<target>\d+(?:\.\d+)?)$")
REQUIRED = re.compile(r"(\d+(?:\.\d+)?)\s*(?:h\b|小时)")
COUNTED = {"shifts_waiting", "events_unmarked", "coverage_digest"}


def _params(note, shifts):
    text = note.message or ""
    if note.kind in COUNTED:
        found = COUNT.search(text)
        return {"count": int(found.group(1))} if found else None
    if note.kind == "open_shift" and note.period_key.startswith("shift-"):
        shift = shifts.filter(pk=note.period_key[6:] if note.period_key[6:].isdigit() else None).first()
        if shift is None:
            return None
        return {"village": shift.village.name, "date": shift.date.isoformat()}
    if note.kind == "duty_behind":
        head, sep, tail = max((text.rpartition(mark) for mark in ("：", ": ")), key=lambda part: len(part[0]))
        required = REQUIRED.search(head)
        villages = [BEHIND.match(part.strip()) for part in re.split(r"[；;]", tail) if part.strip()]
        if not sep or not required or not villages or not all(villages):
            return None
        return {
            "required": int(float(required.group(1))) if float(required.group(1)).is_integer() else required.group(1),
            "villages": [match.groupdict() for match in villages],
        }
    return None


def forwards(apps, schema_editor):
    Notification = apps.get_model("notifications", "Notification")
    shifts = apps.get_model("advisors", "DutyShift").objects.select_related("village")
    changed = []
    for note in Notification.objects.filter(code="").iterator():
        params = _params(note, shifts)
        if params is not None:
            note.code, note.params, note.message = note.kind, params, ""
            changed.append(note)
    Notification.objects.bulk_update(changed, ["code", "params", "message"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0002_notification_code_params"),
        ("advisors", "0007_merge_0004_dutyshifttopic_0006_merge_20261201_1756"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
