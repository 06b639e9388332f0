"""Login throttling per account and per address (django-axes): Chinese message with the wait time,
429, audited; a good login resets the count."""

import pytest
from django.test import Client

from accounts.models import AuditEntry

pytestmark = pytest.mark.django_db


def fail(client, username, times, address="10.0.0.1"):
    for _ in range(times):
        response = client.post("/login/", {"username": username, "password": "wrong"}, REMOTE_ADDR=address)
    return response


def test_an_account_locks_after_the_limit_with_the_wait_time(users, settings):
    assert settings.AXES_FAILURE_LIMIT == settings.LOGIN_FAILURE_LIMIT == 5
    client = Client()
    assert fail(client, "advisor_a", 4).status_code == 200  # still the form with its error
    locked = fail(client, "advisor_a", 1)
    assert locked.status_code == 429
    html = locked.content.decode()
    assert "登录失败次数过多" in html and f"{settings.LOGIN_LOCKOUT_MINUTES} 分钟" in html
    assert locked["Retry-After"] == str(settings.LOGIN_LOCKOUT_MINUTES * 60)
    # the right password from another address is refused too: the account itself is locked
    other = Client().post("/login/", {"username": "advisor_a", "password": "pass-1234-word"}, REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 429
    entry = AuditEntry.objects.filter(action="lock").last()
    assert entry.model == "accounts.login" and "advisor_a" in entry.summary and entry.object_id == str(users.advisor.pk)
    assert entry.area_code == "440403107"


def test_an_address_locks_across_accounts(users):
    client = Client()
    for name in ("a1", "a2", "a3", "a4", "a5"):
        response = client.post("/login/", {"username": name, "password": "x"}, REMOTE_ADDR="10.0.0.7")
    assert response.status_code == 429
    blocked = client.post("/login/", {"username": "coord", "password": "pass-1234-word"}, REMOTE_ADDR="10.0.0.7")
    assert blocked.status_code == 429
    fine = Client().post("/login/", {"username": "coord", "password": "pass-1234-word"}, REMOTE_ADDR="10.0.0.8")
    assert fine.status_code == 302


def test_a_good_login_resets_the_count(users):
    client = Client()
    fail(client, "coord", 4)
    assert (
        client.post("/login/", {"username": "coord", "password": "pass-1234-word"}, REMOTE_ADDR="10.0.0.1").status_code
        == 302
    )
    client.post("/logout/")
    assert fail(client, "coord", 4).status_code == 200  # counting starts again


def test_the_token_endpoint_is_throttled_too_with_json(users, api):
    for _ in range(5):
        response = api.post(
            "/api/auth/token/", {"username": "coord", "password": "bad"}, format="json", REMOTE_ADDR="10.0.0.3"
        )
    assert response.status_code == 429
    assert "登录失败次数过多" in response.json()["detail"]


def test_english_message(users):
    client = Client()
    client.cookies["django_language"] = "en"
    locked = fail(client, "advisor_a", 5)
    assert "Too many failed logins. Wait 15 minutes" in locked.content.decode()
