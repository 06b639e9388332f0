"""Importing a duty ledger as a job: every line checked (cells, the shift rules, the assignment in
force), then — in one transaction, the advisors locked — duplicates and overlaps within the file and
with the database, and existing shifts matched by their natural key (advisor, village, date, start):
identical → unchanged, different → changed (unless approved). Any bad line: nothing is written and
every bad line is named. Writes are bulk, in batches; lookups are loaded once (no query per line)."""

import csv
import io
from collections import defaultdict
from types import SimpleNamespace

from django.db import transaction
from django.utils import timezone

from accounts.models import AuditEntry
from accounts.scopes import is_manager
from advisors.errors import DutyError, DutyRefused
from advisors.models import Advisor, DutyShift, DutyShiftChange, DutyShiftTopic
from advisors.services import overlap_refusal, times_overlap
from common.clock import hours_between, local_today
from jobs.registry import JobFailed, Outcome
from topics.models import Topic

from ..errors import ImportErrorCode, ImportRefused, line_error, refusal_error
from ..reading import FileRefused, count_lines, read_table
from .columns import REQUIRED, mode_lookup
from .lookups import CHUNK, Lookups
from .rows import FIELDS, check_line

BATCH = 1000
PROGRESS_EVERY = 1000


class _Villages:
    """Per-village counts for the dry run table and the result file."""

    def __init__(self):
        self.rows = defaultdict(lambda: {"created": 0, "updated": 0, "unchanged": 0, "refused": 0})
        self.areas = {}

    def add(self, village, what):
        if village is None:
            return
        self.areas[village.pk] = village
        self.rows[village.pk][what] += 1

    def as_list(self):
        out = []
        for pk, counts in self.rows.items():
            area = self.areas[pk]
            out.append({"code": area.code, "name": area.name, **counts})
        return sorted(out, key=lambda row: row["code"])


def _read(job, lookups, villages, progress):
    """Pass 1 (streamed): every line's cells and single-line rules. → (good lines, errors, rows, total)."""
    name = job.file_name.lower()
    modes, today = mode_lookup(), local_today()
    good, errors, rows = [], [], 0
    with job.file.open("rb") as handle:
        total = count_lines(handle, name) or 0
        for line, raw in read_table(handle, name, lookups.columns, REQUIRED):
            rows += 1
            values, problems, village = check_line(line, raw, lookups, modes, today)
            if problems:
                errors.extend(problems)
                villages.add(village, "refused")
            else:
                good.append((line, values))
            if rows % PROGRESS_EVERY == 0:
                progress(rows // 2, max(total, rows))
    return good, errors, rows


def _existing(advisor_ids, first, last):
    """Shifts of these advisors between the file's first and last dates, by natural key and by day;
    each with its topic counts as the last value (like a line's)."""
    by_key, by_day = {}, defaultdict(list)
    columns = ("id", *FIELDS, "approved_at")
    found, pairs = [], defaultdict(list)
    for start in range(0, len(advisor_ids), CHUNK):
        chunk = advisor_ids[start : start + CHUNK]
        list(Advisor.objects.select_for_update().filter(pk__in=chunk).values_list("pk", flat=True))
        found.extend(DutyShift.objects.filter(advisor_id__in=chunk, date__range=(first, last)).values_list(*columns))
        rows = DutyShiftTopic.objects.filter(shift__advisor_id__in=chunk, shift__date__range=(first, last)).values_list(
            "shift_id", "topic__code", "count"
        )
        for shift_id, code, count in rows:
            pairs[shift_id].append((code, count))
    topics = {pk: tuple(sorted(counts)) for pk, counts in pairs.items()}
    for pk, *values, approved_at in found:
        values = (*values, topics.get(pk, ()))
        by_key[values[:4]] = (pk, values, approved_at is not None)
        by_day[(values[0], values[2])].append((values[3], values[4], pk, values[1]))
    return by_key, by_day


_TOTALS = (FIELDS.index("consultation_batches"), FIELDS.index("mediations"))


def _compare(line, old, values):
    """(values with the topic counts to keep, "same" | "changed" | a refusal) for a registered shift."""
    if values[-1] is None:  # no topic columns: the shift keeps its counts — if the totals still allow them
        values = (*values[:-1], old[-1])
        total = sum(values[index] for index in _TOTALS)
        counted = sum(count for _code, count in old[-1])
        if counted > total:
            return values, refusal_error(
                line, DutyRefused(DutyError.TOPICS_EXCEED_TOTALS, "topics", sum=counted, total=total)
            )
    return values, ("same" if values == old else "changed")


def _classify(good, lookups, villages):
    """Pass 2 (in the transaction): duplicates, overlaps, and what each line does."""
    advisor_ids = sorted({values[0] for _line, values in good})
    dates = [values[2] for _line, values in good]
    by_key, by_day = _existing(advisor_ids, min(dates), max(dates)) if good else ({}, {})
    seen, in_file = {}, defaultdict(list)
    creates, updates, unchanged, errors = [], [], 0, []
    for line, values in good:
        village = lookups.villages[values[1]]
        key = values[:4]
        problem = None
        if key in seen:
            problem = line_error(line, ImportErrorCode.DUPLICATE_IN_FILE, line=seen[key])
        else:
            seen[key] = line
            existing = by_key.get(key)
            start, end = values[3], values[4]
            for other_start, other_end, pk, village_id in by_day.get((values[0], values[2]), ()):
                if existing is not None and pk == existing[0]:
                    continue
                if times_overlap(start, end, other_start, other_end):
                    clash = SimpleNamespace(
                        village=lookups.villages.get(village_id) or SimpleNamespace(name=village_id),
                        date=values[2],
                        start_time=other_start,
                        end_time=other_end,
                    )
                    problem = refusal_error(line, overlap_refusal(clash))
                    break
            if problem is None:
                for other_start, other_end, other_line in in_file[(values[0], values[2])]:
                    if times_overlap(start, end, other_start, other_end):
                        problem = line_error(line, ImportErrorCode.OVERLAP_IN_FILE, line=other_line)
                        break
            in_file[(values[0], values[2])].append((start, end, line))
            if problem is None:
                if existing is None:
                    creates.append((*values[:-1], values[-1] or ()))
                    villages.add(village, "created")
                else:
                    values, compared = _compare(line, existing[1], values)
                    if compared == "same":
                        unchanged += 1
                        villages.add(village, "unchanged")
                    elif existing[2]:
                        problem = refusal_error(line, DutyRefused(DutyError.APPROVED_LOCKED))
                    elif compared == "changed":
                        updates.append((existing[0], existing[1], values))
                        villages.add(village, "updated")
                    else:
                        problem = compared
        if problem is not None:
            errors.append(problem)
            villages.add(village, "refused")
    return creates, updates, unchanged, errors


def _shift(values, **extra):
    fields = dict(zip(FIELDS, values))
    return DutyShift(**fields, hours=hours_between(fields["start_time"], fields["end_time"]), **extra)


def _write(job, creates, updates, lookups, progress, done_before, total):
    user = job.user
    written = 0
    for start in range(0, len(creates), BATCH):
        chunk = creates[start : start + BATCH]
        batch = [_shift(values, created_by=user, import_job=job) for values in chunk]
        DutyShift.objects.bulk_create(batch, batch_size=BATCH)
        _write_topics([(shift.pk, values[-1]) for shift, values in zip(batch, chunk) if values[-1]], lookups)
        written += len(batch)
        progress(done_before + written // 2, total)
    changed_fields = [name for name in FIELDS if name not in ("advisor_id", "village_id", "date", "start_time")]
    for start in range(0, len(updates), BATCH):
        chunk = updates[start : start + BATCH]
        DutyShift.objects.bulk_update(
            [_shift(values, id=pk, updated_at=timezone.now()) for pk, _old, values in chunk],
            [*(name.removesuffix("_id") for name in changed_fields), "hours", "updated_at"],
        )
        retopic = [(pk, values[-1]) for pk, old, values in chunk if values[-1] != old[-1]]
        DutyShiftTopic.objects.filter(shift_id__in=[pk for pk, _topics in retopic]).delete()
        _write_topics(retopic, lookups)
        DutyShiftChange.objects.bulk_create(
            [
                DutyShiftChange(
                    shift_id=pk,
                    changed_by=user,
                    changes={
                        name: [_text(a), _text(b)] for name, a, b in zip((*FIELDS, "topics"), old, values) if a != b
                    },
                    reason=f"import #{job.pk}"[:200],
                )
                for pk, old, values in chunk
            ]
        )
    return [[pk, [_plain(value) for value in old]] for pk, old, _values in updates]


def _write_topics(pairs, lookups):
    """[(shift id, ((code, n), …))] → their DutyShiftTopic rows (the counts were checked per line)."""
    DutyShiftTopic.objects.bulk_create(
        [
            DutyShiftTopic(shift_id=pk, topic_id=lookups.topics[code], count=count)
            for pk, topics in pairs
            for code, count in topics
        ],
        batch_size=BATCH,
    )


def _text(value):
    return ", ".join(f"{code}={n}" for code, n in value) if isinstance(value, tuple) else str(value)


def _plain(value):
    if isinstance(value, tuple):
        return [list(pair) for pair in value]
    return value if value is None or isinstance(value, (int, str)) else value.isoformat()


def _audit(job, villages, action):
    AuditEntry.objects.bulk_create(
        [
            AuditEntry(
                user=job.user,
                action=action,
                model=DutyShift._meta.label_lower,
                object_id=f"job:{job.pk}",
                summary=f"import #{job.pk} {job.file_name}: +{row['created']} ~{row['updated']}"[:300],
                area_code=row["code"],
            )
            for row in villages
            if row["created"] or row["updated"]
        ]
    )


def _report(villages, errors):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["village_code", "village", "created", "updated", "unchanged", "refused"])
    for row in villages:
        writer.writerow([row["code"], row["name"], row["created"], row["updated"], row["unchanged"], row["refused"]])
    if errors:
        writer.writerow([])
        writer.writerow(["line", "code", "message"])
        for error in errors:
            writer.writerow([error["line"], error["code"], error["message"]])
    return ("import-report.csv", ("\ufeff" + out.getvalue()).encode("utf-8"))


def run_duty_import(job, progress):
    if job.user is not None and not is_manager(job.user):
        raise JobFailed([line_error(None, ImportErrorCode.NOT_ALLOWED)])
    lookups, villages = Lookups(job.user), _Villages()
    try:
        good, errors, rows = _read(job, lookups, villages, progress)
    except FileRefused as refused:
        raise JobFailed([{"line": None, "code": refused.code.value, "message": refused.message}]) from None
    if rows == 0:
        raise JobFailed([line_error(None, ImportErrorCode.NO_ROWS)])
    progress(rows // 2, rows)
    with transaction.atomic():
        creates, updates, unchanged, more = _classify(good, lookups, villages)
        errors = sorted(errors + more, key=lambda error: error["line"] or 0)
        years = sorted({values[2].year for values in creates} | {values[2].year for _pk, _old, values in updates})
        summary = {"villages": villages.as_list(), "years": years}
        if errors:
            raise JobFailed(errors, rows_total=rows, summary=summary, result=_report(summary["villages"], errors))
        outcome = Outcome(
            rows_total=rows,
            created=len(creates),
            updated=len(updates),
            unchanged=unchanged,
            summary=summary,
            result=_report(summary["villages"], []),
        )
        if job.dry_run:
            return outcome
        outcome.undo_data = {"updated": _write(job, creates, updates, lookups, progress, rows // 2, rows)}
        _audit(job, summary["villages"], AuditEntry.Action.CREATE)
    return outcome


def undo_duty_import(job, by):
    """Delete the shifts the import created and restore the ones it changed — unless any is approved."""
    updated = job.undo_data.get("updated", [])
    updated_ids = [pk for pk, _old in updated]
    created = DutyShift.objects.filter(import_job=job)
    if created.filter(approved_at__isnull=False).exists() or any(
        DutyShift.objects.filter(pk__in=updated_ids[i : i + CHUNK], approved_at__isnull=False).exists()
        for i in range(0, len(updated_ids), CHUNK)
    ):
        raise ImportRefused(ImportErrorCode.APPROVED)
    list(created.select_for_update().values_list("pk", flat=True))
    created.delete()
    topic_ids = None
    for start in range(0, len(updated), BATCH):
        chunk = updated[start : start + BATCH]
        DutyShift.objects.bulk_update(
            [_shift(_parse_old(old), id=pk, updated_at=timezone.now()) for pk, old in chunk],
            [*(n.removesuffix("_id") for n in FIELDS[4:]), "hours", "updated_at"],
        )
        with_topics = [(pk, old[-1]) for pk, old in chunk if len(old) > len(FIELDS)]
        if with_topics:
            topic_ids = topic_ids or dict(Topic.objects.values_list("code", "pk"))
            DutyShiftTopic.objects.filter(shift_id__in=[pk for pk, _topics in with_topics]).delete()
            _write_topics(
                [(pk, [tuple(pair) for pair in topics]) for pk, topics in with_topics],
                SimpleNamespace(topics=topic_ids),
            )
    _audit(job, job.summary.get("villages", []), AuditEntry.Action.DELETE)


def _parse_old(old):
    import datetime

    values = list(old)
    values[2] = datetime.date.fromisoformat(values[2])
    values[3] = datetime.time.fromisoformat(values[3])
    values[4] = datetime.time.fromisoformat(values[4]) if values[4] else None
    return tuple(values)
