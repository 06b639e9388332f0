"""The map and the dashboard in a real headless Chromium at phone size, with nothing loaded from
outside 127.0.0.1 (no tile server, no CDN)."""

import pytest

from .conftest import complete_village, make_event

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_map_draws_one_shape_per_located_village_offline(areas, users, phone_page, browser_login, advisor):
    complete_village(areas.jianfeng, advisor)
    make_event(areas.nanao, "2023-05-01 09:00")
    areas.xinwei.boundary = {
        "type": "Polygon",
        "coordinates": [[[113.29, 22.21], [113.31, 22.21], [113.31, 22.22], [113.29, 22.21]]],
    }
    areas.xinwei.save()
    page = browser_login(phone_page, users.coordinator)
    page.goto(page.base_url + "/coverage/map/?year=2023&area=440403")
    page.wait_for_selector("#coverage-map[data-drawn]")
    assert page.get_attribute("#coverage-map", "data-drawn") == "3"
    shapes = page.eval_on_selector_all(
        "#coverage-map svg path[data-code]",
        "els => els.map(e => [e.getAttribute('data-code'), e.getAttribute('fill')])",
    )
    fills = dict(shapes)
    assert sorted(fills) == ["440403106201", "440403107001", "440403107201"]  # 灯笼村 has no coordinates
    assert fills["440403107201"] == "#4575b4" and fills["440403106201"] == "#d73027"  # score 100 vs 8
    assert page.locator(".unplaced-count").get_attribute("data-unplaced") == "1"
    assert page.locator(".coverage-legend").inner_text().strip() != ""

    # Colour by another metric without reloading.
    page.select_option("#id_metric", "events")
    assert page.get_attribute('path[data-code="440403106201"]', "fill") == "#fc8d59"  # one event
    assert "metric=events" in page.url

    # Sort the table by score, highest first.
    header = page.locator("#coverage-table th:nth-child(3)")  # score
    header.click()  # the table starts lowest first, so one click turns it around
    assert page.locator("#coverage-table tbody tr").first.get_attribute("data-code") == "440403107201"

    page.click('path[data-code="440403107201"]')
    page.wait_for_url("**/coverage/village/440403107201/**")
    assert "尖峰村" in page.locator("h1").inner_text()
    assert page.outside_requests == []


def test_the_dashboard_chart_renders_from_local_files(areas, users, phone_page, browser_login, advisor):
    complete_village(areas.jianfeng, advisor)
    page = browser_login(phone_page, users.town_officer)
    page.goto(page.base_url + "/coverage/?year=2023")
    page.wait_for_selector("#trend-chart[data-ready='3']")
    box = page.locator("#trend-chart").bounding_box()
    assert box["width"] > 200 and box["height"] > 200
    assert page.locator("#neediest tbody tr").count() == 2  # the officer's town
    assert page.outside_requests == []
