"""Real headless Chromium at phone size: scan (decode) the QR, fill the form, see the confirmation."""

import io

import pytest
import zxingcpp
from django.test import Client
from django.urls import reverse
from PIL import Image
from playwright.sync_api import expect

from outreach import services
from outreach.models import CheckIn

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def scanned_url(event, users):
    client = Client()
    client.force_login(users.organizer)
    png = client.get(reverse("outreach:event_qr", args=[event.pk, "png"])).content
    return zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))[0].text


def test_an_attendee_checks_in_on_a_phone(phone_page, live_server, settings, users, areas, event):
    settings.PUBLIC_BASE_URL = live_server.url
    url = scanned_url(event, users)
    assert url == f"{live_server.url}/c/{event.checkin_secret}/"

    page = phone_page
    page.goto(url)
    page.fill("#id_name", "陈小梅")
    page.fill("#id_phone", "+86 138-0013-8000")
    page.check("input[name=gender][value=female]")
    page.check("input[name=age_group][value='36_59']")
    page.select_option("#id_occupation", "farmer")
    # Town first (added by events-checkin.js), then the village list shows only that town.
    page.select_option("#id_home_village_town", label="白蕉镇")
    assert page.locator("#id_home_village option").all_inner_texts()[1:] == ["南澳村", "灯笼村"]
    page.select_option("#id_home_village", areas.nanao.code)
    page.check("#id_consent")
    page.click("#checkin-form button[type=submit]")
    page.wait_for_selector("#checkin-done")
    text = page.inner_text("#checkin-done")
    assert event.title in text
    # The page fits the phone: nothing wider than the screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert page.outside_requests == []
    checkin = CheckIn.objects.get(event=event)
    assert (checkin.phone, checkin.home_village_id, checkin.method) == ("13800138000", areas.nanao.pk, "self")


def test_the_form_works_without_javascript(chromium, live_server, areas, event):
    context = chromium.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}/c/{event.checkin_secret}/")
        assert page.locator("#id_home_village_town").count() == 0
        page.fill("#id_name", "黄伯")
        page.fill("#id_phone", "13920001234")
        page.check("input[name=age_group][value='60_plus']")
        page.select_option("#id_occupation", "retired")
        page.select_option("#id_home_village", areas.jianfeng.code)
        page.check("#id_consent")
        page.click("#checkin-form button[type=submit]")
        page.wait_for_selector("#checkin-done")
    finally:
        context.close()
    assert CheckIn.objects.get(event=event).phone == "13920001234"


def test_the_event_page_count_refreshes_by_itself(phone_page, browser_login, users, event, attendee):
    page = browser_login(phone_page, users.organizer)
    page.clock.install()
    page.goto(f"{page.base_url}/events/{event.pk}/")
    total = page.locator(".ev-total [data-count=attendee_count]").first
    assert total.inner_text() == "0"
    services.perform_checkin(event.checkin_secret, attendee(age_group="under_18"))
    page.clock.run_for(6000)
    # expect() polls without eval(), which the Content-Security-Policy (script-src 'self') forbids.
    expect(page.locator(".ev-total [data-count=attendee_count]")).to_have_text("1")
    assert page.locator("td[data-count='age_group.under_18']").inner_text() == "1"
    assert page.outside_requests == []
