"""Terms of appointment: removing a person (closing the open term), appointing them again (a new term),
and ``change_person``, which picks between those and a plain correction from the status asked for."""

from django.db import transaction

from accounts import audit
from accounts.models import AuditEntry

from ..errors import SavvyError, refusal
from ..models import LegalSavvyPerson, LegalSavvyTerm
from ._common import (
    _AUTO,
    PERSON_FIELDS,
    _audit,
    _lock,
    _save_guarded,
    _snapshot,
    check_can_manage,
    clean_past_date,
    clean_village,
    current_advisor,
    find_duplicate,
    today,
)
from .persons import update_person


def _open_term(person):
    return LegalSavvyTerm.objects.select_for_update().filter(person=person, removed_on__isnull=True).first()


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
        _audit(
            user,
            person,
            AuditEntry.Action.UPDATE,
            area_code=person.village.code,
            record_date=on_date,
            changes=audit.diff(before, _snapshot(person), PERSON_FIELDS),
            summary=f"{person.name}: {reason}"[:300],
        )
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
        _audit(
            user,
            person,
            AuditEntry.Action.UPDATE,
            area_code=person.village.code,
            record_date=on_date,
            changes=audit.diff(before, _snapshot(person), PERSON_FIELDS),
        )
    return person


def change_person(person, *, user=None, status=None, removed_on=None, removal_reason="", **fields):
    """Apply an edit of a person that may also change their status (the API's PATCH/PUT), all or nothing.

    ``status`` as it is (or None): a correction of ``fields`` — for a removed person also of the removal
    date and reason. ``removed``: correct ``fields``, then remove from ``removed_on``. ``active`` for a
    removed person: correct ``fields``, then appoint again from ``fields["appointed_on"]`` (default today)
    in ``fields["village"]`` if given. Refusals are those of the functions it calls.
    """
    wanted = status or person.status
    with transaction.atomic():
        if wanted == person.status:
            if person.status == LegalSavvyPerson.Status.REMOVED:  # correcting the removal
                fields.update(removed_on=removed_on, removal_reason=removal_reason)
            return update_person(person, user=user, **fields)
        if wanted == LegalSavvyPerson.Status.REMOVED:
            person = update_person(person, user=user, **fields)
            return remove_person(person, removed_on, removal_reason, user=user)
        # removed → active: a new term from the new appointed_on, in the new village if one is given
        on_date = fields.pop("appointed_on", None) or today()
        village = fields.pop("village", None)
        person = update_person(person, user=user, **fields)
        return reappoint_person(person, on_date, user=user, village=village)
