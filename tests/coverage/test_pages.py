"""Coverage pages: dashboard, map, gap list with CSV/XLSX/SVG exports, village profile."""

import csv
import io
import re
from datetime import date

import pytest
from openpyxl import load_workbook

from legalsavvy.models import VillageHonor
from places.models import Area

from .conftest import assign, complete_village, make_event, make_savvy, make_shift

ALL = {"440403107201", "440403107001", "440403106201", "440403106202"}
PAGES = [
    "coverage:dashboard",
    "coverage:map",
    "coverage:gaps",
    "coverage:gaps_csv",
    "coverage:gaps_xlsx",
    "coverage:map_svg",
]


def url(name, *args):
    from django.urls import reverse

    return reverse(name, args=args)


@pytest.mark.parametrize("name", PAGES)
def test_pages_are_for_coordinators_and_town_officers(areas, users, client_as, client, name):
    assert client.get(url(name)).status_code == 302  # to the login page
    for user in (users.organizer, users.advisor, users.nobody):
        assert client_as(user).get(url(name), {"year": 2023}).status_code == 403
    for user in (users.coordinator, users.town_officer, users.superuser):
        assert client_as(user).get(url(name), {"year": 2023}).status_code == 200


@pytest.mark.parametrize("name", PAGES)
def test_a_town_officer_is_kept_to_their_town(areas, users, client_as, name):
    client = client_as(users.town_officer)
    assert client.get(url(name), {"year": 2023, "area": "440403106"}).status_code == 403
    assert client.get(url(name), {"year": 2023, "area": "440403"}).status_code == 403


@pytest.mark.parametrize("name", PAGES)
def test_bad_filters_show_the_error_not_a_crash(areas, users, client_as, name):
    response = client_as(users.coordinator).get(url(name), {"year": "twenty", "area": "440403"})
    assert response.status_code == 400
    assert "Enter a whole number." in response.content.decode()


def test_the_map_page_lists_every_village_and_counts_those_without_coordinates(areas, users, client_as):
    response = client_as(users.coordinator).get(url("coverage:map"), {"year": 2023, "area": "440403"})
    html = response.content.decode()
    assert set(re.findall(r'<tr data-code="(\d+)"', html)) == ALL
    assert 'data-unplaced="1"' in html  # 灯笼村
    assert "vendor/leaflet/leaflet.js" in html
    assert "http" not in html.split('id="coverage-config"')[1].split("</script>")[0]  # no tile or CDN URL
    config = response.context["config"]
    assert config["geojson"].startswith("/api/coverage.geojson?") and "year=2023" in config["geojson"]
    assert {"score", "events", "duty", "legal_savvy", "residents"} == set(config["metrics"])
    # The score formula is explained on the page.
    assert "30 × min(1, events ÷ 4)" in html


def test_the_map_page_draws_hulls_for_towns_without_boundaries(areas, users, client_as):
    Area.objects.create(code="440403107202", name="第三村", level="village", parent=areas.jingan, lat=22.22, lon=113.27)
    response = client_as(users.coordinator).get(url("coverage:map"), {"year": 2023})
    towns = {t["code"]: t for t in response.context["config"]["towns"]}
    assert towns["440403107"]["hull"] is True  # three located villages in 井岸镇
    assert "440403106" not in towns  # 白蕉镇 has only one located village: no outline
    areas.baijiao.boundary = {
        "type": "Polygon",
        "coordinates": [[[113.3, 22.2], [113.4, 22.2], [113.4, 22.3], [113.3, 22.2]]],
    }
    areas.baijiao.save()
    towns = {t["code"]: t for t in client_as(users.coordinator).get(url("coverage:map")).context["config"]["towns"]}
    assert towns["440403106"]["hull"] is False


def test_the_gap_list_groups_villages_by_obligation_worst_first(areas, users, client_as, advisor):
    complete_village(areas.jianfeng, advisor)
    make_event(areas.nanao, "2023-05-01 09:00", audiences=("youth",))
    response = client_as(users.coordinator).get(url("coverage:gaps"), {"year": 2023})
    assert response.status_code == 200
    groups = {gap.value: [row.village for row in rows] for gap, rows in response.context["groups"]}
    assert groups["no_event"] == ["440403107001", "440403106202"]  # equal scores: the remote one first
    assert groups["no_youth_event"] == ["440403107001", "440403106202"]
    assert groups["no_elderly_event"] == ["440403107001", "440403106202", "440403106201"]  # 南澳村 scores 18
    assert "440403107201" not in sum(groups.values(), [])
    html = response.content.decode()
    assert "No outreach event was held in this village in 2023" in html
    assert response.context["failing"] == 3


def test_the_svg_map_has_one_element_per_village_with_its_code(areas, users, client_as):
    areas.xinwei.boundary = {
        "type": "MultiPolygon",
        "coordinates": [[[[113.29, 22.21], [113.31, 22.21], [113.31, 22.22], [113.29, 22.21]]]],
    }
    areas.xinwei.coords_approximate = True
    areas.xinwei.save()
    response = client_as(users.coordinator).get(url("coverage:map_svg"), {"year": 2023, "metric": "events"})
    assert response.status_code == 200 and response["Content-Type"].startswith("image/svg+xml")
    svg = response.content.decode()
    import xml.etree.ElementTree as ET

    root = ET.fromstring(svg)
    coded = [el for el in root.iter() if el.get("data-code")]
    assert sorted(el.get("data-code") for el in coded) == sorted(ALL)
    assert all(el.get("id") == f"v-{el.get('data-code')}" for el in coded)
    kinds = {el.get("data-code"): el.tag.split("}")[-1] for el in coded}
    assert kinds == {
        "440403107201": "circle",
        "440403107001": "path",
        "440403106201": "circle",
        "440403106202": "rect",
    }  # the village without coordinates sits in the strip below
    assert "<script" not in svg
    # The same SVG is inline in the gap list.
    html = client_as(users.coordinator).get(url("coverage:gaps"), {"year": 2023}).content.decode()
    assert len(re.findall(r'data-code="440403107201"', html)) >= 1 and 'id="v-440403106202"' in html


def test_the_csv_export_lists_each_failed_obligation_with_why(areas, users, client_as, advisor):
    complete_village(areas.jianfeng, advisor)
    response = client_as(users.coordinator).get(url("coverage:gaps_csv"), {"year": 2023})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert "coverage-gaps-440403-2023-01-01-2023-12-31.csv" in response["Content-Disposition"]
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(text)))
    header, body = lines[0], lines[1:]
    assert header[:6] == ["Village code", "Village", "Town", "Gap code", "Gap", "Why"]
    assert {line[0] for line in body} == ALL - {"440403107201"}
    assert sum(1 for line in body if line[3] == "no_event") == 3
    nanao_duty = next(line for line in body if line[0] == "440403106201" and line[3] == "duty_below_required")
    assert "0 h recorded of 96 h required" in nanao_duty[5]


def test_the_xlsx_export_has_gaps_and_villages(areas, users, client_as):
    response = client_as(users.coordinator).get(url("coverage:gaps_xlsx"), {"year": 2023, "area": "440403107"})
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    gaps, villages = workbook.worksheets
    gap_rows = list(gaps.iter_rows(values_only=True))
    assert gap_rows[0][3] == "Gap code"
    assert {row[0] for row in gap_rows[1:]} == {"440403107201", "440403107001"}
    village_rows = list(villages.iter_rows(values_only=True))
    assert len(village_rows) == 3 and village_rows[1][3] == 0  # score


def test_exports_are_in_chinese_for_chinese_users(areas, users, client_as):
    client = client_as(users.coordinator)
    text = b"".join(
        client.get(url("coverage:gaps_csv"), {"year": 2023}, HTTP_ACCEPT_LANGUAGE="zh-hans").streaming_content
    ).decode("utf-8-sig")
    header = text.splitlines()[0].split(",")
    assert header[3:6] == ["问题代码", "问题", "原因"]
    assert "2023年本村（社区）未开展普法活动，此前也没有活动记录。" in text


def test_the_dashboard_shows_headline_trend_and_neediest(areas, users, client_as, advisor):
    complete_village(areas.jianfeng, advisor)
    make_event(areas.jingan, "2023-03-15 10:00", walk_ins=30)  # a town-level event counts in the headline
    response = client_as(users.coordinator).get(url("coverage:dashboard"), {"year": 2023})
    assert response.status_code == 200
    headline = response.context["headline"]
    assert headline["villages"] == 4 and headline["events"] == 5 and headline["attendees"] == 50
    assert headline["villages_without_event"] == 3 and headline["villages_meeting_quota"] == 1
    trend = response.context["trend"]
    assert len(trend) == 12
    assert [m["events"] for m in trend][:3] == [0, 1, 1] and trend[2]["attendees"] == 30 and trend[1]["attendees"] == 5
    assert all(m["duty_hours"] == 8.0 for m in trend)
    neediest = [row.village for row in response.context["neediest"]]
    assert neediest[-1] == "440403107201" and len(neediest) == 4
    html = response.content.decode()
    assert "vendor/chartjs/chart.umd.js" in html and 'id="trend-data"' in html


def test_the_dashboard_defaults_to_this_year_so_far(areas, users, client_as, time_machine):
    time_machine.move_to("2024-05-20 12:00 +0800")
    make_event(areas.nanao, "2024-05-01 10:00")
    response = client_as(users.town_officer).get(url("coverage:dashboard"))
    period = response.context["period"]
    assert (period.start, period.end) == (date(2024, 1, 1), date(2024, 5, 20))
    assert len(response.context["trend"]) == 5
    assert response.context["area"].code == "440403107"  # the officer's town
    assert response.context["headline"]["events"] == 0  # 南澳村 is in another town


def test_the_village_profile_compares_with_last_year(areas, users, client_as, advisor):
    assign(advisor, areas.jianfeng)
    make_event(areas.jianfeng, "2023-04-01 10:00", audiences=("elderly",), walk_ins=12, title="老年人防诈骗讲座")
    make_event(areas.jianfeng, "2022-04-01 10:00", title="去年的讲座")
    make_shift(advisor, areas.jianfeng, "2023-04-03", 6, mode="home_visit")
    person = make_savvy(areas.jianfeng, name="王明白")
    person.phone = "13800138000"
    person.save()
    make_savvy(areas.jianfeng, "2020-01-01", removed_on="2023-06-30", name="李离任")
    VillageHonor.objects.create(
        village=areas.jianfeng, title="democracy_rule_of_law_village", level="provincial", year=2021
    )
    response = client_as(users.coordinator).get(url("coverage:village", "440403107201"), {"year": 2023})
    assert response.status_code == 200
    assert response.context["row"].events == 1 and response.context["last"].events == 1
    assert response.context["previous"].year == 2022
    compare = {label: (now, before) for label, now, before in response.context["compare"]}
    assert compare["Attendees"] == (12, 0)
    html = response.content.decode()
    for text in (
        "老年人防诈骗讲座",
        "李律师",
        "王明白",
        "李离任",
        "removed 2023-06-30",
        "13800138000",
        "Democracy and rule-of-law model village",
        "Home visit",
    ):
        assert text in html, text
    assert "去年的讲座" not in html  # the timeline is the period's


def test_the_village_profile_masks_phones_for_town_officers(areas, users, client_as):
    person = make_savvy(areas.jianfeng, name="王明白")
    person.phone = "13800138000"
    person.save()
    html = client_as(users.town_officer).get(url("coverage:village", "440403107201")).content.decode()
    assert "138****8000" in html and "13800138000" not in html


def test_the_village_profile_is_scoped(areas, users, client_as):
    client = client_as(users.town_officer)
    assert client.get(url("coverage:village", "440403106201")).status_code == 404
    assert client.get(url("coverage:village", "440403107")).status_code == 404  # a town is not a village
    assert client.get(url("coverage:village", "abc")).status_code == 404
    assert client_as(users.organizer).get(url("coverage:village", "440403107201")).status_code == 403


@pytest.mark.parametrize("name", ["coverage:map", "coverage:gaps", "coverage:dashboard"])
def test_page_queries_do_not_grow_with_villages(areas, users, client_as, name, django_assert_max_num_queries):
    client = client_as(users.coordinator)
    client.get(url(name), {"year": 2023})
    with django_assert_max_num_queries(17) as few:
        assert client.get(url(name), {"year": 2023}).status_code == 200
    Area.objects.bulk_create(
        [
            Area(
                code=f"440403107{i:03d}",
                name=f"村{i}",
                level="village",
                parent=areas.jingan,
                lat=22.1 + i / 1000,
                lon=113.2,
            )
            for i in range(300, 360)
        ]
    )
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url(name), {"year": 2023}).status_code == 200
