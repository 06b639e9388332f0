"""Shared fixtures: a small area tree, one user per role (plus a colleague and an outsider),
API clients, the shipped Doumen tree, and a real headless Chromium at phone size."""

import os
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from rest_framework.test import APIClient

from accounts.models import User
from places.importer import import_areas, read_file
from places.models import Area

DOUMEN_CSV = Path(settings.BASE_DIR) / "places" / "data" / "doumen_areas.csv"


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploaded files go to a per-test temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def areas(db):
    """District 440403 with two towns (井岸镇, 白蕉镇), two villages each, and one inactive village."""
    district = Area.objects.create(code="440403", name="斗门区", level="district", lat=22.209, lon=113.296)
    jingan = Area.objects.create(
        code="440403107", name="井岸镇", level="town", kind="town", parent=district, lat=22.21, lon=113.295
    )
    baijiao = Area.objects.create(
        code="440403106", name="白蕉镇", level="town", kind="town", parent=district, lat=22.225, lon=113.35
    )
    v = lambda code, name, parent, kind="village", **kw: Area.objects.create(  # noqa: E731
        code=code, name=name, level="village", kind=kind, parent=parent, **kw
    )
    return SimpleNamespace(
        district=district,
        jingan=jingan,
        baijiao=baijiao,
        jianfeng=v("440403107201", "尖峰村", jingan, lat=22.2, lon=113.28, population=3000),
        xinwei=v("440403107001", "新伟社区", jingan, kind="community", lat=22.215, lon=113.3, population=8000),
        nanao=v("440403106201", "南澳村", baijiao, lat=22.23, lon=113.36, population=2500),
        dengsheng=v("440403106202", "灯笼村", baijiao),
        closed=v("440403106299", "已撤并村", baijiao, active=False),
    )


@pytest.fixture
def doumen(db):
    """The shipped Doumen District tree: 1 district, 6 towns, 129 villages/communities."""
    result = import_areas(read_file(DOUMEN_CSV))
    assert result.ok, result.errors
    return Area.objects.get(code="440403")


def make_user(username, role="", scope=None, **extra):
    user = User.objects.create_user(username=username, password="pass-1234-word", role=role, scope=scope, **extra)
    return user


@pytest.fixture
def users(areas):
    """One user per role; a second town officer in another town; a second organizer and advisor."""
    return SimpleNamespace(
        coordinator=make_user("coord", "coordinator", areas.district, first_name="协调员"),
        town_officer=make_user("jingan_officer", "town_officer", areas.jingan),
        other_town_officer=make_user("baijiao_officer", "town_officer", areas.baijiao),
        organizer=make_user("organizer_a", "organizer", areas.district),
        other_organizer=make_user("organizer_b", "organizer", areas.district),
        advisor=make_user("advisor_a", "advisor", areas.jingan),
        other_advisor=make_user("advisor_b", "advisor", areas.baijiao),
        nobody=make_user("nobody"),
        superuser=User.objects.create_superuser("root", "root@example.org", "pass-1234-word"),
    )


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def api_as():
    """api_as(user) → an APIClient authenticated as that user (session-less, forced auth)."""

    def login(user):
        client = APIClient()
        client.force_authenticate(user=user)
        return client

    return login


@pytest.fixture
def client_as(client):
    """client_as(user) → Django test client logged in as that user."""

    def login(user):
        client.force_login(user)
        return client

    return login


# --- Browser (Playwright driving Debian's chromium) --------------------------------------

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="session")
def chromium():
    # Playwright's sync API runs an event loop in this thread; Django's ORM must still be allowed here.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium (see .ci/run)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def phone_page(chromium, live_server):
    """A 360×740 phone page; any request leaving 127.0.0.1/localhost is blocked and recorded."""
    context = chromium.new_context(
        viewport={"width": 360, "height": 740},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        locale="zh-CN",
        timezone_id="Asia/Shanghai",
    )
    outside = []

    def guard(route):
        url = route.request.url
        host = url.split("://", 1)[-1].split("/", 1)[0].split(":")[0]
        if url.startswith(("data:", "blob:")) or host in {"127.0.0.1", "localhost"}:
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    page.outside_requests = outside
    page.base_url = live_server.url
    yield page
    context.close()


@pytest.fixture
def browser_login(live_server):
    """browser_login(page, user) → the page's context carries the user's session cookie."""
    from django.test import Client

    def login(page, user):
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        host = live_server.url.split("://", 1)[1].split(":")[0]
        page.context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "domain": host, "path": "/"}]
        )
        return page

    return login
