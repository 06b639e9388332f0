"""Jobs: the runner by kind, states, live progress over HTTP, the pages, the result file."""

import pytest

from jobs import progress as live
from jobs import registry
from jobs.models import Job
from jobs.services import create_job, current_progress, execute, start_job


@pytest.fixture
def test_kinds():
    seen = {}

    def ok(job, progress):
        progress(5, 10)
        seen["during"] = current_progress(Job.objects.get(pk=job.pk))
        return registry.Outcome(rows_total=10, created=7, unchanged=3, result=("out.txt", b"hello"))

    def bad(job, progress):
        raise registry.JobFailed([{"line": 3, "code": "x", "message": "bad line"}], rows_total=4)

    def crash(job, progress):
        raise RuntimeError("boom")

    registry.register("test_ok", "ok", ok)
    registry.register("test_bad", "bad", bad)
    registry.register("test_crash", "crash", crash)
    yield seen
    for name in ("test_ok", "test_bad", "test_crash"):
        registry._KINDS.pop(name, None)


def test_a_job_runs_by_kind_and_reports_progress_while_running(users, test_kinds, api_as):
    job = start_job(by=users.coordinator, kind="test_ok")
    assert test_kinds["during"] == (5, 10, 50)
    assert (job.state, job.rows_total, job.rows_done, job.created, job.unchanged) == ("succeeded", 10, 10, 7, 3)
    assert job.started_at and job.finished_at and job.result.read() == b"hello"
    data = api_as(users.coordinator).get(f"/api/jobs/{job.pk}/").json()
    assert data == {
        "id": job.pk,
        "kind": "test_ok",
        "state": "succeeded",
        "progress": 100,
        "rows_total": 10,
        "rows_done": 10,
        "created": 7,
        "updated": 0,
        "unchanged": 3,
        "errors": [],
        "dry_run": False,
        "result_url": f"http://testserver/jobs/{job.pk}/result/",
    }


def test_progress_of_a_running_job_comes_from_the_cache(users, api_as):
    job = create_job(by=users.coordinator, kind="duty_shifts")
    Job.objects.filter(pk=job.pk).update(state="running")
    live.put(job.pk, 250, 1000)
    data = api_as(users.coordinator).get(f"/api/jobs/{job.pk}/").json()
    assert (data["state"], data["progress"], data["rows_done"], data["rows_total"]) == ("running", 25, 250, 1000)


def test_failed_and_crashed_jobs(users, test_kinds):
    bad = start_job(by=users.coordinator, kind="test_bad")
    assert (bad.state, bad.errors, bad.created, bad.rows_total) == (
        "failed",
        [{"line": 3, "code": "x", "message": "bad line"}],
        0,
        4,
    )
    crashed = start_job(by=users.coordinator, kind="test_crash")
    assert crashed.state == "failed" and crashed.errors[0]["code"] == "crashed"


def test_a_job_runs_once(users, test_kinds):
    job = start_job(by=users.coordinator, kind="test_ok")
    finished_at = job.finished_at
    execute(job.pk)  # a redelivered task
    job.refresh_from_db()
    assert job.finished_at == finished_at


def test_unknown_kind_is_refused(users):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        create_job(by=users.coordinator, kind="nope")


def test_my_jobs_pages_and_result(users, test_kinds, client_as):
    job = start_job(by=users.coordinator, kind="test_ok")
    client = client_as(users.coordinator)
    listing = client.get("/jobs/")
    assert listing.status_code == 200 and f"/jobs/{job.pk}/" in listing.content.decode()
    detail = client.get(f"/jobs/{job.pk}/").content.decode()
    assert f'data-job-url="/api/jobs/{job.pk}/"' in detail and "jobs/job-progress.js" in detail
    assert "<script>" not in detail  # no inline script
    result = client.get(f"/jobs/{job.pk}/result/")
    assert result.status_code == 200 and b"".join(result.streaming_content) == b"hello"
    other = client_as(users.town_officer)
    assert other.get(f"/jobs/{job.pk}/").status_code == 404
    assert other.get(f"/jobs/{job.pk}/result/").status_code == 404


def test_jobs_need_a_login(client, users):
    assert client.get("/jobs/").status_code == 302
    assert client.get("/api/jobs/1/").status_code in (401, 403)
