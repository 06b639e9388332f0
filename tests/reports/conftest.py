"""A small hand-built ledger with every edge of the figures' definitions (see ``ledger``).

Written with the ORM directly (not through the features' services), so the figures are tested on
exactly the rows described here.
"""

import itertools
from datetime import date, datetime, time
from decimal import Decimal
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from advisors.models import Advisor, Assignment, DutyShift
from legalsavvy.models import LegalSavvyActivity, LegalSavvyPerson, LegalSavvyTerm, VillageHonor
from outreach.models import CheckIn, Event, EventSeries

SH = ZoneInfo("Asia/Shanghai")
_seq = itertools.count(1)


def local(*args):
    """An aware datetime in Asia/Shanghai."""
    return datetime(*args, tzinfo=SH)


def advisor(name):
    return Advisor.objects.create(name=name, firm="广东测试律师事务所")


def assign(adv, village, starts_on, ends_on=None):
    return Assignment.objects.create(advisor=adv, village=village, starts_on=starts_on, ends_on=ends_on)


def shift(adv, village, day, start="09:00", end="11:00", mode="office", **counters):
    start_t, end_t = time.fromisoformat(start), time.fromisoformat(end)
    minutes = (end_t.hour * 60 + end_t.minute) - (start_t.hour * 60 + start_t.minute)
    counters.setdefault("consultation_people", counters.get("consultation_batches", 0))
    return DutyShift.objects.create(
        advisor=adv,
        village=village,
        date=day,
        start_time=start_t,
        end_time=end_t,
        hours=Decimal(minutes) / 60,
        mode=mode,
        **counters,
    )


def event(area, starts_at, status="held", series=None, episode=None, walk_in_count=0, **extra):
    return Event.objects.create(
        title=extra.pop("title", f"普法活动{next(_seq)}"),
        area=area,
        starts_at=starts_at,
        ends_at=starts_at,
        status=status,
        series=series,
        episode=episode,
        walk_in_count=walk_in_count,
        checkin_secret=f"secret-{next(_seq)}",
        **extra,
    )


def checkin(ev, phone, annulled=False, **extra):
    return CheckIn.objects.create(
        event=ev, name="张三", phone=phone, age_group="36_59", occupation="farmer", annulled=annulled, **extra
    )


def person(village, terms, name=None):
    """A legal-savvy person with terms [(appointed_on, removed_on or None)], the person mirroring the last."""
    appointed, removed = terms[-1]
    p = LegalSavvyPerson.objects.create(
        name=name or f"明白人{next(_seq)}",
        village=village,
        appointed_on=appointed,
        removed_on=removed,
        status="removed" if removed else "active",
    )
    for a, r in terms:
        LegalSavvyTerm.objects.create(person=p, village=village, appointed_on=a, removed_on=r)
    return p


@pytest.fixture
def ledger(areas):
    """The 2023 edges. Expected figures are written next to each row (district / 井岸镇)."""
    a = areas
    advisors = SimpleNamespace(
        full=advisor("全年顾问"),  # 尖峰村 all year, 新伟社区 until 30 June → counts
        second_half=advisor("下半年顾问"),  # 新伟社区 from 1 July → counts
        ended=advisor("离任顾问"),  # 南澳村 until 31 Dec 2022 → not in 2023
        last_day=advisor("年末顾问"),  # 南澳村 from 31 Dec 2023 → counts
        next_year=advisor("明年顾问"),  # 灯笼村 from 2024 → not in 2023
        closed=advisor("撤并村顾问"),  # the inactive village → not counted
    )
    assign(advisors.full, a.jianfeng, date(2022, 1, 1))
    assign(advisors.full, a.xinwei, date(2022, 1, 1), date(2023, 6, 30))
    assign(advisors.second_half, a.xinwei, date(2023, 7, 1))
    assign(advisors.ended, a.nanao, date(2021, 1, 1), date(2022, 12, 31))
    assign(advisors.last_day, a.nanao, date(2023, 12, 31))
    assign(advisors.next_year, a.dengsheng, date(2024, 1, 1))
    assign(advisors.closed, a.closed, date(2023, 1, 1))

    # Shifts (by their date): 4 in 2023 (3 in 井岸镇), 2 outside.
    shift(
        advisors.full,
        a.jianfeng,
        date(2023, 12, 31),
        "23:30",
        "23:54",
        consultation_batches=1,
        consultation_people=3,
        contracts_reviewed=2,
    )
    shift(advisors.full, a.jianfeng, date(2024, 1, 1), "00:30", "02:30", consultation_batches=9)  # 2024
    shift(
        advisors.full,
        a.xinwei,
        date(2023, 1, 1),
        "00:30",
        "03:30",
        mode="home_visit",
        consultation_batches=2,
        consultation_people=2,
        legal_opinions=1,
        documents_drafted=1,
        mediations=1,
        phone_consultations=4,
    )
    shift(
        advisors.second_half,
        a.xinwei,
        date(2023, 8, 1),
        "09:00",
        "12:00",
        mode="home_visit",
        negotiations=1,
        legal_aid_cases=1,
        elections_assisted=1,
        outreach_sessions=2,
    )
    shift(
        advisors.last_day,
        a.nanao,
        date(2023, 12, 31),
        "14:00",
        "16:00",
        consultation_batches=1,
        consultation_people=1,
        outreach_sessions=1,
    )
    shift(advisors.ended, a.nanao, date(2022, 12, 31), "14:00", "16:00", consultation_batches=5)  # 2022

    radio = EventSeries.objects.create(name="92.8说法", kind="radio")
    events = SimpleNamespace(
        # 23:30 on 31 Dec local (15:30 UTC): 2023. 3 live phones (one re-checked after an annulment) + 5 walk-ins.
        new_years_eve=event(a.jianfeng, local(2023, 12, 31, 23, 30), walk_in_count=5),
        # 00:10 on 1 Jan 2024 local is still 31 Dec 2023 in UTC: not 2023.
        new_year=event(a.xinwei, local(2024, 1, 1, 0, 10), walk_in_count=100),
        # 00:00 on 1 Jan 2023 local is 31 Dec 2022 in UTC: 2023.
        first_minute=event(a.xinwei, local(2023, 1, 1, 0, 0), walk_in_count=2),
        cancelled=event(a.jianfeng, local(2023, 5, 1, 10, 0), status="cancelled", walk_in_count=50),
        planned=event(a.jianfeng, local(2023, 6, 1, 10, 0), status="planned", walk_in_count=60),
        # District-wide radio episodes: count for the district, not for 井岸镇.
        episode1=event(a.district, local(2023, 3, 1, 19, 0), series=radio, episode=1, kind="broadcast"),
        episode2=event(a.district, local(2023, 6, 1, 19, 0), series=radio, episode=2, kind="broadcast"),
        episode3_2022=event(a.district, local(2022, 12, 1, 19, 0), series=radio, episode=3, kind="broadcast"),
        nanao=event(a.nanao, local(2023, 7, 1, 9, 0), walk_in_count=10),
    )
    checkin(events.new_years_eve, "13800000001")
    checkin(events.new_years_eve, "13800000002", annulled=True)
    checkin(events.new_years_eve, "13800000002")  # the same phone again after the annulment: one
    checkin(events.new_years_eve, "13800000003")
    checkin(events.cancelled, "13800000004")
    checkin(events.new_year, "13800000005")
    checkin(events.nanao, "13800000006")

    # Legal-savvy persons at 31 Dec 2023 (尖峰村: total 5, new 3 → meets a quota of 4).
    persons = SimpleNamespace(
        long_serving=person(a.jianfeng, [(date(2021, 5, 1), None)]),  # total
        new=person(a.jianfeng, [(date(2023, 3, 1), None)]),  # total, new
        removed_on_eve=person(a.jianfeng, [(date(2023, 2, 1), date(2023, 12, 31))]),  # new, not total
        reappointed=person(a.jianfeng, [(date(2020, 1, 1), date(2022, 6, 30)), (date(2023, 4, 1), None)]),  # total
        next_year=person(a.jianfeng, [(date(2024, 1, 1), None)]),  # neither
        appointed_on_eve=person(a.jianfeng, [(date(2023, 12, 31), None)]),  # total, new
        removed_next_year=person(a.jianfeng, [(date(2022, 1, 1), date(2024, 1, 1))]),  # total
        nanao=person(a.nanao, [(date(2023, 6, 1), None)]),  # total, new
    )
    LegalSavvyActivity.objects.create(
        person=persons.long_serving, date=date(2023, 12, 31), kind="dispute_resolved", count=2, hours=Decimal("1.5")
    )
    LegalSavvyActivity.objects.create(person=persons.new, date=date(2023, 1, 1), kind="risk_reported", count=3)
    LegalSavvyActivity.objects.create(
        person=persons.long_serving, date=date(2022, 12, 31), kind="dispute_resolved", count=7
    )
    LegalSavvyActivity.objects.create(person=persons.nanao, date=date(2023, 9, 9), kind="referral", count=1)

    VillageHonor.objects.create(
        village=a.jianfeng, title="democracy_rule_of_law_village", level="provincial", status="awarded", year=2023
    )
    VillageHonor.objects.create(
        village=a.xinwei, title="democracy_rule_of_law_village", level="national", status="candidate", year=2023
    )
    VillageHonor.objects.create(village=a.nanao, title="democracy_rule_of_law_village", level="city", year=2022)
    for holder in ("陈家", "黄家"):
        VillageHonor.objects.create(
            village=a.jianfeng, title="law_learning_household", level="district", year=2023, holder=holder
        )
    return SimpleNamespace(areas=a, advisors=advisors, events=events, persons=persons, radio=radio)
