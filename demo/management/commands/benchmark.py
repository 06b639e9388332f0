"""Build province-scale synthetic data in a throwaway database and time the hot paths.

    manage.py benchmark                 # ~26,000 villages in a temporary SQLite file
    manage.py benchmark --villages 3000 # quicker
    manage.py benchmark --database-url postgres://postgres@127.0.0.1:5432/pufa_bench  # an EMPTY database

Prints timings and query counts at district, city and province level, and the ratio of time to
data size: the aggregate reads should grow no faster than the data and keep a fixed query count.
"""

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
from django.test.utils import CaptureQueriesContext

CHILD_FLAG = "PUFA_BENCHMARK_CHILD"


class Command(BaseCommand):
    help = "Time coverage, figures, API lists and check-in on province-scale synthetic data."

    def add_arguments(self, parser):
        parser.add_argument("--villages", type=int, default=26000, help="about how many villages (default 26000)")
        parser.add_argument("--year", type=int, default=2025)
        parser.add_argument("--shifts-per-village", type=int, default=12)
        parser.add_argument("--events-per-village", type=int, default=2)
        parser.add_argument("--checkins-per-event", type=int, default=5)
        parser.add_argument("--checkins", type=int, default=300, help="sequential perform_checkin calls to time")
        parser.add_argument("--database-url", default="", help="an empty database to use (default: temp SQLite)")

    def handle(self, *args, **options):
        if os.environ.get(CHILD_FLAG) != "1":
            return self._spawn(options)
        self._run(options)

    # The benchmark never touches the configured database: it re-runs itself on a throwaway one.
    def _spawn(self, options):
        with tempfile.TemporaryDirectory() as tmp:
            url = options["database_url"] or f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
            env = {
                **os.environ,
                CHILD_FLAG: "1",
                "DATABASE_URL": url,
                "DJANGO_DEBUG": "0",
                "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY") or "benchmark-only-" + "x" * 50,
                "DJANGO_ALLOWED_HOSTS": "testserver",
                "CACHE_URL": "",
                "CHECKIN_RATE_LIMIT": "0",
                "DJANGO_SECURE_SSL_REDIRECT": "0",
                "DJANGO_LOG_LEVEL": "WARNING",
            }
            argv = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), "benchmark", *sys.argv[2:]]
            result = subprocess.run(argv, env=env)
            if result.returncode:
                raise CommandError("benchmark failed")

    def _run(self, options):
        import warnings

        from demo import bench_data as benchmark_data

        warnings.filterwarnings("ignore", message="No directory at")  # no collectstatic in a benchmark

        say = self.stdout.write
        say(f"database: {connection.vendor}")
        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        data = benchmark_data.build(
            options["villages"],
            options["year"],
            options["shifts_per_village"],
            options["events_per_village"],
            options["checkins_per_event"],
            log=lambda line: say("  " + line),
        )
        say(f"built in {time.perf_counter() - started:.1f} s\n")
        year = options["year"]
        levels = [("district", data["district"]), ("city", data["city"]), ("province", data["province"])]
        from places.models import Area

        sizes = {name: Area.objects.villages().filter(code__startswith=area.code).count() for name, area in levels}

        rows = []
        for label, func in self._reads(year):
            base = None
            for name, area in levels:
                seconds, queries, result_size = self._time(lambda: func(area))
                base = base or (seconds, sizes[name])
                ratio_time = seconds / base[0] if base[0] else 0
                ratio_data = sizes[name] / base[1]
                rows.append((label, name, sizes[name], seconds, queries, ratio_time, ratio_data, result_size))
        say(f"{'read':<24}{'level':<10}{'villages':>9}{'seconds':>10}{'queries':>9}{'time×':>9}{'data×':>9}")
        for label, name, size, seconds, queries, rt, rd, _ in rows:
            say(f"{label:<24}{name:<10}{size:>9}{seconds:>10.3f}{queries:>9}{rt:>9.1f}{rd:>9.1f}")

        say("")
        self._api(say, data)
        self._checkins(say, options["checkins"])

    def _reads(self, year):
        from datetime import date

        from common.periods import Period
        from coverage.rows import village_coverage
        from legalsavvy.quota import quota_status
        from reports.figures import annual_figures

        return [
            ("annual_figures", lambda area: annual_figures(year, area)),
            ("village_coverage", lambda area: village_coverage(Period.for_year(year), area)),
            ("quota_status", lambda area: list(quota_status(date(year, 12, 31), area.code))),
        ]

    def _time(self, func):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            result = func()
            seconds = time.perf_counter() - started
        return seconds, len(queries), len(result) if hasattr(result, "__len__") else 0

    def _api(self, say, data):
        from django.test import Client

        from accounts.models import User

        client = Client()
        client.force_login(User.objects.get(username="bench-coordinator"))
        code = data["province"].code
        for url in [
            f"/api/duty-shifts/?under={code}&page_size=500",
            f"/api/events/?under={code}&page_size=500",
            f"/api/areas/?under={code}&level=village&page_size=500",
            f"/api/legal-savvy-persons/?under={code}&page_size=500",
        ]:
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(url, HTTP_HOST="testserver")
                seconds = time.perf_counter() - started
            say(f"GET {url:<58} {response.status_code} {seconds:7.3f} s {len(queries):>3} queries")

    def _checkins(self, say, count):
        from datetime import timedelta

        from django.utils import timezone

        from outreach.models import Event
        from outreach.services import perform_checkin

        event = Event.objects.order_by("id").first()
        now = timezone.now()
        Event.objects.filter(pk=event.pk).update(starts_at=now, ends_at=now + timedelta(hours=2))
        event.refresh_from_db()
        started = time.perf_counter()
        for n in range(count):
            perform_checkin(
                event.checkin_secret,
                {
                    "name": "压测",
                    "phone": f"139{n:08d}",
                    "gender": "female",
                    "age_group": "36_59",
                    "occupation": "farmer",
                    "consent": True,
                },
            )
        seconds = time.perf_counter() - started
        say(
            f"\nperform_checkin: {count} new check-ins in {seconds:.2f} s "
            f"({count / seconds:.0f}/s, {1000 * seconds / count:.1f} ms each)"
        )
        started = time.perf_counter()
        for n in range(count):
            perform_checkin(
                event.checkin_secret,
                {
                    "name": "压测",
                    "phone": f"139{n:08d}",
                    "gender": "female",
                    "age_group": "36_59",
                    "occupation": "farmer",
                    "consent": True,
                },
            )
        seconds = time.perf_counter() - started
        say(f"perform_checkin: {count} repeat scans in {seconds:.2f} s ({1000 * seconds / count:.1f} ms each)")
