"""Two requests at the same moment: the row locks in advisors.services let exactly one through.

SQLite serialises every writer, so these races only exist (and are only checked) on PostgreSQL."""

import datetime
import threading

import pytest
from django.db import connection, connections

from advisors import services
from advisors.errors import DutyRefused
from advisors.models import Advisor, Assignment, DutyShift

from .conftest import D, T

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL: SQLite has no concurrent writers"),
    pytest.mark.django_db(transaction=True),
]


def race(*calls):
    """Run the calls in parallel threads, released together; return their results or exceptions."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(i, call):
        try:
            barrier.wait()
            results[i] = call()
        except Exception as error:  # noqa: BLE001 - the test inspects what happened
            results[i] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return results


def test_two_overlapping_shifts_at_once_only_one_is_kept(duty):
    def log(start, end):
        return lambda: services.record_shift(
            by=duty.users.advisor,
            advisor=duty.a,
            village=duty.areas.jianfeng,
            date=D(2023, 6, 14),
            start_time=start,
            end_time=end,
        )

    results = race(log(T(9, 0), T(11, 0)), log(T(10, 0), T(12, 0)), log(T(10, 30), T(11, 30)))
    assert sum(isinstance(r, DutyShift) for r in results) == 1
    assert all(isinstance(r, (DutyShift, DutyRefused)) for r in results), results
    assert DutyShift.objects.count() == 1


def test_two_coordinators_assigning_one_village_at_once(duty):
    first, second = Advisor.objects.create(name="甲"), Advisor.objects.create(name="乙")

    def assign(advisor):
        return lambda: services.assign_advisor(
            by=duty.users.coordinator,
            advisor=advisor,
            village=duty.areas.dengsheng,
            starts_on=datetime.date(2023, 7, 1),
        )

    results = race(assign(first), assign(second))
    assert sum(isinstance(r, Assignment) for r in results) == 1
    assert sum(isinstance(r, DutyRefused) and r.code == "assignment_overlap" for r in results) == 1
    assert Assignment.objects.filter(village=duty.areas.dengsheng).count() == 1
