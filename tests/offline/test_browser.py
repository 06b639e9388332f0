"""The whole thing in a real phone-sized Chromium with the network off: an advisor logs a shift,
scans the village poster and finishes that shift; an organizer takes three door check-ins; both
reload while still offline (the app and the queue survive); back online, everything reaches the
server exactly once."""

import datetime

import pytest
from django.conf import settings
from django.test import Client

from advisors import services as duty_services
from advisors.models import Advisor, Assignment, DutyShift
from common.clock import local_today
from outreach.models import CheckIn

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def open_phone(chromium, live_server):
    """open_phone(user) → a logged-in page in its own phone-sized context (service workers allowed)."""
    contexts = []

    def open_(user):
        context = chromium.new_context(
            viewport={"width": 360, "height": 740},
            device_scale_factor=2,
            is_mobile=True,
            has_touch=True,
            locale="zh-CN",
            timezone_id="Asia/Shanghai",
            service_workers="allow",
        )
        contexts.append(context)
        client = Client()
        client.force_login(user)
        host = live_server.url.split("://", 1)[1].split(":")[0]
        cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
        context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "domain": host, "path": "/"}])
        page = context.new_page()
        page.outside = []
        page.on(
            "request",
            lambda r: None if "://localhost" in r.url or "://127.0.0.1" in r.url else page.outside.append(r.url),
        )
        page.base_url = live_server.url
        return page

    yield open_
    for context in contexts:
        context.close()


def controlled(page, path):
    """Open ``path`` online and wait until the service worker controls it (so it is cached)."""
    page.goto(page.base_url + path)
    page.evaluate("navigator.serviceWorker.ready")
    if not page.evaluate("Boolean(navigator.serviceWorker.controller)"):
        page.reload()
    page.wait_for_function("() => Boolean(navigator.serviceWorker.controller)")
    # Once controlled, the page's own navigation goes through the worker and is stored.
    page.reload()


def waiting(page):
    return int(page.get_attribute("[data-sync-count]", "data-n"))


def test_a_duty_visit_and_a_door_event_with_the_network_off(open_phone, users, areas, make_event):
    advisor = Advisor.objects.create(name="张律师", user=users.advisor)
    Assignment.objects.create(advisor=advisor, village=areas.jianfeng, starts_on=datetime.date(2023, 1, 1))
    poster = duty_services.ensure_poster(areas.jianfeng)
    event = make_event()
    yesterday = (local_today() - datetime.timedelta(days=1)).isoformat()

    # --- The advisor's phone ------------------------------------------------------------------
    phone = open_phone(users.advisor)
    controlled(phone, "/offline/duty/")
    # The poster's page is cached too (scan shell), as is the duty page: now the signal drops.
    phone.context.set_offline(True)
    assert phone.reload().from_service_worker
    assert phone.evaluate("navigator.onLine") is False
    assert phone.locator("main h1").inner_text() == "离线值班"
    assert phone.locator("[data-sync-bar]").get_attribute("class").endswith("is-offline")

    phone.select_option("#shift-form [name=village]", areas.jianfeng.code)
    phone.fill("#shift-form [name=date]", yesterday)
    phone.fill("#shift-form [name=start_time]", "08:00")
    phone.fill("#shift-form [name=end_time]", "10:00")
    phone.fill("#shift-form [name=consultation_batches]", "2")
    phone.fill("#shift-form [name=consultation_people]", "3")
    phone.click("#save-shift")
    phone.wait_for_function("() => document.querySelector('[data-sync-count]').dataset.n === '1'")
    # A second shift that overlaps the first: accepted on the phone, refused by the server later.
    phone.select_option("#shift-form [name=village]", areas.jianfeng.code)
    phone.fill("#shift-form [name=date]", yesterday)
    phone.fill("#shift-form [name=start_time]", "09:00")
    phone.fill("#shift-form [name=end_time]", "11:00")
    phone.click("#save-shift")
    phone.wait_for_function("() => document.querySelector('[data-sync-count]').dataset.n === '2'")

    # Scanning the village poster offline: the QR's URL opens the cached shell, which records it.
    assert phone.goto(phone.base_url + f"/advisors/scan/{poster.secret}/").from_service_worker
    phone.wait_for_function("() => document.getElementById('scan-result').textContent.includes('已记录')")
    phone.goto(phone.base_url + "/offline/duty/")
    phone.wait_for_selector("#open-list li")
    phone.click("#open-list li button >> nth=0")
    phone.fill("#shift-form [name=end_time]", "23:59")
    phone.fill("#shift-form [name=mediations]", "1")
    phone.click("#save-shift")
    phone.wait_for_function("() => document.querySelector('[data-sync-count]').dataset.n === '3'")
    assert phone.locator("#open-list li").count() == 0

    # --- The organizer's tablet at the door ----------------------------------------------------
    door = open_phone(users.organizer)
    controlled(door, f"/offline/door/{event.pk}/")
    door.context.set_offline(True)
    for i, (name, phone_no) in enumerate([("黄伯", "13920001234"), ("陈姨", "13920001235"), ("李四", "13920001236")]):
        door.fill("#door-form [name=name]", name)
        door.fill("#door-form [name=phone]", phone_no)
        door.select_option("#door-form [name=age_group]", "60_plus")
        door.select_option("#door-form [name=occupation]", "farmer")
        door.check("#door-form [name=consent]")
        door.click("#door-form button[type=submit]")
        door.wait_for_function(f"() => document.querySelectorAll('#door-waiting li').length === {i + 1}")
    assert door.get_attribute("#door-count [data-total]", "data-total") == "3"
    assert door.get_attribute("#door-count .not-sent", "data-waiting") == "3"
    assert "尚未发送" in door.inner_text("#door-count")

    # --- Reloading while still offline: the pages come from the cache, the queue from IndexedDB ----
    for page, path in ((phone, "/offline/duty/"), (door, f"/offline/door/{event.pk}/")):
        assert page.reload().from_service_worker
        assert page.url == page.base_url + path
        assert page.locator("main h1").is_visible()
        page.wait_for_function("() => document.querySelector('[data-sync-count]').textContent !== ''")
    assert waiting(phone) == 3 and waiting(door) == 3
    assert door.locator("#door-waiting li").count() == 3
    assert DutyShift.objects.count() == 0 and CheckIn.objects.count() == 0

    # --- The network returns: both devices send by themselves -----------------------------------
    # (One after the other: the test database is SQLite in memory, which locks instead of waiting.)
    phone.context.set_offline(False)
    phone.wait_for_function("() => document.querySelector('[data-sync-count]').dataset.n === '0'", timeout=15000)
    door.context.set_offline(False)
    door.wait_for_function("() => document.querySelector('[data-sync-count]').dataset.n === '0'", timeout=15000)

    # The overlapping shift is back on the phone, in "needs attention", with the server's reason.
    phone.wait_for_selector("#attention-list li")
    reason = phone.inner_text("#attention-list li .reason")
    assert "重叠" in reason or "冲突" in reason, reason
    shifts = DutyShift.objects.order_by("start_time")
    assert shifts.count() == 2
    logged = shifts.get(date=yesterday)
    assert (logged.start_time, logged.end_time, logged.consultation_people) == (
        datetime.time(8),
        datetime.time(10),
        3,
    )
    scanned = shifts.get(scanned_offline=True)
    assert scanned.verified_presence and scanned.village == areas.jianfeng and scanned.mediations == 1
    assert scanned.date == local_today() and scanned.end_time == datetime.time(23, 59)

    checkins = CheckIn.objects.filter(event=event)
    assert sorted(checkins.values_list("name", flat=True)) == sorted(["黄伯", "陈姨", "李四"])
    assert set(checkins.values_list("method", flat=True)) == {"door"}
    door.wait_for_function("() => document.querySelector('#door-count [data-total]').dataset.total === '3'")
    assert door.locator("#door-count .not-sent").count() == 0

    # Correcting the refused shift and sending it again; "sync now" twice more changes nothing.
    phone.click("#attention-list li button >> nth=0")
    phone.fill("#shift-form [name=start_time]", "14:00")
    phone.fill("#shift-form [name=end_time]", "15:00")
    phone.click("#save-shift")
    phone.wait_for_function("() => document.querySelectorAll('#attention-list li').length === 0")
    phone.wait_for_function("() => document.querySelector('[data-sync-count]').dataset.n === '0'")
    for page in (phone, door):
        page.click("[data-sync-now]")
        page.wait_for_function("() => document.querySelector('[data-sync-message]').textContent !== '正在发送…'")
    assert DutyShift.objects.count() == 3 and CheckIn.objects.count() == 3
    assert phone.outside == [] and door.outside == []


def test_records_of_one_login_are_not_sent_under_another(open_phone, users, areas):
    advisor = Advisor.objects.create(name="张律师", user=users.advisor)
    Assignment.objects.create(advisor=advisor, village=areas.jianfeng, starts_on=datetime.date(2023, 1, 1))
    Advisor.objects.create(name="李法律工作者", user=users.other_advisor)
    phone = open_phone(users.advisor)
    controlled(phone, "/offline/duty/")
    phone.context.set_offline(True)
    phone.fill("#shift-form [name=start_time]", "08:00")
    phone.fill("#shift-form [name=end_time]", "09:00")
    phone.click("#save-shift")
    phone.wait_for_function("() => document.querySelector('[data-sync-count]').dataset.n === '1'")
    # Another advisor logs in on the same phone (same browser profile) once the network is back.
    client = Client()
    client.force_login(users.other_advisor)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    host = phone.base_url.split("://", 1)[1].split(":")[0]
    phone.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "domain": host, "path": "/"}])
    phone.context.set_offline(False)
    phone.goto(phone.base_url + "/offline/duty/")
    phone.wait_for_function("() => document.querySelector('[data-sync-count]').textContent !== ''")
    phone.click("[data-sync-now]")
    phone.wait_for_function("() => document.querySelector('[data-sync-message]').textContent === '全部记录已发送。'")
    assert waiting(phone) == 0 and DutyShift.objects.count() == 0
    # The first advisor, back on the phone, sends their own shift.
    client.force_login(users.advisor)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    phone.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "domain": host, "path": "/"}])
    phone.goto(phone.base_url + "/offline/duty/")
    phone.wait_for_function("() => document.querySelector('[data-sync-message]').textContent === '全部记录已发送。'")
    assert waiting(phone) == 0
    assert DutyShift.objects.count() == 1, phone.inner_text("main")
    assert DutyShift.objects.get().advisor == advisor


KEPT_PAGES = """async () => {
  const names = await caches.keys();
  const pages = names.find((name) => name.endsWith("-pages"));
  if (!pages) return [];
  return (await (await caches.open(pages)).keys()).map((request) => new URL(request.url).pathname);
}"""


def test_logging_out_forgets_the_kept_pages(open_phone, users, areas):
    Advisor.objects.create(name="张律师", user=users.advisor)
    phone = open_phone(users.advisor)
    controlled(phone, "/offline/duty/")
    phone.goto(phone.base_url + "/advisors/ledger/")  # a manager's page: never kept
    assert "/offline/duty/" in phone.evaluate(KEPT_PAGES)
    assert "/advisors/ledger/" not in phone.evaluate(KEPT_PAGES)
    phone.goto(phone.base_url + "/offline/duty/")
    phone.click("details.menu summary")
    with phone.expect_navigation():
        phone.click("form[action$='/logout/'] button")
    for _ in range(50):  # the worker deletes the cache while the logout goes on
        if "/offline/duty/" not in phone.evaluate(KEPT_PAGES):
            break
        phone.wait_for_timeout(100)
    assert "/offline/duty/" not in phone.evaluate(KEPT_PAGES)
