"""What ``manage.py benchmark`` measures, each read beside its floor (demo/bench_floors.py), and the table.

A figure is a dict ``{"name", "target", "seconds", "floor_seconds", "ratio", "pass"}`` (the ``--json``
file is a list of them; a few carry extra keys such as ``rps`` or ``peak_mb``). ``seconds`` is the
median of the runs (after one warm-up run), ``ratio`` is ``seconds / floor_seconds``.
"""

import json
import statistics
import subprocess
import sys
import time

from . import bench_floors as floors
from . import bench_rollup_floors as rollup_floors

# Targets of issue 17 by level; annual_figures has to stay within 1.5× its floor.
COVERAGE_TARGETS = {"district": 0.05, "city": 0.3, "province": 1.0}
COVERAGE_MAX_RATIO = 1.5  # over the floor reading the same roll-up rows
FIGURES_MAX_RATIO = 1.5
LIST_TARGET = 0.3
CHECKIN_MIN_SHARE, CHECKIN_P95 = 0.6, 0.2
XLSX_FIRST_BYTE, XLSX_PEAK_MB = 2.0, 300


def timed(func, repeat):
    """(median seconds of ``repeat`` runs after a warm-up, the last result)."""
    result = func()
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = func()
        runs.append(time.perf_counter() - started)
    return statistics.median(runs), result


def figure(name, target, seconds, floor_seconds, passed, **extra):
    ratio = seconds / floor_seconds if floor_seconds else None
    return {
        "name": name,
        "target": target,
        "seconds": round(seconds, 6),
        "floor_seconds": round(floor_seconds, 6) if floor_seconds is not None else None,
        "ratio": round(ratio, 3) if ratio is not None else None,
        "pass": bool(passed),
        **extra,
    }


def coverage_entry_point(level):
    """The coverage read a page of that level makes: a province or city sees its child areas
    (``coverage.areas.area_coverage``), a district its village rows (``coverage.rows.village_coverage``);
    both read the period's sums from the roll-ups."""
    from coverage.areas import area_coverage
    from coverage.rows import village_coverage

    if level == "district":
        return "village_coverage", village_coverage
    return "area_coverage", area_coverage


def _coverage(level, area, period, repeat):
    """The coverage read of ``level`` beside its floor over the same roll-up rows (the figure's
    floor: seconds ≤ the level's target and ≤ COVERAGE_MAX_RATIO × that floor), and beside the live
    floor (``live_floor_seconds``: the same numbers computed from the ledgers, for comparison)."""
    from common.clock import local_today
    from coverage.rows import rollup_time

    if rollup_time(period) is None:
        raise AssertionError(f"coverage {area.code}: the roll-ups do not answer {period.label}")
    today = local_today()
    name, read = coverage_entry_point(level)
    seconds, app = timed(lambda: read(period, area), repeat)
    if level == "district":
        floor_seconds, floor = timed(lambda: rollup_floors.village_rows_floor(period, area.code, today), repeat)
        rollup_floors.check_village_rows(app, floor)
    else:
        length = len(app[0].code) if app else len(area.code) + 2
        floor_seconds, floor = timed(lambda: rollup_floors.area_rows_floor(period, area.code, length, today), repeat)
        rollup_floors.check_area_rows(app, floor)
    live_seconds, live = timed(lambda: floors.coverage_floor(period, area.code), repeat)
    floors.check_coverage(list(app), live)
    target = COVERAGE_TARGETS[level]
    ratio = seconds / floor_seconds if floor_seconds else 0
    return figure(
        f"{name} {level}",
        f"≤ {target} s, ≤ {COVERAGE_MAX_RATIO}× floor",
        seconds,
        floor_seconds,
        seconds <= target and ratio <= COVERAGE_MAX_RATIO,
        live_floor_seconds=round(live_seconds, 6),
    )


def reads(levels, year, repeat):
    """annual_figures and village_coverage at each level, the event and duty-shift list pages of 500 at
    the top one."""
    from common.periods import Period
    from reports.figures import annual_figures

    period = Period.for_year(year)
    out = []
    for level, area in levels:
        seconds, app = timed(lambda area=area: annual_figures(year, area), repeat)
        floor_seconds, floor = timed(lambda area=area: floors.figures_floor(year, area.code), repeat)
        floors.check_figures(app, floor)
        ratio = seconds / floor_seconds if floor_seconds else 0
        out.append(
            figure(
                f"annual_figures {level}",
                f"≤ {FIGURES_MAX_RATIO}× floor",
                seconds,
                floor_seconds,
                ratio <= FIGURES_MAX_RATIO,
            )
        )

        out.append(_coverage(level, area, period, repeat))

    level, area = levels[-1]
    out.append(_event_list(level, area, repeat))
    out.append(_shift_list(level, area, repeat))
    return out


def _api_get(url):
    """A function GETting ``url`` as the benchmark's coordinator → the JSON answer."""
    from django.test import Client

    from accounts.models import User

    client = Client()
    client.force_login(User.objects.get(username="bench-coordinator"))

    def get():
        response = client.get(url, HTTP_HOST="testserver")
        if response.status_code != 200:
            raise AssertionError(f"GET {url}: {response.status_code}")
        return response.json()

    return get


def _event_list(level, area, repeat):
    seconds, page = timed(_api_get(f"/api/events/?under={area.code}&page_size=500"), repeat)
    floor_seconds, (count, rows) = timed(lambda: floors.event_list_floor(area.code, 500), repeat)
    if (page["count"], len(page["results"])) != (count, len(rows)):
        raise AssertionError(f"event list {page['count']}/{len(page['results'])}, floor {count}/{len(rows)}")
    return figure(f"event_list_500 {level}", f"≤ {LIST_TARGET} s", seconds, floor_seconds, seconds <= LIST_TARGET)


def _shift_list(level, area, repeat):
    """The duty-shift list page of 500 (``/api/duty-shifts/?under=``) beside its floor: the same exact
    count and the same shifts in the same order."""
    seconds, page = timed(_api_get(f"/api/duty-shifts/?under={area.code}&page_size=500"), repeat)
    floor_seconds, (count, rows) = timed(lambda: floors.shift_list_floor(area.code, 500), repeat)
    got = (page["count"], [row["id"] for row in page["results"]])
    if got != (count, [row[0] for row in rows]):
        raise AssertionError(
            f"duty-shift list {got[0]}/{len(got[1])} rows, floor {count}/{len(rows)} (or another order)"
        )
    return figure(f"shift_list_500 {level}", f"≤ {LIST_TARGET} s", seconds, floor_seconds, seconds <= LIST_TARGET)


def checkin_figures(checkin, floor):
    """From the rounds of demo/bench_http.py: throughput (seconds = 1 / req/s) and p95, beside the floor's."""
    from .bench_http import median

    rps, floor_rps = median(checkin, "rps"), median(floor, "rps")
    p95, floor_p95 = median(checkin, "p95"), median(floor, "p95")
    return [
        figure(
            "checkin_throughput",
            f"≥ {CHECKIN_MIN_SHARE}× floor req/s",
            1 / rps if rps else float("inf"),
            1 / floor_rps if floor_rps else None,
            rps >= CHECKIN_MIN_SHARE * floor_rps,
            rps=round(rps, 1),
            floor_rps=round(floor_rps, 1),
        ),
        figure("checkin_p95", f"≤ {CHECKIN_P95} s", p95, floor_p95, p95 <= CHECKIN_P95),
    ]


def probe_xlsx(say):
    """In a process of its own (``benchmark --probe-xlsx``): the whole-scope duty-ledger XLSX as a
    coordinator downloads it → prints one JSON line (first byte, total, bytes, peak RSS)."""
    import resource

    from django.test import Client

    from accounts.models import User

    client = Client()
    client.force_login(User.objects.get(username="bench-coordinator"))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started = time.perf_counter()
    response = client.get("/advisors/ledger/export.xlsx?approval=", HTTP_HOST="testserver")
    chunks = iter(response.streaming_content)
    size = len(next(chunks, b""))
    first_byte = time.perf_counter() - started
    size += sum(len(chunk) for chunk in chunks)
    total = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    status = response.status_code
    say(
        json.dumps(
            {
                "status": status,
                "first_byte": first_byte,
                "seconds": total,
                "bytes": size,
                "rss_before_mb": before,
                "peak_mb": peak,
            }
        )
    )


def xlsx_figures(manage_py, env):
    """Run ``probe_xlsx`` in a fresh process (its peak RSS is the export's, not the benchmark's)."""
    done = subprocess.run(
        [sys.executable, manage_py, "benchmark", "--probe-xlsx"], env=env, capture_output=True, text=True, check=True
    )
    probe = json.loads(done.stdout.strip().splitlines()[-1])
    if probe["status"] != 200:
        raise AssertionError(f"duty-ledger XLSX answered {probe['status']}")
    extra = {"peak_mb": round(probe["peak_mb"], 1), "bytes": probe["bytes"]}
    return [
        figure(
            "ledger_xlsx_first_byte",
            f"≤ {XLSX_FIRST_BYTE} s",
            probe["first_byte"],
            None,
            probe["first_byte"] <= XLSX_FIRST_BYTE,
        ),
        figure(
            "ledger_xlsx_peak_memory",
            f"≤ {XLSX_PEAK_MB} MB peak RSS",
            probe["seconds"],
            None,
            probe["peak_mb"] <= XLSX_PEAK_MB,
            **extra,
        ),
    ]


def table(figures):
    """The one table: figure, target, median, floor, ratio, pass."""
    lines = [f"{'figure':<28}{'target':<24}{'median of runs':>16}{'floor':>12}{'ratio':>8}  pass"]
    for row in figures:
        floor = f"{row['floor_seconds']:.4f} s" if row["floor_seconds"] is not None else "—"
        ratio = f"{row['ratio']:.2f}" if row["ratio"] is not None else "—"
        value = f"{row['seconds']:.4f} s"
        if "rps" in row:
            value, floor = f"{row['rps']:.0f} req/s", f"{row['floor_rps']:.0f} req/s"
        if "peak_mb" in row:
            value = f"{row['peak_mb']:.0f} MB"
        lines.append(
            f"{row['name']:<28}{row['target']:<24}{value:>16}{floor:>12}{ratio:>8}  {'yes' if row['pass'] else 'NO'}"
        )
    return "\n".join(lines)
