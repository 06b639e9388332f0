"""The people list, the slip sheet and /api/users/ run a fixed number of queries whatever the number of people."""

import pytest

from accounts.models import User
from people import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def many(users, areas):
    for n in range(30):
        User.objects.create_user(f"bulk{n}", role="advisor", scope=areas.jingan)


def test_people_list_queries_are_fixed(client_as, users, many, django_assert_max_num_queries):
    client = client_as(users.coordinator)
    with django_assert_max_num_queries(12):
        assert client.get("/people/").status_code == 200


def test_users_api_queries_are_fixed(api_as, users, many, django_assert_max_num_queries):
    client = api_as(users.coordinator)
    with django_assert_max_num_queries(6):
        assert client.get("/api/users/").json()["count"] >= 30


def test_slip_sheet_queries_are_fixed(client_as, users, roster, areas, django_assert_max_num_queries):
    from advisors.models import Advisor, Assignment
    from places.models import Area

    for n in range(10):  # one village each: a village has one advisor on any day
        village = Area.objects.create(
            code=f"4404031073{n:02d}", name=f"测试{n}村", level="village", parent=areas.jingan
        )
        advisor = Advisor.objects.create(name=f"顾问{n}")
        Assignment.objects.create(advisor=advisor, village=village, starts_on=roster.a.assignments.first().starts_on)
    client = client_as(users.coordinator)
    assert client.post("/people/bulk/advisors/").status_code == 302
    with django_assert_max_num_queries(12):
        sheet = client.get("/people/slips/")
    assert sheet.content.decode().count('class="slip"') == 13
    assert len(services.logins_for_advisors(by=users.coordinator)) == 0
