"""The legal-savvy roster as a job: ``legalsavvy.importer.import_roster`` (its columns, rules, dry run
and all-or-nothing write) run in the background, its refused rows reported as the job's errors."""

from accounts.scopes import is_manager, scope_prefix
from jobs.registry import JobFailed, Outcome
from legalsavvy.importer import import_roster

from .errors import ImportErrorCode, line_error


def run_roster_import(job, progress):
    if job.user is None or not is_manager(job.user):
        raise JobFailed([line_error(None, ImportErrorCode.NOT_ALLOWED)])
    seen = {"rows": 0}

    def rows_read(count):
        seen["rows"] = count
        progress(count // 2, max(count, 1))

    result = import_roster(
        job.file.path,
        job.file_name,
        dry_run=job.dry_run,
        user=job.user,
        scope=scope_prefix(job.user) or "",
        progress=rows_read,
    )
    villages = [
        {"code": v.code, "name": v.name, "created": v.adding, "updated": 0, "unchanged": 0, "refused": 0}
        for v in result.villages
    ]
    if result.file_error:
        raise JobFailed([{"line": None, "code": "file", "message": result.file_error}], rows_total=result.rows)
    if result.errors:
        errors = [{"line": e.line, "code": e.code, "message": f"{e.column_label}: {e.message}"} for e in result.errors]
        raise JobFailed(errors, rows_total=result.rows, summary={"villages": villages})
    created = result.rows if job.dry_run else result.created
    return Outcome(rows_total=result.rows, created=created, summary={"villages": villages})
