"""Importing a whole roster: every row checked (also against the registry and the rest of the file),
then all persons written in one transaction or none, and the result the upload page shows."""

from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from accounts.models import AuditEntry
from advisors.models import Assignment

from ..models import LegalSavvyPerson, LegalSavvyTerm
from ..quota import active_terms_q
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

    @property
    def active_after(self):
        return self.active_now + self.adding

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


def import_roster(path, filename=None, *, dry_run=False, user=None, scope="", progress=None, preview_rows=20):
    """Check every row of the roster at ``path``; unless ``dry_run``, create all persons or none.

    ``scope``: only villages whose code starts with it are known (the uploader's area).
    ``progress(rows_read)`` is called every PROGRESS_EVERY rows.
    """
    result = ImportResult(dry_run=dry_run)
    today = timezone.localdate()
    villages = VillageIndex(scope or "")
    sources = _source_lookup()
    clean, seen = [], {}
    try:
        for line, raw in read_roster(path, filename):
            result.rows += 1
            if progress is not None and result.rows % PROGRESS_EVERY == 0:
                progress(result.rows)
            row, errors = clean_row(line, raw, villages, sources, today)
            if errors:
                result.errors.extend(errors)
                continue
            earlier = next((seen[key] for key in row.identity_keys() if key in seen), None)
            if earlier is not None:
                result.errors.append(
                    RowError(line, "name", RowErrorCode.DUPLICATE_IN_FILE, row.name, {"line": earlier})
                )
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
    advisors = _current_advisors(village_ids, today)
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
                )
                for row in batch
            ]
        )
        LegalSavvyTerm.objects.bulk_create(
            [
                LegalSavvyTerm(person_id=person.pk, village_id=person.village_id, appointed_on=person.appointed_on)
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
