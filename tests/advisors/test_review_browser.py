"""Real Chromium: an officer returns a shift with a comment on the ledger; the advisor (phone) sees it
on their home, corrects it, and the officer's ledger shows it waiting again."""

import datetime

import pytest

from advisors import services
from advisors.models import Advisor, Assignment, DutyShift
from common.clock import local_today


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_officer_returns_a_shift_and_the_advisor_corrects_it(chromium, phone_page, browser_login, users, areas):
    advisor = Advisor.objects.create(name="张律师", user=users.advisor)
    Assignment.objects.create(advisor=advisor, village=areas.jianfeng, starts_on=datetime.date(2023, 1, 1))
    day = local_today() - datetime.timedelta(days=1)
    shift = services.record_shift(
        by=None,
        advisor=advisor,
        village=areas.jianfeng,
        date=day,
        start_time=datetime.time(9),
        end_time=datetime.time(11),
        consultation_batches=3,
        consultation_people=3,
    )

    officer_context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    officer = officer_context.new_page()
    officer.base_url = phone_page.base_url
    browser_login(officer, users.town_officer)
    officer.goto(officer.base_url + "/advisors/ledger/")
    assert "等待您审核" in officer.locator("#waiting-note").inner_text()
    officer.check(f"#ledger input[name=shift][value='{shift.pk}']")
    officer.fill("input[name=comment]", "咨询人数应为5人，请更正")
    officer.click("#return-selected")
    officer.wait_for_load_state()
    assert DutyShift.objects.get(pk=shift.pk).state == "returned"
    # The waiting list no longer shows it.
    assert officer.locator(f"#ledger input[name=shift][value='{shift.pk}']").count() == 0

    page = browser_login(phone_page, users.advisor)
    page.goto(page.base_url + "/")
    returned = page.locator("#returned-shifts")
    assert "咨询人数应为5人，请更正" in returned.inner_text()
    returned.locator("a").first.click()
    page.wait_for_url(f"**/advisors/shifts/{shift.pk}/edit/")
    assert "咨询人数应为5人" in page.locator("#returned-comment").inner_text()
    page.fill("#id_consultation_people", "5")
    page.locator("form.shift-form button[type=submit]").click()
    page.wait_for_url("**/advisors/month/?month=*")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert page.outside_requests == []
    shift.refresh_from_db()
    assert (shift.state, shift.consultation_people) == ("submitted", 5)
    page.goto(page.base_url + "/")
    assert page.locator("#returned-shifts").count() == 0

    officer.goto(officer.base_url + "/advisors/ledger/")
    assert officer.locator(f"#ledger input[name=shift][value='{shift.pk}']").count() == 1
    officer.goto(officer.base_url + f"/advisors/shifts/{shift.pk}/")
    history = officer.locator("#shift-history").inner_text()
    assert "审核状态由已提交改为已退回" in history and "审核状态由已退回改为已提交" in history
    officer_context.close()
