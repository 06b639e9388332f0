"""Approval by town officers, the approval lock, and coordinators' corrections with their history."""

from decimal import Decimal

import pytest

from accounts.models import AuditEntry
from advisors import services
from advisors.errors import DutyError, DutyRefused
from advisors.models import DutyShift, DutyShiftChange

from .conftest import D, T


@pytest.fixture
def shifts(duty, shift_of):
    return {
        "jianfeng": shift_of(duty.a, duty.areas.jianfeng, D(2023, 6, 1)),
        "xinwei": shift_of(duty.a, duty.areas.xinwei, D(2023, 6, 2)),
        "nanao": shift_of(duty.b, duty.areas.nanao, D(2023, 6, 1)),
        "open": shift_of(duty.a, duty.areas.jianfeng, D(2023, 6, 3), end=None),
    }


def test_a_town_officer_approves_their_towns_shifts_in_bulk(duty, shifts):
    ids = [s.pk for s in shifts.values()]
    assert services.approve_shifts(ids, by=duty.users.town_officer) == 2
    approved = set(DutyShift.objects.filter(approved_at__isnull=False).values_list("pk", flat=True))
    assert approved == {shifts["jianfeng"].pk, shifts["xinwei"].pk}
    assert DutyShift.objects.get(pk=shifts["xinwei"].pk).approved_by == duty.users.town_officer
    assert AuditEntry.objects.filter(action="approve").count() == 2


def test_another_towns_officer_cannot_approve(duty, shifts):
    assert services.approve_shifts([shifts["jianfeng"].pk], by=duty.users.other_town_officer) == 0
    assert not DutyShift.objects.get(pk=shifts["jianfeng"].pk).is_approved


def test_an_advisor_cannot_approve(duty, shifts):
    with pytest.raises(DutyRefused) as caught:
        services.approve_shifts([shifts["jianfeng"].pk], by=duty.users.advisor)
    assert caught.value.code == DutyError.NOT_ALLOWED
    assert not DutyShift.objects.filter(approved_at__isnull=False).exists()


def test_open_and_already_approved_shifts_are_skipped(duty, shifts):
    assert services.approve_shifts([shifts["open"].pk], by=duty.users.coordinator) == 0
    assert services.approve_shifts([shifts["jianfeng"].pk], by=duty.users.coordinator) == 1
    first = DutyShift.objects.get(pk=shifts["jianfeng"].pk).approved_at
    assert services.approve_shifts([shifts["jianfeng"].pk], by=duty.users.town_officer) == 0
    assert DutyShift.objects.get(pk=shifts["jianfeng"].pk).approved_at == first


def test_a_queryset_can_be_approved(duty, shifts):
    assert services.approve_shifts(DutyShift.objects.all(), by=duty.users.coordinator) == 3


def test_an_approved_shift_is_locked_for_its_advisor(duty, shifts):
    shift = shifts["jianfeng"]
    services.approve_shifts([shift.pk], by=duty.users.town_officer)
    for call in (
        lambda: services.update_shift(shift, by=duty.users.advisor, mediations=3),
        lambda: services.delete_shift(shift, by=duty.users.advisor),
    ):
        with pytest.raises(DutyRefused) as caught:
            call()
        assert caught.value.code == DutyError.APPROVED_LOCKED
    shift.refresh_from_db()
    assert shift.mediations == 0


def test_an_approved_shift_is_locked_for_the_town_officer_too(duty, shifts):
    shift = shifts["jianfeng"]
    services.approve_shifts([shift.pk], by=duty.users.town_officer)
    with pytest.raises(DutyRefused) as caught:
        services.update_shift(shift, by=duty.users.town_officer, end_time=T(12, 0))
    assert caught.value.code == DutyError.APPROVED_LOCKED


def test_a_coordinator_corrects_an_approved_shift_with_history(duty, shifts):
    shift = shifts["jianfeng"]
    services.approve_shifts([shift.pk], by=duty.users.town_officer)
    services.update_shift(
        shift,
        by=duty.users.coordinator,
        reason="台账核对：实际到12点",
        end_time=T(12, 0),
        consultation_batches=1,
        consultation_people=4,
    )
    shift.refresh_from_db()
    assert shift.hours == Decimal("3.00") and shift.is_approved
    change = DutyShiftChange.objects.get(shift=shift)
    assert change.changed_by == duty.users.coordinator
    assert change.reason == "台账核对：实际到12点"
    assert change.changes == {
        "end_time": ["11:00:00", "12:00:00"],
        "consultation_batches": [0, 1],
        "consultation_people": [0, 4],
    }
    assert change.changed_at is not None
    entry = AuditEntry.objects.get(action="update", object_id=str(shift.pk))
    assert entry.user == duty.users.coordinator and entry.changes == change.changes
    assert entry.area_code == "440403107201" and entry.record_date == D(2023, 6, 1)


def test_moving_a_verified_shift_drops_the_verification(duty, shift_of):
    shift = shift_of(duty.a, duty.areas.jianfeng, D(2023, 6, 5))
    DutyShift.objects.filter(pk=shift.pk).update(verified_presence=True)
    shift.refresh_from_db()
    services.update_shift(shift, by=duty.users.advisor, start_time=T(8, 0))
    shift.refresh_from_db()
    assert not shift.verified_presence
    assert shift.changes.get().changes["verified_presence"] == [True, False]


def test_counting_things_on_a_verified_shift_keeps_the_verification(duty, shift_of):
    shift = shift_of(duty.a, duty.areas.jianfeng, D(2023, 6, 5))
    DutyShift.objects.filter(pk=shift.pk).update(verified_presence=True)
    shift.refresh_from_db()
    services.update_shift(shift, by=duty.users.advisor, end_time=T(12, 0), mediations=2)
    shift.refresh_from_db()
    assert shift.verified_presence
