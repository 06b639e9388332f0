"""The service worker, the manifest and the offline pages: headers, who sees what, no inline scripts."""

import json
import re

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.utils import translation
from PIL import Image

from advisors.models import Advisor


def no_inline_script(html):
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, flags=re.S)
    return all(
        'type="application/json"' in attrs or (body.strip() == "" and "src=" in attrs) for attrs, body in scripts
    )


def test_the_service_worker_is_served_from_the_root(client, db):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    body = response.content.decode()
    assert '"/advisors/scan/"' in body and "/static/offline/duty.js" in body and "/offline/scan/" in body
    assert "no-cache" in response["Cache-Control"]
    config = json.loads(re.search(r"const CONFIG = (\{.*?\});", body).group(1))
    assert "/offline/duty/" in config["user_pages"] and config["precache_pages"] == ["/offline/scan/"]
    # The managers' ledgers are not kept on the device.
    assert not any("/advisors/ledger/".startswith(prefix) for prefix in config["page_prefixes"])


def test_every_page_offers_the_app_and_registers_the_worker(client, db):
    html = client.get("/login/").content.decode()
    assert 'rel="manifest"' in html and "offline/register.js" in html


def test_the_manifest_names_the_app_in_chinese(client, db):
    response = client.get("/manifest.webmanifest", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response["Content-Type"] == "application/manifest+json"
    data = response.json()
    assert data["name"] == "普法台账" and data["display"] == "standalone" and data["start_url"] == "/"
    sizes = {icon["sizes"] for icon in data["icons"]}
    assert sizes == {"192x192", "512x512"}
    for icon in data["icons"]:
        path = finders.find(
            icon["src"].removeprefix(
                settings.STATIC_URL if settings.STATIC_URL.startswith("/") else "/" + settings.STATIC_URL
            )
        )
        with Image.open(path) as image:
            assert f"{image.width}x{image.height}" == icon["sizes"] and image.format == "PNG"


def test_the_duty_page_is_the_advisors(duty, client_as):
    response = client_as(duty.users.advisor).get("/offline/duty/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "尖峰村" in html and "新伟社区" in html and "南澳村" not in html
    assert 'rel="manifest"' in html and 'id="offline-strings"' in html and "data-sync-now" in html
    assert no_inline_script(html)


@pytest.mark.parametrize("who", ["organizer", "coordinator"])
def test_others_get_no_duty_page(users, client_as, who):
    assert client_as(getattr(users, who)).get("/offline/duty/").status_code == 403


def test_an_advisor_login_without_a_record_is_refused(users, client_as):
    assert not Advisor.objects.filter(user=users.advisor).exists()
    assert client_as(users.advisor).get("/offline/duty/").status_code == 403


def test_the_scan_shell_needs_no_login_and_holds_no_data(client, db):
    response = client.get("/offline/scan/")
    assert response.status_code == 200
    assert no_inline_script(response.content.decode())


def test_the_offline_pages_need_a_login(client, db):
    for url in ("/offline/duty/", "/offline/door/"):
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response["Location"]


def test_door_mode_is_the_events_organizers(users, client_as, event, other_event):
    client = client_as(users.organizer)
    listing = client.get("/offline/door/").content.decode()
    assert event.title in listing and other_event.title not in listing
    page = client.get(f"/offline/door/{event.pk}/")
    assert page.status_code == 200 and 'data-count="0"' in page.content.decode()
    assert no_inline_script(page.content.decode())
    assert client.get(f"/offline/door/{event.pk}/count/").json() == {"checkins": 0}
    assert client.get(f"/offline/door/{other_event.pk}/").status_code == 404


def test_town_officers_see_but_do_not_run_door_mode(users, client_as, event):
    client = client_as(users.town_officer)
    assert client.get(f"/offline/door/{event.pk}/").status_code == 403
    assert client.get(f"/offline/door/{event.pk}/count/").status_code == 403


def test_the_menu_offers_the_offline_pages(duty, client_as):
    with translation.override("en"):
        html = client_as(duty.users.advisor).get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "/offline/duty/" in html


def test_the_sync_endpoints_are_documented_with_one_answer_schema():
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    for path in ("/api/sync/duty-shifts/", "/api/sync/checkins/"):
        post = schema["paths"][path]["post"]
        assert post["responses"]["200"]["content"]["application/json"]["schema"] == {
            "$ref": "#/components/schemas/SyncAnswer"
        }
    result = schema["components"]["schemas"]["SyncResult"]
    assert set(result["properties"]) == {"client_id", "status", "id", "code", "message"}
    assert set(schema["components"]["schemas"]["SyncResultStatusEnum"]["enum"]) == {"created", "duplicate", "refused"}
    record = schema["components"]["schemas"]["ShiftRecordRequest"]["properties"]
    assert {"client_id", "scanned_secret", "scanned_at", "village", "end_time"} <= set(record)


def test_the_admin_shows_offline_scans(duty, client_as, users):
    users.coordinator.is_staff = True
    users.coordinator.is_superuser = True
    users.coordinator.save()
    response = client_as(users.coordinator).get("/admin/advisors/dutyshift/?scanned_offline__exact=1")
    assert response.status_code == 200
