"""Province and city coverage pages and /api/coverage/areas/: child areas from the roll-ups, with
"as of", drill-down links, paging in SQL and a query count that does not grow with the data."""

from datetime import date

import pytest

from accounts.models import User
from coverage.rollups import refresh_rollups
from places.models import Area
from tests.coverage.conftest import make_event, make_shift


@pytest.fixture
def province(areas):
    gd = Area.objects.create(code="44", name="广东省", level="province")
    zh = Area.objects.create(code="4404", name="珠海市", level="city", parent=gd)
    Area.objects.filter(pk=areas.district.pk).update(parent=zh)
    return gd


@pytest.fixture
def governor(province):
    return User.objects.create_user("sheng", password="x", role="coordinator", scope=province)


def test_province_dashboard_shows_child_areas_as_of_the_refresh(areas, province, governor, client, advisor):
    make_event(areas.jianfeng, "2023-03-01 10:00", walk_ins=3)
    make_shift(advisor, areas.nanao, "2023-03-02", 8)
    client.force_login(governor)
    page = client.get("/coverage/?area=44&year=2023").content.decode()
    assert 'id="no-rollups"' in page  # never refreshed: no figures, no zeros
    refresh_rollups([2023])
    for url in ("/coverage/", "/coverage/map/", "/coverage/gaps/"):
        page = client.get(url + "?area=44&year=2023").content.decode()
        assert 'id="as-of"' in page and "Data as of" in page
        assert 'href="?area=4404&amp;year=2023"' in page  # drill down to the city
        assert "尖峰村" not in page  # no village rows at province level
    chinese = client.get("/coverage/?area=44&year=2023", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "数据截至" in chinese and "下级区域" in chinese
    city = client.get("/coverage/?area=4404&year=2023").content.decode()
    assert 'href="?area=440403&amp;year=2023"' in city
    # A district shows its villages, their sums read from the same roll-ups (so "as of" too) …
    district = client.get("/coverage/?area=440403&year=2023").content.decode()
    assert "尖峰村" in district and 'id="as-of"' in district
    # … and a part-month period, which the roll-ups cannot answer, live (no "as of").
    part = client.get("/coverage/?area=440403&start=2023-03-01&end=2023-03-15").content.decode()
    assert "尖峰村" in part and 'id="as-of"' not in part


def test_province_page_refuses_a_part_month_period(areas, province, governor, client):
    refresh_rollups([2023])
    client.force_login(governor)
    page = client.get("/coverage/?area=44&start=2023-01-01&end=2023-06-15").content.decode()
    assert 'id="not-readable"' in page


def test_api_areas_pages_child_rows_with_as_of(areas, province, governor, api_as, advisor):
    make_event(areas.jianfeng, "2023-03-01 10:00", walk_ins=3)
    make_event(areas.jingan, "2023-04-01 10:00", walk_ins=2)  # a town-level event counts for the town
    make_shift(advisor, areas.nanao, "2023-03-02", 8)
    api = api_as(governor)
    body = api.get("/api/coverage/areas/?area=440403&year=2023").json()
    assert body["as_of"] is None and body["results"] == []
    refresh_rollups([2023])
    body = api.get("/api/coverage/areas/?area=440403&year=2023").json()
    assert body["as_of"] and body["count"] == 2
    rows = {row["code"]: row for row in body["results"]}
    assert rows["440403107"]["events"] == 2 and rows["440403107"]["attendees"] == 5
    assert rows["440403106"]["duty_hours"] == 8.0 and rows["440403106"]["villages"] == 2
    top = api.get("/api/coverage/areas/?area=44&year=2023").json()
    assert [row["code"] for row in top["results"]] == ["4404"] and top["results"][0]["events"] == 2
    bad = api.get("/api/coverage/areas/?area=44&start=2023-01-01&end=2023-06-15")
    assert bad.status_code == 400


@pytest.mark.parametrize("events", [1, 30])
def test_api_areas_query_count_does_not_grow(areas, province, governor, api_as, events, django_assert_max_num_queries):
    for i in range(events):
        make_event([areas.jianfeng, areas.nanao][i % 2], date(2023, 1 + i % 12, 3).isoformat() + " 10:00")
    refresh_rollups([2023])
    api = api_as(governor)
    with django_assert_max_num_queries(9):
        assert api.get("/api/coverage/areas/?area=440403&year=2023").status_code == 200
