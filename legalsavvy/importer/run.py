"""Importing a whole roster: every row checked (also against the registry and the rest of the file),
then all persons written in one transaction or none, and the result the upload page shows."""

from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import AuditEntry
from advisors.models import Assignment
from places.models import Area

from ..models import LegalSavvyPerson, LegalSavvyTerm
from ..quota import active_terms_q
from .matching import CREATE, UNCHANGED, Plan, Registered, RowProblem, apply_plan, plan_row
from .reading import FileErrorCode, RosterFileError, read_roster
from .rows import RowError, RowErrorCode, VillageIndex, _source_lookup, clean_row

PROGRESS_EVERY = 1000
BATCH = 1000


@dataclass
class VillageChange:
    code: str
    name: str
    town: str
    active_now: int
    adding: int
    # With ``match_existing``: what the rows naming registered persons do (see matching.py).
    changed: int = 0
    removed: int = 0
    reappointed: int = 0
    unchanged: int = 0
    refused: int = 0
    adding_removed: int = 0  # new persons whose row already says removed

    @property
    def active_after(self):
        return self.active_now + self.adding - self.adding_removed + self.reappointed - self.removed

    @property
    def meets_quota_after(self):
        return self.active_after >= settings.LEGAL_SAVVY_QUOTA


@dataclass
class ImportResult:
    rows: int = 0
    created: int = 0
    errors: list = field(default_factory=list)
    villages: list = field(default_factory=list)
    preview: list = field(default_factory=list)
    dry_run: bool = False
    file_error: str = ""
    # With ``match_existing``: rows per action (created, changed, removed, reappointed, unchanged) and
    # what undoing the write needs (the ids created, each changed person as it was before).
    counts: Counter = field(default_factory=Counter)
    undo: dict = field(default_factory=dict)
    years: list = field(default_factory=list)

    @property
    def ok(self):
        return not self.errors and not self.file_error


def _existing_keys(village_ids):
    """Keys of persons already registered in those villages (see CleanRow.known_as)."""
    keys = set()
    ids = sorted(village_ids)
    for start in range(0, len(ids), 500):
        rows = LegalSavvyPerson.objects.filter(village_id__in=ids[start : start + 500]).values_list(
            "village_id", "name", "phone", "certificate_no"
        )
        for village_id, name, phone, certificate in rows:
            keys.add(("name", village_id, name))
            if phone:
                keys.add(("phone", village_id, name, phone))
            if certificate:
                keys.add(("cert", village_id, certificate))
    return keys


def _current_advisors(village_ids, on_date):
    advisors = {}
    ids = sorted(village_ids)
    for start in range(0, len(ids), 500):
        rows = (
            Assignment.objects.filter(village_id__in=ids[start : start + 500], advisor__active=True)
            .in_force(on_date)
            .order_by("starts_on")
            .values_list("village_id", "advisor_id")
        )
        advisors.update(dict(rows))  # the latest start wins
    return advisors


def _active_counts(village_ids, on_date):
    counts = {}
    ids = sorted(village_ids)
    for start in range(0, len(ids), 500):
        rows = (
            LegalSavvyTerm.objects.filter(active_terms_q(on_date), village_id__in=ids[start : start + 500])
            .order_by()
            .values("village_id")
            .annotate(n=models.Count("person", distinct=True))
            .values_list("village_id", "n")
        )
        counts.update(dict(rows))
    return counts


def import_roster(
    path,
    filename=None,
    *,
    dry_run=False,
    user=None,
    scope="",
    progress=None,
    preview_rows=20,
    match_existing=False,
):
    """Check every row of the roster at ``path``; unless ``dry_run``, write all of it or nothing.

    ``scope``: only villages whose code starts with it are known (the uploader's area).
    ``progress(rows_read)`` is called every PROGRESS_EVERY rows.
    ``match_existing``: a row naming a registered person updates, removes or re-appoints them
    (matching.py) instead of being refused; the dry run then runs the writes and rolls them back, so it
    refuses exactly what the import would.
    """
    result = ImportResult(dry_run=dry_run)
    today = timezone.localdate()
    villages = VillageIndex(scope or "")
    sources = _source_lookup()
    clean, seen, refused_in = [], {}, Counter()
    try:
        for line, raw in read_roster(path, filename):
            result.rows += 1
            if progress is not None and result.rows % PROGRESS_EVERY == 0:
                progress(result.rows)
            row, errors = clean_row(line, raw, villages, sources, today)
            if errors:
                result.errors.extend(errors)
                village, _error = villages.find(raw.get("town"), raw.get("village"))
                if village is not None:
                    refused_in[village["id"]] += 1
                continue
            earlier = next((seen[key] for key in row.identity_keys() if key in seen), None)
            if earlier is not None:
                result.errors.append(
                    RowError(line, "name", RowErrorCode.DUPLICATE_IN_FILE, row.name, {"line": earlier})
                )
                refused_in[row.village_id] += 1
                continue
            for key in row.known_as():
                seen.setdefault(key, line)
            clean.append(row)
    except RosterFileError as exc:
        result.file_error = str(exc)
        return result
    if progress is not None and result.rows % PROGRESS_EVERY:
        progress(result.rows)
    if result.rows == 0:
        result.file_error = str(RosterFileError(FileErrorCode.NO_ROWS))
        return result

    village_ids = {row.village_id for row in clean}
    if not match_existing:
        existing = _existing_keys(village_ids)
        for row in clean:
            if any(key in existing for key in row.identity_keys()):
                result.errors.append(RowError(row.line, "name", RowErrorCode.DUPLICATE_EXISTING, row.name))
        result.errors.sort(key=lambda error: error.line)
        _describe_changes(result, clean, village_ids, today, preview_rows)
        if not result.ok or dry_run:
            return result
        try:
            with transaction.atomic():
                _write(clean, village_ids, user, today)
        except IntegrityError:
            result.file_error = str(RosterFileError(FileErrorCode.CONFLICT))
            return result
        result.created = len(clean)
        return result
    plans = _plan(result, clean, village_ids, refused_in)
    _describe_plans(result, plans, village_ids, today, refused_in)
    result.preview = clean[:preview_rows]
    if result.errors:
        result.errors.sort(key=lambda error: error.line)
        return result
    try:
        with transaction.atomic():
            _write_plans(result, plans, village_ids, user, today, refused_in)
            if result.errors or dry_run:
                transaction.set_rollback(True)
    except IntegrityError:
        result.file_error = str(RosterFileError(FileErrorCode.CONFLICT))
        return result
    if result.errors:
        result.errors.sort(key=lambda error: error.line)
        _describe_plans(result, plans, village_ids, today, refused_in)
        result.undo = {}
        return result
    if dry_run:
        result.undo = {}  # rolled back: nothing to undo
    result.created = 0 if dry_run else result.counts[CREATE]
    return result


def _plan(result, clean, village_ids, refused_in):
    """Each checked row with what it does; rows naming no one, or two rows naming the same person, refused."""
    registered, plans, taken = Registered(village_ids), [], {}
    for row in clean:
        person, error = registered.match(row)
        if error is not None:
            result.errors.append(RowError(row.line, "name", error, row.name))
        elif person is None:
            plans.append(Plan(row, CREATE))
            continue
        elif person["id"] in taken:
            result.errors.append(
                RowError(row.line, "name", RowErrorCode.DUPLICATE_IN_FILE, row.name, {"line": taken[person["id"]]})
            )
        else:
            taken[person["id"]] = row.line
            plans.append(plan_row(row, person))
            continue
        refused_in[row.village_id] += 1
    return plans


def _describe_plans(result, plans, village_ids, today, refused_in):
    counts = _active_counts(village_ids | set(refused_in), today)
    changes, result.counts = {}, Counter()
    for plan in plans:
        row = plan.row
        change = changes.get(row.village_id)
        if change is None:
            change = changes[row.village_id] = VillageChange(
                row.village_code, row.village_name, row.town_name, counts.get(row.village_id, 0), 0
            )
        result.counts[plan.action] += 1
        if plan.action == CREATE:
            change.adding += 1
            change.adding_removed += row.status == "removed"
        else:
            setattr(change, plan.action, getattr(change, plan.action) + 1)
    missing = set(refused_in) - set(changes)
    if missing:
        for area in Area.objects.filter(pk__in=missing).select_related("parent"):
            changes[area.pk] = VillageChange(
                area.code, area.name, area.parent.name if area.parent else "", counts.get(area.pk, 0), 0
            )
    for village_id, change in changes.items():
        change.refused = refused_in.get(village_id, 0)
    result.villages = sorted(changes.values(), key=lambda change: change.code)
    result.years = sorted(
        {plan.row.appointed_on.year for plan in plans if plan.action != UNCHANGED}
        | {plan.row.removed_on.year for plan in plans if plan.action != UNCHANGED and plan.row.removed_on}
    )


def _write_plans(result, plans, village_ids, user, today, refused_in):
    """New persons in bulk (``_write``), then each matched row through the services."""
    creates = [plan.row for plan in plans if plan.action == CREATE]
    created_ids = _write(creates, village_ids, user, today) if creates else []
    changed = []
    for plan in plans:
        if plan.action in (CREATE, UNCHANGED):
            continue
        try:
            changed.append(apply_plan(plan, user))
        except RowProblem as problem:
            result.errors.append(problem.error)
            refused_in[plan.row.village_id] += 1
    result.undo = {"created": created_ids, "changed": changed}


def _describe_changes(result, clean, village_ids, today, preview_rows):
    adding = Counter(row.village_id for row in clean)
    counts = _active_counts(village_ids, today)
    first = {}
    for row in clean:
        first.setdefault(row.village_id, row)
    result.villages = sorted(
        (
            VillageChange(row.village_code, row.village_name, row.town_name, counts.get(vid, 0), adding[vid])
            for vid, row in first.items()
        ),
        key=lambda change: change.code,
    )
    result.preview = clean[:preview_rows]
    result.created = 0


def _write(clean, village_ids, user, today):
    """Create the persons of ``clean`` in bulk (a row already saying removed: with its closed term).
    Returns their ids."""
    advisors = _current_advisors(village_ids, today)
    ids = []
    for start in range(0, len(clean), BATCH):
        batch = clean[start : start + BATCH]
        persons = LegalSavvyPerson.objects.bulk_create(
            [
                LegalSavvyPerson(
                    village_id=row.village_id,
                    name=row.name,
                    gender=row.gender,
                    birth_year=row.birth_year,
                    phone=row.phone,
                    source=row.source,
                    appointed_on=row.appointed_on,
                    certificate_no=row.certificate_no,
                    villager_group=row.villager_group,
                    advisor_id=advisors.get(row.village_id),
                    status=row.status,
                    removed_on=row.removed_on,
                    removal_reason=row.removal_reason or (_("Removed by a roster import") if row.removed_on else ""),
                )
                for row in batch
            ]
        )
        ids.extend(person.pk for person in persons)
        LegalSavvyTerm.objects.bulk_create(
            [
                LegalSavvyTerm(
                    person_id=person.pk,
                    village_id=person.village_id,
                    appointed_on=person.appointed_on,
                    removed_on=person.removed_on,
                    removal_reason=person.removal_reason,
                )
                for person in persons
            ]
        )
        who = user if (user is not None and user.is_authenticated) else None
        AuditEntry.objects.bulk_create(
            [
                AuditEntry(
                    user=who,
                    action=AuditEntry.Action.CREATE,
                    model=person._meta.label_lower,
                    object_id=str(person.pk),
                    summary=f"{person.name} ({row.village_name})",
                    changes={},
                    area_code=row.village_code,
                    record_date=person.appointed_on,
                )
                for person, row in zip(persons, batch)
            ]
        )
    return ids
