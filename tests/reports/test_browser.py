"""The figures page on a real phone-sized Chromium: fits 360 px, stays local, the copy button works."""

import pytest


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_page_works_on_a_phone(ledger, users, phone_page, browser_login):
    page = browser_login(phone_page, users.coordinator)
    page.goto(f"{page.base_url}/figures/?year=2023&area=440403")
    assert page.locator("h1").inner_text().endswith("斗门区 2023")
    assert page.locator("#narrative-zh").input_value().startswith("2023年1-12月，全区4个村（社区）3名法律顾问")
    # Nothing wider than the phone: wide tables scroll inside their own box.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.locator("button[data-copy=narrative-zh]").click()
    page.locator(".copied").wait_for(state="visible", timeout=3000)
    page.locator("details:has(#narrative-en) summary").click()
    assert "January–December 2023" in page.locator("#narrative-en").inner_text()
    assert page.outside_requests == []


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_chart_draws_and_the_print_view_hides_the_navigation(ledger, users, phone_page, browser_login):
    page = browser_login(phone_page, users.coordinator)
    page.goto(f"{page.base_url}/figures/?year=2023&area=440403&print=1")
    page.wait_for_selector("#monthly-chart[data-ready='3']", timeout=5000)
    assert not page.locator(".topbar").is_visible()
    assert not page.locator("form.filters").is_visible()
    assert page.locator(".narrative-print").inner_text().startswith("2023年1-12月，全区")
    page.emulate_media(media="print")
    assert not page.locator("button[data-print]").is_visible()
    assert page.locator("#by-area-yoy").is_visible()
    assert page.outside_requests == []
