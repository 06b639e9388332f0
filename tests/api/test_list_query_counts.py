"""List endpoints that had no query-count test: the same number of queries for a page of 500 with a
few rows and with many (the province lists of issue 17; events, duty shifts, advisors, assignments
and the legal-savvy lists are held by tests/outreach, tests/advisors and tests/legalsavvy)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from outreach.models import EventSeries
from places.models import Area
from topics.models import Topic
from works.models import Award, Work

URLS = [
    "/api/areas/?under=440403&page_size=500",
    "/api/areas/?under=440403&level=village&page_size=500",
    "/api/event-series/?page_size=500",
    "/api/works/?page_size=500",
    "/api/awards/?page_size=500",
    "/api/topics/?page_size=500",
]


def add_rows(areas, n, start):
    Area.objects.bulk_create(
        [
            Area(code=f"440403107{start + i:03d}", name=f"村{start + i}", level="village", parent=areas.jingan)
            for i in range(n)
        ]
    )
    EventSeries.objects.bulk_create([EventSeries(name=f"系列{start + i}") for i in range(n)])
    works = Work.objects.bulk_create(
        [Work(title=f"作品{start + i}", kind="micro_video", year=2023, area=areas.jianfeng) for i in range(n)]
    )
    Award.objects.bulk_create(
        [
            Award(
                title=f"奖{start + i}",
                level="city",
                year=2023,
                recipient_kind="work",
                recipient="作品",
                work=work,
                area=areas.jianfeng,
            )
            for i, work in enumerate(works)
        ]
    )
    Topic.objects.bulk_create([Topic(code=f"topic-{start + i}", label=f"专题{start + i}") for i in range(n)])


def queries(api, url):
    with CaptureQueriesContext(connection) as captured:
        response = api.get(url)
    assert response.status_code == 200, response.content[:300]
    body = response.json()
    return len(captured), body["count"] if isinstance(body, dict) else len(body)  # /api/topics/ is not paged


@pytest.mark.parametrize("url", URLS)
def test_a_page_costs_the_same_queries_for_few_rows_and_many(areas, users, api_as, url):
    api = api_as(users.coordinator)
    add_rows(areas, 3, 100)
    few, few_count = queries(api, url)
    add_rows(areas, 120, 300)
    many, many_count = queries(api, url)
    assert many_count > few_count
    assert many == few, f"{url}: {few} queries with {few_count} rows, {many} with {many_count}"
