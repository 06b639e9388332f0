"""A gunicorn worker killed in the middle of check-ins loses nothing and doubles nothing.

Real server, real processes: gunicorn (2 workers) serves the app on PostgreSQL; 8 client threads post
check-ins for 160 phones (each phone twice, as retries and double scans do); one worker is killed with
SIGKILL while they run, and a client whose connection breaks retries the same body. Afterwards every
phone is checked in exactly once and the server answered each phone with 201 at most once.
"""

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import requests
from django.conf import settings
from django.db import connection

from outreach.models import CheckIn

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

PHONES = [f"139{n:08d}" for n in range(160)]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: gunicorn's workers must share the test database")


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def server():
    db = connection.settings_dict
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "kill-test-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_SECURE_COOKIES": "0",
        "DJANGO_HSTS_SECONDS": "0",
        "CHECKIN_RATE_LIMIT": "0",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "2",
        "GUNICORN_THREADS": "4",
    }
    gunicorn = Path(sys.executable).with_name("gunicorn")
    process = subprocess.Popen(
        [str(gunicorn), "-c", "deploy/gunicorn.conf.py", "--access-logfile", "/dev/null", "config.wsgi"],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            requests.get(f"{url}/", timeout=5, allow_redirects=False)
            break
        except requests.RequestException:
            if time.monotonic() > deadline or process.poll() is not None:
                os.killpg(process.pid, signal.SIGKILL)  # never leave a server behind
                raise
            time.sleep(0.2)
    yield url, process
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=30)


def _worker_pids(master_pid):
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(master_pid)], capture_output=True, text=True)
    return [int(pid) for pid in out.stdout.split()]


def test_killing_a_worker_mid_checkin_loses_and_doubles_nothing(server, event, attendee):
    url, process = server
    jobs = [phone for phone in PHONES for _ in range(2)]
    created = []
    lock = threading.Lock()

    def client(mine):
        session = requests.Session()
        for phone in mine:
            for _attempt in range(20):  # a broken connection is retried with the same body
                try:
                    response = session.post(
                        f"{url}/api/checkin/{event.checkin_secret}/", json=attendee(phone=phone), timeout=10
                    )
                except requests.RequestException:
                    session = requests.Session()
                    time.sleep(0.05)
                    continue
                if response.status_code >= 500 or response.status_code == 502:
                    time.sleep(0.05)
                    continue
                assert response.status_code in (200, 201), response.text
                if response.status_code == 201:
                    with lock:
                        created.append(phone)
                break
            else:
                raise AssertionError(f"{phone} never got an answer")

    threads = [threading.Thread(target=client, args=(jobs[i::8],)) for i in range(8)]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 60
    while CheckIn.objects.filter(event=event).count() < 40 and time.monotonic() < deadline:
        time.sleep(0.02)
    victims = _worker_pids(process.pid)
    assert victims, "gunicorn started no workers"
    os.kill(victims[0], signal.SIGKILL)
    at_kill = CheckIn.objects.filter(event=event).count()
    for thread in threads:
        thread.join(timeout=180)

    rows = list(CheckIn.objects.filter(event=event).values_list("phone", flat=True))
    assert 40 <= at_kill < len(PHONES)  # the worker died in the middle of the run
    assert sorted(rows) == sorted(PHONES)  # nothing lost, nothing doubled
    assert len(created) == len(set(created)) <= len(PHONES)
    assert process.poll() is None  # the master replaced the worker and kept serving
