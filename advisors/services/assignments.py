"""Assignments: which advisor serves which village, from when to when (at most one per village on any day).

The village row is the lock; PostgreSQL's exclusion constraint backs the overlap check up.
"""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import Q

from accounts import audit
from accounts.models import AuditEntry
from accounts.scopes import in_scope
from places.models import Area

from ..errors import DutyError, DutyRefused
from ..models import Assignment, DutyShift


def assign_advisor(*, by, advisor, village, starts_on, ends_on=None):
    """Give a village an advisor from ``starts_on`` to ``ends_on`` (inclusive; None = open-ended)."""
    assignment = Assignment(advisor=advisor, village=village, starts_on=starts_on, ends_on=ends_on)
    with transaction.atomic():
        _check_may_assign(by, village)
        _save_assignment(assignment)
        audit.record(
            by,
            assignment,
            AuditEntry.Action.CREATE,
            area_code=village.code,
            record_date=starts_on,
            summary=str(assignment),
        )
    return assignment


def change_assignment(assignment, *, by, **changes):
    """Change an assignment's advisor, village or dates; refused if it would strand logged shifts."""
    unknown = set(changes) - {"advisor", "village", "starts_on", "ends_on"}
    if unknown:
        raise TypeError(f"unknown assignment fields: {sorted(unknown)}")
    with transaction.atomic():
        assignment = (
            Assignment.objects.select_for_update(of=("self",))
            .select_related("advisor", "village")
            .get(pk=assignment.pk)
        )
        _check_may_assign(by, assignment.village)
        before = {f: getattr(assignment, f) for f in ("advisor", "village", "starts_on", "ends_on")}
        for field, value in changes.items():
            setattr(assignment, field, value)
        after = {f: getattr(assignment, f) for f in before}
        diff = audit.diff(before, after, list(before))
        if not diff:
            return assignment
        if assignment.village_id != before["village"].pk:
            _check_may_assign(by, assignment.village)
        _check_shifts_still_covered(before, assignment)
        _save_assignment(assignment)
        audit.record(
            by,
            assignment,
            AuditEntry.Action.UPDATE,
            area_code=assignment.village.code,
            record_date=assignment.starts_on,
            changes=diff,
            summary=str(assignment),
        )
    return assignment


def end_assignment(assignment, *, by, ends_on):
    """The advisor stops serving the village after ``ends_on``; the assignment stays as history."""
    return change_assignment(assignment, by=by, ends_on=ends_on)


def _check_may_assign(by, village):
    if by is None:
        return
    if not by.is_coordinator:
        raise DutyRefused(DutyError.NOT_ALLOWED)
    if not in_scope(by, village.code):
        raise DutyRefused(DutyError.OUT_OF_SCOPE, "village")


def check_assignment(*, by, advisor, village, starts_on, ends_on=None, assignment=None):
    """Every rule for a new assignment or a change to ``assignment``, without saving (admin forms)."""
    with transaction.atomic():
        _check_may_assign(by, village)
        if assignment is None:
            _validate_assignment(Assignment(advisor=advisor, village=village, starts_on=starts_on, ends_on=ends_on))
            return
        _check_may_assign(by, assignment.village)
        before = {f: getattr(assignment, f) for f in ("advisor", "village", "starts_on", "ends_on")}
        candidate = Assignment(pk=assignment.pk, advisor=advisor, village=village, starts_on=starts_on, ends_on=ends_on)
        _check_shifts_still_covered(before, candidate)
        _validate_assignment(candidate)


def _validate_assignment(assignment):
    village = assignment.village
    if not village.is_village:
        raise DutyRefused(DutyError.NOT_A_VILLAGE, "village")
    if assignment.ends_on is not None and assignment.ends_on < assignment.starts_on:
        raise DutyRefused(DutyError.ASSIGNMENT_ENDS_BEFORE_START, "ends_on")
    # The village row is the lock: two coordinators assigning the same village queue up here.
    Area.objects.select_for_update().filter(pk=village.pk).first()
    clash = _overlapping_assignment(assignment)
    if clash is not None:
        raise _assignment_overlap(clash)


def _save_assignment(assignment):
    village = assignment.village
    _validate_assignment(assignment)
    try:
        with transaction.atomic():
            assignment.save()
    except IntegrityError as error:
        # PostgreSQL's exclusion constraint caught a race the check above could not see.
        if "assignment_no_overlap" not in str(error):
            raise
        clash = _overlapping_assignment(assignment)
        raise (
            _assignment_overlap(clash)
            if clash is not None
            else DutyRefused(
                DutyError.ASSIGNMENT_OVERLAP, "starts_on", village=village.name, advisor="—", starts="—", ends="—"
            )
        ) from None


def _overlapping_assignment(assignment):
    # An open-ended assignment is in force for ever: up to the last date there is.
    clash = (
        Assignment.objects.select_related("advisor", "village")
        .filter(village_id=assignment.village_id)
        .in_force(assignment.starts_on, assignment.ends_on or datetime.date.max)
    )
    if assignment.pk is not None:
        clash = clash.exclude(pk=assignment.pk)
    return clash.order_by("starts_on").first()


def _assignment_overlap(clash):
    return DutyRefused(
        DutyError.ASSIGNMENT_OVERLAP,
        "starts_on",
        village=clash.village.name,
        advisor=clash.advisor.name,
        starts=clash.starts_on.isoformat(),
        ends=clash.ends_on.isoformat() if clash.ends_on else "…",
    )


def _check_shifts_still_covered(before, assignment):
    """Shifts logged under the old assignment must still fall inside the changed one."""
    stranded = DutyShift.objects.filter(
        advisor=before["advisor"], village=before["village"], date__gte=before["starts_on"]
    )
    if before["ends_on"] is not None:
        stranded = stranded.filter(date__lte=before["ends_on"])
    if assignment.advisor_id == before["advisor"].pk and assignment.village_id == before["village"].pk:
        outside = Q(date__lt=assignment.starts_on)
        if assignment.ends_on is not None:
            outside |= Q(date__gt=assignment.ends_on)
        stranded = stranded.filter(outside)
    first = stranded.order_by("date").values_list("date", flat=True).first()
    if first is not None:
        field = "ends_on" if assignment.ends_on is not None and first > assignment.ends_on else "starts_on"
        raise DutyRefused(DutyError.SHIFTS_OUTSIDE_ASSIGNMENT, field, date=first.isoformat())


def is_assigned(advisor, village, day):
    """Is the advisor assigned to the village on that day? (a read, used by the scan page too)"""
    return Assignment.objects.filter(advisor=advisor, village=village).in_force(day).exists()
