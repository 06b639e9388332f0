"""Undoing a roster import as a whole: the persons it created are deleted, the ones it changed, removed
or appointed again are put back exactly as they were (their fields and every term) — refused when any
of them has been changed since, or has trainings or activities recorded since."""

import datetime as dt

from django.db import transaction

from accounts.models import AuditEntry

from ..errors import SavvyError, refusal
from ..models import LegalSavvyActivity, LegalSavvyPerson, LegalSavvyTerm, Training
from ._common import _audit_many, check_can_manage

CHUNK = 500
_DATES = ("appointed_on", "removed_on")


def _date(value):
    return dt.date.fromisoformat(value) if value else None


def undo_roster_batch(created_ids, changed, *, since, user=None):
    """``created_ids``: persons the import created; ``changed``: snapshots taken before each change
    (``importer.matching.snapshot``); ``since``: when the import finished."""
    changed_ids = [item["id"] for item in changed]
    with transaction.atomic():
        persons = []
        ids = list(created_ids) + changed_ids
        for start in range(0, len(ids), CHUNK):
            persons.extend(
                LegalSavvyPerson.objects.select_for_update(of=("self",))
                .select_related("village")
                .filter(pk__in=ids[start : start + CHUNK])
                .order_by("pk")
            )
        for person in persons:
            check_can_manage(user, person.village.code)
            if since is not None and person.updated_at > since:
                raise refusal("status", SavvyError.IMPORT_CHANGED_SINCE, name=person.name)
        created = [person for person in persons if person.pk in set(created_ids)]
        created_pks = [person.pk for person in created]
        for model in (Training, LegalSavvyActivity):
            if any(
                model.objects.filter(person_id__in=created_pks[i : i + CHUNK]).exists()
                for i in range(0, len(created_pks), CHUNK)
            ):
                raise refusal("status", SavvyError.IMPORT_HAS_RECORDS)
        _audit_many(user, created, AuditEntry.Action.DELETE, lambda p: p.village.code, lambda p: p.appointed_on)
        for start in range(0, len(created_pks), CHUNK):
            LegalSavvyPerson.objects.filter(pk__in=created_pks[start : start + CHUNK]).delete()
        restored = [_restore(item) for item in changed]
        by_pk = {person.pk: person for person in persons}
        _audit_many(
            user,
            [by_pk[pk] for pk in restored if pk in by_pk],
            AuditEntry.Action.UPDATE,
            lambda p: p.village.code,
            lambda p: p.appointed_on,
            lambda p: {"undo": "roster import"},
        )
    return len(created_pks), len(restored)


def _restore(item):
    fields = dict(item["fields"])
    for name in _DATES:
        fields[name] = _date(fields.get(name))
    terms = {term[0]: term for term in item["terms"]}
    # Terms the import opened go first (at most one open term per person), then the old ones come back.
    LegalSavvyTerm.objects.filter(person_id=item["id"]).exclude(pk__in=list(terms)).delete()
    for term_id, village_id, appointed_on, removed_on, reason in terms.values():
        LegalSavvyTerm.objects.filter(pk=term_id).update(
            village_id=village_id,
            appointed_on=_date(appointed_on),
            removed_on=_date(removed_on),
            removal_reason=reason,
        )
    LegalSavvyPerson.objects.filter(pk=item["id"]).update(**fields)
    return item["id"]
