"""The public check-in page and API store a keyed hash of the client address, never the address."""

import pytest
from django.utils import timezone

from outreach.models import CheckIn
from outreach.services.checkin import hash_client_address

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_event(make_event):
    now = timezone.localtime()
    return make_event(now.date(), hour=now.hour, hours=2)


def body(phone):
    return {
        "name": "陈小梅",
        "phone": phone,
        "gender": "female",
        "age_group": "36_59",
        "occupation": "farmer",
        "consent": True,
    }


def test_the_api_stores_the_hashed_address(api, open_event):
    response = api.post(
        f"/api/checkin/{open_event.checkin_secret}/", body("13800138000"), format="json", REMOTE_ADDR="203.0.113.7"
    )
    assert response.status_code == 201, response.content
    checkin = CheckIn.objects.get()
    assert checkin.client_hash == hash_client_address("203.0.113.7")
    assert "203.0.113.7" not in str(CheckIn.objects.values().get())


def test_the_page_stores_the_hashed_address(client, open_event):
    data = {**body("13800138001"), "consent": "on"}
    response = client.post(f"/c/{open_event.checkin_secret}/", data, REMOTE_ADDR="198.51.100.9")
    assert response.status_code == 302, response.content.decode()[-2000:]
    assert CheckIn.objects.get().client_hash == hash_client_address("198.51.100.9")


def test_organizer_entries_have_no_address(users, open_event):
    from outreach import services

    services.perform_checkin(open_event, body("13800138002"), method=CheckIn.Method.ORGANIZER, user=users.organizer)
    assert CheckIn.objects.get().client_hash is None
