"""A crafted district for the needs tests: shifts by topic, events with topics, check-ins with known
ages and feedback wishes. Written with the ORM (historical data, as tests/coverage does)."""

from datetime import date, time
from decimal import Decimal

import pytest
from django.utils import translation

from advisors.models import Advisor, DutyShift, DutyShiftTopic
from outreach.models import CheckinFeedback
from tests.coverage.conftest import make_event
from topics.models import Topic


def shift(advisor, village, day, batches, mediations, **topics):
    made = DutyShift.objects.create(
        advisor=advisor,
        village=village,
        date=date.fromisoformat(day),
        start_time=time(9, 0),
        end_time=time(11, 0),
        hours=Decimal("2"),
        consultation_batches=batches,
        consultation_people=batches,
        mediations=mediations,
    )
    for code, n in topics.items():
        DutyShiftTopic.objects.create(shift=made, topic=Topic.objects.get(code=code), count=n)
    return made


@pytest.fixture
def district(areas):
    """2023 in the test district (hand-computed in tests/needs/test_needs.py):

    尖峰村: shifts land 10 + 2, marriage_family 2 (15 consultations and mediations: 1 unclassified);
            a held event on marriage_family attended by a resident of 60+ → land uncovered, no youth.
    南澳村: a shift labour 4; a held event with the free-text topic "劳动争议与欠薪" (= labour), attended by a
            resident under 18 who wished for telecom_fraud and labour → telecom_fraud uncovered, no elderly.
    新伟社区, 灯笼村: nothing → both reach gaps. 已撤并村 is inactive. 2022 data does not count.
    """
    advisor = Advisor.objects.create(name="李律师")
    shift(advisor, areas.jianfeng, "2023-03-01", 9, 3, land=10, marriage_family=2)
    shift(advisor, areas.jianfeng, "2023-07-01", 3, 0, land=2)
    shift(advisor, areas.jianfeng, "2022-07-01", 5, 0, inheritance=5)  # another year
    shift(advisor, areas.nanao, "2023-05-01", 2, 2, labour=4)
    make_event(
        areas.jianfeng, "2023-04-01 10:00", checkins=[{"home": areas.jianfeng, "age_group": "60_plus"}]
    ).__class__.objects.filter(area=areas.jianfeng).update(topics=["marriage_family"])
    nanao_event = make_event(areas.nanao, "2023-06-01 10:00", checkins=[{"home": areas.nanao, "age_group": "under_18"}])
    nanao_event.__class__.objects.filter(pk=nanao_event.pk).update(topics=["劳动争议与欠薪"])
    feedback = CheckinFeedback.objects.create(checkin=nanao_event.checkins.get(), satisfaction=5)
    feedback.wishes.set(Topic.objects.filter(code__in=["telecom_fraud", "labour"]))
    make_event(areas.xinwei, "2023-08-01 10:00", status="planned").__class__.objects.filter(area=areas.xinwei).update(
        topics=["land"]
    )  # planned, not held: delivers nothing
    return areas


@pytest.fixture
def chinese():
    with translation.override("zh-hans"):
        yield
