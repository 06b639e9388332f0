"""/api/users/ and /api/users/{id}/activation/ (API.md "People"), and token authentication."""

import pytest
from rest_framework.test import APIClient

from accounts.models import User
from accounts.tokens import create_token

pytestmark = pytest.mark.django_db


def test_list_is_scoped(api_as, users):
    body = api_as(users.town_officer).get("/api/users/").json()
    names = {row["username"] for row in body["results"]}
    assert names == {"advisor_a"}
    row = body["results"][0]
    assert set(row) >= {"id", "username", "name", "role", "scope", "phone", "advisor", "is_active", "last_login"}
    assert row["scope"] == "440403107"
    coordinator = {r["username"] for r in api_as(users.coordinator).get("/api/users/?role=advisor").json()["results"]}
    assert coordinator == {"advisor_a", "advisor_b"}


@pytest.mark.parametrize("who", ["advisor", "organizer", "nobody"])
def test_other_roles_get_403(api_as, users, who):
    assert api_as(getattr(users, who)).get("/api/users/").status_code == 403


def test_anonymous_gets_401(api):
    assert api.get("/api/users/").status_code == 401


def test_create_returns_an_activation_url(api_as, users, areas, roster):
    response = api_as(users.coordinator).post(
        "/api/users/",
        {"username": "zhang", "name": "张律师", "role": "advisor", "scope": "440403107", "advisor": roster.a.pk},
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["advisor"] == roster.a.pk and body["is_active"] is True and "/activate/" in body["activation_url"]
    page = APIClient().get(body["activation_url"].split("testserver", 1)[1])
    assert page.status_code == 200


def test_create_refusals(api_as, users, areas):
    client = api_as(users.town_officer)
    too_high = client.post("/api/users/", {"username": "x", "role": "coordinator", "scope": "440403107"}, format="json")
    assert too_high.status_code == 403 and "司法所工作人员只能管理法律顾问和活动组织者" in str(too_high.json())
    wide = client.post("/api/users/", {"username": "x", "role": "advisor", "scope": "440403106"}, format="json")
    assert wide.status_code == 403 and "超出您本人管辖范围" in str(wide.json())
    bad = client.post("/api/users/", {"username": "x", "role": "boss", "scope": "nope"}, format="json")
    assert bad.status_code == 400 and {"role", "scope"} <= set(bad.json())


def test_patch_deactivates_and_tokens_stop_working(api_as, users):
    _token, key = create_token(by=users.coordinator, user=users.advisor, name="x")
    by_token = APIClient()
    by_token.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert by_token.get("/api/areas/").status_code == 200
    response = api_as(users.coordinator).patch(f"/api/users/{users.advisor.pk}/", {"is_active": False}, format="json")
    assert response.status_code == 200 and response.json()["is_active"] is False
    assert by_token.get("/api/areas/").status_code == 401
    assert api_as(users.coordinator).delete(f"/api/users/{users.advisor.pk}/").status_code == 405
    assert User.objects.filter(pk=users.advisor.pk).exists()


def test_own_role_and_other_towns(api_as, users):
    own = api_as(users.coordinator).patch(f"/api/users/{users.coordinator.pk}/", {"role": "advisor"}, format="json")
    assert own.status_code == 403
    other = api_as(users.town_officer).patch(
        f"/api/users/{users.other_advisor.pk}/", {"is_active": False}, format="json"
    )
    assert other.status_code == 404


def test_activation_gives_a_new_link_and_the_old_one_stops(api_as, users):
    client = api_as(users.town_officer)
    first = client.post(f"/api/users/{users.advisor.pk}/activation/").json()["activation_url"]
    second = client.post(f"/api/users/{users.advisor.pk}/activation/").json()["activation_url"]
    assert first != second
    anonymous = APIClient()
    assert anonymous.get(first.split("testserver", 1)[1]).status_code == 410
    assert anonymous.get(second.split("testserver", 1)[1]).status_code == 200
    assert client.post(f"/api/users/{users.other_advisor.pk}/activation/").status_code == 404


def test_drf_token_endpoint_still_works_and_refuses_inactive(api, users):
    response = api.post("/api/auth/token/", {"username": "advisor_a", "password": "pass-1234-word"}, format="json")
    assert response.status_code == 200
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    assert client.get("/api/areas/").status_code == 200
    User.objects.filter(pk=users.advisor.pk).update(is_active=False)
    assert client.get("/api/areas/").status_code == 401


def test_named_token_records_last_use(users):
    token, key = create_token(by=users.coordinator, user=users.coordinator, name="sync")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get("/api/users/").status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None
