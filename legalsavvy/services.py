"""Every write to the registry of legal-savvy persons goes through these functions.

``LegalSavvyPerson`` holds the current state; each appointment period is a ``LegalSavvyTerm``.
A removal closes the open term and marks the person removed (never a delete); a re-appointment
opens a new term, so "who was active on date D" stays answerable (see ``quota.py``).

Every function takes ``user`` (None for management commands): when given, the user must manage
the village (coordinators everywhere in their scope, town officers in their town), and the change
is written to the audit log.
"""

import uuid
from datetime import date as date_type
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from accounts import audit
from accounts.models import AuditEntry
from accounts.scopes import can_manage_code
from advisors.models import Assignment
from common.phones import normalize_mobile
from places.models import Area

from .codes import SavvyError, refusal
from .models import Gender, LegalSavvyActivity, LegalSavvyPerson, LegalSavvyTerm, Training
from .quota import active_terms_q

MAX_TRAINING_HOURS = Decimal("100")
MAX_ACTIVITY_HOURS = Decimal("100")
PERSON_FIELDS = [
    "name", "gender", "birth_year", "phone", "village", "villager_group", "source", "nomination_route",
    "certificate_no", "appointed_on", "status", "removed_on", "removal_reason", "advisor",
]
_AUTO = object()  # "pair with the village's current advisor"


def today():
    return timezone.localdate()


# --- Checks shared by the writers -------------------------------------------------------------

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
        Assignment.objects.filter(village=village, starts_on__lte=on_date, advisor__active=True)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=on_date))
        .select_related("advisor").order_by("-starts_on").first()
    )
    return assignment.advisor if assignment else None


def _snapshot(person):
    return {f: getattr(person, f"{f}_id" if f in ("village", "advisor") else f) for f in PERSON_FIELDS}


def _audit(user, obj, action, *, area_code, record_date, changes=None, summary=""):
    audit.record(user, obj, action, area_code=area_code, record_date=record_date, changes=changes, summary=summary)


def _lock(person):
    return LegalSavvyPerson.objects.select_for_update(of=("self",)).select_related("village").get(pk=person.pk)


def _open_term(person):
    return LegalSavvyTerm.objects.select_for_update().filter(person=person, removed_on__isnull=True).first()


def _save_guarded(obj, field="name"):
    """Save, turning a unique-constraint race (a second writer got there first) into a 400."""
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError:
        raise refusal(field, SavvyError.DUPLICATE_PERSON) from None


# --- Persons ----------------------------------------------------------------------------------

def appoint_person(*, village, name, appointed_on, gender=Gender.UNSPECIFIED, birth_year=None, phone="",
                   source=LegalSavvyPerson.Source.OTHER, villager_group="", nomination_route="",
                   certificate_no="", advisor=_AUTO, user=None):
    """Register a new legal-savvy person and open their first term.

    Without ``advisor`` the person is paired with the village's current advisor (if any);
    pass ``advisor=None`` to leave them unpaired.
    """
    clean_village(village)
    check_can_manage(user, village.code)
    name = (name or "").strip()
    if not name:
        raise refusal("name", SavvyError.NAME_REQUIRED)
    phone = clean_phone(phone)
    birth_year = clean_birth_year(birth_year)
    clean_past_date(appointed_on, "appointed_on")
    certificate_no = (certificate_no or "").strip()
    with transaction.atomic():
        Area.objects.select_for_update().filter(pk=village.pk).first()  # one registration at a time per village
        duplicate = find_duplicate(village, name, phone, certificate_no)
        if duplicate:
            raise refusal(duplicate[1], duplicate[0])
        if advisor is _AUTO:
            advisor = current_advisor(village, max(appointed_on, today()))
        person = LegalSavvyPerson(
            village=village, name=name, gender=gender or Gender.UNSPECIFIED, birth_year=birth_year, phone=phone,
            source=source or LegalSavvyPerson.Source.OTHER, villager_group=(villager_group or "").strip(),
            nomination_route=nomination_route or "", certificate_no=certificate_no, appointed_on=appointed_on,
            advisor=advisor,
        )
        person.full_clean(exclude=["village", "advisor"])
        _save_guarded(person, "phone" if phone else "certificate_no")
        LegalSavvyTerm.objects.create(person=person, village=village, appointed_on=appointed_on)
        _audit(user, person, AuditEntry.Action.CREATE, area_code=village.code, record_date=appointed_on,
               summary=f"{person.name} ({village.name})")
    return person


def update_person(person, *, user=None, **changes):
    """Correct a person's details. ``appointed_on`` corrects the current term's start; a new
    ``village`` moves the current term too (a correction — a real move is remove + re-appoint);
    for a removed person ``removed_on`` and ``removal_reason`` correct the removal."""
    if "status" in changes and changes["status"] != person.status:
        raise refusal("status", SavvyError.STATUS_CHANGE)
    changes.pop("status", None)
    check_can_manage(user, person.village.code)
    with transaction.atomic():
        person = _lock(person)
        before = _snapshot(person)
        if "village" in changes and changes["village"] != person.village:
            village = clean_village(changes["village"])
            check_can_manage(user, village.code)
            person.village = village
        if "name" in changes:
            person.name = (changes["name"] or "").strip()
            if not person.name:
                raise refusal("name", SavvyError.NAME_REQUIRED)
        if "phone" in changes:
            person.phone = clean_phone(changes["phone"])
        if "birth_year" in changes:
            person.birth_year = clean_birth_year(changes["birth_year"])
        if "certificate_no" in changes:
            person.certificate_no = (changes["certificate_no"] or "").strip()
        for field in ("gender", "source", "villager_group", "nomination_route"):
            if field in changes:
                setattr(person, field, changes[field] or "")
        if not person.gender:
            person.gender = Gender.UNSPECIFIED
        if not person.source:
            person.source = LegalSavvyPerson.Source.OTHER
        if "advisor" in changes:
            person.advisor = changes["advisor"]
            if person.advisor is not None and not person.advisor.active and person.advisor_id != before["advisor"]:
                raise refusal("advisor", SavvyError.ADVISOR_INACTIVE)
        term = LegalSavvyTerm.objects.select_for_update().filter(person=person).order_by("-appointed_on").first()
        if term is None:  # data from before terms existed: keep the history whole
            term = LegalSavvyTerm.objects.create(person=person, village=person.village, appointed_on=person.appointed_on,
                                                 removed_on=person.removed_on, removal_reason=person.removal_reason)
        term_before = (term.village_id, term.appointed_on, term.removed_on, term.removal_reason)
        if "appointed_on" in changes and changes["appointed_on"] != person.appointed_on:
            appointed_on = clean_past_date(changes["appointed_on"], "appointed_on")
            previous = (
                LegalSavvyTerm.objects.filter(person=person, appointed_on__lt=term.appointed_on)
                .order_by("-appointed_on").first()
            )
            if previous is not None and previous.removed_on and appointed_on < previous.removed_on:
                raise refusal("appointed_on", SavvyError.APPOINTED_BEFORE_PREVIOUS_TERM)
            if person.removed_on and appointed_on > person.removed_on:
                raise refusal("appointed_on", SavvyError.REMOVED_BEFORE_APPOINTED)
            person.appointed_on = term.appointed_on = appointed_on
        # A removed person's removal date and reason may be corrected (an active person has none).
        if person.status == LegalSavvyPerson.Status.REMOVED:
            if changes.get("removed_on") not in (None, person.removed_on):
                removed_on = clean_past_date(changes["removed_on"], "removed_on")
                if removed_on < person.appointed_on:
                    raise refusal("removed_on", SavvyError.REMOVED_BEFORE_APPOINTED)
                person.removed_on = term.removed_on = removed_on
            if (changes.get("removal_reason") or "").strip():
                person.removal_reason = term.removal_reason = changes["removal_reason"].strip()[:200]
        duplicate = find_duplicate(person.village, person.name, person.phone, person.certificate_no, person.pk)
        if duplicate:
            raise refusal(duplicate[1], duplicate[0])
        person.full_clean(exclude=["village", "advisor"])
        changed = audit.diff(before, _snapshot(person), PERSON_FIELDS)
        if not changed:
            return person
        _save_guarded(person, "phone" if person.phone else "certificate_no")
        term.village = person.village
        if (term.village_id, term.appointed_on, term.removed_on, term.removal_reason) != term_before:
            term.save(update_fields=["village", "appointed_on", "removed_on", "removal_reason"])
        _audit(user, person, AuditEntry.Action.UPDATE, area_code=person.village.code,
               record_date=person.appointed_on, changes=changed)
    return person


def remove_person(person, on_date, reason, *, user=None):
    """Remove a person from the registry from ``on_date`` (no longer counted on that date)."""
    check_can_manage(user, person.village.code)
    clean_past_date(on_date, "removed_on")
    reason = (reason or "").strip()
    if not reason:
        raise refusal("removal_reason", SavvyError.REASON_REQUIRED)
    with transaction.atomic():
        person = _lock(person)
        if person.status == LegalSavvyPerson.Status.REMOVED:
            raise refusal("status", SavvyError.ALREADY_REMOVED)
        if on_date < person.appointed_on:
            raise refusal("removed_on", SavvyError.REMOVED_BEFORE_APPOINTED)
        before = _snapshot(person)
        person.status = LegalSavvyPerson.Status.REMOVED
        person.removed_on = on_date
        person.removal_reason = reason[:200]
        person.save(update_fields=["status", "removed_on", "removal_reason", "updated_at"])
        term = _open_term(person)
        if term is None:  # data from before terms existed: keep the history whole
            term = LegalSavvyTerm(person=person, village=person.village, appointed_on=person.appointed_on)
        term.removed_on = on_date
        term.removal_reason = person.removal_reason
        term.save()
        _audit(user, person, AuditEntry.Action.UPDATE, area_code=person.village.code, record_date=on_date,
               changes=audit.diff(before, _snapshot(person), PERSON_FIELDS), summary=f"{person.name}: {reason}"[:300])
    return person


def reappoint_person(person, on_date, *, user=None, village=None, advisor=_AUTO):
    """Appoint a removed person again from ``on_date``: a new term; earlier terms stay as history."""
    check_can_manage(user, person.village.code)
    clean_past_date(on_date, "appointed_on")
    if village is not None:
        clean_village(village)
        check_can_manage(user, village.code)
    with transaction.atomic():
        person = _lock(person)
        if person.status != LegalSavvyPerson.Status.REMOVED:
            raise refusal("status", SavvyError.NOT_REMOVED)
        if on_date < person.removed_on:
            raise refusal("appointed_on", SavvyError.REAPPOINTED_BEFORE_REMOVAL)
        before = _snapshot(person)
        if village is not None and village != person.village:
            duplicate = find_duplicate(village, person.name, person.phone, person.certificate_no, person.pk)
            if duplicate:
                raise refusal("village", duplicate[0])
            person.village = village
        if advisor is _AUTO:
            advisor = current_advisor(person.village, max(on_date, today())) or person.advisor
        person.advisor = advisor
        person.status = LegalSavvyPerson.Status.ACTIVE
        person.appointed_on = on_date
        person.removed_on = None
        person.removal_reason = ""
        _save_guarded(person, "village")
        LegalSavvyTerm.objects.create(person=person, village=person.village, appointed_on=on_date)
        _audit(user, person, AuditEntry.Action.UPDATE, area_code=person.village.code, record_date=on_date,
               changes=audit.diff(before, _snapshot(person), PERSON_FIELDS))
    return person


def pair_with_advisor(person, advisor=None, *, user=None, on_date=None):
    """Pair a person with ``advisor`` — by default the village's advisor on ``on_date`` (today)."""
    check_can_manage(user, person.village.code)
    if advisor is None:
        advisor = current_advisor(person.village, on_date)
        if advisor is None:
            raise refusal("advisor", SavvyError.NO_ADVISOR)
    elif not advisor.active:
        raise refusal("advisor", SavvyError.ADVISOR_INACTIVE)
    with transaction.atomic():
        person = _lock(person)
        if person.advisor_id == advisor.pk:
            return person
        changes = {"advisor": [person.advisor_id, advisor.pk]}
        person.advisor = advisor
        person.save(update_fields=["advisor", "updated_at"])
        _audit(user, person, AuditEntry.Action.UPDATE, area_code=person.village.code, record_date=today(),
               changes=changes)
    return person


def pair_village(village, *, user=None, on_date=None):
    """Pair every active person of ``village`` with its current advisor. Returns how many changed."""
    check_can_manage(user, village.code)
    advisor = current_advisor(village, on_date)
    if advisor is None:
        raise refusal("advisor", SavvyError.NO_ADVISOR)
    with transaction.atomic():
        persons = list(
            LegalSavvyPerson.objects.select_for_update()
            .filter(village=village, status=LegalSavvyPerson.Status.ACTIVE)
            .exclude(advisor=advisor)
        )
        if not persons:
            return 0
        LegalSavvyPerson.objects.filter(pk__in=[p.pk for p in persons]).update(advisor=advisor, updated_at=timezone.now())
        _audit_many(user, persons, AuditEntry.Action.UPDATE, lambda p: village.code, lambda p: today(),
                    lambda p: {"advisor": [p.advisor_id, advisor.pk]})
    return len(persons)


def _audit_many(user, objects, action, area_code, record_date, changes=lambda obj: {}):
    """One audit entry per object in a single insert (imports, sessions, bulk pairing)."""
    who = user if (user is not None and user.is_authenticated) else None
    AuditEntry.objects.bulk_create([
        AuditEntry(user=who, action=action, model=obj._meta.label_lower, object_id=str(obj.pk),
                   summary=str(_summary(obj))[:300], changes=changes(obj), area_code=area_code(obj),
                   record_date=record_date(obj))
        for obj in objects
    ], batch_size=1000)


def _summary(obj):
    if isinstance(obj, LegalSavvyPerson):
        return obj.name
    if isinstance(obj, Training):
        return f"{obj.topic} {obj.date}"
    return str(obj)


# --- Trainings --------------------------------------------------------------------------------

def clean_hours(value, field="hours", *, allow_zero=False, code=SavvyError.BAD_HOURS):
    try:
        hours = Decimal(str(value)).quantize(Decimal("0.1"))
    except (InvalidOperation, TypeError, ValueError):
        raise refusal(field, code) from None
    limit = MAX_ACTIVITY_HOURS if allow_zero else MAX_TRAINING_HOURS
    if not hours.is_finite() or hours > limit or hours < 0 or (hours == 0 and not allow_zero):
        raise refusal(field, code)
    return hours


def record_training_session(persons, date, hours, topic, passed=None, *, user=None):
    """One training session attended by ``persons``; ``passed`` maps person id → True/False/None
    (examination result; missing = not examined). Returns the created trainings."""
    persons = list({p.pk: p for p in persons}.values())
    if not persons:
        raise refusal("persons", SavvyError.NO_ATTENDEES)
    for person in persons:
        check_can_manage(user, person.village.code)
    clean_past_date(date, "date")
    hours = clean_hours(hours)
    topic = (topic or "").strip()
    if not topic:
        raise refusal("topic", SavvyError.TOPIC_REQUIRED)
    passed = passed or {}
    session = uuid.uuid4().hex
    trainings = [
        Training(person=p, date=date, hours=hours, topic=topic[:200], passed=passed.get(p.pk), session=session)
        for p in persons
    ]
    with transaction.atomic():
        created = Training.objects.bulk_create(trainings)
        by_pk = {p.pk: p for p in persons}
        _audit_many(user, created, AuditEntry.Action.CREATE, lambda t: by_pk[t.person_id].village.code,
                    lambda t: t.date)
    return created


def update_training(training, *, user=None, **changes):
    check_can_manage(user, training.person.village.code)
    before = {f: getattr(training, f) for f in ("date", "hours", "topic", "passed")}
    if "person" in changes and changes["person"] != training.person:
        check_can_manage(user, changes["person"].village.code)
        training.person = changes["person"]
    if "date" in changes:
        training.date = clean_past_date(changes["date"], "date")
    if "hours" in changes:
        training.hours = clean_hours(changes["hours"])
    if "topic" in changes:
        training.topic = (changes["topic"] or "").strip()[:200]
        if not training.topic:
            raise refusal("topic", SavvyError.TOPIC_REQUIRED)
    if "passed" in changes:
        training.passed = changes["passed"]
    changed = audit.diff(before, {f: getattr(training, f) for f in before}, list(before))
    with transaction.atomic():
        training.save()
        _audit(user, training, AuditEntry.Action.UPDATE, area_code=training.person.village.code,
               record_date=training.date, changes=changed)
    return training


def delete_training(training, *, user=None):
    """A wrongly entered training may be deleted; the audit log keeps what it was."""
    check_can_manage(user, training.person.village.code)
    with transaction.atomic():
        _audit(user, training, AuditEntry.Action.DELETE, area_code=training.person.village.code,
               record_date=training.date, changes={"person": [training.person_id, None],
                                                   "hours": [str(training.hours), None]})
        training.delete()


# --- Volunteer activities ---------------------------------------------------------------------

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
            person=person, date=date, kind=kind, count=count, hours=hours, notes=(notes or "").strip(),
            created_by=user if (user is not None and user.is_authenticated) else None,
        )
        _audit(user, activity, AuditEntry.Action.CREATE, area_code=person.village.code, record_date=date,
               summary=f"{person.name} {activity.get_kind_display()} ×{count}")
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
        _audit(user, activity, AuditEntry.Action.UPDATE, area_code=person.village.code, record_date=activity.date,
               changes=audit.diff(before, {f: getattr(activity, f) for f in fields}, list(fields)))
    return activity


def delete_activity(activity, *, user=None):
    check_can_manage(user, activity.person.village.code)
    with transaction.atomic():
        _audit(user, activity, AuditEntry.Action.DELETE, area_code=activity.person.village.code,
               record_date=activity.date, changes={"count": [activity.count, None], "kind": [activity.kind, None]})
        activity.delete()
