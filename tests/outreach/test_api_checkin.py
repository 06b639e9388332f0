"""POST /api/checkin/{secret}/ and GET/POST /api/events/{id}/checkins/: the contract's codes."""

from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache

from outreach import services
from outreach.models import CheckIn

pytestmark = pytest.mark.django_db


def url(secret):
    return f"/api/checkin/{secret}/"


def test_first_check_in_is_201_ok(api, event, attendee):
    response = api.post(url(event.checkin_secret), attendee(), format="json")
    assert response.status_code == 201
    assert response.json()["status"] == "ok"
    assert response.json()["checked_in_at"].endswith("+08:00")


def test_repeat_is_200_already_checked_in_with_the_first_time(api, event, attendee):
    first = api.post(url(event.checkin_secret), attendee(), format="json").json()
    response = api.post(url(event.checkin_secret), attendee(phone="+86 138-0013-8000"), format="json")
    assert response.status_code == 200
    assert response.json() == {"status": "already_checked_in", "checked_in_at": first["checked_in_at"]}
    assert CheckIn.objects.count() == 1


def test_form_encoded_bodies_work_too(api, event, attendee):
    response = api.post(url(event.checkin_secret), {**attendee(), "consent": "true"})
    assert response.status_code == 201


def test_unknown_secret_is_404_invalid(api, event, attendee):
    response = api.post(url("nope"), attendee(), format="json")
    assert response.status_code == 404
    assert response.json()["status"] == "error" and response.json()["reason"] == "invalid"


def test_rotated_secret_is_410_revoked(api, event, users, attendee):
    old = event.checkin_secret
    services.rotate_secret(users.organizer, event)
    response = api.post(url(old), attendee(), format="json")
    assert (response.status_code, response.json()["reason"]) == (410, "revoked")


def test_cancelled_is_410(api, event, users, attendee):
    services.set_status(users.organizer, event, "cancelled")
    response = api.post(url(event.checkin_secret), attendee(), format="json")
    assert (response.status_code, response.json()["reason"]) == (410, "cancelled")


def test_before_the_window_is_409_not_open_and_after_is_410_closed(api, event, attendee):
    with time_machine.travel(event.starts_at - timedelta(minutes=61)):
        response = api.post(url(event.checkin_secret), attendee(), format="json")
    assert (response.status_code, response.json()["reason"]) == (409, "not_open")
    with time_machine.travel(event.ends_at + timedelta(minutes=121)):
        response = api.post(url(event.checkin_secret), attendee(), format="json")
    assert (response.status_code, response.json()["reason"]) == (410, "closed")


def test_bad_fields_are_400_with_field_errors(api, event, attendee):
    response = api.post(url(event.checkin_secret), attendee(phone="123", age_group="old", consent=False), format="json")
    assert response.status_code == 400
    assert set(response.json()) == {"phone", "age_group", "consent"}


@pytest.mark.parametrize(
    "body",
    [
        [],
        "text",
        12,
        None,
        {"phone": ["13800138000"]},
        {"phone": {"a": 1}, "home_village": ["1"]},
        {"name": "x" * 500, "phone": "13800138000"},
        {"home_village": "4404031072019999999999"},
        {"name": "a\u0000b", "phone": "13800138000", "age_group": "18_35", "occupation": "farmer", "consent": True},
    ],
)
def test_no_input_causes_a_500(api, event, body):
    response = api.post(url(event.checkin_secret), body, format="json")
    assert response.status_code == 400


@pytest.mark.parametrize("secret", ["%00abc", "a%20b", "秘密", "x" * 65])
def test_odd_secrets_are_invalid_not_errors(api, client, secret, attendee):
    response = api.post(url(secret), attendee(), format="json")
    assert (response.status_code, response.json()["reason"]) == (404, "invalid")
    assert client.get(f"/c/{secret}/").status_code == 404


def test_malformed_json_is_400(api, event):
    response = api.generic("POST", url(event.checkin_secret), "{not json", content_type="application/json")
    assert response.status_code == 400


def test_public_check_in_needs_no_login_or_csrf(event, attendee):
    from rest_framework.test import APIClient

    client = APIClient(enforce_csrf_checks=True)
    response = client.post(url(event.checkin_secret), attendee(), format="json")
    assert response.status_code == 201


def test_the_public_endpoint_only_posts(api, event):
    assert api.get(url(event.checkin_secret)).status_code == 405


def test_over_the_rate_limit_is_429(api, event, attendee, settings):
    settings.CHECKIN_RATE_LIMIT = "3/m"
    cache.clear()
    codes = [
        api.post(url(event.checkin_secret), attendee(phone=f"1390000000{i}"), format="json").status_code
        for i in range(5)
    ]
    assert codes == [201, 201, 201, 429, 429]
    assert CheckIn.objects.count() == 3
    # Another client address has its own allowance.
    response = api.post(url(event.checkin_secret), attendee(phone="13900000009"), format="json", REMOTE_ADDR="10.1.2.3")
    assert response.status_code == 201


def test_x_forwarded_for_is_trusted_only_when_configured(api, event, attendee, settings):
    settings.CHECKIN_RATE_LIMIT = "1/m"
    cache.clear()
    first = api.post(url(event.checkin_secret), attendee(), format="json", HTTP_X_FORWARDED_FOR="1.1.1.1")
    forged = api.post(
        url(event.checkin_secret), attendee(phone="13900000001"), format="json", HTTP_X_FORWARDED_FOR="2.2.2.2"
    )
    assert (first.status_code, forged.status_code) == (201, 429)
    settings.CHECKIN_TRUST_X_FORWARDED_FOR = True
    via_proxy = api.post(
        url(event.checkin_secret), attendee(phone="13900000002"), format="json", HTTP_X_FORWARDED_FOR="spoofed, 3.3.3.3"
    )
    assert via_proxy.status_code == 201


# --- /api/events/{id}/checkins/ -------------------------------------------------------------


def test_organizer_lists_check_ins_with_masked_phones(api_as, users, event, attendee):
    services.perform_checkin(event.checkin_secret, attendee())
    response = api_as(users.organizer).get(f"/api/events/{event.pk}/checkins/")
    assert response.status_code == 200
    row = response.json()["results"][0]
    assert row["phone"] == "138****8000"
    assert row["home_village"] == "440403107201"


def test_coordinator_sees_full_phones(api_as, users, event, attendee):
    services.perform_checkin(event.checkin_secret, attendee())
    row = api_as(users.coordinator).get(f"/api/events/{event.pk}/checkins/").json()["results"][0]
    assert row["phone"] == "13800138000"


def test_organizer_posts_a_paper_sheet_row_outside_the_window(api_as, users, event, attendee):
    client = api_as(users.organizer)
    body = attendee()
    body.pop("consent")
    with time_machine.travel(event.ends_at + timedelta(days=2)):
        first = client.post(f"/api/events/{event.pk}/checkins/", body, format="json")
        again = client.post(f"/api/events/{event.pk}/checkins/", body, format="json")
    assert (first.status_code, first.json()["status"]) == (201, "ok")
    assert (again.status_code, again.json()["status"]) == (200, "already_checked_in")
    assert CheckIn.objects.get().method == "organizer"


def test_organizer_post_with_bad_data_is_400(api_as, users, event, attendee):
    response = api_as(users.organizer).post(f"/api/events/{event.pk}/checkins/", attendee(phone="x"), format="json")
    assert response.status_code == 400 and "phone" in response.json()


def test_other_organizer_cannot_list_or_post_check_ins(api_as, users, event, attendee):
    client = api_as(users.other_organizer)
    assert client.get(f"/api/events/{event.pk}/checkins/").status_code == 404
    assert client.post(f"/api/events/{event.pk}/checkins/", attendee(), format="json").status_code == 404
    assert not CheckIn.objects.exists()


def test_town_officer_cannot_see_attendees(api_as, users, event):
    assert api_as(users.town_officer).get(f"/api/events/{event.pk}/checkins/").status_code == 403


def test_anonymous_cannot_list_check_ins(api, event):
    assert api.get(f"/api/events/{event.pk}/checkins/").status_code in (401, 403)


def test_annul_through_the_api(api_as, users, event, attendee):
    checkin = services.perform_checkin(event.checkin_secret, attendee()).checkin
    response = api_as(users.organizer).post(f"/api/events/{event.pk}/checkins/{checkin.pk}/annul/")
    assert response.status_code == 200 and response.json()["annulled"] is True
    again = api_as(users.organizer).post(f"/api/events/{event.pk}/checkins/{checkin.pk}/annul/")
    assert again.status_code == 400
