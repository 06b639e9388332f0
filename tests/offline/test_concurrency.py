"""Two tabs (or a retry racing the first try) sending the same record at once create it once.

Only PostgreSQL has concurrent writers; SQLite serialises them."""

import datetime
import uuid

import pytest
from django.db import connection

from advisors.models import DutyShift
from offline import services
from outreach.models import CheckIn
from tests.advisors.test_concurrency import race

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL: SQLite has no concurrent writers"),
    pytest.mark.django_db(transaction=True),
]


def test_the_same_shift_sent_twice_at_once_is_created_once(duty):
    record = {
        "client_id": uuid.uuid4(),
        "village": duty.areas.jianfeng,
        "date": datetime.date(2023, 6, 15),
        "start_time": datetime.time(9),
        "end_time": datetime.time(11),
    }
    results = race(*[lambda: services.sync_shift(duty.users.advisor, dict(record))] * 3)
    assert sorted(r.status for r in results) == ["created", "duplicate", "duplicate"], results
    assert len({r.id for r in results}) == 1
    assert DutyShift.objects.count() == 1


def test_the_same_door_entry_sent_twice_at_once_is_counted_once(users, event, attendee):
    record = {"client_id": uuid.uuid4(), **attendee()}
    results = race(*[lambda: services.sync_checkin(users.organizer, event, dict(record))] * 3)
    assert sorted(r.status for r in results) == ["created", "duplicate", "duplicate"], results
    assert CheckIn.objects.count() == 1
