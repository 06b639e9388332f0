"""The figures page's report parts: the year-on-year table by area, the chart data, the print view."""

import json
import re

from django.urls import reverse

from reports.figures import annual_figures
from reports.page import YEAR_ON_YEAR_KEYS

PAGE = reverse("figures:page")


def test_the_year_on_year_table_has_every_child_area_and_the_total(ledger, users, client_as):
    response = client_as(users.coordinator).get(PAGE, {"year": 2023, "area": "440403"})
    rows = response.context["by_area_yoy"]
    assert [row["name"] for row in rows] == ["白蕉镇", "井岸镇", None, None]
    assert rows[-1]["total"]
    for row in rows[:2]:
        this, last = annual_figures(2023, row["code"]), annual_figures(2022, row["code"])
        assert row["values"] == {key: (this[key], last[key]) for key in YEAR_ON_YEAR_KEYS}
    total, last = annual_figures(2023, "440403"), annual_figures(2022, "440403")
    assert rows[-1]["values"] == {key: (total[key], last[key]) for key in YEAR_ON_YEAR_KEYS}
    html = response.content.decode()
    table = html[html.index('id="by-area-yoy"') :]
    table = table[: table.index("</table>")]
    assert "分区域同比" in html and "斗门区本级" in table
    assert 'data-code="440403107"' in table and 'class="total"' in table


def test_the_chart_data_is_the_monthly_breakdown(ledger, users, client_as):
    html = client_as(users.coordinator).get(PAGE, {"year": 2023, "area": "440403"}).content.decode()
    data = json.loads(re.search(r'<script id="figures-chart" type="application/json">(.*?)</script>', html).group(1))
    assert data["labels"][0] == "1月" and len(data["labels"]) == 12
    series = {s["key"]: s["data"] for s in data["series"]}
    assert sum(series["shifts"]) == annual_figures(2023, "440403")["duty_shifts"]
    assert sum(series["events"]) == annual_figures(2023, "440403")["events"]
    assert sum(series["attendees"]) == annual_figures(2023, "440403")["event_attendees"]
    assert "vendor/chartjs/chart.umd.js" in html and 'id="monthly-chart"' in html


def test_the_print_view_drops_the_navigation(ledger, users, client_as):
    client = client_as(users.coordinator)
    normal = client.get(PAGE, {"year": 2023, "area": "440403"}).content.decode()
    assert 'id="print-view"' in normal and "figures-print" not in normal
    printed = client.get(PAGE, {"year": 2023, "area": "440403", "print": "1"}).content.decode()
    assert '<body class="figures-print">' in printed and "data-print" in printed
    assert 'class="print-only narrative-print"' in printed
