"""One-time activation links (hashed, expiring, single use, a new one revokes the old) and the own-account page."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from accounts.activation import issue_link, open_link, redeem_link
from accounts.errors import AccountError, AccountRefused
from accounts.models import ActivationLink, AuditEntry, User

NEW_PASSWORD = "Lantern-river-42"


@pytest.fixture
def newcomer(users, areas):
    user = User.objects.create_user("newcomer", role="advisor", scope=areas.jingan, first_name="新人")
    assert not user.has_usable_password()
    return user


@pytest.mark.django_db
def test_only_a_hash_is_stored_and_the_link_works_once(newcomer, users):
    link, secret = issue_link(newcomer, by=users.coordinator)
    assert len(secret) >= 40 and secret not in link.key_hash and link.purpose == "activate"
    assert len(link.short_code) == 8
    assert open_link(secret).user == newcomer
    redeem_link(secret, NEW_PASSWORD)
    newcomer.refresh_from_db()
    assert newcomer.check_password(NEW_PASSWORD)
    with pytest.raises(AccountRefused) as refused:
        redeem_link(secret, "Another-pass-99")
    assert refused.value.code == AccountError.LINK_USED and refused.value.http_status == 410
    assert AuditEntry.objects.filter(model="accounts.user", object_id=str(newcomer.pk)).count() == 2


@pytest.mark.django_db
def test_a_new_link_revokes_the_old_one(newcomer, users):
    _, old = issue_link(newcomer, by=users.coordinator)
    _, new = issue_link(newcomer, by=users.coordinator)
    with pytest.raises(AccountRefused) as refused:
        open_link(old)
    assert refused.value.code == AccountError.LINK_REVOKED
    assert open_link(new).user == newcomer


@pytest.mark.django_db
def test_links_expire(newcomer, users, settings):
    settings.ACTIVATION_LINK_DAYS = 7
    _, secret = issue_link(newcomer, by=users.coordinator)
    with time_machine.travel(timezone.now() + timedelta(days=7, minutes=1)), pytest.raises(AccountRefused) as refused:
        open_link(secret)
    assert refused.value.code == AccountError.LINK_EXPIRED


@pytest.mark.django_db
def test_unknown_and_inactive(newcomer, users):
    with pytest.raises(AccountRefused) as refused:
        open_link("not-a-real-secret")
    assert refused.value.code == AccountError.LINK_INVALID and refused.value.http_status == 404
    _, secret = issue_link(newcomer, by=users.coordinator)
    User.objects.filter(pk=newcomer.pk).update(is_active=False)
    with pytest.raises(AccountRefused) as refused:
        open_link(secret)
    assert refused.value.code == AccountError.USER_INACTIVE
    with pytest.raises(AccountRefused):
        issue_link(User.objects.get(pk=newcomer.pk), by=users.coordinator)


@pytest.mark.django_db
def test_reset_purpose_for_a_user_with_a_password(users):
    link, _ = issue_link(users.advisor, by=users.town_officer)
    assert link.purpose == ActivationLink.Purpose.RESET


@pytest.mark.django_db
def test_activation_page_sets_the_password_and_logs_in(client, newcomer, users):
    link, secret = issue_link(newcomer, by=users.coordinator)
    page = client.get(f"/activate/{secret}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "设置密码" in html and "newcomer" in html and link.short_code in html
    weak = client.post(f"/activate/{secret}/", {"new_password1": "12345678", "new_password2": "12345678"})
    assert weak.status_code == 200 and "这个密码太常见了" in weak.content.decode()
    assert not User.objects.get(pk=newcomer.pk).has_usable_password()
    done = client.post(f"/activate/{secret}/", {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done.status_code == 302 and done["Location"] == "/"
    assert client.get("/").status_code == 200  # logged in
    again = client.get(f"/activate/{secret}/")
    assert again.status_code == 410 and "已使用过" in again.content.decode()


@pytest.mark.django_db
def test_activation_page_unknown_link(client):
    response = client.get("/activate/nonsense/")
    assert response.status_code == 404 and "此链接无效" in response.content.decode()


@pytest.mark.django_db
def test_account_page_shows_role_and_scope(client_as, users):
    html = client_as(users.town_officer).get("/account/").content.decode()
    assert "jingan_officer" in html and "井岸镇" in html and "司法所" in html


@pytest.mark.django_db
def test_account_page_needs_login(client):
    response = client.get("/account/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")


@pytest.mark.django_db
def test_change_password(client_as, users):
    client = client_as(users.advisor)
    response = client.post(
        "/account/password/",
        {"old_password": "pass-1234-word", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302 and response["Location"] == "/account/"
    users.advisor.refresh_from_db()
    assert users.advisor.check_password(NEW_PASSWORD)
    assert client.get("/account/").status_code == 200  # the session survives its own password change


@pytest.mark.django_db
def test_sign_out_everywhere_ends_other_sessions(users):
    from django.test import Client

    phone, laptop = Client(), Client()
    phone.force_login(users.advisor)
    laptop.force_login(users.advisor)
    assert laptop.get("/").status_code == 200
    response = phone.post("/account/sign-out-everywhere/")
    assert response.status_code == 302 and response["Location"] == "/login/"
    assert laptop.get("/").status_code == 302
    assert phone.get("/").status_code == 302
    assert phone.get("/account/sign-out-everywhere/").status_code in (302, 405)
