"""Every role's main pages on a 360-px phone in headless Chromium: the page answers 200, nothing is
wider than the screen (wide tables scroll inside .table-wrap), nothing is loaded from outside
127.0.0.1, and the page's own heading is there. Plus the home tiles each role needs, the A4 poster
printing on one page and the projector view on a landscape screen."""

import datetime
import re
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone

from advisors.models import Advisor, Assignment, DutyShift
from common.clock import local_today
from legalsavvy import services as savvy
from legalsavvy.models import VillageHonor
from outreach import services as outreach
from outreach.models import CheckIn, Event

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# In a mobile viewport an overflowing page widens window.innerWidth along with it, so the screen
# width is compared with clientWidth (the layout viewport) as well.
WIDTHS = """() => [document.documentElement.scrollWidth, window.innerWidth, document.documentElement.clientWidth]"""


@pytest.fixture
def ledger(users, areas):
    """A little of everything: an advisor on duty in 尖峰村, a legal-savvy person there with an
    honor, an event open for check-in now with one attendee."""
    today = local_today()
    advisor = Advisor.objects.create(
        name="王律师", firm="广东井岸明理律师事务所", phone="13911112222", user=users.advisor
    )
    Assignment.objects.create(advisor=advisor, village=areas.jianfeng, starts_on=datetime.date(2022, 1, 1))
    shift = DutyShift.objects.create(
        advisor=advisor,
        village=areas.jianfeng,
        date=today - datetime.timedelta(days=1),
        start_time=datetime.time(9),
        end_time=datetime.time(12),
        hours=Decimal("3"),
        consultation_batches=2,
        consultation_people=5,
    )
    person = savvy.appoint_person(
        village=areas.jianfeng,
        name="陈明白",
        appointed_on=datetime.date(2023, 3, 1),
        phone="13800001111",
        advisor=advisor,
    )
    VillageHonor.objects.create(
        village=areas.jianfeng,
        title=VillageHonor.Title.DEMOCRACY_RULE_OF_LAW_VILLAGE,
        level=VillageHonor.Level.PROVINCIAL,
        year=2023,
    )
    start = timezone.now() - datetime.timedelta(minutes=10)
    event = outreach.create_event(
        users.organizer,
        {
            "title": "井岸镇尖峰村“民法典进农村”普法讲座",
            "kind": Event.Kind.LECTURE,
            "sector": Event.Sector.VILLAGES,
            "area": areas.jianfeng,
            "venue": "尖峰村党群服务中心二楼会议室",
            "starts_at": start,
            "ends_at": start + datetime.timedelta(hours=2),
            "audiences": ["general", "elderly"],
            "topics": ["民法典"],
        },
    )
    outreach.perform_checkin(
        event,
        {
            "name": "陈小梅",
            "phone": "13800138000",
            "gender": "female",
            "age_group": "36_59",
            "occupation": "farmer",
            "home_village": areas.jianfeng.code,
        },
        method=CheckIn.Method.ORGANIZER,
        user=users.organizer,
        enforce_window=False,
    )
    return SimpleNamespace(shift=shift, person=person, event=event, village=areas.jianfeng)


def visit(page, path, heading):
    """Open ``path`` and check it the way a careful phone user would."""
    response = page.goto(page.base_url + path)
    assert response.status == 200, path
    scroll_width, inner_width, client_width = page.evaluate(WIDTHS)
    assert scroll_width <= inner_width + 1 and scroll_width <= client_width + 1, (path, scroll_width, client_width)
    title = page.locator("main h1").first
    assert title.is_visible(), path
    assert heading in title.inner_text(), (path, title.inner_text())
    return page


def tiles(page):
    return set(page.eval_on_selector_all(".tiles a.tile", "links => links.map(a => a.getAttribute('href'))"))


def test_an_attendee_checks_in_on_a_phone(phone_page, ledger):
    page = visit(phone_page, "/login/", "登录")
    secret = ledger.event.checkin_secret
    visit(page, f"/c/{secret}/", "民法典进农村")
    page.fill("#id_name", "黄伯")
    page.fill("#id_phone", "139 2000 1234")
    page.check("input[name=age_group][value='60_plus']")
    page.select_option("#id_occupation", "retired")
    page.check("#id_consent")
    with page.expect_navigation():
        page.click("#checkin-form button[type=submit]")
    assert f"/c/{secret}/ok/" in page.url
    widths = page.evaluate(WIDTHS)
    assert widths[0] <= widths[2] + 1
    assert "民法典进农村" in page.inner_text("main")
    assert page.outside_requests == []


def test_the_advisor_pages_fit_a_phone(phone_page, browser_login, users, ledger):
    page = browser_login(phone_page, users.advisor)
    visit(page, "/", "法律顾问")
    assert tiles(page) == {
        reverse(name)
        for name in (
            "advisors:my_villages",
            "advisors:shift_create",
            "advisors:my_month",
            "offline:duty",
            "places:area_browser",
        )
    }
    visit(page, "/advisors/", "我的村（社区）")
    visit(page, "/advisors/shifts/new/", "登记值班")
    visit(page, "/advisors/month/", "本月值班")
    visit(page, f"/advisors/shifts/{ledger.shift.pk}/", "值班记录")
    visit(page, "/areas/", "行政区划")
    assert page.outside_requests == []


def test_the_organizer_pages_fit_a_phone_and_print_on_a4(phone_page, browser_login, users, ledger):
    page = browser_login(phone_page, users.organizer)
    event = ledger.event
    visit(page, "/", "活动组织者")
    assert reverse("outreach:event_list") in tiles(page)
    visit(page, "/events/", "普法活动")
    visit(page, "/events/new/", "新建活动")
    visit(page, f"/events/{event.pk}/", "民法典进农村")
    visit(page, f"/events/{event.pk}/attendees/", "参加人员名单")
    visit(page, f"/events/{event.pk}/sheet/", "纸质签到表")
    visit(page, f"/events/{event.pk}/poster/", "民法典进农村")
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == 1  # the poster is one A4 sheet

    visit(page, f"/events/{event.pk}/projector/", "民法典进农村")
    page.set_viewport_size({"width": 1280, "height": 720})
    qr = page.locator(".projector .ev-qr svg").bounding_box()
    count = page.locator(".projector .ev-total").bounding_box()
    assert count["x"] > qr["x"] + qr["width"]  # side by side on a landscape projector…
    assert qr["y"] + qr["height"] <= 720 and count["y"] + count["height"] <= 720  # …and nothing below the fold
    assert page.outside_requests == []


def test_the_town_officer_pages_fit_a_phone(phone_page, browser_login, users, ledger):
    page = browser_login(phone_page, users.town_officer)
    visit(page, "/", "司法所")
    assert {
        reverse("advisors:ledger"),
        reverse("advisors:compliance"),
        reverse("legalsavvy:registry"),
        reverse("legalsavvy:honors"),
        reverse("coverage:map"),
        reverse("coverage:gaps"),
        reverse("figures:page"),
    } <= tiles(page)
    visit(page, "/advisors/ledger/", "值班台账")
    visit(page, "/advisors/compliance/", "值班达标情况")
    visit(page, "/advisors/villages/", "村居法律顾问")
    visit(page, "/legal-savvy/", "法律明白人")
    visit(page, f"/legal-savvy/villages/{ledger.village.code}/", "尖峰村")
    visit(page, "/coverage/", "工作概览")
    visit(page, "/coverage/gaps/", "薄弱环节清单")
    visit(page, "/figures/", "年度数据")
    assert page.outside_requests == []


def test_the_coordinator_pages_fit_a_phone(phone_page, browser_login, users, ledger):
    page = browser_login(phone_page, users.coordinator)
    visit(page, "/", "协调员")
    assert {
        reverse("outreach:event_list"),
        reverse("advisors:advisor_list"),
        reverse("advisors:villages"),
        reverse("legalsavvy:registry"),
        reverse("legalsavvy:honors"),
        reverse("coverage:dashboard"),
        reverse("coverage:map"),
        reverse("coverage:gaps"),
        reverse("figures:page"),
        reverse("places:area_browser"),
    } <= tiles(page)
    visit(page, "/advisors/people/", "法律顾问")
    visit(page, "/advisors/assignments/new/", "聘任到村（社区）")
    visit(page, f"/legal-savvy/{ledger.person.pk}/", "陈明白")
    visit(page, "/legal-savvy/trainings/", "培训")
    visit(page, "/legal-savvy/honors/", "荣誉")
    visit(page, "/legal-savvy/import/", "导入名册")
    visit(page, "/coverage/map/", "覆盖地图")
    visit(page, f"/coverage/village/{ledger.village.code}/", "尖峰村")
    visit(page, "/areas/440403107/", "井岸镇")
    assert page.outside_requests == []
