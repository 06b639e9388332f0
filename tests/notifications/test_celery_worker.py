"""A real Celery worker with embedded beat, on Redis, sends the reminders on its schedule (PostgreSQL:
the worker process reads and writes the test database)."""

import datetime
import os
import signal
import subprocess
import sys
import time
from decimal import Decimal

import pytest
from django.conf import settings
from django.db import connection

from advisors.models import Advisor, Assignment, DutyShift
from common.clock import local_today
from notifications.models import Kind, Notification

BROKER = os.environ.get("TEST_CELERY_BROKER_URL", "redis://127.0.0.1:6379/13")

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL: the worker shares the test database"
    ),
    pytest.mark.django_db(transaction=True),
]


def redis_up():
    import redis

    try:
        return redis.Redis.from_url(BROKER, socket_connect_timeout=2).ping()
    except redis.exceptions.ConnectionError:
        return False


def test_beat_sends_the_open_shift_reminder_through_a_worker(users, areas, tmp_path):
    if not redis_up():
        pytest.fail(f"Redis is not reachable at {BROKER}")
    advisor = Advisor.objects.create(name="王律师", user=users.advisor)
    Assignment.objects.create(advisor=advisor, village=areas.jianfeng, starts_on=datetime.date(2020, 1, 1))
    shift = DutyShift.objects.create(
        advisor=advisor,
        village=areas.jianfeng,
        date=local_today() - datetime.timedelta(days=1),
        start_time=datetime.time(9),
        hours=Decimal(0),
    )
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_DEBUG": "1",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "CELERY_BROKER_URL": BROKER,
        "REMINDERS_EVERY_SECONDS": "2",
        "FLAGS_EVERY_SECONDS": "3600",
    }
    command = [sys.executable, "-m", "celery", "-A", "config", "worker", "-B", "--pool=solo", "--loglevel=info"]
    command += ["--schedule", str(tmp_path / "beat-schedule"), "--without-gossip", "--without-mingle"]
    log = open(tmp_path / "worker.log", "w+")  # noqa: SIM115  (closed below, after the worker stops)
    worker = subprocess.Popen(command, cwd=settings.BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and not Notification.objects.filter(kind=Kind.OPEN_SHIFT).exists():
            assert worker.poll() is None, (tmp_path / "worker.log").read_text()[-3000:]
            time.sleep(1)
        note = Notification.objects.filter(kind=Kind.OPEN_SHIFT).first()
        assert note is not None, (tmp_path / "worker.log").read_text()[-3000:]
        assert (note.user, note.period_key) == (users.advisor, f"shift-{shift.pk}")
        time.sleep(5)  # beat keeps sending every 2 s: nothing arrives twice
        assert Notification.objects.filter(kind=Kind.OPEN_SHIFT).count() == 1
    finally:
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()
        log.close()
    assert "notifications.send_reminders" in (tmp_path / "worker.log").read_text()
