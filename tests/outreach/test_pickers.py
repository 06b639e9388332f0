"""Type-ahead pickers: the JSON endpoints (scope, search, limit) and the enhanced event form."""

from datetime import timedelta

import pytest
from django.utils import timezone

from advisors.models import Advisor
from common.pickers import PICKER_LIMIT
from legalsavvy.models import LegalSavvyPerson
from places.models import Area


def _results(response):
    assert response.status_code == 200
    return [(row["value"], row["text"]) for row in response.json()["results"]]


def test_the_area_picker_answers_towns_and_villages_in_scope(areas, users, client_as):
    officer = client_as(users.town_officer)  # 井岸镇
    found = _results(officer.get("/areas/pick.json?q=尖峰"))
    assert found == [("440403107201", "井岸镇 › 尖峰村")]
    assert _results(officer.get("/areas/pick.json?q=南澳")) == []  # another town
    villages = _results(officer.get("/areas/pick.json?level=village"))
    assert villages and all(code.startswith("440403107") and len(code) == 12 for code, _text in villages)
    # By the town's name, too: "井岸" lists the town and its villages.
    assert ("440403107", "井岸镇") in _results(officer.get("/areas/pick.json?q=井岸"))


def test_the_area_picker_is_capped_and_needs_a_login(areas, users, client_as):
    from django.test import Client

    Area.objects.bulk_create(
        [Area(code=f"440403107{i:03d}", name=f"新村{i}", level="village", parent=areas.jingan) for i in range(300, 340)]
    )
    assert len(_results(client_as(users.coordinator).get("/areas/pick.json?q=新村"))) == PICKER_LIMIT
    assert Client().get("/areas/pick.json?q=新村").status_code == 302


def test_the_advisor_and_person_pickers(areas, users, client_as):
    Advisor.objects.create(name="张律师", firm="斗门律所")
    Advisor.objects.create(name="张旧", active=False)
    LegalSavvyPerson.objects.create(
        name="陈明白", village=areas.jianfeng, status="active", gender="female", appointed_on=timezone.localdate()
    )
    LegalSavvyPerson.objects.create(
        name="陈南澳", village=areas.nanao, status="active", gender="male", appointed_on=timezone.localdate()
    )
    organizer = client_as(users.town_officer)
    assert [text for _v, text in _results(organizer.get("/advisors/people/pick.json?q=张"))] == ["张律师 · 斗门律所"]
    assert [text for _v, text in _results(organizer.get("/legal-savvy/pick.json?q=陈"))] == ["陈明白 · 尖峰村"]


def test_the_event_form_marks_its_pickers_and_loads_tom_select(users, client_as):
    html = client_as(users.organizer).get("/events/new/").content.decode()
    assert 'data-picker-url="/areas/pick.json"' in html
    assert 'data-picker-url="/advisors/people/pick.json"' in html
    assert 'data-picker-url="/legal-savvy/pick.json"' in html
    assert "vendor/tom-select/tom-select.complete.min.js" in html and "site/pickers.js" in html
    # Without JavaScript it is a plain <select> with the options grouped by town.
    assert '<optgroup label="井岸镇">' in html


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_organizer_picks_the_village_by_typing_on_a_phone(phone_page, browser_login, users, areas):
    page = browser_login(phone_page, users.organizer)
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(page.base_url + "/events/new/")
    assert errors == []
    wrapper = page.locator("#id_area").locator("xpath=following-sibling::div[contains(@class,'ts-wrapper')]")
    assert wrapper.count() == 1, page.content()[page.content().find('id="id_area"') - 300 :][:1500]
    wrapper.locator(".ts-control").click()
    page.keyboard.type("尖峰")
    option = page.locator(".ts-dropdown .option", has_text="尖峰村").first
    option.wait_for()
    option.click()
    assert page.input_value("#id_area") == "440403107201"
    start = timezone.localtime() + timedelta(days=1)
    page.fill("#id_title", "民法典进村")
    page.fill("#id_starts_at", start.strftime("%Y-%m-%dT10:00"))
    page.fill("#id_ends_at", start.strftime("%Y-%m-%dT11:00"))
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.locator("form button[type=submit].primary").click()
    page.wait_for_url("**/events/*/")
    from outreach.models import Event

    event = Event.objects.get(title="民法典进村")
    assert event.area.code == "440403107201"
    assert page.outside_requests == []


def test_the_ledger_assignment_and_legal_savvy_forms_use_pickers(areas, users, client_as):
    officer = client_as(users.town_officer)
    ledger = officer.get("/advisors/ledger/").content.decode()
    assert 'name="village" data-picker=""' in ledger and "site/pickers.js" in ledger
    coordinator = client_as(users.coordinator)
    assignment = coordinator.get("/advisors/assignments/new/").content.decode()
    assert 'data-picker-url="/advisors/people/pick.json"' in assignment
    person = coordinator.get("/legal-savvy/new/").content.decode()
    assert 'data-picker-url="/areas/pick.json?level=village"' in person and "site/pickers.js" in person
