"""Persons: registering a legal-savvy person, correcting their details, pairing them (or a whole village)
with the village's advisor."""

from django.db import transaction
from django.utils import timezone

from accounts import audit
from accounts.models import AuditEntry
from places.models import Area

from ..errors import SavvyError, refusal
from ..models import Gender, LegalSavvyPerson, LegalSavvyTerm
from ._common import (
    _AUTO,
    PERSON_FIELDS,
    _audit,
    _audit_many,
    _lock,
    _save_guarded,
    _snapshot,
    check_can_manage,
    clean_birth_year,
    clean_past_date,
    clean_phone,
    clean_village,
    current_advisor,
    find_duplicate,
    today,
)


def appoint_person(
    *,
    village,
    name,
    appointed_on,
    gender=Gender.UNSPECIFIED,
    birth_year=None,
    phone="",
    source=LegalSavvyPerson.Source.OTHER,
    villager_group="",
    nomination_route="",
    certificate_no="",
    advisor=_AUTO,
    user=None,
):
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
            village=village,
            name=name,
            gender=gender or Gender.UNSPECIFIED,
            birth_year=birth_year,
            phone=phone,
            source=source or LegalSavvyPerson.Source.OTHER,
            villager_group=(villager_group or "").strip(),
            nomination_route=nomination_route or "",
            certificate_no=certificate_no,
            appointed_on=appointed_on,
            advisor=advisor,
        )
        person.full_clean(exclude=["village", "advisor"])
        _save_guarded(person, "phone" if phone else "certificate_no")
        LegalSavvyTerm.objects.create(person=person, village=village, appointed_on=appointed_on)
        _audit(
            user,
            person,
            AuditEntry.Action.CREATE,
            area_code=village.code,
            record_date=appointed_on,
            summary=f"{person.name} ({village.name})",
        )
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
            term = LegalSavvyTerm.objects.create(
                person=person,
                village=person.village,
                appointed_on=person.appointed_on,
                removed_on=person.removed_on,
                removal_reason=person.removal_reason,
            )
        term_before = (term.village_id, term.appointed_on, term.removed_on, term.removal_reason)
        if "appointed_on" in changes and changes["appointed_on"] != person.appointed_on:
            appointed_on = clean_past_date(changes["appointed_on"], "appointed_on")
            previous = (
                LegalSavvyTerm.objects.filter(person=person, appointed_on__lt=term.appointed_on)
                .order_by("-appointed_on")
                .first()
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
        _audit(
            user,
            person,
            AuditEntry.Action.UPDATE,
            area_code=person.village.code,
            record_date=person.appointed_on,
            changes=changed,
        )
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
        _audit(
            user, person, AuditEntry.Action.UPDATE, area_code=person.village.code, record_date=today(), changes=changes
        )
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
        LegalSavvyPerson.objects.filter(pk__in=[p.pk for p in persons]).update(
            advisor=advisor, updated_at=timezone.now()
        )
        _audit_many(
            user,
            persons,
            AuditEntry.Action.UPDATE,
            lambda p: village.code,
            lambda p: today(),
            lambda p: {"advisor": [p.advisor_id, advisor.pk]},
        )
    return len(persons)
