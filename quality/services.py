"""Resolving a flag: an officer (or coordinator) of the record's area says why in a note (audited);
reopening a resolved or automatically closed flag, with a note saying why (audited)."""

from django.db import transaction
from django.utils import timezone

from accounts import audit
from accounts.models import AuditEntry
from accounts.scopes import can_manage_code

from .errors import FlagError, FlagRefused
from .models import Flag


def resolve_flag(user, flag, note):
    """Mark ``flag`` resolved with ``note``. Flags never change totals: the record itself is untouched."""
    note = (note or "").strip()
    with transaction.atomic():
        flag = Flag.objects.select_for_update().get(pk=flag.pk)
        if not can_manage_code(user, flag.area_code):
            raise FlagRefused(FlagError.NOT_ALLOWED)
        if flag.resolved:
            raise FlagRefused(FlagError.ALREADY_RESOLVED)
        if not note:
            raise FlagRefused(FlagError.NOTE_REQUIRED, "note")
        flag.resolved, flag.note = True, note[:2000]
        flag.resolved_by, flag.resolved_at = user, timezone.now()
        flag.save(update_fields=["resolved", "note", "resolved_by", "resolved_at"])
        audit.record(
            user,
            flag,
            AuditEntry.Action.UPDATE,
            area_code=flag.area_code,
            record_date=flag.record_date,
            changes={"resolved": [False, True], "note": ["", flag.note]},
            summary=f"{flag.get_kind_display()}: {flag.note}",
        )
    return flag


def reopen_flag(user, flag, note):
    """Open a resolved (or automatically closed) flag again with ``note`` saying why; the note replaces
    the resolution's, which stays in the audit trail. A deleted record's flag stays closed."""
    note = (note or "").strip()
    with transaction.atomic():
        flag = Flag.objects.select_for_update().get(pk=flag.pk)
        if not can_manage_code(user, flag.area_code):
            raise FlagRefused(FlagError.NOT_ALLOWED)
        if not flag.resolved:
            raise FlagRefused(FlagError.NOT_RESOLVED)
        if flag.closed_reason == Flag.ClosedReason.RECORD_DELETED:
            raise FlagRefused(FlagError.RECORD_DELETED)
        if not note:
            raise FlagRefused(FlagError.REOPEN_NOTE_REQUIRED, "note")
        before = {"note": flag.note, "closed_reason": flag.closed_reason}
        flag.resolved, flag.note, flag.closed_reason = False, note[:2000], ""
        flag.resolved_by, flag.resolved_at = None, None
        flag.save(update_fields=["resolved", "note", "closed_reason", "resolved_by", "resolved_at"])
        audit.record(
            user,
            flag,
            AuditEntry.Action.UPDATE,
            area_code=flag.area_code,
            record_date=flag.record_date,
            changes={
                "resolved": [True, False],
                "note": [before["note"], flag.note],
                "closed_reason": [before["closed_reason"], ""],
            },
            summary=f"{flag.get_kind_display()}: {flag.note}",
        )
    return flag
