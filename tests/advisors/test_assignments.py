"""One advisor per village and day: the service check, and PostgreSQL's exclusion constraint."""

import pytest
from django.db import IntegrityError, connection, transaction

from accounts.models import AuditEntry
from advisors import services
from advisors.errors import DutyError, DutyRefused
from advisors.models import Advisor, Assignment

from .conftest import D


@pytest.fixture
def third(duty):
    return Advisor.objects.create(name="王律师")


def assign(duty, advisor, village, starts_on, ends_on=None, by=None):
    return services.assign_advisor(
        by=by or duty.users.coordinator, advisor=advisor, village=village, starts_on=starts_on, ends_on=ends_on
    )


def refused(code, call, *args, **kwargs):
    with pytest.raises(DutyRefused) as caught:
        call(*args, **kwargs)
    assert caught.value.code == code, caught.value
    return caught.value


def test_a_coordinator_assigns_a_free_village(duty, third):
    assignment = assign(duty, third, duty.areas.dengsheng, D(2023, 2, 1))
    assert assignment.pk and assignment.ends_on is None
    assert AuditEntry.objects.filter(model="advisors.assignment", action="create").count() == 1


def test_a_village_never_has_two_advisors_on_a_day(duty, third):
    # 尖峰村 has advisor A from 2023-01-01, open-ended.
    error = refused(DutyError.ASSIGNMENT_OVERLAP, assign, duty, third, duty.areas.jianfeng, D(2024, 1, 1))
    assert error.field == "starts_on" and "张律师" in error.text
    # Earlier and touching the start day: still one day shared.
    refused(DutyError.ASSIGNMENT_OVERLAP, assign, duty, third, duty.areas.jianfeng, D(2022, 1, 1), D(2023, 1, 1))
    # The same advisor twice is also two assignments on one day.
    refused(DutyError.ASSIGNMENT_OVERLAP, assign, duty, duty.a, duty.areas.jianfeng, D(2023, 5, 1))
    assert Assignment.objects.filter(village=duty.areas.jianfeng).count() == 1


def test_a_handover_after_the_end_date_is_fine(duty, third):
    current = Assignment.objects.get(village=duty.areas.jianfeng)
    services.end_assignment(current, by=duty.users.coordinator, ends_on=D(2023, 6, 30))
    nxt = assign(duty, third, duty.areas.jianfeng, D(2023, 7, 1))
    assert nxt.pk
    refused(DutyError.ASSIGNMENT_OVERLAP, assign, duty, duty.b, duty.areas.jianfeng, D(2022, 6, 1), D(2023, 1, 1))
    assert assign(duty, duty.b, duty.areas.jianfeng, D(2022, 6, 1), D(2022, 12, 31)).pk  # history before


def test_an_assignment_cannot_end_before_it_starts(duty, third):
    error = refused(
        DutyError.ASSIGNMENT_ENDS_BEFORE_START, assign, duty, third, duty.areas.dengsheng, D(2023, 5, 1), D(2023, 4, 30)
    )
    assert error.field == "ends_on"


def test_ending_cannot_strand_logged_shifts(duty, shift_of):
    shift_of(duty.a, duty.areas.jianfeng, D(2023, 6, 10))
    current = Assignment.objects.get(village=duty.areas.jianfeng)
    error = refused(
        DutyError.SHIFTS_OUTSIDE_ASSIGNMENT,
        services.end_assignment,
        current,
        by=duty.users.coordinator,
        ends_on=D(2023, 6, 9),
    )
    assert "2023-06-10" in error.text
    assert services.end_assignment(current, by=duty.users.coordinator, ends_on=D(2023, 6, 10)).ends_on == D(2023, 6, 10)


def test_only_coordinators_assign(duty, third):
    refused(DutyError.NOT_ALLOWED, assign, duty, third, duty.areas.dengsheng, D(2023, 2, 1), by=duty.users.town_officer)
    refused(DutyError.NOT_ALLOWED, assign, duty, third, duty.areas.dengsheng, D(2023, 2, 1), by=duty.users.advisor)


def test_a_town_is_not_assignable(duty, third):
    refused(DutyError.NOT_A_VILLAGE, assign, duty, third, duty.areas.baijiao, D(2023, 2, 1))


def test_the_database_refuses_overlaps_on_postgresql(duty, third):
    """PostgreSQL: an exclusion constraint (migration 0002) refuses what bypasses the service.
    SQLite has no exclusion constraints; there the service (tested above) is the only guard."""

    def bypass():
        with transaction.atomic():
            Assignment.objects.create(advisor=third, village=duty.areas.jianfeng, starts_on=D(2023, 3, 1))

    if connection.vendor == "postgresql":
        with pytest.raises(IntegrityError, match="assignment_no_overlap"):
            bypass()
        assert Assignment.objects.filter(village=duty.areas.jianfeng).count() == 1
    else:
        bypass()
        assert Assignment.objects.filter(village=duty.areas.jianfeng).count() == 2


def test_a_race_caught_by_the_constraint_gives_the_same_refusal(duty, third, monkeypatch):
    """Two coordinators at once: the first check sees nothing; PostgreSQL still refuses the second."""
    real = services.assignments._overlapping_assignment
    calls = []

    def blind_first_time(assignment):
        calls.append(1)
        return None if len(calls) == 1 else real(assignment)

    monkeypatch.setattr(services.assignments, "_overlapping_assignment", blind_first_time)
    if connection.vendor == "postgresql":
        error = refused(DutyError.ASSIGNMENT_OVERLAP, assign, duty, third, duty.areas.jianfeng, D(2023, 3, 1))
        assert "张律师" in error.text
        assert Assignment.objects.filter(village=duty.areas.jianfeng).count() == 1
    else:
        assign(duty, third, duty.areas.jianfeng, D(2023, 3, 1))
        assert Assignment.objects.filter(village=duty.areas.jianfeng).count() == 2


def test_a_coordinator_links_only_advisor_logins(duty, users):
    with pytest.raises(DutyRefused) as caught:
        services.save_advisor(by=users.coordinator, name="新顾问", user=users.organizer)
    assert caught.value.code == DutyError.USER_NOT_ADVISOR
    with pytest.raises(DutyRefused) as caught:
        services.save_advisor(by=users.coordinator, name="新顾问", user=users.advisor)
    assert caught.value.code == DutyError.USER_TAKEN
    advisor = services.save_advisor(by=users.coordinator, name="新顾问", phone="+86 138-0013-8001")
    assert advisor.phone == "13800138001"


def test_only_coordinators_edit_advisors(duty, users):
    with pytest.raises(DutyRefused):
        services.save_advisor(by=users.town_officer, advisor=duty.a, name="改名")
    duty.a.refresh_from_db()
    assert duty.a.name == "张律师"
