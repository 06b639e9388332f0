"""``manage.py benchmark`` runs end to end at a tiny scale (temporary SQLite, a real gunicorn) and its
``--json`` file is the list of figures bench/RESULTS.md is made from."""

import json

import pytest
from django.conf import settings
from django.core.management import call_command

KEYS = {"name", "target", "seconds", "floor_seconds", "ratio", "pass"}


@pytest.mark.timeout(240)
def test_benchmark_at_tiny_scale_writes_the_figures(tmp_path, capfd):
    out = tmp_path / "bench.json"
    call_command(
        "benchmark",
        "--scale",
        "tiny",
        "--repeat",
        "1",
        "--http-rounds",
        "1",
        "--http-seconds",
        "0.5",
        "--cache-url",
        "",
        "--json",
        str(out),
    )
    figures = json.loads(out.read_text())
    assert isinstance(figures, list) and figures
    for row in figures:
        assert KEYS <= set(row), row
        assert isinstance(row["name"], str) and isinstance(row["target"], str)
        assert isinstance(row["seconds"], float) and row["seconds"] > 0
        assert isinstance(row["pass"], bool)
        if row["floor_seconds"] is not None:
            assert row["floor_seconds"] > 0
            assert row["ratio"] == pytest.approx(row["seconds"] / row["floor_seconds"], rel=0.01)
    names = [row["name"] for row in figures]
    assert names == [
        "annual_figures district",
        "village_coverage district",
        "event_list_500 district",
        "shift_list_500 district",
        "checkin_throughput",
        "checkin_p95",
        "ledger_xlsx_first_byte",
        "ledger_xlsx_peak_memory",
    ]
    throughput = figures[4]
    assert throughput["rps"] > 0 and throughput["floor_rps"] > 0
    assert figures[-1]["peak_mb"] > 0
    printed = capfd.readouterr().out
    assert "figure" in printed and "annual_figures district" in printed  # the table


def test_the_floor_view_is_not_routed_in_production_settings():
    from django.urls import Resolver404, resolve

    assert settings.ROOT_URLCONF == "config.urls"
    with pytest.raises(Resolver404):
        resolve("/bench/floor/1/")
