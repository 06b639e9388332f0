"""Volunteer activities: what a legal-savvy person did, logged only for a date they were active on."""

from django.db import transaction

from accounts import audit
from accounts.models import AuditEntry

from ..errors import SavvyError, refusal
from ..models import LegalSavvyActivity, LegalSavvyTerm
from ..quota import active_terms_q
from ._common import _audit, check_can_manage, clean_hours, clean_past_date


def was_active_on(person, on_date):
    return LegalSavvyTerm.objects.filter(active_terms_q(on_date), person=person).exists()


def _clean_activity(person, date, kind, count, hours):
    clean_past_date(date, "date")
    if kind not in LegalSavvyActivity.Kind.values:
        raise refusal("kind", SavvyError.BAD_KIND)
    try:
        count = int(count)
    except (TypeError, ValueError):
        raise refusal("count", SavvyError.BAD_COUNT) from None
    if count < 1:
        raise refusal("count", SavvyError.BAD_COUNT)
    hours = clean_hours(hours if hours not in (None, "") else 0, allow_zero=True, code=SavvyError.BAD_ACTIVITY_HOURS)
    if not was_active_on(person, date):
        raise refusal("date", SavvyError.NOT_ACTIVE_ON_DATE)
    return count, hours


def record_activity(person, date, kind, count=1, hours=0, notes="", *, user=None):
    """Log what a legal-savvy person did as a volunteer on ``date`` (they must be active then)."""
    check_can_manage(user, person.village.code)
    count, hours = _clean_activity(person, date, kind, count, hours)
    with transaction.atomic():
        activity = LegalSavvyActivity.objects.create(
            person=person,
            date=date,
            kind=kind,
            count=count,
            hours=hours,
            notes=(notes or "").strip(),
            created_by=user if (user is not None and user.is_authenticated) else None,
        )
        _audit(
            user,
            activity,
            AuditEntry.Action.CREATE,
            area_code=person.village.code,
            record_date=date,
            summary=f"{person.name} {activity.get_kind_display()} ×{count}",
        )
    return activity


def update_activity(activity, *, user=None, **changes):
    check_can_manage(user, activity.person.village.code)
    person = changes.get("person", activity.person)
    check_can_manage(user, person.village.code)
    fields = ("date", "kind", "count", "hours", "notes")
    before = {f: getattr(activity, f) for f in fields}
    values = {f: changes.get(f, before[f]) for f in fields}
    count, hours = _clean_activity(person, values["date"], values["kind"], values["count"], values["hours"])
    activity.person, activity.date, activity.kind = person, values["date"], values["kind"]
    activity.count, activity.hours, activity.notes = count, hours, (values["notes"] or "").strip()
    with transaction.atomic():
        activity.save()
        _audit(
            user,
            activity,
            AuditEntry.Action.UPDATE,
            area_code=person.village.code,
            record_date=activity.date,
            changes=audit.diff(before, {f: getattr(activity, f) for f in fields}, list(fields)),
        )
    return activity


def delete_activity(activity, *, user=None):
    check_can_manage(user, activity.person.village.code)
    with transaction.atomic():
        _audit(
            user,
            activity,
            AuditEntry.Action.DELETE,
            area_code=activity.person.village.code,
            record_date=activity.date,
            changes={"count": [activity.count, None], "kind": [activity.kind, None]},
        )
        activity.delete()
