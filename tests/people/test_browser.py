"""Real Chromium: a coordinator creates an advisor's login and prints the slip; the advisor scans it
(the QR is decoded from the screenshot), sets a password on a phone and logs a shift. No page breaks
the Content-Security-Policy on the way."""

import io

import pytest
import zxingcpp
from PIL import Image

from accounts.models import User
from advisors.models import DutyShift

NEW_PASSWORD = "Lantern-river-42"


def csp_watch(page):
    violations = []
    page.on("console", lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None)
    return violations


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_from_new_login_to_first_shift(chromium, phone_page, browser_login, live_server, users, areas, roster):
    office = chromium.new_context(viewport={"width": 1024, "height": 900}, locale="zh-CN")
    desk = office.new_page()
    desk_violations = csp_watch(desk)
    browser_login(desk, users.coordinator)
    desk.goto(live_server.url + "/people/new/")
    desk.fill("#id_username", "zhanglawyer")
    desk.fill("#id_first_name", "张律师")
    desk.select_option("#id_role", "advisor")
    desk.select_option("#id_scope", areas.jingan.code)
    desk.select_option("#id_advisor", str(roster.a.pk))
    desk.locator("form.stack button[type=submit]").click()
    desk.wait_for_url("**/people/slips/")
    slip = desk.locator(".slip").first
    text = slip.inner_text()
    assert "张律师" in text and "尖峰村" in text and "zhanglawyer" in text
    shot = desk.locator(".slip-qr svg").first.screenshot()
    url = zxingcpp.read_barcodes(Image.open(io.BytesIO(shot)))[0].text
    assert url.startswith(live_server.url + "/activate/")
    desk.emulate_media(media="print")
    assert not desk.locator(".topbar").is_visible()  # the print sheet leaves the site chrome out
    desk.goto(live_server.url + "/api/docs/")
    desk.wait_for_selector(".swagger-ui .opblock-tag", timeout=20000)  # Swagger UI runs under the CSP
    office.close()

    phone = phone_page
    phone_violations = csp_watch(phone)
    phone.goto(url)
    assert "设置密码" in phone.locator("h1").inner_text()
    phone.fill("#id_new_password1", NEW_PASSWORD)
    phone.fill("#id_new_password2", NEW_PASSWORD)
    phone.locator("form.stack button[type=submit]").click()
    phone.wait_for_url(live_server.url + "/")
    assert User.objects.get(username="zhanglawyer").check_password(NEW_PASSWORD)
    phone.goto(live_server.url + "/advisors/shifts/new/?village=440403107201")
    phone.fill("#id_start_time", "08:00")
    phone.fill("#id_end_time", "10:00")
    phone.fill("#id_consultation_batches", "1")
    phone.fill("#id_consultation_people", "2")
    phone.locator("form.shift-form button[type=submit]").click()
    phone.wait_for_url("**/advisors/month/?month=*")
    assert "尖峰村" in phone.locator("#month-shifts").inner_text()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    shift = DutyShift.objects.get()
    assert shift.advisor == roster.a and shift.village.code == "440403107201"
    assert phone.outside_requests == []
    assert desk_violations == [] and phone_violations == []
