"""GET /api/figures/ and POST /api/figures/close/: contract shape, scope, bad input."""

import pytest

from accounts.audit import record
from advisors.models import DutyShift
from reports.models import FiguresSnapshot

from .test_figures import CONTRACT_KEYS

URL = "/api/figures/"


def test_it_returns_the_contract_shape(ledger, users, api_as):
    response = api_as(users.coordinator).get(URL, {"year": 2023, "area": "440403"})
    assert response.status_code == 200
    body = response.json()
    assert set(CONTRACT_KEYS) <= set(body)
    assert body["events"] == 5 and body["duty_hours"] == 8.4 and body["series_episodes"] == {"92.8说法": 2}
    assert body["closed"] is None
    assert "2023年1-12月，全区4个村（社区）3名法律顾问累计值班4次" in body["narrative"]


def test_a_town_officer_sees_their_town_and_its_villages_only(ledger, users, api_as):
    client = api_as(users.town_officer)
    assert client.get(URL, {"year": 2023, "area": "440403107"}).json()["duty_shifts"] == 3
    assert client.get(URL, {"year": 2023, "area": "440403107201"}).status_code == 200
    assert client.get(URL, {"year": 2023, "area": "440403"}).status_code == 403
    assert client.get(URL, {"year": 2023, "area": "440403106"}).status_code == 403


def test_others_may_not_read_figures(ledger, users, api_as, api):
    for user in (users.organizer, users.advisor, users.nobody):
        assert api_as(user).get(URL, {"year": 2023, "area": "440403"}).status_code == 403
    assert api.get(URL, {"year": 2023, "area": "440403"}).status_code in (401, 403)


@pytest.mark.parametrize(
    "params,field",
    [
        ({}, "year"),
        ({"area": "440403"}, "year"),
        ({"year": 2023}, "area"),
        ({"year": "abc", "area": "440403"}, "year"),
        ({"year": "2023.5", "area": "440403"}, "year"),
        ({"year": 99999, "area": "440403"}, "year"),
        ({"year": -1, "area": "440403"}, "year"),
        ({"year": 2023, "area": "44x403"}, "area"),
        ({"year": 2023, "area": "4" * 13}, "area"),
        ({"year": 2023, "area": "' OR 1=1"}, "area"),
    ],
)
def test_it_answers_400_on_bad_input(ledger, users, api_as, params, field):
    response = api_as(users.coordinator).get(URL, params)
    assert response.status_code == 400
    assert field in response.json()


def test_codes_outside_the_scope_cannot_be_probed(ledger, users, api_as):
    """Scope before existence: outside the scope, a real code and an unknown one answer alike."""
    client = api_as(users.coordinator)
    assert client.get(URL, {"year": 2023, "area": "440404"}).status_code == 403
    assert client.get(URL, {"year": 2023, "area": "440402"}).status_code == 403
    # Inside the scope an unknown code is simply not found.
    assert client.get(URL, {"year": 2023, "area": "440403199"}).status_code == 404


def test_it_reports_the_closed_snapshot_and_differences(ledger, users, api_as):
    client = api_as(users.coordinator)
    created = client.post(URL + "close/", {"year": 2023, "area": "440403107"}, format="json")
    assert created.status_code == 201 and created.json()["closed_by"] == "coord"
    shift = DutyShift.objects.filter(village=ledger.areas.xinwei, date__year=2023).first()
    shift.mediations += 4
    shift.save()
    record(users.town_officer, shift, "update", area_code=shift.village.code, record_date=shift.date)
    closed = client.get(URL, {"year": 2023, "area": "440403107"}).json()["closed"]
    assert closed["closed_by"] == "coord" and closed["reason"] == ""
    assert closed["figures"]["mediations"] == 1
    assert closed["differences"] == {"mediations": {"closed": 1, "live": 5}}


def test_closing_again_needs_a_reason(ledger, users, api_as):
    client = api_as(users.coordinator)
    assert client.post(URL + "close/", {"year": 2023, "area": "440403"}, format="json").status_code == 201
    again = client.post(URL + "close/", {"year": 2023, "area": "440403"}, format="json")
    assert again.status_code == 400 and "reason" in again.json()
    ok = client.post(URL + "close/", {"year": 2023, "area": "440403", "reason": "更正"}, format="json")
    assert ok.status_code == 201 and ok.json()["reason"] == "更正"
    assert FiguresSnapshot.objects.filter(superseded=True).count() == 1


def test_only_coordinators_in_scope_close(ledger, users, api_as):
    assert (
        api_as(users.town_officer).post(URL + "close/", {"year": 2023, "area": "440403107"}, format="json").status_code
        == 403
    )
    assert api_as(users.coordinator).post(URL + "close/", {"year": 2023, "area": "1"}, format="json").status_code == 403
    assert (
        api_as(users.coordinator).post(URL + "close/", {"year": 2023, "area": "440403199"}, format="json").status_code
        == 404
    )
    assert (
        api_as(users.coordinator).post(URL + "close/", {"year": "x", "area": "440403"}, format="json").status_code
        == 400
    )
    assert not FiguresSnapshot.objects.exists()


def test_the_schema_describes_the_endpoint(db, users, api_as):
    schema = api_as(users.coordinator).get("/api/schema/", {"format": "json"}).json()
    operation = schema["paths"]["/api/figures/"]["get"]
    assert {p["name"] for p in operation["parameters"]} >= {"year", "area"}
    assert "/api/figures/close/" in schema["paths"]
