"""On a 360-px phone: an officer opens the bell's inbox, then resolves a flag with a note."""

import datetime

import pytest

from notifications.models import Kind
from notifications.notify import notify
from quality.models import Flag
from tests.config.test_phone_pages import WIDTHS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fits(page):
    scroll_width, inner_width, client_width = page.evaluate(WIDTHS)
    assert scroll_width <= inner_width + 1 and scroll_width <= client_width + 1


def test_an_officer_follows_the_bell_and_resolves_a_flag_on_a_phone(phone_page, browser_login, users, areas):
    today = datetime.date.today()
    flag = Flag.objects.create(
        kind=Flag.Kind.SHIFT_TOO_LONG,
        record_type=Flag.RecordType.DUTY_SHIFT,
        record_id=1,
        area_code=areas.jianfeng.code,
        record_date=today,
        why="该次值班长达 13 小时，超过12小时。",
    )
    notify(users.town_officer, Kind.SHIFTS_WAITING, "您辖区有 2 条值班记录等待审核。", "/quality/", "2026-11")
    page = browser_login(phone_page, users.town_officer)
    page.goto(page.base_url + "/")
    assert page.locator("a.bell .count").inner_text() == "1"
    page.locator("a.bell").click()
    page.wait_for_url("**/notifications/")
    fits(page)
    assert "等待审核" in page.locator("main").inner_text()
    page.get_by_role("button", name="打开").click()
    page.wait_for_url("**/quality/")
    fits(page)
    assert page.locator("a.bell .count").count() == 0  # read now
    card = page.locator(f"#flag-{flag.pk}")
    assert "超过12小时" in card.inner_text()
    card.locator("input[name=note]").fill("已核实：当天全天调解")
    card.get_by_role("button", name="处理").click()
    page.wait_for_load_state()
    assert "提示已处理" in page.locator(".messages").inner_text()
    flag.refresh_from_db()
    assert flag.resolved and flag.note == "已核实：当天全天调解"
    # The reminder settings fit too, and muting sticks.
    page.goto(page.base_url + "/notifications/settings/")
    fits(page)
    page.locator("input[value=shifts_waiting]").check()
    page.get_by_role("button", name="保存").click()
    page.wait_for_load_state()
    assert page.locator("input[value=shifts_waiting]").is_checked()
    assert page.outside_requests == []
