"""A small ledger with one or two records of every API resource, made through the services
(like the pages and the API do), so contract tests can check fields, filters and permissions."""

import datetime as dt
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from advisors import services as duty
from advisors.models import Advisor
from legalsavvy import services as savvy
from legalsavvy.services import honors
from outreach import services as outreach
from outreach.models import CheckIn, EventSeries

SHANGHAI = ZoneInfo("Asia/Shanghai")
D = dt.date
T = dt.time


def at(day, hour, minute=0):
    return dt.datetime.combine(day, T(hour, minute), tzinfo=SHANGHAI)


@pytest.fixture
def ledger(users, areas):
    """Two of everything, one in 井岸镇 (jingan) and one in 白蕉镇 (baijiao), all in 2023:

    - advisors ``a`` (users.advisor, lawyer, 尖峰村) and ``b`` (users.other_advisor, legal worker, 南澳村);
    - shifts ``shift_a`` (office, 1 June) and ``shift_b`` (home visit, 1 July);
    - series ``radio``; events ``event_a`` (organizer, 尖峰村, lecture/villages, held, episode 1,
      youth) and ``event_b`` (other organizer, 南澳村, campaign/schools, planned, elderly); one
      check-in at ``event_a`` (phone 13800138000);
    - persons ``p_a`` (尖峰村, cadre, active) and ``p_b`` (南澳村, mediator, removed);
      a training and an activity each; honors ``honor_a`` (尖峰村) and ``honor_b`` (南澳村).
    """
    a = Advisor.objects.create(
        name="张律师",
        kind="lawyer",
        firm="斗门律师事务所",
        license_no="14404200010001",
        phone="13800138001",
        user=users.advisor,
    )
    b = Advisor.objects.create(
        name="李法律工作者", kind="legal_worker", phone="13900139001", user=users.other_advisor, active=False
    )
    assign_a = duty.assign_advisor(by=None, advisor=a, village=areas.jianfeng, starts_on=D(2023, 1, 1))
    assign_b = duty.assign_advisor(
        by=None, advisor=b, village=areas.nanao, starts_on=D(2023, 1, 1), ends_on=D(2030, 12, 31)
    )
    shift_a = duty.record_shift(
        by=None,
        advisor=a,
        village=areas.jianfeng,
        date=D(2023, 6, 1),
        start_time=T(9, 0),
        end_time=T(11, 30),
        consultation_people=3,
    )
    shift_b = duty.record_shift(
        by=None,
        advisor=b,
        village=areas.nanao,
        date=D(2023, 7, 1),
        start_time=T(14, 0),
        end_time=T(16, 0),
        mode="home_visit",
    )

    p_a = savvy.appoint_person(
        village=areas.jianfeng,
        name="陈明白",
        appointed_on=D(2023, 1, 10),
        phone="13700137000",
        source="cadre",
        gender="male",
        birth_year=1980,
        advisor=a,
    )
    p_b = savvy.appoint_person(
        village=areas.nanao,
        name="黄调解",
        appointed_on=D(2023, 2, 10),
        phone="13700137001",
        source="mediator",
        advisor=None,
    )
    training_a = savvy.record_training_session([p_a], D(2023, 3, 1), 2, "民法典", {p_a.pk: True})[0]
    training_b = savvy.record_training_session([p_b], D(2023, 4, 1), 3, "人民调解", {p_b.pk: False})[0]
    activity_a = savvy.record_activity(p_a, D(2023, 5, 1), "referral", 2, 1, "转介法律援助")
    activity_b = savvy.record_activity(p_b, D(2023, 5, 2), "dispute_resolved", 1, 2, "邻里纠纷")
    p_b = savvy.remove_person(p_b, D(2023, 9, 1), "迁出")

    radio = EventSeries.objects.create(name="92.8说法", kind="radio")
    event_a = outreach.create_event(
        users.organizer,
        {
            "title": "以案释法进村居",
            "kind": "lecture",
            "sector": "villages",
            "area": areas.jianfeng,
            "venue": "村委会礼堂",
            "starts_at": at(D(2023, 6, 10), 10),
            "ends_at": at(D(2023, 6, 10), 12),
            "status": "held",
            "series": radio,
            "episode": 1,
            "walk_in_count": 5,
            "audiences": ["youth", "general"],
            "topics": ["民法典"],
            "advisors": [a.pk],
            "legal_savvy_persons": [p_a.pk],
            "other_speakers": "王法官(斗门法院)",
        },
    )
    event_b = outreach.create_event(
        users.other_organizer,
        {
            "title": "反诈宣传进校园",
            "kind": "campaign",
            "sector": "schools",
            "area": areas.nanao,
            "starts_at": at(D(2023, 9, 1), 15),
            "ends_at": at(D(2023, 9, 1), 16),
            "audiences": ["elderly"],
        },
    )
    outreach.perform_checkin(
        event_a,
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

    honor_a = honors.add_honor(village=areas.jianfeng, title="democracy_rule_of_law_village", level="city", year=2022)
    honor_b = honors.add_honor(
        village=areas.nanao,
        title="law_learning_household",
        level="district",
        year=2023,
        status="candidate",
        holder="谭家户",
    )
    return SimpleNamespace(
        areas=areas,
        users=users,
        a=a,
        b=b,
        assign_a=assign_a,
        assign_b=assign_b,
        shift_a=shift_a,
        shift_b=shift_b,
        radio=radio,
        event_a=event_a,
        event_b=event_b,
        p_a=p_a,
        p_b=p_b,
        training_a=training_a,
        training_b=training_b,
        activity_a=activity_a,
        activity_b=activity_b,
        honor_a=honor_a,
        honor_b=honor_b,
    )
