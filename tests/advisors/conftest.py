"""Advisor fixtures: two advisors with logins, their assignments, a frozen business clock."""

import datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
import time_machine

from advisors import services
from advisors.models import Advisor, Assignment, DutyShift

SHANGHAI = ZoneInfo("Asia/Shanghai")
# "Now" for most tests: Thursday 15 June 2023, 16:00 in Guangdong.
NOW = datetime.datetime(2023, 6, 15, 16, 0, tzinfo=SHANGHAI)
D = datetime.date
T = datetime.time


@pytest.fixture
def clock():
    """Freeze business time at NOW (moving forward, so timestamps still differ)."""
    with time_machine.travel(NOW, tick=True) as traveller:
        yield traveller


@pytest.fixture
def duty(users, areas, clock):
    """Advisor A (users.advisor) serves 尖峰村 and 新伟社区 (井岸镇); advisor B (users.other_advisor)
    serves 南澳村 (白蕉镇). All from 1 January 2023, open-ended."""
    a = Advisor.objects.create(
        name="张律师", kind="lawyer", firm="斗门律师事务所", phone="13800138000", user=users.advisor
    )
    b = Advisor.objects.create(name="李法律工作者", kind="legal_worker", phone="13900139000", user=users.other_advisor)
    start = D(2023, 1, 1)
    Assignment.objects.create(advisor=a, village=areas.jianfeng, starts_on=start)
    Assignment.objects.create(advisor=a, village=areas.xinwei, starts_on=start)
    Assignment.objects.create(advisor=b, village=areas.nanao, starts_on=start)
    return SimpleNamespace(a=a, b=b, areas=areas, users=users)


@pytest.fixture
def shift_of(duty):
    """shift_of(advisor, village, date, "09:00", "11:00", **counters) → a shift recorded by the system."""

    def make(advisor, village, day, start="09:00", end="11:00", **extra):
        return services.record_shift(
            by=None,
            advisor=advisor,
            village=village,
            date=day,
            start_time=datetime.time.fromisoformat(start),
            end_time=datetime.time.fromisoformat(end) if end else None,
            **extra,
        )

    return make


def bulk_shifts(advisor, village, count, first_day=D(2023, 1, 2)):
    """``count`` one-hour shifts straight into the table (for query-count tests with many rows)."""
    rows = []
    for i in range(count):
        day = first_day + datetime.timedelta(days=i // 8)
        hour = 8 + i % 8
        rows.append(
            DutyShift(
                advisor=advisor,
                village=village,
                date=day,
                start_time=T(hour, 0),
                end_time=T(hour, 50),
                hours="0.83",
                consultation_batches=1,
                consultation_people=2,
            )
        )
    DutyShift.objects.bulk_create(rows)
