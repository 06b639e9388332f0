"""Build synthetic data at a scale in a throwaway database and measure every hot path beside its floor.

    manage.py benchmark --scale district                     # a temporary SQLite file
    manage.py benchmark --scale city --database-url postgres://postgres@127.0.0.1:5432/pufa_bench --json out.json

``--database-url`` must name an EMPTY database (the data is built in it), or, with ``--reuse``, one a
previous run of the same scale built (the build is skipped; ``--only reads|checkin|xlsx`` picks parts). Measured: annual_figures and
village_coverage at each level of the scale and the event list page of 500 (each beside hand-written
SQL computing the same numbers, demo/bench_floors.py); check-in over HTTP against gunicorn (4 workers)
beside a bare one-INSERT view (demo/bench_http.py); the duty-ledger XLSX export's first byte and peak
memory in a process of its own. Prints one table; ``--json FILE`` writes the figures (bench/RESULTS.md).
"""

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

CHILD_FLAG = "PUFA_BENCHMARK_CHILD"
LEVELS = ["district", "city", "province"]
PARTS = ["reads", "checkin", "xlsx"]


class Command(BaseCommand):
    help = "Measure figures, coverage, the event list, check-in and the ledger export beside their floors."

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=["tiny", *LEVELS], default="district")
        parser.add_argument("--year", type=int, default=2025)
        parser.add_argument("--json", default="", help="write the figures to this file")
        parser.add_argument("--database-url", default="", help="an EMPTY database to use (default: temp SQLite)")
        parser.add_argument("--cache-url", default="redis://127.0.0.1:6379/10", help="the server's cache ('' = none)")
        parser.add_argument("--repeat", type=int, default=5, help="timed runs per read (the median is reported)")
        parser.add_argument("--http-rounds", type=int, default=5, help="check-in and floor rounds, alternating")
        parser.add_argument("--http-seconds", type=float, default=3.0, help="length of one HTTP round")
        parser.add_argument(
            "--reuse", action="store_true", help="the database already holds this scale's data: skip the build"
        )
        parser.add_argument(
            "--only", action="append", choices=PARTS, help="measure only this part (repeatable; default: all)"
        )
        parser.add_argument("--probe-xlsx", action="store_true", help=CHILD_FLAG)  # internal

    def handle(self, *args, **options):
        if os.environ.get(CHILD_FLAG) != "1":
            return self._spawn(options)
        if options["probe_xlsx"]:
            from demo.bench_measure import probe_xlsx

            return probe_xlsx(self.stdout.write)
        self._run(options)

    # The benchmark never touches the configured database: it re-runs itself on a throwaway one.
    def _spawn(self, options):
        with tempfile.TemporaryDirectory() as tmp:
            url = options["database_url"] or f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
            env = {
                **os.environ,
                CHILD_FLAG: "1",
                "DJANGO_SETTINGS_MODULE": "config.settings",
                "DATABASE_URL": url,
                "DJANGO_DEBUG": "0",
                "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY") or "benchmark-only-" + "x" * 50,
                "DJANGO_ALLOWED_HOSTS": "testserver",
                "CACHE_URL": "",
                "CHECKIN_RATE_LIMIT": "0",
                "DJANGO_SECURE_SSL_REDIRECT": "0",
                "DJANGO_LOG_LEVEL": "WARNING",
            }
            json_file = str(Path(options["json"]).resolve()) if options["json"] else ""
            argv = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), "benchmark"]
            for name in ("scale", "year", "cache_url", "repeat", "http_rounds", "http_seconds"):
                argv += [f"--{name.replace('_', '-')}", str(options[name])]
            argv += ["--json", json_file] if json_file else []
            argv += ["--reuse"] if options["reuse"] else []
            for part in options["only"] or ():
                argv += ["--only", part]
            result = subprocess.run(argv, env=env)
            if result.returncode:
                raise CommandError("benchmark failed")

    def _run(self, options):
        import warnings

        from demo import bench_data, bench_measure

        warnings.filterwarnings("ignore", message="No directory at")  # no collectstatic in a benchmark
        say = self.stdout.write
        scale = bench_data.SCALES[options["scale"]]
        say(f"database: {connection.vendor}, scale {options['scale']}: {scale}")
        call_command("migrate", verbosity=0)
        if options["reuse"]:
            data = bench_data.existing(scale)
            say("reusing the data already in the database")
        else:
            started = time.perf_counter()
            data = bench_data.build(scale, options["year"], log=lambda line: say("  " + line))
            say(f"built in {time.perf_counter() - started:.1f} s")
            started = time.perf_counter()
            call_command("refresh_rollups", "--all", verbosity=0)
            say(f"roll-ups refreshed in {time.perf_counter() - started:.1f} s")

        parts = options["only"] or PARTS
        top = "district" if options["scale"] == "tiny" else options["scale"]
        levels = [(level, data[level]) for level in LEVELS[: LEVELS.index(top) + 1]]
        figures = []
        if "reads" in parts:
            figures += bench_measure.reads(levels, options["year"], options["repeat"])
        if "checkin" in parts:
            figures += self._http(options, say)
        if "xlsx" in parts:
            manage_py = str(Path(settings.BASE_DIR) / "manage.py")
            figures += bench_measure.xlsx_figures(manage_py, os.environ)

        say("\n" + bench_measure.table(figures))
        if options["json"]:
            Path(options["json"]).parent.mkdir(parents=True, exist_ok=True)
            Path(options["json"]).write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n")
            say(f"\nwritten: {options['json']}")

    def _http(self, options, say):
        from demo import bench_data, bench_http, bench_measure
        from outreach.models import CheckIn

        hammered, floor_event = bench_data.open_events()
        cache_url = options["cache_url"]
        if cache_url and not _redis_up(cache_url):
            say(f"  no Redis at {cache_url}: the server runs without a shared cache (rate limit per worker)")
            cache_url = ""
        database_url = os.environ["DATABASE_URL"]
        say(f"\ncheck-in over HTTP: gunicorn 4 workers, {bench_http.PROCESSES * bench_http.THREADS} clients")
        with bench_http.Server(settings.BASE_DIR, database_url, cache_url) as server:
            checkin, floor, created = bench_http.checkin_rounds(
                server, hammered.checkin_secret, floor_event.pk, options["http_rounds"], options["http_seconds"], say
            )
        rows = CheckIn.objects.filter(event=hammered).count()
        if rows != created:
            raise CommandError(f"check-in answered 201 {created} times but stored {rows} rows")
        failed = {code: n for result in checkin for code, n in result["statuses"].items() if code != 201}
        if failed:
            say(f"  check-in answers other than 201: {failed}")
        return bench_measure.checkin_figures(checkin, floor)


def _redis_up(url):
    import redis

    try:
        return redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.exceptions.RedisError:
        return False
