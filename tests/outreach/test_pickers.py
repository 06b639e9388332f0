"""Type-ahead pickers: the /api/lookups/ endpoints (scope, search, pages, fixed query counts), the forms
that render only the chosen options, the no-JavaScript text boxes, and typing into a picker in a browser."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from advisors.models import Advisor, Assignment
from legalsavvy.models import LegalSavvyPerson
from outreach.models import Event
from places.models import Area

from .test_pages_events import form_body

pytestmark = pytest.mark.django_db


def _results(response):
    assert response.status_code == 200, response.content
    return [(row["value"], row["text"]) for row in response.json()["results"]]


def _person(village, name, **fields):
    return LegalSavvyPerson.objects.create(
        name=name, village=village, status="active", gender="female", appointed_on=timezone.localdate(), **fields
    )


@pytest.fixture
def crowd(areas):
    """250 advisors and 250 legal-savvy persons in 尖峰村: far too many to list in a page."""
    Advisor.objects.bulk_create(Advisor(name=f"律师{i:03d}", license_no=f"1440{i:013d}") for i in range(250))
    LegalSavvyPerson.objects.bulk_create(
        LegalSavvyPerson(
            name=f"明白人{i:03d}",
            village=areas.jianfeng,
            status="active",
            gender="male",
            appointed_on=timezone.localdate(),
        )
        for i in range(250)
    )


# --- the lookup endpoints --------------------------------------------------------------------


def test_the_area_lookup_answers_towns_and_villages_in_scope(areas, users, api_as):
    officer = api_as(users.town_officer)  # 井岸镇
    assert _results(officer.get("/api/lookups/areas/?q=尖峰")) == [("440403107201", "井岸镇 › 尖峰村")]
    assert _results(officer.get("/api/lookups/areas/?q=南澳")) == []  # another town
    assert _results(officer.get("/api/lookups/areas/?q=4404031072")) == [("440403107201", "井岸镇 › 尖峰村")]
    villages = _results(officer.get("/api/lookups/areas/?level=village"))
    assert villages and all(code.startswith("440403107") and len(code) == 12 for code, _text in villages)
    assert ("440403107", "井岸镇") in _results(officer.get("/api/lookups/areas/?q=井岸"))
    # A town's villages only (town → village), and the district for the event form.
    coordinator = api_as(users.coordinator)
    under = _results(coordinator.get("/api/lookups/areas/?level=village&under=440403106"))
    assert [code for code, _t in under] == ["440403106201", "440403106202"]  # the closed village is left out
    assert ("440403", "斗门区") in _results(coordinator.get("/api/lookups/areas/?level=district,town&q=斗门"))


def test_the_advisor_and_person_lookups_search_name_numbers_and_village(areas, users, api_as):
    Advisor.objects.create(name="张律师", firm="斗门律所", license_no="14404201810123456")
    Advisor.objects.create(name="张旧", active=False)
    _person(areas.jianfeng, "陈明白", certificate_no="DM-0007")
    _person(areas.nanao, "陈南澳")
    officer = api_as(users.town_officer)
    assert [t for _v, t in _results(officer.get("/api/lookups/advisors/?q=张"))] == ["张律师 · 斗门律所"]
    assert [t for _v, t in _results(officer.get("/api/lookups/advisors/?q=201810123"))] == ["张律师 · 斗门律所"]
    assert [t for _v, t in _results(officer.get("/api/lookups/advisors/?q=斗门律"))] == ["张律师 · 斗门律所"]
    assert [t for _v, t in _results(officer.get("/api/lookups/legal-savvy-persons/?q=陈"))] == ["陈明白 · 尖峰村"]
    assert [t for _v, t in _results(officer.get("/api/lookups/legal-savvy-persons/?q=DM-0007"))] == ["陈明白 · 尖峰村"]
    assert [t for _v, t in _results(officer.get("/api/lookups/legal-savvy-persons/?q=尖峰"))] == ["陈明白 · 尖峰村"]
    # The other town's officer does not find 尖峰村's person.
    assert _results(api_as(users.other_town_officer).get("/api/lookups/legal-savvy-persons/?q=陈")) == [
        (str(LegalSavvyPerson.objects.get(name="陈南澳").pk), "陈南澳 · 南澳村")
    ]


def test_the_lookups_are_paginated_in_two_queries_whatever_the_crowd(
    crowd, users, api_as, django_assert_max_num_queries
):
    officer = api_as(users.town_officer)
    for url in ("/api/lookups/advisors/?q=律师", "/api/lookups/legal-savvy-persons/?q=明白人", "/api/lookups/areas/"):
        officer.get(url)  # the session and the user are loaded once
        with django_assert_max_num_queries(4):  # user, count, page (+ savepoint noise)
            body = officer.get(url).json()
        assert body["count"] >= 2 and len(body["results"]) == min(20, body["count"])
    body = officer.get("/api/lookups/advisors/?q=律师&page=2&page_size=100").json()
    assert body["count"] == 250 and len(body["results"]) == 100 and body["next"] and body["previous"]
    assert body["results"][0]["text"] == "律师100"


def test_the_lookups_need_a_login(areas):
    for url in ("/api/lookups/advisors/", "/api/lookups/legal-savvy-persons/", "/api/lookups/areas/"):
        assert Client().get(url).status_code in (401, 403)


def test_the_older_pick_json_endpoints_still_answer(areas, users, client_as):
    Area.objects.bulk_create(
        [Area(code=f"440403107{i:03d}", name=f"新村{i}", level="village", parent=areas.jingan) for i in range(300, 340)]
    )
    officer = client_as(users.town_officer)
    assert len(_results(officer.get("/areas/pick.json?q=新村"))) == 20
    assert _results(officer.get("/areas/pick.json?q=南澳")) == []
    assert Client().get("/areas/pick.json?q=新村").status_code == 302


# --- the forms render the chosen options only ----------------------------------------------


def test_the_event_form_lists_no_people_and_no_areas(crowd, areas, users, client_as):
    html = client_as(users.organizer).get("/events/new/").content.decode()
    assert 'data-picker-url="/api/lookups/areas/?level=district,town,village"' in html
    assert 'data-picker-url="/api/lookups/advisors/"' in html
    assert 'data-picker-url="/api/lookups/legal-savvy-persons/"' in html
    assert "vendor/tom-select/tom-select.complete.min.js" in html and "site/pickers.js" in html
    assert "律师001" not in html and "明白人001" not in html and "尖峰村" not in html
    assert 'name="advisors_text"' in html and 'name="area_text"' in html  # the no-JavaScript text boxes


def test_the_event_form_costs_the_same_queries_for_5_or_250_people(
    areas, users, client_as, django_assert_max_num_queries
):
    client = client_as(users.organizer)
    Advisor.objects.bulk_create(Advisor(name=f"律师{i}") for i in range(5))
    event_id = client.post(
        "/events/new/", form_body(areas, advisors=list(Advisor.objects.values_list("pk", flat=True)))
    )
    event = Event.objects.get()
    assert event_id.status_code == 302 and event.advisors.count() == 5

    def count_queries():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            html = client.get(f"/events/{event.pk}/edit/").content.decode()
        return len(captured), html

    few, html = count_queries()
    assert html.count("<option") <= 5 + 2 + 20  # 5 advisors, the area, empty options (series and kinds besides)
    Advisor.objects.bulk_create(Advisor(name=f"新律师{i}") for i in range(250))
    LegalSavvyPerson.objects.bulk_create(
        LegalSavvyPerson(name=f"人{i}", village=areas.jianfeng, status="active", appointed_on=timezone.localdate())
        for i in range(250)
    )
    many, html = count_queries()
    assert many == few and "新律师1" not in html
    assert "律师0" in html and "新伟社区" in html  # the chosen ones are rendered, with their labels


def test_without_javascript_names_and_numbers_are_typed(areas, users, client_as):
    client = client_as(users.organizer)
    zhang = Advisor.objects.create(name="张律师", license_no="14404201810123456")
    li = Advisor.objects.create(name="李律师")
    chen = _person(areas.jianfeng, "陈明白")
    body = form_body(areas, area="", area_text="尖峰村", advisors_text="14404201810123456、李律师")
    body["legal_savvy_persons_text"] = "陈明白"
    response = client.post("/events/new/", body)
    assert response.status_code == 302, response.context["form"].errors
    event = Event.objects.get()
    assert event.area == areas.jianfeng
    assert set(event.advisors.all()) == {zhang, li} and list(event.legal_savvy_persons.all()) == [chen]


def test_a_typed_name_that_is_unknown_or_ambiguous_is_a_form_error(areas, users, client_as):
    client = client_as(users.organizer)
    Advisor.objects.create(name="张伟", firm="甲所", license_no="111")
    Advisor.objects.create(name="张伟", firm="乙所", license_no="222")
    response = client.post("/events/new/", form_body(areas, advisors_text="张伟, 无名氏"))
    assert response.status_code == 200 and not Event.objects.exists()
    errors = " ".join(response.context["form"].errors["advisors"])
    assert "张伟 · 甲所" in errors and "张伟 · 乙所" in errors and "无名氏" in errors
    html = response.content.decode()
    assert 'value="张伟, 无名氏"' in html  # what was typed is kept
    # Typing the licence number settles it.
    response = client.post("/events/new/", form_body(areas, advisors_text="222"))
    assert response.status_code == 302 and Event.objects.get().advisors.get().firm == "乙所"
    # An area of another town cannot be typed in (organizer_a's scope is the district: try an outsider).
    outsider = client_as(users.town_officer)
    response = outsider.post("/events/new/", form_body(areas, area="", area_text="南澳村"))
    assert response.status_code in (200, 403) and Event.objects.count() == 1


# --- the assignment form: advisor and town → village pickers --------------------------------


def test_the_assignment_form_picks_the_village(areas, users, client_as):
    advisor = Advisor.objects.create(name="王律师", license_no="333")
    client = client_as(users.coordinator)
    html = client.get(f"/advisors/assignments/new/?village={areas.jianfeng.code}").content.decode()
    assert 'data-picker-url="/api/lookups/areas/?level=village"' in html
    assert "井岸镇 › 尖峰村" in html and "南澳村" not in html and "village-codes" not in html
    response = client.post(
        "/advisors/assignments/new/", {"advisor": advisor.pk, "village": areas.jianfeng.code, "starts_on": "2024-01-01"}
    )
    assert response.status_code == 302
    # Without JavaScript: the village's name and the licence number typed.
    response = client.post(
        "/advisors/assignments/new/", {"advisor_text": "333", "village_text": "南澳村", "starts_on": "2024-01-01"}
    )
    assert response.status_code == 302
    assert set(Assignment.objects.values_list("village__name", flat=True)) == {"尖峰村", "南澳村"}
    response = client.post(
        "/advisors/assignments/new/", {"advisor": advisor.pk, "village": "440403106299", "starts_on": "2024-01-01"}
    )
    assert response.status_code == 200 and "village" in response.context["form"].errors  # a closed village


def test_the_ledger_and_legal_savvy_forms_use_pickers(areas, users, client_as, crowd):
    officer = client_as(users.town_officer)
    ledger = officer.get("/advisors/ledger/?town=440403107").content.decode()
    assert 'name="village" data-picker=""' in ledger and "site/pickers.js" in ledger
    assert 'data-picker-url="/api/lookups/areas/?level=village&amp;under=440403107"' in ledger  # town → village
    assert "尖峰村" not in ledger and "律师001" not in ledger
    # A chosen village is rendered (with its town); without JavaScript a name can be typed.
    chosen = officer.get("/advisors/ledger/?village=440403107201").content.decode()
    assert "井岸镇 › 尖峰村" in chosen
    typed = officer.get("/advisors/ledger/?village_text=尖峰村&approval=")
    assert typed.status_code == 200 and typed.context["form"].filters()["village"] == "440403107201"
    outside = officer.get("/advisors/ledger/?village_text=南澳村&approval=")
    assert "village" not in outside.context["form"].filters()  # another town's village is not a filter
    coordinator = client_as(users.coordinator)
    person = coordinator.get("/legal-savvy/new/").content.decode()
    assert 'data-picker-url="/api/lookups/areas/?level=village"' in person and "site/pickers.js" in person
    assert "南澳村" not in person


# --- in a browser ----------------------------------------------------------------------------


def _pick(page, field_id, typed, option_text):
    wrapper = page.locator(f"#{field_id}").locator("xpath=following-sibling::div[contains(@class,'ts-wrapper')]")
    wrapper.wait_for()  # Tom Select has decorated the <select>
    assert wrapper.count() == 1
    wrapper.locator(".ts-control").click()
    # Type only once the picker's input has the focus (on a busy machine the click's focus can lag).
    page.wait_for_function(
        "id => document.activeElement && document.activeElement.closest('.ts-wrapper')"
        " === document.getElementById(id).nextElementSibling",
        arg=field_id,
    )
    page.keyboard.type(typed)
    option = page.locator(".ts-dropdown:visible .option", has_text=option_text).first
    option.wait_for()
    option.click()
    page.keyboard.press("Escape")
    # The choice has reached the <select> the form submits.
    page.wait_for_function(
        "([id, text]) => [...document.getElementById(id).selectedOptions].some(o => o.text.includes(text))",
        arg=[field_id, option_text],
    )


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_an_organizer_picks_the_village_and_an_advisor_by_typing_on_a_phone(
    phone_page, browser_login, users, areas, crowd
):
    page = browser_login(phone_page, users.organizer)
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(page.base_url + "/events/new/")
    assert errors == []
    assert page.locator("[data-picker-typed-for]").count() == 0  # the text boxes are for pages without JS
    _pick(page, "id_area", "尖峰", "尖峰村")
    assert page.input_value("#id_area") == "440403107201"
    _pick(page, "id_advisors", "律师24", "律师249")  # far down a list of 250: found by typing
    page.wait_for_function("() => document.querySelectorAll('#id_advisors option:checked').length === 1")
    start = timezone.localtime() + timedelta(days=1)
    page.fill("#id_title", "民法典进村")
    page.fill("#id_starts_at", start.strftime("%Y-%m-%dT10:00"))
    page.fill("#id_ends_at", start.strftime("%Y-%m-%dT11:00"))
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.locator("form button[type=submit].primary").click()
    page.wait_for_url("**/events/*/")
    event = Event.objects.get(title="民法典进村")
    assert event.area.code == "440403107201"
    assert [a.name for a in event.advisors.all()] == ["律师249"]
    assert page.outside_requests == []


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_coordinator_assigns_by_typing_the_advisor_and_the_village(phone_page, browser_login, users, areas, crowd):
    page = browser_login(phone_page, users.coordinator)
    page.goto(page.base_url + "/advisors/assignments/new/")
    _pick(page, "id_advisor", "律师13", "律师137")
    _pick(page, "id_village", "白蕉", "南澳村")  # the town's name finds its villages
    assert page.input_value("#id_village") == "440403106201"
    page.fill("#id_starts_on", "2024-01-01")
    page.locator("form button[type=submit].primary").click()
    page.wait_for_url("**/advisors/people/*/**")
    assignment = Assignment.objects.get()
    assert (assignment.advisor.name, assignment.village.code) == ("律师137", "440403106201")
    assert page.outside_requests == []


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_without_javascript_the_assignment_form_takes_typed_names(chromium, live_server, users, areas, crowd):
    from django.conf import settings as django_settings

    context = chromium.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    client = Client()
    client.force_login(users.coordinator)
    host = live_server.url.split("://", 1)[1].split(":")[0]
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": django_settings.SESSION_COOKIE_NAME, "value": cookie, "domain": host, "path": "/"}])
    page = context.new_page()
    try:
        page.goto(live_server.url + "/advisors/assignments/new/")
        assert page.locator("#id_advisor option").count() == 1  # the empty choice only: no list of 250
        page.fill("#id_advisor_text", "律师042")
        page.fill("#id_village_text", "尖峰村")
        page.fill("#id_starts_on", "2024-01-01")
        with page.expect_navigation():
            page.locator("form button[type=submit].primary").click()
        assert "/advisors/people/" in page.url, page.inner_text("main")[:1500]
        assignment = Assignment.objects.get()
        assert (assignment.advisor.name, assignment.village.code) == ("律师042", "440403107201")
    finally:
        context.close()
