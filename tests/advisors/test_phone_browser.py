"""A real phone-sized Chromium: log a shift on the phone form and find it in "my month"."""

import datetime

import pytest

from advisors.models import Advisor, Assignment, DutyShift
from common.clock import local_today


@pytest.fixture
def advisor_a(users, areas):
    advisor = Advisor.objects.create(name="张律师", user=users.advisor)
    Assignment.objects.create(advisor=advisor, village=areas.jianfeng, starts_on=datetime.date(2023, 1, 1))
    Assignment.objects.create(advisor=advisor, village=areas.xinwei, starts_on=datetime.date(2023, 1, 1))
    return advisor


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_advisor_logs_a_shift_on_the_phone_and_sees_it_in_my_month(phone_page, browser_login, users, advisor_a):
    page = browser_login(phone_page, users.advisor)
    page.goto(page.base_url + "/advisors/shifts/new/?village=440403107201")
    assert page.input_value("#id_village") == "440403107201"
    assert page.input_value("#id_date") == local_today().isoformat()
    assert page.input_value("#id_start_time") and page.input_value("#id_end_time")
    # Counters are big numeric inputs that fit the 360-px screen.
    box = page.locator("#id_consultation_people").bounding_box()
    assert box["height"] >= 44 and box["x"] + box["width"] <= 360
    page.fill("#id_start_time", "08:00")
    page.fill("#id_end_time", "10:30")
    page.select_option("#id_mode", "home_visit")
    page.fill("#id_consultation_batches", "2")
    page.fill("#id_consultation_people", "3")
    page.fill("#id_notes", "土地流转合同咨询")
    page.locator("form.shift-form button[type=submit]").click()
    page.wait_for_url("**/advisors/month/?month=*")
    shifts = page.locator("#month-shifts").inner_text()
    assert "尖峰村" in shifts and "2.5" in shifts
    villages = page.locator("#month-villages").inner_text()
    assert "2.5" in villages
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert page.outside_requests == []
    shift = DutyShift.objects.get()
    assert (shift.advisor, shift.village.code, shift.mode, shift.consultation_people) == (
        advisor_a,
        "440403107201",
        "home_visit",
        3,
    )


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_advisor_enters_topics_on_the_phone_and_is_refused_above_the_totals(
    phone_page, browser_login, users, advisor_a
):
    from advisors.services import topic_counts_of
    from topics.services import ensure_seed_topics

    ensure_seed_topics()  # a transactional test flushes the migration's seeded rows
    page = browser_login(phone_page, users.advisor)
    page.goto(page.base_url + "/advisors/shifts/new/?village=440403107201")
    page.fill("#id_start_time", "08:00")
    page.fill("#id_end_time", "10:00")
    page.fill("#id_consultation_batches", "2")
    page.fill("#id_consultation_people", "2")
    assert not page.locator("#id_topic_land").is_visible()  # the list starts folded
    page.locator("details.shift-topics summary").click()
    box = page.locator("#id_topic_land").bounding_box()
    assert box["height"] >= 44 and box["x"] + box["width"] <= 360
    page.fill("#id_topic_land", "3")
    page.locator("form.shift-form button[type=submit]").click()
    page.wait_for_selector(".form-errors")
    assert "3" in page.locator(".form-errors").inner_text() and not DutyShift.objects.exists()
    assert page.locator("#id_topic_land").is_visible()  # reopened on errors
    page.fill("#id_topic_land", "2")
    page.locator("form.shift-form button[type=submit]").click()
    page.wait_for_url("**/advisors/month/?month=*")
    assert topic_counts_of(DutyShift.objects.get()) == {"land": 2}
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
