from datetime import date

import pytest

from advisors.models import Advisor, Assignment


@pytest.fixture
def roster(users, areas):
    """Three advisor records without logins: two serving 井岸镇 villages, one serving 白蕉镇."""
    a = Advisor.objects.create(name="张律师", phone="13800138001")
    b = Advisor.objects.create(name="李律师", phone="")
    c = Advisor.objects.create(name="王律师", phone="13800138003")
    Assignment.objects.create(advisor=a, village=areas.jianfeng, starts_on=date(2025, 1, 1))
    Assignment.objects.create(advisor=b, village=areas.xinwei, starts_on=date(2025, 1, 1))
    Assignment.objects.create(advisor=c, village=areas.nanao, starts_on=date(2025, 1, 1))
    return type("Roster", (), {"a": a, "b": b, "c": c})
