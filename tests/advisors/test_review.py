"""Review: submitted → approved, or returned with a comment → corrected and resubmitted."""

import datetime

import pytest
from django.utils import translation

from accounts.models import AuditEntry
from advisors import services
from advisors.errors import DutyError, DutyRefused
from advisors.history import describe
from advisors.models import DutyShift, DutyShiftChange

from .conftest import D, T

State = DutyShift.State


@pytest.fixture
def shifts(duty, shift_of):
    return {
        "jianfeng": shift_of(duty.a, duty.areas.jianfeng, D(2023, 6, 1)),
        "xinwei": shift_of(duty.a, duty.areas.xinwei, D(2023, 6, 2)),
        "nanao": shift_of(duty.b, duty.areas.nanao, D(2023, 6, 1)),
        "open": shift_of(duty.a, duty.areas.jianfeng, D(2023, 6, 3), end=None),
    }


def _state(shift):
    return DutyShift.objects.get(pk=shift.pk).state


def test_a_new_shift_is_submitted_and_approval_sets_the_state(duty, shifts):
    assert _state(shifts["jianfeng"]) == State.SUBMITTED
    services.approve_shifts([shifts["jianfeng"].pk], by=duty.users.town_officer)
    shift = DutyShift.objects.get(pk=shifts["jianfeng"].pk)
    assert shift.state == State.APPROVED and shift.is_approved


def test_an_officer_returns_shifts_in_bulk_with_a_comment(duty, shifts):
    ids = [s.pk for s in shifts.values()]
    count = services.return_shifts(ids, by=duty.users.town_officer, comment="  开始时间与签到表不符 ")
    # Other town (南澳村) and the open shift are skipped.
    assert count == 2
    for name in ("jianfeng", "xinwei"):
        shift = DutyShift.objects.get(pk=shifts[name].pk)
        assert (shift.state, shift.review_comment, shift.is_approved) == (State.RETURNED, "开始时间与签到表不符", False)
    assert _state(shifts["nanao"]) == State.SUBMITTED and _state(shifts["open"]) == State.SUBMITTED
    entries = AuditEntry.objects.filter(action="update", object_id=str(shifts["jianfeng"].pk))
    assert entries.get().changes["state"] == ["submitted", "returned"]
    change = DutyShiftChange.objects.get(shift=shifts["jianfeng"])
    assert change.changes == {"state": ["submitted", "returned"]} and change.reason == "开始时间与签到表不符"


def test_returning_needs_a_comment_and_a_manager(duty, shifts):
    with pytest.raises(DutyRefused) as caught:
        services.return_shifts([shifts["jianfeng"].pk], by=duty.users.town_officer, comment="   ")
    assert caught.value.code == DutyError.COMMENT_REQUIRED
    with pytest.raises(DutyRefused) as caught:
        services.return_shifts([shifts["jianfeng"].pk], by=duty.users.advisor, comment="x")
    assert caught.value.code == DutyError.NOT_ALLOWED
    assert _state(shifts["jianfeng"]) == State.SUBMITTED


def test_an_approved_or_open_shift_cannot_be_returned(duty, shifts):
    services.approve_shifts([shifts["jianfeng"].pk], by=duty.users.town_officer)
    for name in ("jianfeng", "open"):
        with pytest.raises(DutyRefused) as caught:
            services.return_shift(shifts[name], by=duty.users.coordinator, comment="请更正")
        assert caught.value.code == DutyError.NOT_RETURNABLE
    assert _state(shifts["jianfeng"]) == State.APPROVED


def test_the_advisors_edit_resubmits_a_returned_shift(duty, shifts):
    services.return_shift(shifts["jianfeng"], by=duty.users.town_officer, comment="请补充咨询人数")
    shift = services.update_shift(
        shifts["jianfeng"], by=duty.users.advisor, consultation_batches=1, consultation_people=2
    )
    assert shift.state == State.SUBMITTED
    latest = DutyShiftChange.objects.filter(shift=shift).first()
    assert latest.changes["state"] == ["returned", "submitted"]
    # An officer's own edit does not resubmit on the advisor's behalf.
    services.return_shift(shift, by=duty.users.town_officer, comment="还是不对")
    services.update_shift(shift, by=duty.users.town_officer, notes="已核对")
    assert _state(shift) == State.RETURNED


def test_a_returned_shift_can_still_be_approved(duty, shifts):
    services.return_shift(shifts["xinwei"], by=duty.users.town_officer, comment="时间不对")
    assert services.approve_shifts([shifts["xinwei"].pk], by=duty.users.town_officer) == 1
    assert _state(shifts["xinwei"]) == State.APPROVED


def test_history_reads_in_words_and_labels(duty):
    with translation.override("zh-hans"):
        lines = describe({"verified_presence": [True, False], "start_time": ["09:00:00", "09:30:00"]})
        assert lines == ["到岗方式由扫码改为手填：修改了开始时间", "开始时间由09:00改为09:30"]
        assert describe({"mode": ["office", "home_visit"]}) == ["服务方式由驻村坐班改为走访入户"]
        assert describe({"state": ["returned", "submitted"]}) == ["审核状态由已退回改为已提交"]


def test_the_ledger_opens_on_waiting_for_me_with_a_link_to_all(duty, shifts, client_as):
    services.approve_shifts([shifts["xinwei"].pk], by=duty.users.town_officer)
    client = client_as(duty.users.town_officer)
    page = client.get("/advisors/ledger/")
    listed = {shift.pk for shift in page.context["page"]}
    assert listed == {shifts["jianfeng"].pk}  # submitted, finished, in the town
    assert 'id="show-all"' in page.content.decode()
    everything = {shift.pk for shift in client.get("/advisors/ledger/?approval=").context["page"]}
    assert everything == {shifts["jianfeng"].pk, shifts["xinwei"].pk, shifts["open"].pk}
    returned = client.get("/advisors/ledger/?approval=returned").context["page"]
    assert list(returned) == []


def test_the_ledger_returns_ticked_shifts_with_the_comment(duty, shifts, client_as):
    client = client_as(duty.users.town_officer)
    response = client.post(
        "/advisors/ledger/return/",
        {"shift": [shifts["jianfeng"].pk, shifts["xinwei"].pk], "comment": "请核对时间", "from": "ledger"},
    )
    assert response.status_code == 302 and response["Location"].startswith("/advisors/ledger/")
    assert {_state(shifts["jianfeng"]), _state(shifts["xinwei"])} == {State.RETURNED}
    # Without a comment nothing is returned and the page says why.
    services.update_shift(shifts["jianfeng"], by=duty.users.advisor, notes="已改")
    response = client.post("/advisors/ledger/return/", {"shift": [shifts["jianfeng"].pk], "comment": ""}, follow=True)
    assert _state(shifts["jianfeng"]) == State.SUBMITTED
    assert "必须填写意见" in response.content.decode()


def test_the_advisor_home_lists_returned_shifts_with_the_comment(duty, shifts, client_as):
    services.return_shift(shifts["xinwei"], by=duty.users.town_officer, comment="请补填调解数")
    html = client_as(duty.users.advisor).get("/").content.decode()
    assert 'id="returned-shifts"' in html and "请补填调解数" in html and "新伟社区" in html
    assert 'id="returned-shifts"' not in client_as(duty.users.other_advisor).get("/").content.decode()


def test_editing_the_start_of_a_verified_shift_asks_first(duty, client_as):
    shift = DutyShift.objects.create(
        advisor=duty.a,
        village=duty.areas.jianfeng,
        date=D(2023, 6, 14),
        start_time=T(9),
        end_time=T(11),
        hours=2,
        verified_presence=True,
    )
    client = client_as(duty.users.advisor)
    form = {
        "village": "440403107201",
        "date": "2023-06-14",
        "start_time": "08:30",
        "end_time": "11:00",
        "mode": "office",
    }
    response = client.post(f"/advisors/shifts/{shift.pk}/edit/", form)
    assert response.status_code == 200 and 'id="confirm-unverify"' in response.content.decode()
    shift.refresh_from_db()
    assert shift.start_time == T(9) and shift.verified_presence
    # Changing only the end time keeps the proof and asks nothing.
    response = client.post(f"/advisors/shifts/{shift.pk}/edit/", {**form, "start_time": "09:00", "end_time": "11:30"})
    assert response.status_code == 302
    shift.refresh_from_db()
    assert shift.end_time == T(11, 30) and shift.verified_presence
    response = client.post(f"/advisors/shifts/{shift.pk}/edit/", {**form, "end_time": "11:30", "confirm_unverify": "1"})
    assert response.status_code == 302
    shift.refresh_from_db()
    assert shift.start_time == T(8, 30) and not shift.verified_presence
    detail = client.get(f"/advisors/shifts/{shift.pk}/").content.decode()
    assert "<li>到岗方式由扫码改为手填：修改了开始时间</li>" in detail


def test_the_approved_flag_and_the_state_agree_after_the_data_migration(duty, shifts):
    # The migration maps approved_at → state; services keep them in step from then on.
    services.approve_shifts([shifts["jianfeng"].pk, shifts["xinwei"].pk], by=duty.users.coordinator)
    assert set(DutyShift.objects.filter(state=State.APPROVED).values_list("pk", flat=True)) == set(
        DutyShift.objects.filter(approved_at__isnull=False).values_list("pk", flat=True)
    )
    assert datetime.date(2023, 6, 1) in DutyShift.objects.filter(state=State.APPROVED).values_list("date", flat=True)
