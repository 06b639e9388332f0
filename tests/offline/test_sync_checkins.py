"""POST /api/sync/checkins/: door-mode entries through perform_checkin, counted once under replay."""

import uuid

import pytest

from outreach import services
from outreach.models import CheckIn, Event

URL = "/api/sync/checkins/"


def entry(attendee, **overrides):
    return {"client_id": str(uuid.uuid4()), **attendee(**overrides)}


def send(client, event, records, status=200):
    response = client.post(URL, {"event": event.pk, "records": records}, format="json")
    assert response.status_code == status, response.content
    return response.json().get("results")


def test_replaying_door_entries_counts_each_once(users, api_as, event, attendee):
    client = api_as(users.organizer)
    records = [entry(attendee, phone=f"1380013800{i}", name=f"村民{i}") for i in range(3)]
    first = send(client, event, records)
    assert [r["status"] for r in first] == ["created"] * 3
    again = send(client, event, records)
    assert [r["status"] for r in again] == ["duplicate"] * 3
    assert [r["id"] for r in again] == [r["id"] for r in first]
    checkins = CheckIn.objects.filter(event=event)
    assert checkins.count() == 3
    assert set(checkins.values_list("method", flat=True)) == {CheckIn.Method.DOOR}
    assert {str(c) for c in checkins.values_list("client_id", flat=True)} == {r["client_id"] for r in records}
    assert set(checkins.values_list("created_by", flat=True)) == {users.organizer.pk}


def test_a_mixed_batch_of_entries(users, api_as, event, attendee):
    client = api_as(users.organizer)
    scanned = services.perform_checkin(event, attendee(phone="13900139000"), method=CheckIn.Method.SELF)
    good = entry(attendee, phone="13800138001")
    same_phone_as_qr = entry(attendee, phone="139 0013 9000")
    bad_phone = entry(attendee, phone="12345")
    no_consent = entry(attendee, phone="13800138002", consent=False)
    no_name = entry(attendee, phone="13800138003", name="")
    no_nonce = attendee(phone="13800138004")
    results = send(client, event, [good, same_phone_as_qr, bad_phone, no_consent, no_name, no_nonce])
    assert [(r["status"], r["code"]) for r in results] == [
        ("created", ""),
        ("duplicate", ""),
        ("refused", "bad_phone"),
        ("refused", "consent_required"),
        ("refused", "attendee_name_required"),
        ("refused", "invalid_record"),
    ]
    assert results[1]["id"] == scanned.checkin.pk
    assert all(r["message"] for r in results[2:])
    assert CheckIn.objects.filter(event=event).count() == 2


def test_a_cancelled_event_refuses_every_entry(users, api_as, event, attendee):
    services.set_status(users.organizer, event, Event.Status.CANCELLED)
    results = send(api_as(users.organizer), event, [entry(attendee)])
    assert (results[0]["status"], results[0]["code"]) == ("refused", "cancelled")
    assert not CheckIn.objects.exists()


def test_a_nonce_of_another_event_is_refused(users, api_as, make_event, event, attendee):
    record = entry(attendee)
    send(api_as(users.organizer), event, [record])
    second = make_event(title="第二场")
    result = send(api_as(users.organizer), second, [record])[0]
    assert (result["status"], result["code"]) == ("refused", "client_id_taken")
    assert not CheckIn.objects.filter(event=second).exists()


@pytest.mark.parametrize(
    ("who", "status"), [("other_organizer", 404), ("town_officer", 403), ("advisor", 404), ("coordinator", 200)]
)
def test_who_may_sync_entries(users, api_as, event, attendee, who, status):
    send(api_as(getattr(users, who)), event, [entry(attendee)], status=status)
    assert CheckIn.objects.count() == (1 if status == 200 else 0)


def test_the_event_must_be_named(users, api_as, event, attendee):
    client = api_as(users.organizer)
    assert client.post(URL, {"records": [entry(attendee)]}, format="json").status_code == 400
    assert client.post(URL, {"event": 999999, "records": []}, format="json").status_code == 404
    assert client.post(URL, {"event": event.pk, "records": {}}, format="json").status_code == 400
