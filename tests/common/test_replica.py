"""Analytics reads go to the read replica when one is configured (common/replica.py).

The test settings define ``replica`` as a mirror of the test database; these tests turn routing on with
``settings.ANALYTICS_DATABASE`` and count, per connection, where the queries of a request went.
"""

import datetime as dt

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext

from advisors.models import Advisor, Assignment, DutyShift
from common.replica import AnalyticsRouter, analytics_reads

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "replica"])


@pytest.fixture
def replica(settings):
    settings.ANALYTICS_DATABASE = "replica"
    return settings


@pytest.fixture
def a_shift(areas):
    advisor = Advisor.objects.create(name="王律师", kind="lawyer")
    Assignment.objects.create(advisor=advisor, village=areas.jianfeng, starts_on=dt.date(2023, 1, 1))
    return DutyShift.objects.create(
        advisor=advisor,
        village=areas.jianfeng,
        date=dt.date(2023, 3, 1),
        start_time=dt.time(9),
        end_time=dt.time(11),
        hours=2,
    )


def _where(client, method, url, data=None):
    with (
        CaptureQueriesContext(connections["default"]) as on_default,
        CaptureQueriesContext(connections["replica"]) as on_replica,
    ):
        response = getattr(client, method)(url, data or {})
    return response, [q["sql"] for q in on_default], [q["sql"] for q in on_replica]


def test_the_router_routes_only_inside_analytics_reads_and_only_with_a_replica(settings):
    router = AnalyticsRouter()
    settings.ANALYTICS_DATABASE = None
    with analytics_reads():
        assert router.db_for_read(DutyShift) is None
    settings.ANALYTICS_DATABASE = "replica"
    assert router.db_for_read(DutyShift) is None
    with analytics_reads():
        assert router.db_for_read(DutyShift) == "replica"
        assert router.db_for_write(DutyShift) is None
    assert router.allow_migrate("replica", "advisors") is False
    assert router.allow_migrate("default", "advisors") is None


def test_figures_and_coverage_read_from_the_replica(replica, users, a_shift, client_as):
    client = client_as(users.coordinator)
    for url, data in (
        ("/api/figures/", {"year": 2023, "area": "440403"}),
        ("/figures/", {"year": 2023, "area": "440403"}),
        ("/coverage/gaps/", {"year": 2023, "area": "440403"}),
        ("/api/coverage/", {"year": 2023, "area": "440403"}),
    ):
        response, on_default, on_replica = _where(client, "get", url, data)
        assert response.status_code == 200, url
        assert any("advisors_dutyshift" in sql for sql in on_replica), url
        assert not any("advisors_dutyshift" in sql for sql in on_default), url


def test_coverage_rows_from_the_roll_ups_read_from_the_replica(replica, users, a_shift, client_as):
    """The hand-written roll-up statements (coverage/rollup_sql.py) follow the router too."""
    from coverage.rollups import refresh_rollups

    refresh_rollups([2023])
    client = client_as(users.coordinator)
    for url in ("/api/coverage/", "/coverage/gaps/", "/api/coverage.geojson"):
        response, on_default, on_replica = _where(client, "get", url, {"year": 2023, "area": "440403"})
        assert response.status_code == 200, url
        assert any("coverage_areamonth" in sql for sql in on_replica), url
        assert not any("coverage_areamonth" in sql for sql in on_default), url


def test_a_streamed_export_reads_its_rows_from_the_replica(replica, users, a_shift, client_as):
    client = client_as(users.coordinator)
    with (
        CaptureQueriesContext(connections["default"]) as on_default,
        CaptureQueriesContext(connections["replica"]) as on_replica,
    ):
        response = client.get("/advisors/ledger/export.csv", {"date_after": "2023-01-01"})
        body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert response.status_code == 200 and "王律师" in body
    assert any("advisors_dutyshift" in q["sql"] for q in on_replica)
    assert not any("advisors_dutyshift" in q["sql"] for q in on_default)


def test_other_requests_and_writes_stay_on_the_primary(replica, users, a_shift, client_as):
    client = client_as(users.coordinator)
    response, on_default, on_replica = _where(client, "get", "/advisors/ledger/")
    assert response.status_code == 200
    assert any("advisors_dutyshift" in sql for sql in on_default) and not on_replica
    response, on_default, on_replica = _where(client, "post", "/figures/close/", {"year": 2023, "area": "440403"})
    assert response.status_code in (200, 302)
    assert any("INSERT" in sql and "figuressnapshot" in sql for sql in on_default)
    assert not on_replica


def test_without_a_replica_everything_stays_on_default(users, a_shift, client_as):
    response, on_default, on_replica = _where(
        client_as(users.coordinator), "get", "/api/figures/", {"year": 2023, "area": "440403"}
    )
    assert response.status_code == 200
    assert any("advisors_dutyshift" in sql for sql in on_default) and not on_replica
