"""POST /api/sync/duty-shifts/: per-record answers, replay creates nothing new, offline poster scans."""

import datetime
import uuid

import pytest
from django.utils import translation

from accounts.models import AuditEntry
from advisors import services
from advisors.errors import DutyError
from advisors.models import DutyPoster, DutyShift
from tests.advisors.conftest import NOW

URL = "/api/sync/duty-shifts/"


def shift_record(village, start="09:00", end="11:00", day="2023-06-15", **extra):
    return {
        "client_id": str(uuid.uuid4()),
        "village": village.code,
        "date": day,
        "start_time": start,
        "end_time": end,
        "consultation_batches": 1,
        "consultation_people": 2,
        **extra,
    }


def send(client, records):
    response = client.post(URL, {"records": records}, format="json")
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_replaying_a_batch_creates_nothing_new(duty, api_as):
    client = api_as(duty.users.advisor)
    records = [shift_record(duty.areas.jianfeng, "08:00", "09:00"), shift_record(duty.areas.xinwei, "10:00", "12:00")]
    first = send(client, records)
    assert [r["status"] for r in first] == ["created", "created"]
    assert [r["client_id"] for r in first] == [r["client_id"] for r in records]
    second = send(client, records)
    assert [r["status"] for r in second] == ["duplicate", "duplicate"]
    assert [r["id"] for r in second] == [r["id"] for r in first]
    assert DutyShift.objects.count() == 2
    shift = DutyShift.objects.get(pk=first[1]["id"])
    assert str(shift.client_id) == records[1]["client_id"]
    assert (shift.village, shift.hours, shift.consultation_people) == (duty.areas.xinwei, 2, 2)
    assert not shift.verified_presence and not shift.scanned_offline
    # One audit entry per shift, none for the replay.
    assert AuditEntry.objects.filter(model="advisors.dutyshift", action=AuditEntry.Action.CREATE).count() == 2


def test_a_mixed_batch_answers_each_record_in_order(duty, api_as):
    client = api_as(duty.users.advisor)
    earlier = shift_record(duty.areas.jianfeng, "08:00", "09:00")
    send(client, [earlier])
    good = shift_record(duty.areas.jianfeng, "13:00", "14:00")
    overlap = shift_record(duty.areas.xinwei, "08:30", "10:00")
    not_assigned = shift_record(duty.areas.nanao, "15:00", "15:30")
    bad_counts = shift_record(duty.areas.xinwei, "10:00", "10:30", consultation_batches=3, consultation_people=1)
    malformed = {"client_id": "not-a-uuid", "village": duty.areas.jianfeng.code}
    results = send(client, [good, earlier, overlap, not_assigned, bad_counts, malformed])
    assert [(r["status"], r["code"]) for r in results] == [
        ("created", ""),
        ("duplicate", ""),
        ("refused", "overlap"),
        ("refused", "not_assigned"),
        ("refused", "people_fewer_than_batches"),
        ("refused", "invalid_record"),
    ]
    assert results[1]["id"] == DutyShift.objects.get(client_id=earlier["client_id"]).pk
    assert "尖峰村" in results[2]["message"]
    assert results[3]["id"] is None and "南澳村" in results[3]["message"]
    assert results[5]["client_id"] == "not-a-uuid" and "client_id" in results[5]["message"]
    assert DutyShift.objects.count() == 2
    # A refused record corrected on the phone and sent again (same client id) is created.
    overlap["start_time"] = "09:00"
    assert send(client, [overlap])[0]["status"] == "created"


def test_refusal_messages_follow_the_language(duty, api_as):
    client = api_as(duty.users.advisor)
    record = shift_record(duty.areas.nanao)
    response = client.post(URL, {"records": [record]}, format="json", HTTP_ACCEPT_LANGUAGE="zh-hans")
    result = response.json()["results"][0]
    with translation.override("zh-hans"):
        expected = DutyError.NOT_ASSIGNED.label % {"advisor": "张律师", "village": "南澳村", "date": "2023-06-15"}
    assert result["code"] == "not_assigned"
    assert result["message"] == expected and expected != DutyError.NOT_ASSIGNED.label


def test_an_open_shift_sent_again_with_its_end_is_finished(duty, api_as):
    client = api_as(duty.users.advisor)
    record = shift_record(duty.areas.jianfeng, "09:00", None)
    created = send(client, [record])[0]
    assert created["status"] == "created"
    record.update(end_time="10:30", mediations=2)
    again = send(client, [record])[0]
    assert (again["status"], again["id"]) == ("duplicate", created["id"])
    shift = DutyShift.objects.get(pk=created["id"])
    assert (shift.end_time, shift.mediations, shift.hours) == (datetime.time(10, 30), 2, 1.5)
    assert DutyShift.objects.count() == 1


def test_a_client_id_of_another_advisor_is_refused(duty, api_as):
    record = shift_record(duty.areas.nanao)
    assert send(api_as(duty.users.other_advisor), [record])[0]["status"] == "created"
    record["village"] = duty.areas.jianfeng.code
    result = send(api_as(duty.users.advisor), [record])[0]
    assert (result["status"], result["code"]) == ("refused", "client_id_taken")
    assert DutyShift.objects.get().advisor == duty.b


def test_managers_name_the_advisor_and_stay_in_scope(duty, api_as):
    officer = api_as(duty.users.town_officer)
    without = send(officer, [shift_record(duty.areas.jianfeng)])[0]
    assert without["code"] == "advisor_required"
    ok = send(officer, [shift_record(duty.areas.jianfeng, advisor=duty.a.pk)])[0]
    assert ok["status"] == "created"
    other_town = send(officer, [shift_record(duty.areas.nanao, advisor=duty.b.pk)])[0]
    assert (other_town["status"], other_town["code"]) == ("refused", "out_of_scope")


@pytest.mark.parametrize(("who", "status"), [("organizer", 403), ("nobody", 403), ("anonymous", 401)])
def test_who_may_sync_shifts(duty, api_as, api, who, status):
    client = api if who == "anonymous" else api_as(getattr(duty.users, who))
    response = client.post(URL, {"records": [shift_record(duty.areas.jianfeng)]}, format="json")
    assert response.status_code == status
    assert DutyShift.objects.count() == 0


def test_a_body_without_a_list_is_a_400(duty, api_as):
    client = api_as(duty.users.advisor)
    assert client.post(URL, {"records": "x"}, format="json").status_code == 400
    too_many = [shift_record(duty.areas.jianfeng) for _ in range(201)]
    assert client.post(URL, {"records": too_many}, format="json").status_code == 400


# --- Posters scanned offline ---------------------------------------------------------------------


@pytest.fixture
def poster(duty):
    """尖峰村's poster, issued the day before NOW."""
    poster = services.ensure_poster(duty.areas.jianfeng)
    DutyPoster.objects.filter(pk=poster.pk).update(rotated_at=NOW - datetime.timedelta(days=1))
    poster.refresh_from_db()
    return poster


def scan_record(secret, at, **extra):
    return {"client_id": str(uuid.uuid4()), "scanned_secret": secret, "scanned_at": at.isoformat(), **extra}


def test_a_poster_scanned_offline_with_the_valid_secret_is_verified_presence(duty, api_as, poster):
    at = NOW - datetime.timedelta(hours=3, minutes=10, seconds=20)  # 12:49:40 Shanghai
    record = scan_record(poster.secret, at, end_time="15:00", consultation_batches=1, consultation_people=1)
    result = send(api_as(duty.users.advisor), [record])[0]
    assert result["status"] == "created", result
    shift = DutyShift.objects.get(pk=result["id"])
    assert shift.village == duty.areas.jianfeng
    assert (shift.date, shift.start_time, shift.end_time) == (NOW.date(), datetime.time(12, 49), datetime.time(15))
    assert shift.verified_presence and shift.scanned_offline


def test_a_poster_replaced_after_the_scan_still_counts_and_before_it_is_refused(duty, api_as, poster):
    old_secret = poster.secret
    services.rotate_poster(duty.areas.jianfeng, by=duty.users.coordinator)  # replaced at NOW
    client = api_as(duty.users.advisor)
    before = send(client, [scan_record(old_secret, NOW - datetime.timedelta(hours=2), end_time="15:00")])[0]
    assert before["status"] == "created"
    assert DutyShift.objects.get(pk=before["id"]).scanned_offline
    after = send(client, [scan_record(old_secret, NOW + datetime.timedelta(minutes=1))])[0]
    assert (after["status"], after["code"]) == ("refused", "poster_replaced")
    assert DutyShift.objects.count() == 1


def test_offline_scans_with_bad_secrets_or_times_are_refused(duty, api_as, poster):
    client = api_as(duty.users.advisor)
    results = send(
        client,
        [
            scan_record("no-such-secret", NOW - datetime.timedelta(hours=1)),
            scan_record(poster.secret, NOW + datetime.timedelta(hours=2)),
            scan_record(poster.secret, NOW - datetime.timedelta(days=3)),
            {"client_id": str(uuid.uuid4()), "scanned_secret": poster.secret},
        ],
    )
    assert [r["code"] for r in results] == [
        "unknown_poster",
        "scan_time_invalid",
        "scan_time_invalid",
        "invalid_record",
    ]
    assert DutyShift.objects.count() == 0


def test_another_advisors_poster_scanned_offline_is_refused(duty, api_as):
    nanao = services.ensure_poster(duty.areas.nanao)
    DutyPoster.objects.filter(pk=nanao.pk).update(rotated_at=NOW - datetime.timedelta(days=1))
    result = send(api_as(duty.users.advisor), [scan_record(nanao.secret, NOW - datetime.timedelta(hours=1))])[0]
    assert (result["status"], result["code"]) == ("refused", "not_assigned")


def test_records_made_under_another_login_are_not_written(duty, api_as):
    client = api_as(duty.users.advisor)
    record = shift_record(duty.areas.jianfeng)
    response = client.post(
        URL, {"records": [record]}, format="json", HTTP_X_OFFLINE_USER=str(duty.users.other_advisor.pk)
    )
    assert response.status_code == 409 and response.json()["detail"]
    assert DutyShift.objects.count() == 0
    same = client.post(URL, {"records": [record]}, format="json", HTTP_X_OFFLINE_USER=str(duty.users.advisor.pk))
    assert same.json()["results"][0]["status"] == "created"


def test_topic_counts_are_checked_at_sync_like_any_shift(duty, api_as):
    """Counts by topic travel with the offline record; above the shift's totals the record is refused."""
    from topics.services import ensure_seed_topics

    ensure_seed_topics()
    client = api_as(duty.users.advisor)
    good = shift_record(duty.areas.jianfeng, "08:00", "09:00", mediations=1, topics={"land": 1, "labour": 1})
    too_many = shift_record(duty.areas.xinwei, "10:00", "11:00", topics={"land": 3})
    results = send(client, [good, too_many])
    assert [r["status"] for r in results] == ["created", "refused"]
    assert results[1]["code"] == "topics_exceed_totals"
    assert services.topic_counts_of(DutyShift.objects.get(pk=results[0]["id"])) == {"land": 1, "labour": 1}
    assert DutyShift.objects.count() == 1
