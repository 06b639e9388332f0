"""The people pages: list within scope, create → slip sheet, edit, new link, bulk logins, tokens."""

import re

import pytest

from accounts.models import ActivationLink, ApiToken, User

pytestmark = pytest.mark.django_db


def test_list_shows_only_the_managers_people(client_as, users):
    html = client_as(users.town_officer).get("/people/").content.decode()
    assert (
        ">advisor_a</a>" in html
        and ">advisor_b<" not in html
        and ">coord<" not in html
        and ">baijiao_officer<" not in html
    )
    html = client_as(users.coordinator).get("/people/").content.decode()
    assert "advisor_b" in html and "baijiao_officer" in html


@pytest.mark.parametrize("who", ["advisor", "organizer", "nobody"])
def test_other_roles_are_refused(client_as, users, who):
    client = client_as(getattr(users, who))
    assert client.get("/people/").status_code == 403
    assert client.get("/people/new/").status_code == 403
    assert client.get("/people/tokens/").status_code == 403


def test_anonymous_goes_to_login(client):
    response = client.get("/people/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_create_prints_a_slip_with_a_qr_of_the_activation_link(client_as, users, areas, roster):
    client = client_as(users.coordinator)
    form = client.get("/people/new/").content.decode()
    assert "张律师" in form
    response = client.post(
        "/people/new/",
        {
            "username": "zhang",
            "first_name": "张律师",
            "role": "advisor",
            "scope": areas.jingan.code,
            "phone": "",
            "advisor": roster.a.pk,
        },
    )
    assert response.status_code == 302 and response["Location"] == "/people/slips/"
    sheet = client.get("/people/slips/").content.decode()
    link = ActivationLink.objects.get(user__username="zhang")
    assert "张律师" in sheet and "尖峰村" in sheet and link.short_code in sheet and "<svg" in sheet
    url = re.search(r'class="slip-url">([^<]+)<', sheet).group(1)
    assert "/activate/" in url
    client.logout()
    assert client.get(url.split("testserver", 1)[1]).status_code == 200


def test_create_refusal_shows_on_the_form(client_as, users, areas):
    response = client_as(users.town_officer).post(
        "/people/new/", {"username": "x", "role": "advisor", "scope": areas.baijiao.code}
    )
    assert response.status_code == 200  # 白蕉镇 is not offered to 井岸镇's officer
    assert not User.objects.filter(username="x").exists()
    response = client_as(users.coordinator).post(
        "/people/new/", {"username": "advisor_a", "role": "advisor", "scope": areas.jingan.code}
    )
    assert response.status_code == 200 and "该用户名已被使用" in response.content.decode()


def test_edit_deactivates_and_out_of_scope_is_404(client_as, users, areas):
    client = client_as(users.town_officer)
    assert client.get(f"/people/{users.other_advisor.pk}/").status_code == 404
    response = client.post(
        f"/people/{users.advisor.pk}/", {"first_name": "甲", "role": "advisor", "scope": areas.jingan.code, "phone": ""}
    )
    assert response.status_code == 302
    users.advisor.refresh_from_db()
    assert not users.advisor.is_active and users.advisor.first_name == "甲"


def test_new_link_for_a_forgotten_password(client_as, users):
    client = client_as(users.town_officer)
    response = client.post(f"/people/{users.advisor.pk}/link/")
    assert response.status_code == 302 and response["Location"] == "/people/slips/"
    assert ActivationLink.objects.get(user=users.advisor).purpose == "reset"
    assert "advisor_a" in client.get("/people/slips/").content.decode()
    assert client.post(f"/people/{users.other_advisor.pk}/link/").status_code == 404


def test_bulk_logins_from_the_advisor_list(client_as, users, roster):
    client = client_as(users.town_officer)
    assert "2 位法律顾问还没有登录账号" in client.get("/people/").content.decode()
    response = client.post("/people/bulk/advisors/")
    assert response.status_code == 302 and response["Location"] == "/people/slips/"
    sheet = client.get("/people/slips/").content.decode()
    assert sheet.count('class="slip"') == 2 and "张律师" in sheet and "王律师" not in sheet


def test_tokens_page_for_coordinators(client_as, users):
    client = client_as(users.coordinator)
    response = client.post("/people/tokens/", {"name": "区大数据平台", "user": users.coordinator.pk})
    assert response.status_code == 200
    key = re.search(r'class="token-key">([0-9a-f]{40})<', response.content.decode()).group(1)
    token = ApiToken.objects.get(name="区大数据平台")
    assert token.key_hash != key and key.startswith(token.prefix)
    assert client.post(f"/people/tokens/{token.pk}/revoke/").status_code == 302
    assert not ApiToken.objects.filter(pk=token.pk).exists()
    assert client_as(users.town_officer).get("/people/tokens/").status_code == 403


def test_menu_entries_by_role(client_as, users):
    assert 'href="/people/"' in client_as(users.town_officer).get("/").content.decode()
    assert 'href="/people/tokens/"' not in client_as(users.town_officer).get("/").content.decode()
    assert 'href="/people/tokens/"' in client_as(users.coordinator).get("/").content.decode()
    assert 'href="/people/"' not in client_as(users.advisor).get("/").content.decode()


def test_a_username_with_spaces_is_refused_on_the_form(client_as, users, areas):
    response = client_as(users.coordinator).post(
        "/people/new/", {"username": "a b", "role": "advisor", "scope": areas.jingan.code}
    )
    assert response.status_code == 200 and not User.objects.filter(username="a b").exists()
