"""On a 360-px phone: record one training for a whole village's legal-savvy persons at once."""

import datetime as dt

import pytest

from legalsavvy.models import Training


def _pick(page, field_id, typed, option_text):
    """Type into the Tom Select box of ``field_id`` and click the option (loaded from /api/lookups/)."""
    wrapper = page.locator(f"#{field_id}").locator("xpath=following-sibling::div[contains(@class,'ts-wrapper')]")
    wrapper.locator(".ts-control").click()
    page.keyboard.type(typed)
    option = page.locator(".ts-dropdown:visible .option", has_text=option_text).first
    option.wait_for()
    option.click()
    page.keyboard.press("Escape")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_town_officer_records_a_training_for_everyone_from_a_phone(
    areas, users, person_factory, phone_page, browser_login
):
    people = [person_factory(areas.jianfeng, name=f"明白人{i}") for i in range(5)]
    person_factory(areas.nanao, name="外镇人")
    page = browser_login(phone_page, users.town_officer)
    page.goto(f"{page.base_url}/legal-savvy/trainings/new/?village={areas.jianfeng.code}")
    # The whole village is pre-chosen; nobody is listed in the page; the text boxes are gone.
    assert page.locator("#id_villages option:checked").count() == 1
    assert page.locator("#id_persons option").count() == 0
    assert page.locator("[data-picker-typed-for]").count() == 0
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.fill('input[name="date"]', "2023-05-01")
    page.fill('input[name="hours"]', "2.5")
    page.fill('input[name="topic"]', "民法典进村入户")
    _pick(page, "id_passed", "明白人0", "明白人0")
    page.wait_for_function("() => document.querySelectorAll('#id_passed option:checked').length === 1")
    page.locator("form.card button.primary").click()
    page.wait_for_url("**/legal-savvy/trainings/")
    assert "民法典进村入户" in page.content()
    assert Training.objects.filter(date=dt.date(2023, 5, 1), topic="民法典进村入户").count() == 5
    assert Training.objects.get(person=people[0]).passed is True
    assert Training.objects.get(person=people[1]).passed is None
    assert page.outside_requests == []


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_registry_fits_a_phone_and_masks_phones(areas, users, person_factory, phone_page, browser_login):
    person_factory(areas.jianfeng, name="陈大文", phone="13800138000")
    page = browser_login(phone_page, users.town_officer)
    page.goto(f"{page.base_url}/legal-savvy/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    text = page.inner_text("main")
    assert "陈大文" in text and "138****8000" in text and "13800138000" not in text
