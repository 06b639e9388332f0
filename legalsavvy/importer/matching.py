"""A roster row that names a registered person: which person (the registry's own identity rule, as
``services.find_duplicate`` applies it: same name and phone, same certificate, or the same name when
the row gives neither), what the row does to them, and doing it through the registry's services.

What a matched row does, from its status and the person's:

- active row, active person: corrects the details the row gives (``changed``) or nothing (``unchanged``);
- removed row, active person: corrects the details, then removes them from the removal date (``removed``);
- removed row, removed person: corrects the removal date and reason if they differ;
- active row, removed person: appoints them again from the row's appointment date (``reappointed``).

Empty optional cells leave a registered person's details as they are.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import LegalSavvyPerson, LegalSavvyTerm
from ..services import reappoint_person, remove_person, update_person
from .rows import CleanRow, RowError, RowErrorCode

CHUNK = 500
CREATE, UNCHANGED, CHANGE, REMOVE, REAPPOINT = "created", "unchanged", "changed", "removed", "reappointed"
_DETAILS = ("gender", "birth_year", "phone", "source", "certificate_no", "villager_group")
_VALUES = ("id", "village_id", "name", "status", "appointed_on", "removed_on", "removal_reason", *_DETAILS)


@dataclass(slots=True)
class Plan:
    row: CleanRow
    action: str
    person_id: int | None = None
    changes: dict = field(default_factory=dict)


class Registered:
    """The persons registered in some villages, loaded once (one query per 500 villages), by key."""

    def __init__(self, village_ids):
        self.persons, self.index = {}, defaultdict(set)
        ids = sorted(village_ids)
        for start in range(0, len(ids), CHUNK):
            for person in LegalSavvyPerson.objects.filter(village_id__in=ids[start : start + CHUNK]).values(*_VALUES):
                self.persons[person["id"]] = person
                village, name = person["village_id"], person["name"]
                self.index[("name", village, name)].add(person["id"])
                if person["phone"]:
                    self.index[("phone", village, name, person["phone"])].add(person["id"])
                if person["certificate_no"]:
                    self.index[("cert", village, person["certificate_no"])].add(person["id"])

    def match(self, row):
        """(person dict or None, RowErrorCode or None)."""
        found = set()
        for key in row.identity_keys():
            found |= self.index.get(key, set())
        if len(found) > 1:
            return None, RowErrorCode.AMBIGUOUS_PERSON
        return (self.persons[found.pop()], None) if found else (None, None)


def _changes(row, person):
    changes = {name: getattr(row, name) for name in row.given if getattr(row, name) != person[name]}
    if row.name != person["name"]:  # matched by certificate: the roster's spelling wins
        changes["name"] = row.name
    return changes


def plan_row(row, person):
    """What ``row`` does to the registered ``person`` (a dict from Registered)."""
    changes = _changes(row, person)
    removed = person["status"] == LegalSavvyPerson.Status.REMOVED
    if row.status == "removed":
        if row.appointed_on != person["appointed_on"]:
            changes["appointed_on"] = row.appointed_on
        if not removed:
            return Plan(row, REMOVE, person["id"], changes)
        if row.removed_on != person["removed_on"]:
            changes["removed_on"] = row.removed_on
        if row.removal_reason and row.removal_reason != person["removal_reason"]:
            changes["removal_reason"] = row.removal_reason
        return Plan(row, CHANGE if changes else UNCHANGED, person["id"], changes)
    if removed:
        return Plan(row, REAPPOINT, person["id"], changes)
    if row.appointed_on != person["appointed_on"]:
        changes["appointed_on"] = row.appointed_on
    return Plan(row, CHANGE if changes else UNCHANGED, person["id"], changes)


def snapshot(person_id):
    """What undoing a change needs: the person's fields and every term, as JSON."""
    person = LegalSavvyPerson.objects.values(*_VALUES, "advisor_id").get(pk=person_id)
    terms = LegalSavvyTerm.objects.filter(person_id=person_id).values_list(
        "id", "village_id", "appointed_on", "removed_on", "removal_reason"
    )
    return {
        "id": person_id,
        "fields": {name: _json(value) for name, value in person.items() if name != "id"},
        "terms": [
            [term_id, village, _json(start), _json(end), reason] for term_id, village, start, end, reason in terms
        ],
    }


def _json(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


def apply_plan(plan, user):
    """Carry out one matched row through the services, in a savepoint. Returns the undo snapshot
    taken before the change; raises RowProblem with the service's refusal."""
    try:
        with transaction.atomic():
            before = snapshot(plan.person_id)
            person = LegalSavvyPerson.objects.select_related("village").get(pk=plan.person_id)
            if plan.changes:
                person = update_person(person, user=user, **plan.changes)
            if plan.action == REMOVE:
                reason = plan.row.removal_reason or _("Removed by a roster import")
                remove_person(person, plan.row.removed_on, reason, user=user)
            elif plan.action == REAPPOINT:
                reappoint_person(person, plan.row.appointed_on, user=user)
    except PermissionDenied:
        raise RowProblem(
            RowError(plan.row.line, "village", RowErrorCode.UNKNOWN_VILLAGE, plan.row.village_name)
        ) from None
    except ValidationError as refusal:
        raise RowProblem(_row_error(plan.row, refusal)) from None
    return before


def _row_error(row, refusal):
    code = getattr(getattr(refusal, "code", None), "value", None) or "invalid"
    column = getattr(refusal, "field", None) or "name"
    return RowError(row.line, column, code, text=" ".join(refusal.messages))


class RowProblem(Exception):
    def __init__(self, error):
        self.error = error
        super().__init__(str(error))
