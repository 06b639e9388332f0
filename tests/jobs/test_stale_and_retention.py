"""A job whose worker died: its heartbeat (progress updates) stops, and after JOBS_STALE_MINUTES the periodic
task — or reading it on My jobs / the API — marks it failed ("worker stopped"). Old files are deleted after
JOBS_RETENTION_DAYS (task and command). Time is frozen and moved with time-machine."""

import datetime as dt
import os
from io import StringIO

import pytest
import time_machine
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management import call_command

from jobs import progress as live
from jobs import registry
from jobs.models import Job
from jobs.services import create_job, execute, fail_stale_jobs, purge_job_files

T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.JOBS_STALE_MINUTES = 30
    settings.JOBS_RETENTION_DAYS = 90
    return tmp_path


def _running(user, *, at):
    """A job claimed by a worker at ``at`` (which then died)."""
    job = create_job(by=user, kind="duty_shifts")
    Job.objects.filter(pk=job.pk).update(state="running", started_at=at, heartbeat_at=at)
    return Job.objects.get(pk=job.pk)


def test_a_running_job_without_heartbeat_is_failed_by_the_periodic_task(users, media):
    with time_machine.travel(T0, tick=False) as clock:
        job = _running(users.coordinator, at=T0)
        clock.shift(dt.timedelta(minutes=29))
        assert fail_stale_jobs() == 0
        clock.shift(dt.timedelta(minutes=2))
        assert fail_stale_jobs() == 1
    job.refresh_from_db()
    assert job.state == "failed" and job.finished_at is not None
    assert [error["code"] for error in job.errors] == ["worker_stopped"]
    assert fail_stale_jobs() == 0  # already failed


def test_progress_updates_are_the_heartbeat(users, media):
    with time_machine.travel(T0, tick=False) as clock:
        job = _running(users.coordinator, at=T0)
        clock.shift(dt.timedelta(minutes=25))
        live.put(job.pk, 100, 1000)  # what the runner's progress callback does
        clock.shift(dt.timedelta(minutes=25))  # 50 minutes after the start, 25 after the last beat
        assert fail_stale_jobs() == 0
        clock.shift(dt.timedelta(minutes=6))
        assert fail_stale_jobs() == 1


def test_the_runner_progress_callback_beats(users, media):
    beats = {}

    def slow(job, progress):
        with time_machine.travel(T0 + dt.timedelta(hours=2), tick=False):
            progress(1, 2)
            beats["during"] = live.heartbeat(job.pk)
        return registry.Outcome(rows_total=2)

    registry.register("test_slow", "slow", slow)
    try:
        job = create_job(by=users.coordinator, kind="test_slow")
        execute(job.pk)
    finally:
        registry._KINDS.pop("test_slow", None)
    assert beats["during"] == T0 + dt.timedelta(hours=2)
    job.refresh_from_db()
    assert job.state == "succeeded" and job.heartbeat_at is not None


def test_reading_a_stale_job_on_the_api_and_my_jobs_marks_it_failed(users, media, api_as, client_as):
    with time_machine.travel(T0, tick=False) as clock:
        job = _running(users.coordinator, at=T0)
        other = _running(users.coordinator, at=T0)
        data = api_as(users.coordinator).get(f"/api/jobs/{job.pk}/").json()
        assert data["state"] == "running"
        clock.shift(dt.timedelta(minutes=31))
        data = api_as(users.coordinator).get(f"/api/jobs/{job.pk}/").json()
        assert data["state"] == "failed" and data["errors"][0]["code"] == "worker_stopped"
        page = client_as(users.coordinator).get("/jobs/")
        assert page.status_code == 200
    assert Job.objects.get(pk=other.pk).state == "failed"


def test_a_queued_or_finished_job_is_never_stale(users, media):
    with time_machine.travel(T0, tick=False) as clock:
        queued = create_job(by=users.coordinator, kind="duty_shifts")
        clock.shift(dt.timedelta(days=2))
        assert fail_stale_jobs() == 0
    assert Job.objects.get(pk=queued.pk).state == "queued"


def _finished_with_files(user, *, at):
    job = create_job(by=user, kind="duty_shifts", upload=ContentFile(b"a,b\n", name="ledger.csv"))
    job.result.save("report.csv", ContentFile(b"x"), save=False)
    job.state, job.finished_at = "succeeded", at
    job.save()
    return job


def test_files_older_than_the_retention_are_deleted_and_the_rows_stay(users, media):
    with time_machine.travel(T0, tick=False) as clock:
        old = _finished_with_files(users.coordinator, at=T0)
        paths = [old.file.path, old.result.path]
        clock.shift(dt.timedelta(days=60))
        recent = _finished_with_files(users.coordinator, at=T0 + dt.timedelta(days=60))
        clock.shift(dt.timedelta(days=31))  # old: 91 days, recent: 31 days
        assert purge_job_files() == 2
        assert purge_job_files() == 0
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.file.name, old.result.name, old.state) == ("", "", "succeeded")
    assert not any(os.path.exists(path) for path in paths)
    assert recent.file and recent.result and os.path.exists(recent.file.path)


def test_the_purge_command_takes_the_retention_in_days(users, media):
    with time_machine.travel(T0, tick=False) as clock:
        _finished_with_files(users.coordinator, at=T0)
        clock.shift(dt.timedelta(days=10))
        out = StringIO()
        call_command("purge_job_files", stdout=out)
        assert out.getvalue().strip() == "0 file(s) deleted"
        call_command("purge_job_files", "--days", "7", stdout=out)
        assert "2 file(s) deleted" in out.getvalue()


def test_the_periodic_tasks_are_scheduled_and_registered():
    from config.celery import app

    for name in ("fail-stale-jobs", "purge-job-files"):
        assert settings.CELERY_BEAT_SCHEDULE[name]["task"] in app.tasks
