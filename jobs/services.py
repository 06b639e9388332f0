"""Creating, running, finishing and undoing jobs. The one path for every kind of background work.

``start_job`` stores the upload and the Job row (committed), then hands the id to Celery: a worker
with ``CELERY_BROKER_URL`` set, in-process otherwise. ``execute`` (the task body) dispatches by kind to
the runner an app registered in ``jobs.registry``.
"""

import hashlib
import logging
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone, translation

from accounts import audit
from accounts.models import AuditEntry
from common.clock import local_today
from common.signals import bulk_written

from . import progress as live
from . import registry
from .errors import JobError, JobRefused
from .models import Job

log = logging.getLogger(__name__)
MAX_ERRORS = 1000


def sha256_of(upload):
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks() if hasattr(upload, "chunks") else iter(lambda: upload.read(1 << 16), b""):
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def create_job(*, by, kind, upload=None, file_name="", dry_run=False, params=None):
    """Store the Job row (and its file) without running it."""
    if registry.get(kind) is None:
        raise JobRefused(JobError.UNKNOWN_KIND, "kind")
    user = by if (by is not None and by.is_authenticated) else None
    # Messages (refused lines…) are written in the language of the page that started the job.
    params = {"language": translation.get_language() or settings.LANGUAGE_CODE, **(params or {})}
    job = Job(user=user, kind=kind, dry_run=bool(dry_run), params=params)
    if upload is not None:
        name = file_name or getattr(upload, "name", "") or "upload"
        job.file_name = name[-200:]
        job.file_sha256 = sha256_of(upload)
        job.file.save(name.rsplit("/", 1)[-1][-100:], upload, save=False)
    with transaction.atomic():
        job.save()
    return job


def enqueue(job):
    """Hand the job to Celery. Called once the Job row is committed (outside any open transaction in
    production), so the worker finds it; without a broker the task runs here and now."""
    from .tasks import run_job

    run_job.delay(job.pk)
    return job


def start_job(**kwargs):
    job = create_job(**kwargs)
    enqueue(job)
    job.refresh_from_db()
    return job


ROW_BEAT_SECONDS = 30


def _progress_callback(job):
    """Progress (and heartbeat) to the cache; to the row too, now and then, when the runner is not
    inside a transaction (there the row update would stay invisible and hold a lock)."""
    last = {"row": timezone.now()}

    def report(done, total):
        live.put(job.pk, done, total)
        now = timezone.now()
        if not connection.in_atomic_block and (now - last["row"]).total_seconds() >= ROW_BEAT_SECONDS:
            Job.objects.filter(pk=job.pk).update(heartbeat_at=now)
            last["row"] = now

    return report


def execute(job_id):
    """Run one job to its end: running → succeeded or failed. Safe to call twice (a redelivered task)."""
    now = timezone.now()
    claimed = Job.objects.filter(pk=job_id, state=Job.State.QUEUED).update(
        state=Job.State.RUNNING, started_at=now, heartbeat_at=now
    )
    if not claimed:
        return
    job = Job.objects.get(pk=job_id)
    kind = registry.get(job.kind)
    try:
        with translation.override(job.params.get("language") or settings.LANGUAGE_CODE):
            outcome = kind.run(job, _progress_callback(job))
    except registry.JobFailed as failure:
        _finish(
            job,
            Job.State.FAILED,
            rows_total=failure.rows_total,
            errors=failure.errors,
            summary=failure.summary,
            result=failure.result,
        )
    except Exception:
        log.exception("job %s (%s) crashed", job.pk, job.kind)
        _finish(
            job,
            Job.State.FAILED,
            errors=[{"line": None, "code": JobError.CRASHED.value, "message": str(JobError.CRASHED.label)}],
        )
    else:
        _finish(
            job,
            Job.State.SUCCEEDED,
            rows_total=outcome.rows_total,
            created=outcome.created,
            updated=outcome.updated,
            unchanged=outcome.unchanged,
            summary=outcome.summary,
            undo_data=outcome.undo_data,
            result=outcome.result,
        )
        if not job.dry_run:
            _announce(job)


def _announce(job):
    """Tell the apps that keep derived data (coverage's roll-ups) which years a finished import or an
    undo wrote to: the runner's ``summary["years"]``, else this year (a roster changes today's quota)."""
    if job.summary.get("export"):
        return
    years = job.summary.get("years") or [local_today().year]
    bulk_written.send(sender=f"jobs.{job.kind}", years=set(years))


def _finish(job, state, *, rows_total=0, errors=(), result=None, **fields):
    job.state = state
    job.rows_total = rows_total
    job.rows_done = rows_total if state == Job.State.SUCCEEDED else job.rows_done
    job.errors = [dict(error, message=str(error["message"])) for error in list(errors)[:MAX_ERRORS]]
    for name, value in fields.items():
        setattr(job, name, value)
    if state == Job.State.FAILED:
        job.created = job.updated = job.unchanged = 0
        seen = live.get(job.pk)
        job.rows_done = seen[0] if seen else 0
    if result is not None:
        name, content = result
        job.result.save(name, ContentFile(content), save=False)
    job.finished_at = job.heartbeat_at = timezone.now()
    job.save()
    live.clear(job.pk)


def last_heartbeat(job):
    beats = [beat for beat in (live.heartbeat(job.pk), job.heartbeat_at, job.started_at) if beat]
    return max(beats) if beats else None


def is_stale(job, now=None):
    """A running job with no heartbeat for JOBS_STALE_MINUTES: its worker died (killed, machine restarted)."""
    if job.state != Job.State.RUNNING:
        return False
    beat = last_heartbeat(job)
    cutoff = (now or timezone.now()) - timedelta(minutes=settings.JOBS_STALE_MINUTES)
    return beat is None or beat < cutoff


def fail_if_stale(job, now=None):
    """Mark ``job`` failed ("worker stopped") if it is stale; returns the job as it now is. Should the
    worker be alive after all and finish, its own end overwrites this (what it wrote is the truth)."""
    if not is_stale(job, now):
        return job
    minutes = settings.JOBS_STALE_MINUTES
    error = {
        "line": None,
        "code": JobError.WORKER_STOPPED.value,
        "message": str(JobError.WORKER_STOPPED.label) % {"minutes": minutes},
    }
    failed = Job.objects.filter(pk=job.pk, state=Job.State.RUNNING).update(
        state=Job.State.FAILED, finished_at=now or timezone.now(), errors=[error], created=0, updated=0, unchanged=0
    )
    if failed:
        log.warning("job %s (%s): no heartbeat for %s minutes, marked failed", job.pk, job.kind, minutes)
        live.clear(job.pk)
    job.refresh_from_db()
    return job


def fail_stale_jobs(now=None):
    """The periodic task: every running job without a heartbeat for JOBS_STALE_MINUTES is failed."""
    now = now or timezone.now()
    cutoff = now - timedelta(minutes=settings.JOBS_STALE_MINUTES)
    running = Job.objects.filter(Q(started_at__lt=cutoff) | Q(started_at__isnull=True), state=Job.State.RUNNING)
    return sum(fail_if_stale(job, now).state == Job.State.FAILED for job in running)


def purge_job_files(now=None, days=None):
    """Delete the uploaded and result files of jobs finished more than JOBS_RETENTION_DAYS ago (the
    rows, their counts and errors stay). Returns how many files were deleted."""
    days = settings.JOBS_RETENTION_DAYS if days is None else days
    cutoff = (now or timezone.now()) - timedelta(days=days)
    deleted = 0
    old = Job.objects.filter(finished_at__lt=cutoff).exclude(file="", result="")
    for job in old.iterator():
        for name in ("file", "result"):
            stored = getattr(job, name)
            if stored:
                stored.delete(save=False)
                deleted += 1
        job.save(update_fields=["file", "result"])
    return deleted


def current_progress(job):
    """(rows_done, rows_total, percent) — live from the cache while running, else from the row."""
    done, total = job.rows_done, job.rows_total
    if job.state == Job.State.RUNNING:
        seen = live.get(job.pk)
        if seen:
            done, total = seen
    if job.state == Job.State.SUCCEEDED:
        return done, total, 100
    percent = int(done * 100 / total) if total else 0
    return done, total, min(percent, 99 if job.state == Job.State.RUNNING else 100)


def can_undo(job):
    kind = registry.get(job.kind)
    return bool(
        kind is not None
        and kind.undo is not None
        and job.state == Job.State.SUCCEEDED
        and not job.dry_run
        and job.undone_at is None
        and (job.created or job.updated)
    )


def undo_job(job, *, by):
    """Undo a whole import: its runner's undoer removes what it created and restores what it changed,
    after every registered guard (approved rows, closed years…) has agreed."""
    if job.user_id != getattr(by, "pk", None) and not getattr(by, "is_superuser", False):
        raise JobRefused(JobError.NOT_ALLOWED)
    with transaction.atomic():
        job = Job.objects.select_for_update().get(pk=job.pk)
        if job.undone_at is not None:
            raise JobRefused(JobError.ALREADY_UNDONE)
        if not can_undo(job):
            raise JobRefused(JobError.NOT_UNDOABLE)
        for guard in registry.undo_guards():
            guard(job)
        registry.get(job.kind).undo(job, by)
        job.undone_at = timezone.now()
        job.undone_by = by
        job.save(update_fields=["undone_at", "undone_by"])
        audit.record(by, job, AuditEntry.Action.DELETE, summary=f"undo {job.kind} #{job.pk} {job.file_name}")
        _announce(job)
    return job


def jobs_of(user):
    if user is None or not user.is_authenticated:
        return Job.objects.none()
    if user.is_superuser:
        return Job.objects.all()
    return Job.objects.filter(user=user)
