"""Check-in over HTTP for ``manage.py benchmark``: gunicorn (4 workers) and 32 concurrent clients.

The server is the deployment's (``deploy/gunicorn.conf.py``: gthread workers, 2 threads each) with
``config/settings_bench.py``, which adds the floor view (``demo/bench_urls.py``). Persistent database
connections (``DATABASE_CONN_MAX_AGE=60``, as ``deploy/env.example``) and the Redis cache, so the rate
limit runs as in production, across the workers (``CHECKIN_RATE_LIMIT`` set high enough never to refuse:
the counting is measured, not the refusals). The clients are 4 processes × 8 threads, each with a
keep-alive ``requests.Session``, posting new phones for a fixed time; rounds alternate check-in and floor.
"""

import multiprocessing
import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

PROCESSES, THREADS = 4, 8
BODY = {"name": "压测", "gender": "female", "age_group": "36_59", "occupation": "farmer", "consent": True}


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """gunicorn serving the benchmark's database; a context manager that never leaves it running."""

    def __init__(self, base_dir, database_url, cache_url, workers=4):
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings_bench",
            "DATABASE_URL": database_url,
            "DATABASE_CONN_MAX_AGE": "60",
            "CACHE_URL": cache_url,
            "CHECKIN_RATE_LIMIT": "1000000/m",
            "DJANGO_DEBUG": "0",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DJANGO_SECURE_COOKIES": "0",
            "DJANGO_HSTS_SECONDS": "0",
            "DJANGO_LOG_LEVEL": "WARNING",
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
            "GUNICORN_WORKERS": str(workers),
        }
        self.base_dir = base_dir
        self.process = None

    def __enter__(self):
        import requests

        gunicorn = Path(sys.executable).with_name("gunicorn")
        self.process = subprocess.Popen(
            [str(gunicorn), "-c", "deploy/gunicorn.conf.py", "--access-logfile", "/dev/null", "config.wsgi"],
            cwd=self.base_dir,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while True:
            try:
                requests.get(f"{self.url}/healthz", timeout=5)
                return self
            except requests.RequestException:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    self._stop(signal.SIGKILL)
                    raise RuntimeError("gunicorn did not come up") from None
                time.sleep(0.2)

    def __exit__(self, *exc):
        self._stop(signal.SIGTERM)

    def _stop(self, sig):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, sig)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def _client_process(url, tag, seconds, out):
    """THREADS threads posting new phones to ``url`` until the deadline → (latencies, statuses) on ``out``."""
    import requests

    latencies, statuses = [], {}
    lock = threading.Lock()
    start = time.monotonic() + 0.3  # every thread starts together
    deadline = start + seconds

    def worker(thread):
        session = requests.Session()
        mine, codes, n = [], {}, 0
        while time.monotonic() < start:
            time.sleep(0.005)
        while time.monotonic() < deadline:
            body = {**BODY, "phone": f"13{tag}{thread}{n:06d}"}
            began = time.perf_counter()
            try:
                code = session.post(url, json=body, timeout=30).status_code
            except requests.RequestException:
                code = 0
            mine.append(time.perf_counter() - began)
            codes[code] = codes.get(code, 0) + 1
            n += 1
        with lock:
            latencies.extend(mine)
            for code, count in codes.items():
                statuses[code] = statuses.get(code, 0) + count

    threads = [threading.Thread(target=worker, args=(t,)) for t in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    out.put((latencies, statuses))


def drive(url, round_tag, seconds):
    """32 clients against ``url`` for ``seconds`` → {"rps", "p95", "statuses", "requests"}.
    ``round_tag`` (0–9) keeps this round's phones apart from the other rounds' (9: the warm-up)."""
    context = multiprocessing.get_context("fork")
    out = context.Queue()
    processes = [
        context.Process(target=_client_process, args=(url, f"{round_tag}{p}", seconds, out)) for p in range(PROCESSES)
    ]
    for process in processes:
        process.start()
    latencies, statuses = [], {}
    for _process in processes:
        got, codes = out.get(timeout=seconds + 120)
        latencies.extend(got)
        for code, count in codes.items():
            statuses[code] = statuses.get(code, 0) + count
    for process in processes:
        process.join()
    latencies.sort()
    p95 = latencies[max(0, int(len(latencies) * 0.95) - 1)] if latencies else float("inf")
    return {"rps": len(latencies) / seconds, "p95": p95, "statuses": statuses, "requests": len(latencies)}


def checkin_rounds(server, secret, floor_event_id, rounds, seconds, log):
    """Alternate check-in and floor rounds → (checkin results, floor results, one dict per round; how
    many check-ins were answered 201, warm-up included)."""
    checkin, floor = [], []
    # Warm-up (not counted): each worker loads the app and opens its connections on its first requests.
    warm = drive(f"{server.url}/api/checkin/{secret}/", 9, 1.0)
    drive(f"{server.url}/bench/floor/{floor_event_id}/", 9, 1.0)
    for n in range(rounds):
        for kind, url, results in (
            ("check-in", f"{server.url}/api/checkin/{secret}/", checkin),
            ("floor", f"{server.url}/bench/floor/{floor_event_id}/", floor),
        ):
            result = drive(url, n % 9, seconds)
            results.append(result)
            log(
                f"{kind:<9} round {n + 1}: {result['rps']:7.0f} req/s  p95 {1000 * result['p95']:6.1f} ms  {result['statuses']}"
            )
    created = sum(result["statuses"].get(201, 0) for result in [warm, *checkin])
    return checkin, floor, created


def median(results, key):
    return statistics.median(result[key] for result in results)
