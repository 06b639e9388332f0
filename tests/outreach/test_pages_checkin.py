"""The attendee page (/c/<secret>/): it works without login or CSRF cookie, keeps input on errors,
answers refusals with friendly pages, and is rate-limited."""

from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse

from outreach import services
from outreach.models import CheckIn

pytestmark = pytest.mark.django_db


def checkin_body(areas, **overrides):
    data = {
        "name": "陈小梅",
        "phone": "+86 138-0013-8000",
        "gender": "female",
        "age_group": "36_59",
        "occupation": "farmer",
        "home_village": areas.jianfeng.code,
        "consent": "on",
    }
    data.update(overrides)
    return data


def test_the_check_in_page_works_without_login(client, event, areas):
    response = client.get(reverse("checkin", args=[event.checkin_secret]))
    html = response.content.decode()
    assert response.status_code == 200
    assert event.title in html and "<optgroup" in html and areas.nanao.name in html
    assert areas.closed.name not in html
    response = client.post(reverse("checkin", args=[event.checkin_secret]), checkin_body(areas))
    assert response.status_code == 302
    done = client.get(response.url)
    assert done.status_code == 200 and event.title in done.content.decode()
    assert CheckIn.objects.get().phone == "13800138000"


def test_the_check_in_page_needs_no_csrf_cookie(event, areas):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(
        reverse("checkin", args=[event.checkin_secret]), checkin_body(areas)
    )
    assert response.status_code == 302


def test_a_second_submit_shows_already_signed_in(client, event, areas):
    client.post(reverse("checkin", args=[event.checkin_secret]), checkin_body(areas))
    response = client.post(reverse("checkin", args=[event.checkin_secret]), checkin_body(areas), follow=True)
    assert response.context["already"] is True
    assert CheckIn.objects.count() == 1


def test_the_check_in_page_keeps_input_on_errors(client, event, areas):
    response = client.post(
        reverse("checkin", args=[event.checkin_secret]), checkin_body(areas, phone="123", consent="")
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "phone" in form.errors and "consent" in form.errors
    assert form["name"].value() == "陈小梅"
    assert not CheckIn.objects.exists()


@pytest.mark.parametrize(
    "setup, status, reason",
    [
        ("invalid", 404, "invalid"),
        ("revoked", 410, "revoked"),
        ("cancelled", 410, "cancelled"),
        ("early", 409, "not_open"),
        ("late", 410, "closed"),
    ],
)
def test_refusals_are_friendly_pages(client, users, event, setup, status, reason):
    secret = event.checkin_secret
    when = event.starts_at
    if setup == "invalid":
        secret = "no-such-secret"
    elif setup == "revoked":
        services.rotate_secret(users.organizer, event)
    elif setup == "cancelled":
        services.set_status(users.organizer, event, "cancelled")
    elif setup == "early":
        when = event.starts_at - timedelta(hours=2)
    elif setup == "late":
        when = event.ends_at + timedelta(hours=3)
    with time_machine.travel(when):
        response = client.get(reverse("checkin", args=[secret]))
    assert response.status_code == status
    assert f'data-reason="{reason}"' in response.content.decode()


def test_the_confirmation_link_cannot_be_forged(client, event):
    response = client.get(reverse("checkin_done", args=[event.checkin_secret]) + "?t=forged")
    assert response.status_code == 404


def test_the_check_in_page_is_rate_limited(client, event, areas, settings):
    settings.CHECKIN_RATE_LIMIT = "2/m"
    cache.clear()
    codes = [
        client.post(
            reverse("checkin", args=[event.checkin_secret]), checkin_body(areas, phone=f"1390000000{i}")
        ).status_code
        for i in range(3)
    ]
    assert codes == [302, 302, 429]
    assert CheckIn.objects.count() == 2
