"""The legal-savvy roster as a job: ``legalsavvy.importer.import_roster`` with ``match_existing`` (a row
naming a registered person updates, removes or re-appoints them; its columns, rules, dry run and
all-or-nothing write are the importer's) run in the background, its refused rows reported as the job's
errors. Undone as a whole through ``legalsavvy.services.undo_roster_batch``."""

from accounts.scopes import is_manager, scope_prefix
from jobs.registry import JobFailed, Outcome
from legalsavvy.importer import import_roster
from legalsavvy.services import undo_roster_batch

from .errors import ImportErrorCode, line_error

ACTIONS = ("created", "changed", "removed", "reappointed", "unchanged")


def _village_rows(result):
    return [
        {
            "code": v.code,
            "name": v.name,
            "created": v.adding,
            "updated": v.changed + v.removed + v.reappointed,
            "changed": v.changed,
            "removed": v.removed,
            "reappointed": v.reappointed,
            "unchanged": v.unchanged,
            "refused": v.refused,
            "active_now": v.active_now,
            "active_after": v.active_after,
        }
        for v in result.villages
    ]


def run_roster_import(job, progress):
    if job.user is None or not is_manager(job.user):
        raise JobFailed([line_error(None, ImportErrorCode.NOT_ALLOWED)])

    def rows_read(count):
        progress(count // 2, max(count, 1))

    result = import_roster(
        job.file.path,
        job.file_name,
        dry_run=job.dry_run,
        user=job.user,
        scope=scope_prefix(job.user) or "",
        progress=rows_read,
        match_existing=True,
    )
    counts = {action: result.counts.get(action, 0) for action in ACTIONS}
    summary = {"villages": _village_rows(result), "counts": counts, "years": result.years, "roster": True}
    if result.file_error:
        raise JobFailed([{"line": None, "code": "file", "message": result.file_error}], rows_total=result.rows)
    if result.errors:
        errors = [{"line": e.line, "code": e.code, "message": f"{e.column_label}: {e.message}"} for e in result.errors]
        raise JobFailed(errors, rows_total=result.rows, summary=summary)
    return Outcome(
        rows_total=result.rows,
        created=counts["created"],
        updated=counts["changed"] + counts["removed"] + counts["reappointed"],
        unchanged=counts["unchanged"],
        summary=summary,
        undo_data=result.undo,
    )


def undo_roster_import(job, by):
    undo_roster_batch(
        job.undo_data.get("created", []), job.undo_data.get("changed", []), since=job.finished_at, user=by
    )
