"""Every rule of advisors.services.record_shift / update_shift, with its stable error code."""

import datetime
from decimal import Decimal

import pytest
import time_machine

from accounts.models import AuditEntry
from advisors import services
from advisors.errors import DutyError, DutyRefused
from advisors.models import Assignment, DutyShift

from .conftest import SHANGHAI, D, T


def log(duty, by=None, advisor=None, village=None, day=D(2023, 6, 14), start="09:00", end="11:00", **extra):
    return services.record_shift(
        by=by or duty.users.advisor,
        advisor=advisor or duty.a,
        village=village or duty.areas.jianfeng,
        date=day,
        start_time=T.fromisoformat(start),
        end_time=T.fromisoformat(end) if end else None,
        **extra,
    )


def refused(code, call, *args, **kwargs):
    with pytest.raises(DutyRefused) as caught:
        call(*args, **kwargs)
    assert caught.value.code == code, caught.value
    return caught.value


def test_it_records_a_shift_with_hours_computed(duty):
    shift = log(duty, start="09:10", end="11:40", consultation_batches=2, consultation_people=5, mode="home_visit")
    shift.refresh_from_db()
    assert shift.hours == Decimal("2.50")
    assert (shift.consultation_batches, shift.consultation_people, shift.mode) == (2, 5, "home_visit")
    assert shift.created_by == duty.users.advisor
    assert not shift.verified_presence and not shift.is_approved
    entry = AuditEntry.objects.get(model="advisors.dutyshift", object_id=str(shift.pk))
    assert (entry.action, entry.area_code, entry.record_date) == ("create", "440403107201", D(2023, 6, 14))


def test_hours_round_to_hundredths(duty):
    assert log(duty, start="09:10", end="10:00").hours == Decimal("0.83")
    assert log(duty, start="14:00", end="14:20").hours == Decimal("0.33")


def test_it_refuses_a_village_the_advisor_is_not_assigned_to(duty):
    error = refused(DutyError.NOT_ASSIGNED, log, duty, village=duty.areas.dengsheng, by=duty.users.coordinator)
    assert error.field == "village"
    assert "灯笼村" in error.text and "2023-06-14" in error.text


def test_it_refuses_dates_outside_the_assignment(duty):
    Assignment.objects.filter(advisor=duty.a, village=duty.areas.jianfeng).update(
        starts_on=D(2023, 3, 1), ends_on=D(2023, 5, 31)
    )
    refused(DutyError.NOT_ASSIGNED, log, duty, day=D(2023, 2, 28))
    refused(DutyError.NOT_ASSIGNED, log, duty, day=D(2023, 6, 1))
    assert log(duty, day=D(2023, 3, 1)).pk and log(duty, day=D(2023, 5, 31)).pk  # both ends inclusive


def test_it_refuses_end_not_after_start(duty):
    assert refused(DutyError.END_NOT_AFTER_START, log, duty, start="10:00", end="10:00").field == "end_time"
    refused(DutyError.END_NOT_AFTER_START, log, duty, start="10:00", end="09:00")


def test_it_refuses_a_future_date_in_shanghai_time(duty):
    assert refused(DutyError.FUTURE_DATE, log, duty, day=D(2023, 6, 16)).field == "date"
    assert log(duty, day=D(2023, 6, 15)).pk  # today is fine


def test_the_local_date_decides_not_utc(duty):
    # 00:30 on 16 June in Guangdong is still 15 June in UTC: the 16th is already "today".
    with time_machine.travel(datetime.datetime(2023, 6, 16, 0, 30, tzinfo=SHANGHAI), tick=False):
        assert log(duty, day=D(2023, 6, 16), start="00:05", end="00:25").pk


def test_it_refuses_overlapping_shifts_of_the_same_advisor(duty):
    log(duty, start="09:00", end="11:00")
    error = refused(DutyError.OVERLAP, log, duty, start="10:30", end="12:00")
    assert error.field == "start_time" and "09:00–11:00" in error.text
    refused(DutyError.OVERLAP, log, duty, start="09:30", end="10:00")  # inside
    refused(DutyError.OVERLAP, log, duty, start="08:00", end="12:00", village=duty.areas.xinwei)  # other village
    assert log(duty, start="11:00", end="12:00").pk  # touching is not overlapping
    assert log(duty, start="08:00", end="09:00").pk


def test_other_advisors_shifts_do_not_overlap(duty):
    log(duty, start="09:00", end="11:00")
    assert log(duty, by=duty.users.other_advisor, advisor=duty.b, village=duty.areas.nanao).pk


def test_an_open_shift_blocks_the_rest_of_its_day(duty):
    log(duty, start="09:00", end=None)
    refused(DutyError.OVERLAP, log, duty, start="15:00", end="16:00")
    assert log(duty, start="07:00", end="08:30").pk


def test_it_refuses_negative_counters(duty):
    for name in DutyShift.COUNTERS:
        error = refused(DutyError.NEGATIVE_COUNTER, log, duty, **{name: -1})
        assert error.field == name
    assert not DutyShift.objects.exists()


def test_it_refuses_absurdly_large_counters(duty):
    refused(DutyError.COUNTER_TOO_LARGE, log, duty, mediations=10**12)


def test_it_refuses_fewer_persons_than_batches(duty):
    error = refused(DutyError.PEOPLE_FEWER_THAN_BATCHES, log, duty, consultation_batches=3, consultation_people=2)
    assert error.field == "consultation_people"
    assert log(duty, consultation_batches=3, consultation_people=3).pk


def test_an_advisor_logs_only_for_themself(duty):
    refused(DutyError.NOT_ALLOWED, log, duty, by=duty.users.other_advisor)


def test_an_advisor_without_a_record_cannot_log(duty, users):
    duty.a.user = None
    duty.a.save()
    refused(DutyError.NOT_AN_ADVISOR, log, duty)


def test_an_inactive_advisor_cannot_log(duty):
    duty.a.active = False
    duty.a.save()
    refused(DutyError.INACTIVE_ADVISOR, log, duty)


def test_a_town_officer_logs_only_in_their_town(duty):
    assert log(duty, by=duty.users.town_officer).created_by == duty.users.town_officer
    refused(DutyError.OUT_OF_SCOPE, log, duty, by=duty.users.other_town_officer, day=D(2023, 6, 13))


def test_an_organizer_cannot_log_shifts(duty, users):
    refused(DutyError.NOT_ALLOWED, log, duty, by=users.organizer)


def test_a_town_is_not_a_village(duty):
    refused(DutyError.NOT_A_VILLAGE, log, duty, village=duty.areas.jingan, by=duty.users.coordinator)


def test_update_runs_the_same_rules(duty):
    first = log(duty, start="09:00", end="11:00")
    second = log(duty, start="13:00", end="14:00")
    refused(DutyError.OVERLAP, services.update_shift, second, by=duty.users.advisor, start_time=T(10, 0))
    refused(DutyError.END_NOT_AFTER_START, services.update_shift, second, by=duty.users.advisor, end_time=T(12, 0))
    refused(DutyError.NEGATIVE_COUNTER, services.update_shift, first, by=duty.users.advisor, mediations=-2)
    refused(DutyError.FUTURE_DATE, services.update_shift, first, by=duty.users.advisor, date=D(2023, 7, 1))
    refused(DutyError.NOT_ASSIGNED, services.update_shift, first, by=duty.users.advisor, village=duty.areas.dengsheng)
    second.refresh_from_db()
    assert (second.start_time, second.end_time) == (T(13, 0), T(14, 0))


def test_update_recomputes_hours_and_keeps_a_history(duty):
    shift = log(duty, start="09:00", end="11:00")
    services.update_shift(shift, by=duty.users.advisor, end_time=T(12, 30), mediations=1)
    shift.refresh_from_db()
    assert shift.hours == Decimal("3.50")
    change = shift.changes.get()
    assert change.changed_by == duty.users.advisor
    assert change.changes == {"end_time": ["11:00:00", "12:30:00"], "mediations": [0, 1]}


def test_an_update_without_changes_records_nothing(duty):
    shift = log(duty)
    services.update_shift(shift, by=duty.users.advisor, start_time=T(9, 0))
    assert not shift.changes.exists()


def test_another_advisor_cannot_edit(duty):
    shift = log(duty)
    refused(DutyError.NOT_ALLOWED, services.update_shift, shift, by=duty.users.other_advisor, notes="mine")
    refused(DutyError.NOT_ALLOWED, services.delete_shift, shift, by=duty.users.other_advisor)
    refused(DutyError.NOT_ALLOWED, services.update_shift, shift, by=duty.users.other_town_officer, notes="x")


def test_an_advisor_cannot_move_a_shift_to_another_advisor(duty):
    shift = log(duty)
    refused(DutyError.NOT_ALLOWED, services.update_shift, shift, by=duty.users.advisor, advisor=duty.b)


def test_the_advisor_deletes_an_unapproved_shift(duty):
    shift = log(duty)
    services.delete_shift(shift, by=duty.users.advisor)
    assert not DutyShift.objects.exists()
    assert AuditEntry.objects.filter(action="delete", object_id=str(shift.pk)).exists()


def test_a_finished_shift_cannot_be_reopened(duty):
    shift = log(duty)
    assert (
        refused(DutyError.END_REQUIRED, services.update_shift, shift, by=duty.users.advisor, end_time=None).field
        == "end_time"
    )
    shift.refresh_from_db()
    assert shift.end_time == T(11, 0)
