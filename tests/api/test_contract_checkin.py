"""The public API contract ("v1") for check-in: the status codes of the public
check-in, the organizer's paper-sheet entry, rotating the secret, and the QR images."""

from datetime import timedelta

import pytest
from django.utils import timezone

from outreach import services as outreach
from outreach.models import CheckIn, Event

from .contract_helpers import DATETIME

# --- Check-in ----------------------------------------------------------------------------------

ATTENDEE = {
    "name": "陈小梅",
    "phone": "138 0013 8000",
    "gender": "female",
    "age_group": "36_59",
    "occupation": "farmer",
    "home_village": "440403107201",
    "consent": True,
}


@pytest.fixture
def live_event(users, areas):
    start = timezone.now() + timedelta(minutes=30)
    return outreach.create_event(
        users.organizer,
        {
            "title": "法律进乡村",
            "area": areas.jianfeng,
            "starts_at": start,
            "ends_at": start + timedelta(hours=1),
        },
    )


@pytest.mark.django_db
def test_checkin_answers_201_then_200_for_the_same_phone(api, live_event):
    first = api.post(f"/api/checkin/{live_event.checkin_secret}/", ATTENDEE, format="json")
    assert first.status_code == 201
    assert first.json()["status"] == "ok" and DATETIME.match(first.json()["checked_in_at"])
    again = api.post(f"/api/checkin/{live_event.checkin_secret}/", {**ATTENDEE, "phone": "13800138000"}, format="json")
    assert again.status_code == 200
    assert again.json() == {"status": "already_checked_in", "checked_in_at": first.json()["checked_in_at"]}
    assert CheckIn.objects.filter(event=live_event).count() == 1


@pytest.mark.django_db
def test_checkin_refusals_have_the_contract_codes(api, live_event, users, areas):
    assert api.post("/api/checkin/no-such-secret/", ATTENDEE, format="json").json() == {
        "status": "error",
        "reason": "invalid",
        "detail": str(outreach.CheckinRefusal.INVALID.label),
    }
    assert api.post("/api/checkin/no-such-secret/", ATTENDEE, format="json").status_code == 404

    old = live_event.checkin_secret
    outreach.rotate_secret(users.organizer, live_event)
    response = api.post(f"/api/checkin/{old}/", ATTENDEE, format="json")
    assert (response.status_code, response.json()["reason"]) == (410, "revoked")

    later = timezone.now() + timedelta(hours=3)
    future = outreach.create_event(
        users.organizer,
        {"title": "未开始", "area": areas.jianfeng, "starts_at": later, "ends_at": later + timedelta(hours=1)},
    )
    response = api.post(f"/api/checkin/{future.checkin_secret}/", ATTENDEE, format="json")
    assert (response.status_code, response.json()["reason"]) == (409, "not_open")

    earlier = timezone.now() - timedelta(hours=6)
    past = outreach.create_event(
        users.organizer,
        {"title": "已结束", "area": areas.jianfeng, "starts_at": earlier, "ends_at": earlier + timedelta(hours=1)},
    )
    response = api.post(f"/api/checkin/{past.checkin_secret}/", ATTENDEE, format="json")
    assert (response.status_code, response.json()["reason"]) == (410, "closed")

    live_event.refresh_from_db()
    outreach.set_status(users.organizer, live_event, Event.Status.CANCELLED)
    response = api.post(f"/api/checkin/{live_event.checkin_secret}/", ATTENDEE, format="json")
    assert (response.status_code, response.json()["reason"]) == (410, "cancelled")
    assert not CheckIn.objects.exists()


@pytest.mark.django_db
def test_checkin_bad_input_is_400_with_field_errors(api, live_event):
    response = api.post(
        f"/api/checkin/{live_event.checkin_secret}/",
        {**ATTENDEE, "phone": "12", "age_group": "teen", "consent": False},
        format="json",
    )
    assert response.status_code == 400
    assert set(response.json()) == {"phone", "age_group", "consent"}
    assert all(isinstance(messages, list) for messages in response.json().values())


@pytest.mark.django_db
def test_checkin_over_the_rate_limit_is_429(api, live_event, settings):
    from django.core.cache import cache

    cache.clear()
    settings.CHECKIN_RATE_LIMIT = "2/m"
    codes = [
        api.post(
            f"/api/checkin/{live_event.checkin_secret}/", {**ATTENDEE, "phone": f"1380013800{i}"}, format="json"
        ).status_code
        for i in range(3)
    ]
    assert codes == [201, 201, 429]
    cache.clear()


@pytest.mark.django_db
def test_organizer_enters_a_paper_sheet_and_reads_masked_checkins(api_as, ledger):
    client = api_as(ledger.users.organizer)
    body = {key: value for key, value in ATTENDEE.items() if key != "consent"}
    body["phone"] = "13900001111"
    url = f"/api/events/{ledger.event_a.pk}/checkins/"
    assert client.post(url, body, format="json").status_code == 201
    assert client.post(url, body, format="json").status_code == 200
    page = client.get(url).json()
    assert set(page) >= {"count", "next", "previous", "results"} and page["count"] == 2
    assert sorted(row["phone"] for row in page["results"]) == ["138****8000", "139****1111"]


@pytest.mark.django_db
def test_rotate_secret_gives_a_new_secret_and_revokes_the_old(api_as, api, ledger):
    old = ledger.event_a.checkin_secret
    response = api_as(ledger.users.organizer).post(f"/api/events/{ledger.event_a.pk}/rotate-secret/")
    assert response.status_code == 200
    assert response.json()["checkin_secret"] != old
    refused = api.post(f"/api/checkin/{old}/", ATTENDEE, format="json")
    assert (refused.status_code, refused.json()["reason"]) == (410, "revoked")


@pytest.mark.django_db
@pytest.mark.parametrize("suffix, content_type", [("qr.png", "image/png"), ("qr.svg", "image/svg+xml")])
def test_event_qr_images(api_as, ledger, suffix, content_type):
    response = api_as(ledger.users.organizer).get(f"/api/events/{ledger.event_a.pk}/{suffix}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    assert api_as(ledger.users.other_organizer).get(f"/api/events/{ledger.event_a.pk}/{suffix}").status_code in (
        403,
        404,
    )


@pytest.mark.django_db
@pytest.mark.parametrize("suffix, content_type", [("duty-qr.png", "image/png"), ("duty-qr.svg", "image/svg+xml")])
def test_village_duty_qr_images(api_as, ledger, suffix, content_type):
    url = f"/api/areas/440403107201/{suffix}"
    for user in (ledger.users.coordinator, ledger.users.town_officer):
        response = api_as(user).get(url)
        assert response.status_code == 200
        assert response["Content-Type"].startswith(content_type)
    assert api_as(ledger.users.other_town_officer).get(url).status_code == 403
    assert api_as(ledger.users.advisor).get(url).status_code == 403
