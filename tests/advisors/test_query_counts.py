"""Lists cost a fixed number of queries: the same cap with 1 row and with 200 rows."""

import datetime

import pytest

from advisors.models import Advisor, Assignment

from .conftest import D, bulk_shifts

# (url, who, cap). Caps include the session and user lookups of the test client.
PAGES = [
    ("/advisors/ledger/", "coordinator", 9),
    ("/advisors/ledger/?town=440403107&approval=pending", "town_officer", 9),
    ("/advisors/month/?month=2023-01", "advisor", 6),
    ("/advisors/", "advisor", 7),
    ("/advisors/compliance/?year=2023", "coordinator", 8),
    ("/advisors/villages/", "coordinator", 7),
    ("/advisors/people/", "coordinator", 5),
    ("/advisors/ledger/export.csv", "coordinator", 7),
    ("/advisors/compliance/export.csv?year=2023", "coordinator", 8),
]
API = [
    # + 1: the page's topic counts (one prefetch, joined with their topics)
    ("/api/duty-shifts/?page_size=500", "coordinator", 3),
    ("/api/duty-shifts/?page_size=500&under=440403107", "advisor", 3),
    ("/api/advisors/?page_size=500", "coordinator", 2),
    ("/api/assignments/?page_size=500", "coordinator", 2),
]


@pytest.fixture(params=[1, 200], ids=["1-row", "200-rows"])
def rows(request, duty):
    """``n`` shifts of advisor A in 尖峰村 (January), ``n`` extra advisors, ``n`` past assignments."""
    n = request.param
    bulk_shifts(duty.a, duty.areas.jianfeng, n)
    advisors = Advisor.objects.bulk_create([Advisor(name=f"顾问{i:03d}", phone="13800000000") for i in range(n)])
    first = D(2000, 1, 1)
    Assignment.objects.bulk_create(
        [
            Assignment(
                advisor=advisor,
                village=duty.areas.dengsheng,
                starts_on=first + datetime.timedelta(days=2 * i),
                ends_on=first + datetime.timedelta(days=2 * i),
            )
            for i, advisor in enumerate(advisors)
        ]
    )
    return n


def _consume(response):
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


@pytest.mark.parametrize("url, who, cap", PAGES)
def test_pages_have_a_fixed_query_count(rows, duty, client, url, who, cap, django_assert_max_num_queries):
    client.force_login(getattr(duty.users, who))
    with django_assert_max_num_queries(cap):
        response = client.get(url)
        body = _consume(response)
    assert response.status_code == 200 and body


@pytest.mark.parametrize("url, who, cap", API)
def test_api_lists_have_a_fixed_query_count(rows, duty, api_as, url, who, cap, django_assert_max_num_queries):
    client = api_as(getattr(duty.users, who))
    with django_assert_max_num_queries(cap):
        response = client.get(url)
    assert response.status_code == 200
    assert response.json()["count"] >= 1


def test_the_ledger_shows_all_200_rows_over_pages(duty, client_as):
    bulk_shifts(duty.a, duty.areas.jianfeng, 200)
    client = client_as(duty.users.town_officer)
    first = client.get("/advisors/ledger/")
    assert first.context["page"].paginator.count == 200 and len(first.context["page"]) == 50
    last = client.get("/advisors/ledger/?page=4")
    assert len(last.context["page"]) == 50 and not last.context["page"].has_next()
