"""Duty shifts: logging, changing, finishing, deleting and approving them, and opening one from a poster scan.

Every shift obeys ``_validate``; the advisor's row is the lock that keeps two overlapping shifts out.
"""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from accounts import audit
from accounts.models import AuditEntry
from accounts.scopes import in_scope, is_manager
from common.clock import business_tz, hours_between, local_now, local_today, minute

from ..access import advisor_of
from ..errors import DutyError, DutyRefused
from ..models import Advisor, DutyShift, DutyShiftChange
from .assignments import is_assigned
from .posters import village_for_secret
from .topics import check_topic_counts, replace_topic_counts, topic_counts_of

COUNTERS = DutyShift.COUNTERS
# Far above any real shift, well below the database's integer range.
MAX_COUNTER = 10_000
SHIFT_FIELDS = ("advisor", "village", "date", "start_time", "end_time", "mode", *COUNTERS, "notes")
# Changing these on a QR-verified shift means the scan no longer proves the record.
VERIFIED_FIELDS = ("village", "date", "start_time")


def record_shift(
    *,
    by,
    advisor,
    village,
    date,
    start_time,
    end_time=None,
    mode=DutyShift.Mode.OFFICE,
    notes="",
    client_id=None,
    scanned_offline=False,
    topics=None,
    **counters,
):
    """Log a duty shift. ``end_time`` None leaves it open (finished later with ``finish_shift``).
    ``client_id``: the phone's id of an offline record (unique). ``scanned_offline``: the poster was
    scanned offline and its secret was valid at the scan time (``posters.village_at_scan``), so the
    presence is verified. ``topics``: ``{"<topic code>": n}`` of its consultations and mediations (see
    ``check_topic_counts``)."""
    unknown = set(counters) - set(COUNTERS)
    if unknown:
        raise TypeError(f"unknown shift fields: {sorted(unknown)}")
    values = {
        "advisor": advisor,
        "village": village,
        "date": date,
        "start_time": start_time,
        "end_time": end_time,
        "mode": mode or DutyShift.Mode.OFFICE,
        "notes": notes or "",
        **{name: counters.get(name) or 0 for name in COUNTERS},
    }
    with transaction.atomic():
        _check_may_write(by, advisor, village)
        shift = DutyShift(
            **values,
            created_by=_user_or_none(by),
            client_id=client_id,
            verified_presence=bool(scanned_offline),
            scanned_offline=bool(scanned_offline),
        )
        _validate(shift)
        counts = check_topic_counts(
            topics, consultation_batches=shift.consultation_batches, mediations=shift.mediations
        )
        shift.save()
        replace_topic_counts(shift, counts)
        audit.record(
            by, shift, AuditEntry.Action.CREATE, area_code=village.code, record_date=shift.date, summary=_summary(shift)
        )
    return shift


def update_shift(shift, *, by, reason="", topics=None, **changes):
    """Change a shift. Advisors and town officers only while it is unapproved; coordinators always
    (a correction). Every change is kept in ``DutyShiftChange`` and the audit log. ``topics`` None
    keeps the topic counts (they are still checked against the new totals)."""
    unknown = set(changes) - set(SHIFT_FIELDS)
    if unknown:
        raise TypeError(f"unknown shift fields: {sorted(unknown)}")
    with transaction.atomic():
        shift = DutyShift.objects.select_for_update(of=("self",)).select_related("advisor", "village").get(pk=shift.pk)
        _check_may_edit(by, shift)
        if "advisor" in changes and changes["advisor"] != shift.advisor and not _is_manager_over(by, shift):
            raise DutyRefused(DutyError.NOT_ALLOWED, "advisor")
        before = {field: getattr(shift, field) for field in SHIFT_FIELDS}
        if "end_time" in changes and changes["end_time"] is None and shift.end_time is not None:
            raise DutyRefused(DutyError.END_REQUIRED, "end_time")
        for field, value in changes.items():
            if field in COUNTERS and value is None:
                value = 0
            if field == "notes" and value is None:
                value = ""
            setattr(shift, field, value)
        if changes.get("village") is not None and changes["village"] != before["village"]:
            _check_may_write(by, shift.advisor, shift.village)
        after = {field: getattr(shift, field) for field in SHIFT_FIELDS}
        diff = audit.diff(before, after, SHIFT_FIELDS)
        if shift.is_returned and _is_own_advisor(by, shift):
            # The advisor's correction sends a returned shift back for review.
            shift.state = DutyShift.State.SUBMITTED
            diff["state"] = [DutyShift.State.RETURNED.value, DutyShift.State.SUBMITTED.value]
        old_counts = topic_counts_of(shift)
        counts = check_topic_counts(
            old_counts if topics is None else topics,
            consultation_batches=shift.consultation_batches,
            mediations=shift.mediations,
        )
        if counts != old_counts:
            diff["topics"] = [old_counts, counts]
        if not diff:
            return shift
        if shift.verified_presence and any(field in diff for field in VERIFIED_FIELDS):
            shift.verified_presence = False
            diff["verified_presence"] = [True, False]
        _validate(shift)
        shift.save()
        if "topics" in diff:
            replace_topic_counts(shift, counts)
        DutyShiftChange.objects.create(shift=shift, changed_by=_user_or_none(by), changes=diff, reason=reason[:200])
        audit.record(
            by,
            shift,
            AuditEntry.Action.UPDATE,
            area_code=shift.village.code,
            record_date=shift.date,
            changes=diff,
            summary=reason or _summary(shift),
        )
    return shift


def finish_shift(shift, *, by, end_time=None, **changes):
    """End an open (QR-started) shift: end time (default: now) and the counters of what was done."""
    end_time = minute(end_time or local_now().time())
    with transaction.atomic():
        # Checked under the row lock, so two "finish" taps cannot both succeed.
        if DutyShift.objects.select_for_update().filter(pk=shift.pk, end_time__isnull=False).exists():
            raise DutyRefused(DutyError.ALREADY_FINISHED)
        return update_shift(shift, by=by, end_time=end_time, **changes)


def delete_shift(shift, *, by):
    with transaction.atomic():
        shift = DutyShift.objects.select_for_update(of=("self",)).select_related("advisor", "village").get(pk=shift.pk)
        _check_may_edit(by, shift)
        audit.record(
            by,
            shift,
            AuditEntry.Action.DELETE,
            area_code=shift.village.code,
            record_date=shift.date,
            summary=_summary(shift),
        )
        shift.delete()


def start_verified_shift(*, by, secret, at=None):
    """The advisor scanned the village's poster: open a shift there, starting now, presence verified.
    Scanning again while that shift is open returns the same shift (``started_now`` tells which)."""
    advisor = advisor_of(by)
    if advisor is None:
        raise DutyRefused(DutyError.NOT_AN_ADVISOR)
    village = village_for_secret(secret)
    at = (at or timezone.now()).astimezone(business_tz())
    day, start = at.date(), minute(at.time())
    with transaction.atomic():
        Advisor.objects.select_for_update().filter(pk=advisor.pk).first()
        if not is_assigned(advisor, village, day):
            raise DutyRefused(DutyError.POSTER_NOT_YOURS, "village", village=village.name)
        open_shift = (
            DutyShift.objects.select_related("village").filter(advisor=advisor, date=day, end_time__isnull=True).first()
        )
        if open_shift is not None:
            if open_shift.village_id == village.pk:
                open_shift.started_now = False
                return open_shift
            raise DutyRefused(
                DutyError.ON_DUTY_ALREADY,
                village=open_shift.village.name,
                start=open_shift.start_time.strftime("%H:%M"),
            )
        shift = DutyShift(
            advisor=advisor,
            village=village,
            date=day,
            start_time=start,
            end_time=None,
            mode=DutyShift.Mode.OFFICE,
            verified_presence=True,
            created_by=by,
        )
        _validate(shift)
        shift.save()
        audit.record(
            by, shift, AuditEntry.Action.CREATE, area_code=village.code, record_date=day, summary=_summary(shift)
        )
    shift.started_now = True
    return shift


def check_shift(*, by, values, shift=None):
    """Run every rule for a new shift (``shift`` None) or a change to ``shift``, without saving.
    For forms that must show refusals before their save step (the admin)."""
    with transaction.atomic():
        if shift is None:
            candidate = DutyShift(**values)
            _check_may_write(by, candidate.advisor, candidate.village)
        else:
            _check_may_edit(by, shift)
            current = {field: getattr(shift, field) for field in SHIFT_FIELDS}
            candidate = DutyShift(pk=shift.pk, **{**current, **values})
            if candidate.advisor != shift.advisor and not _is_manager_over(by, shift):
                raise DutyRefused(DutyError.NOT_ALLOWED, "advisor")
            if candidate.village != shift.village:
                _check_may_write(by, candidate.advisor, candidate.village)
        _validate(candidate)
        if shift is not None:  # the counts by topic must still fit the changed totals
            check_topic_counts(
                topic_counts_of(shift),
                consultation_batches=candidate.consultation_batches,
                mediations=candidate.mediations,
            )


def _check_may_write(by, advisor, village):
    """May ``by`` log a shift for ``advisor`` in ``village``? (assignment is checked in _validate)"""
    if by is None:  # system jobs (demo, imports)
        return
    if not village.is_village:
        raise DutyRefused(DutyError.NOT_A_VILLAGE, "village")
    if is_manager(by):
        if not in_scope(by, village.code):
            raise DutyRefused(DutyError.OUT_OF_SCOPE, "village")
        return
    if by.is_advisor:
        own = advisor_of(by)
        if own is None:
            raise DutyRefused(DutyError.NOT_AN_ADVISOR)
        if advisor is None or own.pk != advisor.pk:
            raise DutyRefused(DutyError.NOT_ALLOWED, "advisor")
        if not own.active:
            raise DutyRefused(DutyError.INACTIVE_ADVISOR, "advisor")
        return
    raise DutyRefused(DutyError.NOT_ALLOWED)


def _is_manager_over(by, shift):
    return by is None or (is_manager(by) and in_scope(by, shift.village.code))


def _is_own_advisor(by, shift):
    return by is not None and by.is_advisor and shift.advisor.user_id == by.pk


def _check_may_edit(by, shift):
    if by is None:
        return
    if by.is_coordinator:
        if not in_scope(by, shift.village.code):
            raise DutyRefused(DutyError.NOT_ALLOWED)
        return
    if by.is_town_officer and in_scope(by, shift.village.code):
        pass
    elif by.is_advisor and shift.advisor.user_id == by.pk:
        pass
    else:
        raise DutyRefused(DutyError.NOT_ALLOWED)
    if shift.is_approved:
        raise DutyRefused(DutyError.APPROVED_LOCKED)


def _validate(shift):
    """The rules every shift obeys, in the order an advisor would fix them."""
    village = shift.village
    check_shift_fields(shift, today=local_today())
    # Serialise this advisor's writes so two overlapping shifts cannot both pass the check.
    Advisor.objects.select_for_update().filter(pk=shift.advisor_id).first()
    if not is_assigned(shift.advisor, village, shift.date):
        raise DutyRefused(
            DutyError.NOT_ASSIGNED,
            "village",
            advisor=shift.advisor.name,
            village=village.name,
            date=shift.date.isoformat(),
        )
    clash = _overlapping_shift(shift)
    if clash is not None:
        raise overlap_refusal(clash)
    shift.hours = hours_between(shift.start_time, shift.end_time)


def overlap_refusal(clash):
    """The refusal for a shift meeting ``clash`` (a DutyShift, or anything with village.name, date,
    start_time and end_time) — shared with the ledger import's set-wise check."""
    return DutyRefused(
        DutyError.OVERLAP,
        "start_time",
        village=clash.village.name,
        date=clash.date.isoformat(),
        start=clash.start_time.strftime("%H:%M"),
        end=clash.end_time.strftime("%H:%M") if clash.end_time else "…",
    )


def times_overlap(start, end, other_start, other_end):
    """Do two shifts of one day meet? An open shift (end None) lasts to the end of the day."""
    return (other_end is None or other_end > start) and (end is None or other_start < end)


def check_shift_fields(shift, *, today):
    """The rules of one shift that need no database: the village is a village, counters in range,
    persons ≥ batches, not in the future, ends after it starts. Normalises empty counters and mode.
    Used by ``_validate`` and, row by row, by the ledger import (which checks assignments and
    overlaps set-wise)."""
    village = shift.village
    if not village.is_village:
        raise DutyRefused(DutyError.NOT_A_VILLAGE, "village")
    for name in COUNTERS:
        value = getattr(shift, name)
        if value is None:
            setattr(shift, name, 0)
        elif value < 0:
            raise DutyRefused(DutyError.NEGATIVE_COUNTER, name)
        elif value > MAX_COUNTER:
            raise DutyRefused(DutyError.COUNTER_TOO_LARGE, name)
    if shift.consultation_people < shift.consultation_batches:
        raise DutyRefused(DutyError.PEOPLE_FEWER_THAN_BATCHES, "consultation_people")
    if shift.date > today:
        raise DutyRefused(DutyError.FUTURE_DATE, "date")
    if shift.end_time is not None and shift.end_time <= shift.start_time:
        raise DutyRefused(DutyError.END_NOT_AFTER_START, "end_time")
    if shift.mode not in DutyShift.Mode.values:
        shift.mode = DutyShift.Mode.OFFICE


def _overlapping_shift(shift):
    """Another shift of the same advisor that day whose time range meets this one's.
    An open shift runs until it is finished, so it is treated as lasting to the end of the day."""
    others = (
        DutyShift.objects.select_related("village")
        .filter(advisor_id=shift.advisor_id, date=shift.date)
        .filter(Q(end_time__isnull=True) | Q(end_time__gt=shift.start_time))
    )
    if shift.end_time is not None:
        others = others.filter(start_time__lt=shift.end_time)
    if shift.pk is not None:
        others = others.exclude(pk=shift.pk)
    return others.order_by("start_time").first()


def _summary(shift):
    end = shift.end_time.strftime("%H:%M") if shift.end_time else "…"
    return f"{shift.advisor.name} · {shift.village.name} · {shift.date} {shift.start_time:%H:%M}–{end}"


def _user_or_none(user):
    return user if (user is not None and user.is_authenticated) else None
