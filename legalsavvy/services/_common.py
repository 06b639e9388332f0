"""What the registry's writers share: the checks of their input and scope, finding duplicates and the
village's current advisor, row locks, guarded saves and audit entries."""

from datetime import date as date_type
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts import audit
from accounts.models import AuditEntry
from accounts.scopes import can_manage_code
from advisors.models import Assignment
from common.phones import normalize_mobile
from places.models import Area

from ..errors import SavvyError, refusal
from ..models import LegalSavvyPerson, Training

MAX_TRAINING_HOURS = Decimal("100")
MAX_ACTIVITY_HOURS = Decimal("100")
PERSON_FIELDS = [
    "name",
    "gender",
    "birth_year",
    "phone",
    "village",
    "villager_group",
    "source",
    "nomination_route",
    "certificate_no",
    "appointed_on",
    "status",
    "removed_on",
    "removal_reason",
    "advisor",
]
_AUTO = object()  # "pair with the village's current advisor"


def today():
    return timezone.localdate()


def check_can_manage(user, village_code):
    if user is not None and not can_manage_code(user, village_code):
        raise PermissionDenied(SavvyError.OUT_OF_SCOPE.label)


def clean_village(village, field="village"):
    if village is None or village.level != Area.Level.VILLAGE:
        raise refusal(field, SavvyError.NOT_A_VILLAGE)
    if not village.active:
        raise refusal(field, SavvyError.VILLAGE_INACTIVE)
    return village


def clean_phone(phone):
    phone = (phone or "").strip()
    if not phone:
        return ""
    try:
        return normalize_mobile(phone)
    except ValidationError:
        raise refusal("phone", SavvyError.BAD_PHONE) from None


def clean_birth_year(value):
    if value in (None, ""):
        return None
    try:
        year = int(value)
    except (TypeError, ValueError):
        raise refusal("birth_year", SavvyError.BAD_BIRTH_YEAR) from None
    if not 1900 <= year <= today().year:
        raise refusal("birth_year", SavvyError.BAD_BIRTH_YEAR)
    return year


def clean_past_date(value, field):
    if not isinstance(value, date_type):
        raise refusal(field, SavvyError.DATE_REQUIRED)
    if value > today():
        raise refusal(field, SavvyError.DATE_IN_FUTURE)
    return value


def clean_hours(value, field="hours", *, allow_zero=False, code=SavvyError.BAD_HOURS):
    try:
        hours = Decimal(str(value)).quantize(Decimal("0.1"))
    except (InvalidOperation, TypeError, ValueError):
        raise refusal(field, code) from None
    limit = MAX_ACTIVITY_HOURS if allow_zero else MAX_TRAINING_HOURS
    if not hours.is_finite() or hours > limit or hours < 0 or (hours == 0 and not allow_zero):
        raise refusal(field, code)
    return hours


def find_duplicate(village, name, phone, certificate_no, exclude_pk=None):
    """(code, field) of the rule an existing registration of this village breaks, or None: same name
    and phone, same certificate, or — with neither given — the same name."""
    same_village = LegalSavvyPerson.objects.filter(village=village)
    if exclude_pk is not None:
        same_village = same_village.exclude(pk=exclude_pk)
    if phone and same_village.filter(name=name, phone=phone).exists():
        return SavvyError.DUPLICATE_PERSON, "phone"
    if certificate_no and same_village.filter(certificate_no=certificate_no).exists():
        return SavvyError.DUPLICATE_CERTIFICATE, "certificate_no"
    if not phone and not certificate_no and same_village.filter(name=name).exists():
        return SavvyError.DUPLICATE_NAME, "name"
    return None


def current_advisor(village, on_date=None):
    """The advisor assigned to ``village`` on ``on_date`` (today by default), or None."""
    on_date = on_date or today()
    assignment = (
        Assignment.objects.filter(village=village, advisor__active=True)
        .in_force(on_date)
        .select_related("advisor")
        .order_by("-starts_on")
        .first()
    )
    return assignment.advisor if assignment else None


def _snapshot(person):
    return {f: getattr(person, f"{f}_id" if f in ("village", "advisor") else f) for f in PERSON_FIELDS}


def _audit(user, obj, action, *, area_code, record_date, changes=None, summary=""):
    audit.record(user, obj, action, area_code=area_code, record_date=record_date, changes=changes, summary=summary)


def _lock(person):
    return LegalSavvyPerson.objects.select_for_update(of=("self",)).select_related("village").get(pk=person.pk)


def _save_guarded(obj, field="name"):
    """Save, turning a unique-constraint race (a second writer got there first) into a 400."""
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError:
        raise refusal(field, SavvyError.DUPLICATE_PERSON) from None


def _audit_many(user, objects, action, area_code, record_date, changes=lambda obj: {}):
    """One audit entry per object in a single insert (imports, sessions, bulk pairing)."""
    who = user if (user is not None and user.is_authenticated) else None
    AuditEntry.objects.bulk_create(
        [
            AuditEntry(
                user=who,
                action=action,
                model=obj._meta.label_lower,
                object_id=str(obj.pk),
                summary=str(_summary(obj))[:300],
                changes=changes(obj),
                area_code=area_code(obj),
                record_date=record_date(obj),
            )
            for obj in objects
        ],
        batch_size=1000,
    )


def _summary(obj):
    if isinstance(obj, LegalSavvyPerson):
        return obj.name
    if isinstance(obj, Training):
        return f"{obj.topic} {obj.date}"
    return str(obj)
