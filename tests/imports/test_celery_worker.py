"""A ledger import through a real Celery worker on the machine's Redis: the test starts the worker
(``celery -A config worker --pool=solo``) against the test database, uploads over HTTP, polls the job
over HTTP while it runs (progress comes from the Redis cache) and stops the worker afterwards."""

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request

import pytest
from django.conf import settings
from django.db import connection
from rest_framework.authtoken.models import Token

from advisors.models import DutyShift
from config.celery import app as celery_app

from .conftest import ledger_csv
from .test_scale import HEADER, generated_rows

BROKER = "redis://127.0.0.1:6379/15"
CACHE = "redis://127.0.0.1:6379/14"

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the worker needs a database it can share"),
    pytest.mark.django_db(transaction=True),
]


def _reset_producers():
    """Forget connections, producers, queues and routes made with the previous configuration (an
    earlier test in this process may have published through the in-memory broker)."""
    celery_app._pool = None
    amqp = celery_app.amqp
    amqp._producer_pool = None
    amqp._rtable = None
    for cached in ("queues", "router", "default_queue"):
        amqp.__dict__.pop(cached, None)


@pytest.fixture
def worker(settings, tmp_path):
    """A Celery worker on its own queue, seeing the test database, the test's media folder and cache."""
    queue = f"pufa-test-{os.getpid()}-{time.time_ns()}"
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE}}
    saved = {key: celery_app.conf[key] for key in ("broker_url", "task_always_eager", "task_default_queue")}
    celery_app.conf.update(broker_url=BROKER, task_always_eager=False, task_default_queue=queue)
    _reset_producers()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings_test",
        "DATABASE_URL": "postgres://{USER}@{HOST}:{PORT}/{NAME}".format(**connection.settings_dict),
        "CELERY_BROKER_URL": BROKER,
        "CACHE_URL": CACHE,
        "DJANGO_TEST_MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "DJANGO_DEBUG": "0",
    }
    log = open(tmp_path / "worker.log", "wb")  # noqa: SIM115
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo", "-Q", queue, "-l", "info"],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        yield process
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()
        celery_app.conf.update(saved)
        _reset_producers()
        print((tmp_path / "worker.log").read_text(errors="replace")[-3000:])


def _request(url, token, data=None, headers=None):
    request = urllib.request.Request(url, data=data, headers={"Authorization": f"Token {token}", **(headers or {})})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, json.loads(response.read())


def _multipart(fields, file_name, content):
    boundary = "----pufa-test-boundary"
    parts = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{file_name}"\r\n'
        f"Content-Type: text/csv\r\n\r\n".encode()
        + content
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), {"Content-Type": f"multipart/form-data; boundary={boundary}"}


def test_an_import_runs_on_a_real_worker_with_progress_over_http(duty, users, worker, live_server):
    token = Token.objects.create(user=users.coordinator).key
    rows = generated_rows(duty, 20_000)
    body, headers = _multipart(
        {"kind": "duty_shifts", "dry_run": "false"}, "ledger.csv", ledger_csv(rows, header=HEADER)
    )
    status, started = _request(f"{live_server.url}/api/imports/", token, body, headers)
    assert status == 202
    url = f"{live_server.url}/api/jobs/{started['job']}/"
    seen, deadline = [], time.monotonic() + 180
    while time.monotonic() < deadline:
        _status, job = _request(url, token)
        seen.append((job["state"], job["progress"]))
        if job["state"] in ("succeeded", "failed"):
            break
        assert worker.poll() is None, "the worker stopped"
        time.sleep(0.2)
    assert job["state"] == "succeeded", job["errors"][:3]
    assert (job["created"], job["rows_total"], job["progress"]) == (20_000, 20_000, 100)
    running = [progress for state, progress in seen if state == "running"]
    assert any(0 < progress < 100 for progress in running), seen
    assert running == sorted(running)  # progress only moves forward
    assert DutyShift.objects.count() == 20_000
    assert settings.CACHES["default"]["LOCATION"] == CACHE
