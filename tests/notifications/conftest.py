"""Fixtures for reminders: an advisor with a login serving 尖峰村, and helpers for shifts and events."""

import datetime
import secrets
from decimal import Decimal

import pytest

from advisors.models import Advisor, Assignment, DutyShift
from common.clock import local_midnight
from outreach.models import Event


@pytest.fixture
def advisor(users, areas):
    advisor = Advisor.objects.create(name="王律师", user=users.advisor, phone="13911112222")
    Assignment.objects.create(advisor=advisor, village=areas.jianfeng, starts_on=datetime.date(2020, 1, 1))
    return advisor


@pytest.fixture
def make_shift(areas):
    def make(advisor, day, start=9, end=12, village=None, approved=False, **fields):
        end_time = datetime.time(end) if end is not None else None
        hours = Decimal(end - start) if end is not None else Decimal(0)
        shift = DutyShift.objects.create(
            advisor=advisor,
            village=village or areas.jianfeng,
            date=day,
            start_time=datetime.time(start),
            end_time=end_time,
            hours=hours,
            **fields,
        )
        if approved:
            DutyShift.objects.filter(pk=shift.pk).update(
                approved_at=local_midnight(day), state=DutyShift.State.APPROVED
            )
        return shift

    return make


@pytest.fixture
def make_event(areas, users):
    def make(day, hour=9, hours=2, area=None, organizer=None, status=Event.Status.PLANNED, **fields):
        start = local_midnight(day) + datetime.timedelta(hours=hour)
        return Event.objects.create(
            title=fields.pop("title", "以案释法进村居"),
            area=area or areas.jianfeng,
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=hours),
            status=status,
            organizer=organizer if organizer is not None else users.organizer,
            checkin_secret=secrets.token_urlsafe(16),
            **fields,
        )

    return make
