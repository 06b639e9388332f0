"""Advisor records (lawyers and legal workers) and the login linked to each. Coordinators only."""

from django.db import transaction

from accounts import audit
from accounts.models import AuditEntry
from common.phones import normalize_mobile

from ..errors import DutyError, DutyRefused
from ..models import Advisor

ADVISOR_FIELDS = ("name", "kind", "firm", "license_no", "phone", "user", "specialties", "active")


def save_advisor(*, by, advisor=None, **fields):
    """Create (advisor None) or change an advisor record. Coordinators only."""
    unknown = set(fields) - set(ADVISOR_FIELDS)
    if unknown:
        raise TypeError(f"unknown advisor fields: {sorted(unknown)}")
    if by is not None and not by.is_coordinator:
        raise DutyRefused(DutyError.NOT_ALLOWED)
    with transaction.atomic():
        creating = advisor is None
        if creating:
            advisor = Advisor()
        else:
            advisor = Advisor.objects.select_for_update().get(pk=advisor.pk)
        before = {f: getattr(advisor, f) for f in ADVISOR_FIELDS}
        for field, value in fields.items():
            if field == "phone":
                value = _clean_phone(value)
            elif field != "user" and field != "active" and value is None:
                value = ""
            setattr(advisor, field, value)
        check_advisor_user(advisor, advisor.user)
        advisor.full_clean(validate_unique=False, validate_constraints=False)
        after = {f: getattr(advisor, f) for f in ADVISOR_FIELDS}
        diff = audit.diff(before, after, ADVISOR_FIELDS)
        if not creating and not diff:
            return advisor
        advisor.save()
        audit.record(
            by,
            advisor,
            AuditEntry.Action.CREATE if creating else AuditEntry.Action.UPDATE,
            changes={} if creating else diff,
            summary=advisor.name,
        )
    return advisor


def check_advisor_user(advisor, user):
    """A login linked to an advisor must have the advisor role and no other advisor record."""
    if user is None:
        return
    if user.role != user.Role.ADVISOR:
        raise DutyRefused(DutyError.USER_NOT_ADVISOR, "user")
    others = Advisor.objects.filter(user=user)
    if advisor is not None and advisor.pk is not None:
        others = others.exclude(pk=advisor.pk)
    if others.exists():
        raise DutyRefused(DutyError.USER_TAKEN, "user")


def _clean_phone(value):
    """Mobiles are stored normalised (13800138000); an office landline is kept as typed."""
    text = str(value or "").strip()
    if not text:
        return ""
    try:
        return normalize_mobile(text)
    except Exception:  # noqa: BLE001 - not a mobile: keep what was typed
        return text[:20]


def link_login(advisor, user, *, by):
    """Link a login to an advisor record (people pages: the caller checked that ``by`` manages both)."""
    with transaction.atomic():
        advisor = Advisor.objects.select_for_update().get(pk=advisor.pk)
        if advisor.user_id is not None and advisor.user_id != user.pk:
            raise DutyRefused(DutyError.USER_TAKEN, "user")
        check_advisor_user(advisor, user)
        before = advisor.user_id
        advisor.user = user
        advisor.save(update_fields=["user"])
        audit.record(by, advisor, AuditEntry.Action.UPDATE, changes={"user": [before, user.pk]}, summary=advisor.name)
    return advisor
