"""Reviewing duty shifts: approving them in bulk, or returning them to the advisor with a comment.

States: ``submitted`` → ``approved``, or ``returned`` (with ``review_comment``) → the advisor's next
edit (``shifts.update_shift``) makes it ``submitted`` again. ``approved_at`` stays set exactly when
the state is ``approved``.
"""

from django.db import transaction
from django.utils import timezone

from accounts.models import AuditEntry
from accounts.scopes import is_manager, scope_q

from ..errors import DutyError, DutyRefused
from ..models import DutyShift, DutyShiftChange

APPROVE_CHUNK = 500
MAX_COMMENT = 1000
State = DutyShift.State


def _ids(shifts):
    return shifts.values("pk") if hasattr(shifts, "values") else [int(pk) for pk in shifts]


def _lock_reviewable(by, shifts):
    """Finished, unapproved shifts among ``shifts`` within the reviewer's area, locked."""
    return (
        DutyShift.objects.select_for_update(of=("self",))
        .filter(pk__in=_ids(shifts), approved_at__isnull=True, end_time__isnull=False)
        .exclude(state=State.APPROVED)
        .filter(scope_q(by, "village__code"))
        .values_list("pk", "village__code", "date", "state")
    )


def _audit_rows(by, rows, action, changes_for):
    AuditEntry.objects.bulk_create(
        [
            AuditEntry(
                user=by,
                action=action,
                model=DutyShift._meta.label_lower,
                object_id=str(pk),
                summary=f"{code} {day}",
                changes=changes_for(state),
                area_code=code,
                record_date=day,
            )
            for pk, code, day, state in rows
        ],
        batch_size=APPROVE_CHUNK,
    )


def approve_shifts(shifts, *, by):
    """Approve finished, unapproved shifts (submitted or returned) within the approver's area.
    ``shifts``: ids or a queryset. Others are left as they are. Returns how many were approved."""
    if not is_manager(by):
        raise DutyRefused(DutyError.NOT_ALLOWED)
    with transaction.atomic():
        rows = list(_lock_reviewable(by, shifts))
        now = timezone.now()
        # In chunks: SQLite caps the number of parameters in one statement.
        for start in range(0, len(rows), APPROVE_CHUNK):
            chunk = [row[0] for row in rows[start : start + APPROVE_CHUNK]]
            DutyShift.objects.filter(pk__in=chunk).update(
                approved_at=now, approved_by=by, state=State.APPROVED, updated_at=now
            )
        _audit_rows(by, rows, AuditEntry.Action.APPROVE, lambda state: {"state": [state, State.APPROVED.value]})
    return len(rows)


def return_shifts(shifts, *, by, comment):
    """Send finished, unapproved shifts back to their advisors with ``comment`` (required).
    Shifts outside the reviewer's area, open or approved are skipped. Returns how many."""
    if not is_manager(by):
        raise DutyRefused(DutyError.NOT_ALLOWED)
    comment = (comment or "").strip()[:MAX_COMMENT]
    if not comment:
        raise DutyRefused(DutyError.COMMENT_REQUIRED, "comment")
    with transaction.atomic():
        rows = list(_lock_reviewable(by, shifts))
        now = timezone.now()
        for start in range(0, len(rows), APPROVE_CHUNK):
            chunk = [row[0] for row in rows[start : start + APPROVE_CHUNK]]
            DutyShift.objects.filter(pk__in=chunk).update(state=State.RETURNED, review_comment=comment, updated_at=now)
        DutyShiftChange.objects.bulk_create(
            [
                DutyShiftChange(
                    shift_id=pk, changed_by=by, changes={"state": [state, State.RETURNED.value]}, reason=comment[:200]
                )
                for pk, _code, _day, state in rows
            ],
            batch_size=APPROVE_CHUNK,
        )
        _audit_rows(
            by,
            rows,
            AuditEntry.Action.UPDATE,
            lambda state: {"state": [state, State.RETURNED.value], "review_comment": comment},
        )
    return len(rows)


def return_shift(shift, *, by, comment):
    """Return one shift (the API's ``/return/``): refuses when it cannot be returned."""
    if not is_manager(by):
        raise DutyRefused(DutyError.NOT_ALLOWED)
    if not (comment or "").strip():
        raise DutyRefused(DutyError.COMMENT_REQUIRED, "comment")
    with transaction.atomic():
        if not return_shifts([shift.pk], by=by, comment=comment):
            raise DutyRefused(DutyError.NOT_RETURNABLE)
    return DutyShift.objects.select_related("advisor", "village", "approved_by").get(pk=shift.pk)
