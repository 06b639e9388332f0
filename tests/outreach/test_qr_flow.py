"""The QR code printed on the poster opens the check-in page: decode the real PNG and follow it."""

import io
from urllib.parse import urlsplit

import pytest
import zxingcpp
from django.urls import reverse
from PIL import Image

from outreach.models import CheckIn

pytestmark = pytest.mark.django_db


def decode(png):
    results = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    assert len(results) == 1
    return results[0].text


def test_the_poster_qr_leads_to_a_successful_check_in(client, users, event, areas):
    client.force_login(users.organizer)
    png = client.get(reverse("outreach:event_qr", args=[event.pk, "png"])).content
    url = decode(png)
    client.logout()

    parts = urlsplit(url)
    # The QR carries only the short URL with the secret: no ids, no personal data.
    assert parts.path == f"/c/{event.checkin_secret}/" and not parts.query
    assert str(event.pk) not in parts.path.replace(event.checkin_secret, "")

    page = client.get(parts.path)
    assert page.status_code == 200
    response = client.post(
        parts.path,
        {
            "name": "黄伯",
            "phone": "139-2000-1234",
            "gender": "male",
            "age_group": "60_plus",
            "occupation": "retired",
            "home_village": areas.xinwei.code,
            "consent": "on",
        },
        follow=True,
    )
    assert response.status_code == 200
    assert "checkin-done" in response.content.decode()
    checkin = CheckIn.objects.get(event=event)
    assert (checkin.phone, checkin.method, checkin.home_village) == ("13920001234", "self", areas.xinwei)
