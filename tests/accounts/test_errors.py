"""Error pages in the site layout (Chinese and English), JSON under /api/, 503 when the database is down,
/healthz, and the security headers."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import override_settings
from django.urls import path

from accounts import errorpages
from config.urls import urlpatterns as site_urls


def _boom(request):
    raise RuntimeError("boom")


def _bad(request):
    from django.core.exceptions import SuspiciousOperation

    raise SuspiciousOperation("bad")


def _denied(request):
    raise PermissionDenied


urlpatterns = [path("boom/", _boom), path("bad/", _bad), path("denied/", _denied), path("api/boom/", _boom), *site_urls]
handler400, handler403 = errorpages.bad_request, errorpages.permission_denied
handler404, handler500 = errorpages.page_not_found, errorpages.server_error


@pytest.mark.django_db
def test_a_refused_page_says_so_in_chinese(client, users):
    client.force_login(users.advisor)
    response = client.get("/coverage/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "您无权打开此页面" in html and "403 Forbidden" not in html and 'class="topbar"' in html


@pytest.mark.django_db
def test_404_page_is_chinese_in_the_site_layout(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "页面不存在" in html and 'class="topbar"' in html and 'href="/"' in html


@pytest.mark.django_db
def test_404_page_in_english(client):
    client.cookies["django_language"] = "en"
    response = client.get("/no-such-page/")
    assert response.status_code == 404 and "This page does not exist" in response.content.decode()


@pytest.mark.django_db
def test_api_404_stays_json(client, users):
    client.force_login(users.coordinator)
    response = client.get("/api/no-such-thing/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json") and "detail" in response.json()


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__)
def test_403_400_500_pages(client):
    client.raise_request_exception = False
    denied = client.get("/denied/")
    assert denied.status_code == 403 and "无权打开此页面" in denied.content.decode()
    assert "/login/?next=/denied/" in denied.content.decode()
    bad = client.get("/bad/")
    assert bad.status_code == 400 and "请求无法处理" in bad.content.decode()
    boom = client.get("/boom/")
    assert boom.status_code == 500 and "出错了" in boom.content.decode()
    assert "Traceback" not in boom.content.decode() and "boom" not in boom.content.decode()
    api_boom = client.get("/api/boom/")
    assert api_boom.status_code == 500 and "detail" in api_boom.json()


def test_the_handlers_are_wired():
    from config import urls

    assert urls.handler404 == "accounts.errorpages.page_not_found"
    assert urls.handler500 == "accounts.errorpages.server_error"
    assert urls.handler403 == "accounts.errorpages.permission_denied"
    assert urls.handler400 == "accounts.errorpages.bad_request"
    assert errorpages.wants_json(type("R", (), {"path": "/api/x/"})())


@pytest.fixture
def database_down(db):
    """The default connection replaced by one pointing at a closed port (127.0.0.1:1), then put back."""
    from django.db import connections
    from django.db.utils import load_backend

    original = connections["default"]
    broken_settings = {
        **original.settings_dict,
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "pufa",
        "USER": "postgres",
        "PASSWORD": "",
        "HOST": "127.0.0.1",
        "PORT": "1",
        "OPTIONS": {"connect_timeout": 2},
    }
    broken = load_backend("django.db.backends.postgresql").DatabaseWrapper(broken_settings, "default")
    connections._connections.default = broken
    yield
    connections._connections.default = original


@pytest.fixture
def logged_in_then_down(db, client, request):
    from tests.conftest import make_user

    user = make_user("downcoord", "coordinator")
    client.force_login(user)
    request.getfixturevalue("database_down")
    client.raise_request_exception = False
    return client


def test_every_page_and_the_api_answer_503_when_the_database_is_down(logged_in_then_down):
    client = logged_in_then_down
    page = client.get("/")
    assert page.status_code == 503
    html = page.content.decode()
    assert "暂时无法使用" in html and "Traceback" not in html and "OperationalError" not in html
    api = client.get("/api/areas/")
    assert api.status_code == 503 and "detail" in api.json()
    health = client.get("/healthz")
    assert health.status_code == 503 and health.json()["database"] == "error"


@pytest.mark.django_db
def test_healthz_reports_database_and_cache(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}


@pytest.mark.django_db
def test_healthz_reports_a_broken_cache(client, settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
    }
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["cache"] == "error" and response.json()["database"] == "ok"


@pytest.mark.django_db
def test_security_headers(client):
    response = client.get("/login/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_schema_and_docs_need_a_login(client, users):
    assert client.get("/api/schema/").status_code in (401, 403)
    docs = client.get("/api/docs/")
    assert docs.status_code == 302 and docs["Location"].startswith("/login/")
    client.force_login(users.advisor)
    assert client.get("/api/docs/").status_code == 200


@pytest.mark.django_db
def test_api_docs_link_only_for_coordinators(client, users):
    client.force_login(users.advisor)
    assert 'href="/api/docs/"' not in client.get("/").content.decode()
    client.force_login(users.coordinator)
    assert 'href="/api/docs/"' in client.get("/").content.decode()
