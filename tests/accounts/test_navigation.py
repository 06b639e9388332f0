"""The role menu: each app registers its own entries, and the menu is the same as when
accounts/navigation.py listed them all itself (order, labels, who sees what), plus the people pages
(issue 11: managers; API tokens coordinators only)."""

import pytest
from django.utils import translation

from accounts.navigation import items_for
from tests.conftest import make_user

# Each role's menu, in order: the entries the apps register in their menu.py files.
EXPECTED = {
    "coordinator": [
        "outreach:event_list",
        "offline:door_list",
        "advisors:ledger",
        "advisors:compliance",
        "advisors:villages",
        "advisors:advisor_list",
        "people:user_list",
        "legalsavvy:registry",
        "legalsavvy:honors",
        "coverage:dashboard",
        "coverage:map",
        "coverage:gaps",
        "needs:page",
        "quality:flags",
        "figures:page",
        "topics:list",
        "works:list",
        "places:area_browser",
        "imports:upload",
        "jobs:my_jobs",
        "people:token_list",
    ],
    "town_officer": [
        "outreach:event_list",
        "advisors:ledger",
        "advisors:compliance",
        "advisors:villages",
        "people:user_list",
        "legalsavvy:registry",
        "legalsavvy:honors",
        "coverage:dashboard",
        "coverage:map",
        "coverage:gaps",
        "needs:page",
        "quality:flags",
        "figures:page",
        "topics:list",
        "works:list",
        "places:area_browser",
        "imports:upload",
        "jobs:my_jobs",
    ],
    "organizer": [
        "outreach:event_list",
        "offline:door_list",
        "places:area_browser",
        "imports:upload",
        "jobs:my_jobs",
    ],
    "advisor": [
        "advisors:my_villages",
        "advisors:shift_create",
        "advisors:my_month",
        "offline:duty",
        "places:area_browser",
    ],
}
EVERYTHING = [
    ("advisors:my_villages", "/advisors/", "我的村（社区）"),
    ("advisors:shift_create", "/advisors/shifts/new/", "登记值班"),
    ("advisors:my_month", "/advisors/month/", "本月值班"),
    ("offline:duty", "/offline/duty/", "离线值班"),
    ("outreach:event_list", "/events/", "普法活动"),
    ("offline:door_list", "/offline/door/", "现场签到模式"),
    ("advisors:ledger", "/advisors/ledger/", "值班台账"),
    ("advisors:compliance", "/advisors/compliance/", "值班达标情况"),
    ("advisors:villages", "/advisors/villages/", "村居法律顾问"),
    ("advisors:advisor_list", "/advisors/people/", "法律顾问"),
    ("people:user_list", "/people/", "人员与账号"),
    ("legalsavvy:registry", "/legal-savvy/", "法律明白人"),
    ("legalsavvy:honors", "/legal-savvy/honors/", "村（社区）荣誉"),
    ("coverage:dashboard", "/coverage/", "工作概览"),
    ("coverage:map", "/coverage/map/", "覆盖地图"),
    ("coverage:gaps", "/coverage/gaps/", "薄弱环节清单"),
    ("needs:page", "/needs/", "需求与普法"),
    ("quality:flags", "/quality/", "数据质量提示"),
    ("figures:page", "/figures/", "年度数据"),
    ("topics:list", "/topics/", "法律问题类别"),
    ("works:list", "/works/", "作品与获奖"),
    ("places:area_browser", "/areas/", "行政区划"),
    ("imports:upload", "/imports/", "导入表格"),
    ("jobs:my_jobs", "/jobs/", "我的任务"),
    ("people:token_list", "/people/tokens/", "API 令牌"),
]


@pytest.mark.parametrize("role", sorted(EXPECTED))
def test_each_role_sees_the_same_menu_as_before(db, role):
    user = make_user(f"nav-{role}", role)
    assert [item["name"] for item in items_for(user)] == EXPECTED[role]


def test_a_superuser_sees_every_entry_in_order_with_its_url_and_label(db):
    admin = make_user("nav-admin", is_superuser=True, is_staff=True)
    with translation.override("zh-hans"):
        items = [(item["name"], item["url"], str(item["label"])) for item in items_for(admin)]
    assert items == EVERYTHING


def test_no_role_or_no_login_sees_nothing(db):
    from django.contrib.auth.models import AnonymousUser

    assert items_for(make_user("nav-nobody")) == []
    assert items_for(AnonymousUser()) == []
