"""Flags decided right after the write commits (shifts, events, check-ins), stale flags closing by
themselves (moved, corrected, deleted), and an officer opening a resolved flag again with a note."""

import datetime

import pytest

from accounts.models import AuditEntry
from advisors.models import DutyShift
from quality.errors import FlagRefused
from quality.models import Flag
from quality.services import reopen_flag, resolve_flag

from .test_rules import DAY, checkin

pytestmark = pytest.mark.django_db
Closed = Flag.ClosedReason


def flag_refreshes(callbacks):
    """The on-commit callbacks queued by quality (coverage queues its own)."""
    return [callback for callback in callbacks if hasattr(callback, "flag_key")]


def test_a_long_shift_is_flagged_on_commit_and_its_flag_follows_it(
    areas, advisor, make_shift, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        shift = make_shift(advisor, DAY, 6, 19)
    flag = Flag.objects.get(record_id=shift.pk, kind=Flag.Kind.SHIFT_TOO_LONG)
    assert (flag.area_code, flag.record_date, flag.resolved) == (areas.jianfeng.code, DAY, False)
    # Moved to another village and day, still 13 hours: the same flag moves with it.
    with django_capture_on_commit_callbacks(execute=True):
        shift.village, shift.date = areas.xinwei, DAY + datetime.timedelta(days=3)
        shift.save()
    flag.refresh_from_db()
    assert (flag.area_code, flag.record_date, flag.resolved) == (areas.xinwei.code, shift.date, False)
    # Corrected to three hours: the flag closes by itself, saying why.
    with django_capture_on_commit_callbacks(execute=True):
        shift.end_time, shift.hours = datetime.time(9), 3
        shift.save()
    flag.refresh_from_db()
    assert (flag.resolved, flag.closed_reason, flag.resolved_by) == (True, Closed.NO_LONGER_HOLDS, None)
    assert Flag.objects.count() == 1


def test_a_shift_moved_away_from_its_flag_closes_it(areas, advisor, make_shift, django_capture_on_commit_callbacks):
    """The record's flag at its old day closes even though the new day's computation never sees it."""
    with django_capture_on_commit_callbacks(execute=True):
        shift = make_shift(advisor, DAY, 6, 19)
    with django_capture_on_commit_callbacks(execute=True):
        DutyShift.objects.filter(pk=shift.pk).update(end_time=datetime.time(9), hours=3)
        shift.refresh_from_db()
        shift.date = DAY + datetime.timedelta(days=30)
        shift.save()
    flag = Flag.objects.get(record_id=shift.pk)
    assert (flag.resolved, flag.closed_reason, flag.record_date) == (True, Closed.NO_LONGER_HOLDS, DAY)


def test_a_deleted_shift_closes_its_flags_and_they_cannot_be_reopened(
    users, advisor, make_shift, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        shift = make_shift(advisor, DAY, 6, 19)
    with django_capture_on_commit_callbacks(execute=True):
        shift.delete()
    flag = Flag.objects.get()
    assert (flag.resolved, flag.closed_reason) == (True, Closed.RECORD_DELETED)
    with pytest.raises(FlagRefused) as refused:
        reopen_flag(users.town_officer, flag, "还要查")
    assert refused.value.code == "record_deleted"


def test_check_ins_flag_their_event_right_after_commit_once_per_transaction(
    areas, make_event, django_capture_on_commit_callbacks
):
    from django.db import transaction

    areas.jianfeng.population = 3
    areas.jianfeng.save()
    with django_capture_on_commit_callbacks(execute=True):
        event = make_event(DAY)
        other = make_event(DAY, area=areas.xinwei, title="同时段另一场")
    # A paper sheet of four rows in one transaction: one recomputation of the event.
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        for n in range(4):
            checkin(event, f"1390000000{n}")
    assert len(flag_refreshes(callbacks)) == 1
    assert Flag.objects.filter(kind=Flag.Kind.OVER_POPULATION, record_id=event.pk, resolved=False).exists()
    with django_capture_on_commit_callbacks(execute=True):
        second = checkin(other, "13900000000")  # the same phone at an overlapping event elsewhere
    two = Flag.objects.filter(kind=Flag.Kind.PHONE_TWO_EVENTS, resolved=False)
    assert two.count() == 2 and second.pk in set(two.values_list("record_id", flat=True))
    # Annulling the second check-in closes both phone flags (one of them at the other village).
    with django_capture_on_commit_callbacks(execute=True):
        second.annulled = True
        second.save()
    assert not Flag.objects.filter(kind=Flag.Kind.PHONE_TWO_EVENTS, resolved=False).exists()
    assert set(Flag.objects.filter(kind=Flag.Kind.PHONE_TWO_EVENTS).values_list("closed_reason", flat=True)) == {
        Closed.NO_LONGER_HOLDS
    }
    # The event cancelled: its population flag closes too.
    with django_capture_on_commit_callbacks(execute=True):
        event.status = event.Status.CANCELLED
        event.save()
    assert Flag.objects.get(kind=Flag.Kind.OVER_POPULATION).closed_reason == Closed.NO_LONGER_HOLDS


def test_flags_on_write_can_be_left_to_the_nightly_job(
    advisor, make_shift, settings, django_capture_on_commit_callbacks
):
    settings.QUALITY_FLAGS_ON_WRITE = False
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        make_shift(advisor, DAY, 6, 19)
    assert flag_refreshes(callbacks) == [] and not Flag.objects.exists()


def _flag(area, **fields):
    return Flag.objects.create(
        kind=Flag.Kind.SHIFT_TOO_LONG,
        record_type=Flag.RecordType.DUTY_SHIFT,
        record_id=fields.pop("record_id", 1),
        area_code=area.code,
        record_date=DAY,
        why="值班 13 小时，超过 12 小时。",
        **fields,
    )


def test_an_officer_reopens_a_resolved_flag_with_a_note(areas, users):
    flag = resolve_flag(users.town_officer, _flag(areas.jianfeng), "已核实")
    reopened = reopen_flag(users.town_officer, flag, "  复核发现签到表不符  ")
    assert (reopened.resolved, reopened.note, reopened.resolved_by, reopened.resolved_at) == (
        False,
        "复核发现签到表不符",
        None,
        None,
    )
    entry = AuditEntry.objects.filter(model="quality.flag", object_id=str(flag.pk)).order_by("-id").first()
    assert entry.user == users.town_officer and entry.changes["resolved"] == [True, False]
    assert entry.changes["note"] == ["已核实", "复核发现签到表不符"]
    # An automatically closed flag can be reopened too.
    auto = _flag(areas.jianfeng, record_id=2, resolved=True, closed_reason=Closed.NO_LONGER_HOLDS)
    assert reopen_flag(users.coordinator, auto, "仍需核实").closed_reason == ""


@pytest.mark.parametrize(
    ("who", "state", "note", "code"),
    [
        ("other_town_officer", "resolved", "x", "not_allowed"),
        ("organizer", "resolved", "x", "not_allowed"),
        ("town_officer", "open", "x", "not_resolved"),
        ("town_officer", "resolved", "  ", "reopen_note_required"),
    ],
)
def test_reopen_refusals(areas, users, who, state, note, code):
    flag = _flag(areas.jianfeng, resolved=state == "resolved", note="已核实")
    with pytest.raises(FlagRefused) as refused:
        reopen_flag(getattr(users, who), flag, note)
    assert refused.value.code == code
    assert Flag.objects.get(pk=flag.pk).resolved is (state == "resolved")


def test_the_flags_page_and_the_api_reopen(areas, users, client_as, api_as):
    flag = resolve_flag(users.town_officer, _flag(areas.jianfeng), "已核实")
    auto = _flag(areas.jianfeng, record_id=2, resolved=True, closed_reason=Closed.RECORD_DELETED)
    client = client_as(users.town_officer)
    html = client.get("/quality/?year=2026&state=resolved").content.decode()
    assert f"/quality/{flag.pk}/reopen/" in html and f"/quality/{auto.pk}/reopen/" not in html
    assert "The record was deleted" in html or "记录已删除" in html
    response = client.post(f"/quality/{flag.pk}/reopen/", {"note": "", "query": "year=2026"}, follow=True)
    assert Flag.objects.get(pk=flag.pk).resolved
    response = client.post(f"/quality/{flag.pk}/reopen/", {"note": "重新核查", "query": "year=2026"})
    assert response.status_code == 302 and not Flag.objects.get(pk=flag.pk).resolved
    assert client_as(users.other_town_officer).post(f"/quality/{flag.pk}/reopen/", {"note": "x"}).status_code == 404
    api = api_as(users.town_officer)
    assert api.post(f"/api/flags/{flag.pk}/reopen/", {"note": "x"}, format="json").status_code == 409  # open
    assert api.post(f"/api/flags/{auto.pk}/reopen/", {"note": "x"}, format="json").status_code == 409  # deleted
    assert api.post(f"/api/flags/{auto.pk}/reopen/", {"note": ""}, format="json").status_code in (400, 409)
    body = api.get("/api/flags/?year=2026").json()["results"]
    assert {row["id"]: row["closed_reason"] for row in body} == {flag.pk: "", auto.pk: "record_deleted"}
    api.post(f"/api/flags/{flag.pk}/resolve/", {"note": "已核实"}, format="json")
    response = api.post(f"/api/flags/{flag.pk}/reopen/", {"note": "再次复核"}, format="json")
    assert (
        response.status_code == 200 and response.json()["resolved"] is False and response.json()["note"] == "再次复核"
    )


def test_an_advisor_added_as_speaker_elsewhere_flags_their_shift_and_removing_closes_it(
    areas, advisor, make_shift, make_event, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        shift = make_shift(advisor, DAY, 9, 12)
        talk = make_event(DAY, hour=10, area=areas.nanao, title="南澳普法讲座")
    assert not Flag.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        talk.advisors.add(advisor)
    flag = Flag.objects.get(kind=Flag.Kind.ADVISOR_ELSEWHERE)
    assert (flag.record_id, flag.resolved) == (shift.pk, False) and "南澳普法讲座" in flag.why
    with django_capture_on_commit_callbacks(execute=True):
        talk.advisors.remove(advisor)
    flag.refresh_from_db()
    assert (flag.resolved, flag.closed_reason) == (True, Closed.NO_LONGER_HOLDS)


def test_the_refresh_after_a_check_in_costs_the_same_for_5_or_60_check_ins(
    areas, make_event, django_assert_max_num_queries
):
    from quality.refresh import refresh_event_flags

    event = make_event(DAY)
    for n in range(5):
        checkin(event, f"1381000{n:04d}")
    with django_assert_max_num_queries(10):
        refresh_event_flags(event.pk, speakers=False)
    for n in range(5, 60):
        checkin(event, f"1381000{n:04d}")
    with django_assert_max_num_queries(10):
        refresh_event_flags(event.pk, speakers=False)


def test_check_ins_recompute_their_events_flags_once_per_window(
    areas, make_event, settings, django_capture_on_commit_callbacks
):
    """A burst of public check-ins: the first queues its event's refresh (to run at the window's end
    with a broker), the rest of the window queue nothing; another event has its own window."""
    from django.core.cache import cache

    from outreach.signals import debounce_key

    settings.CHECKIN_DEBOUNCE_SECONDS = 60
    cache.clear()
    event, other = make_event(DAY), make_event(DAY, area=areas.xinwei, title="另一场")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        for n in range(5):
            checkin(event, f"1390000100{n}")
        checkin(other, "13900002000")
    assert len(flag_refreshes(callbacks)) == 2
    cache.delete(debounce_key(event.pk))  # the window has passed
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        checkin(event, "13900001009")
    assert len(flag_refreshes(callbacks)) == 1
