"""/api/duty-shifts/ as a list (issue 17): the same number of queries for a page of 500 with 3 shifts and
with 123, an exact count, and the page newest first (date, start time, id: the ``shift_list_order`` index)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from advisors.models import DutyShift, DutyShiftTopic
from topics.models import Topic

from .conftest import D, T, bulk_shifts

URLS = [
    ("/api/duty-shifts/?under=440403&page_size=500", "coordinator"),
    ("/api/duty-shifts/?under=440403107&page_size=500", "town_officer"),
    ("/api/duty-shifts/?page_size=500", "coordinator"),
    ("/api/duty-shifts/?page_size=500", "advisor"),
]


def add_shifts(duty, n, first_day):
    """``n`` shifts of advisor A in 尖峰村 from ``first_day``, each with a topic count."""
    bulk_shifts(duty.a, duty.areas.jianfeng, n, first_day=first_day)
    topic, _ = Topic.objects.get_or_create(code="labour", defaults={"label": "劳动"})
    shifts = DutyShift.objects.filter(date__gte=first_day).exclude(topic_counts__isnull=False)
    DutyShiftTopic.objects.bulk_create([DutyShiftTopic(shift=shift, topic=topic, count=1) for shift in shifts])


def page(api, url):
    with CaptureQueriesContext(connection) as captured:
        response = api.get(url)
    assert response.status_code == 200, response.content[:300]
    return len(captured), response.json()


@pytest.mark.parametrize("url, who", URLS)
def test_a_page_costs_the_same_queries_for_3_shifts_and_123(duty, api_as, url, who):
    api = api_as(getattr(duty.users, who))
    add_shifts(duty, 3, D(2023, 1, 2))
    few, few_body = page(api, url)
    add_shifts(duty, 120, D(2023, 3, 1))
    many, many_body = page(api, url)
    assert (few_body["count"], many_body["count"]) == (3, 123)
    assert len(many_body["results"]) == 123
    assert all(row["topics"] == {"labour": 1} for row in many_body["results"])
    assert many == few, f"{url}: {few} queries with 3 shifts, {many} with 123"


def test_the_page_is_newest_first_with_ties_broken_by_start_time_and_id(duty, api_as):
    bulk_shifts(duty.a, duty.areas.jianfeng, 20, first_day=D(2023, 2, 1))
    bulk_shifts(duty.b, duty.areas.nanao, 20, first_day=D(2023, 2, 1))  # the same days and hours: ties
    body = api_as(duty.users.coordinator).get("/api/duty-shifts/?under=4404&page_size=500").json()
    keys = [(row["date"], row["start_time"], row["id"]) for row in body["results"]]
    assert body["count"] == 40 and len(keys) == 40
    assert keys == sorted(keys, reverse=True)
    assert keys[0][:2] == (D(2023, 2, 3).isoformat(), T(11, 0).strftime("%H:%M"))  # the last of bulk_shifts
    in_order = DutyShift.objects.order_by("-date", "-start_time", "-id").values_list("id", flat=True)
    assert [key[2] for key in keys] == list(in_order)


def test_the_count_is_exact_for_the_area_under_the_filter(duty, api_as):
    bulk_shifts(duty.a, duty.areas.jianfeng, 7)
    bulk_shifts(duty.b, duty.areas.nanao, 5)
    api = api_as(duty.users.coordinator)
    counts = {
        code: api.get(f"/api/duty-shifts/?under={code}&page_size=1").json()["count"]
        for code in ("4404", duty.areas.jianfeng.code[:9], duty.areas.nanao.code[:9], duty.areas.jianfeng.code)
    }
    assert list(counts.values()) == [12, 7, 5, 7]
