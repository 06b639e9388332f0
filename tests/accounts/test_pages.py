"""Login, logout, role home pages, the area browser and the language switch."""

import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_home_requires_login(client):
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")


@pytest.mark.django_db
def test_login_and_logout(client, users):
    page = client.get("/login/")
    assert page.status_code == 200 and "登录" in page.content.decode()
    response = client.post("/login/", {"username": "coord", "password": "pass-1234-word"})
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/").status_code == 200
    response = client.post("/logout/")
    assert response.status_code == 302
    assert client.get("/").status_code == 302


@pytest.mark.django_db
def test_bad_password_shows_an_error(client, users):
    response = client.post("/login/", {"username": "coord", "password": "nope"})
    assert response.status_code == 200
    assert "用户名和密码不匹配" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "who, heading",
    [
        ("coordinator", "协调员"),
        ("town_officer", "司法所"),
        ("organizer", "活动组织者"),
        ("advisor", "法律顾问"),
        ("superuser", "协调员"),
        ("nobody", "尚未分配角色"),
    ],
)
def test_each_role_has_its_home_page(client_as, users, who, heading):
    response = client_as(getattr(users, who)).get("/")
    assert response.status_code == 200
    assert heading in response.content.decode()


@pytest.mark.django_db
def test_menu_shows_only_links_for_the_role(client_as, users):
    html = client_as(users.advisor).get("/").content.decode()
    assert reverse("places:area_browser") in html
    assert "/admin/" not in html


@pytest.mark.django_db
def test_area_browser_walks_district_towns_villages(client_as, users, django_assert_max_num_queries):
    client = client_as(users.town_officer)
    with django_assert_max_num_queries(8):
        top = client.get("/areas/").content.decode()
    assert "斗门区" in top
    district = client.get("/areas/440403/").content.decode()
    assert "井岸镇" in district and "白蕉镇" in district
    town = client.get("/areas/440403107/").content.decode()
    assert "尖峰村" in town and "新伟社区" in town and "南澳村" not in town
    assert client.get("/areas/999/").status_code == 404


@pytest.mark.django_db
def test_area_browser_counts_villages_per_town(client_as, doumen, django_assert_max_num_queries):
    from tests.conftest import make_user

    client = client_as(make_user("c", "coordinator", doumen))
    with django_assert_max_num_queries(8):
        response = client.get("/areas/440403/")
    rows = response.context["rows"]
    assert len(rows) == 6
    assert sum(row["villages"] for row in rows) == 129


@pytest.mark.django_db
def test_language_switch_to_english(client, users):
    client.force_login(users.coordinator)
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    html = client.get("/").content.decode()
    assert "Coordinator" in html and "Log out" in html
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})
    assert "退出" in client.get("/").content.decode()


@pytest.mark.django_db
def test_base_template_is_phone_ready(client_as, users):
    html = client_as(users.advisor).get("/").content.decode()
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    assert 'lang="zh-hans"' in html
