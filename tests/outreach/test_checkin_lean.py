"""The lean path of POST /api/checkin/{secret}/ (api/events/checkin_lean.py): it answers exactly as the DRF
view does through the whole middleware stack (status, JSON bytes, headers), and it skips only what it says."""

import json
from datetime import timedelta

import pytest
import time_machine
from django.conf import settings as django_settings
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse
from rest_framework.test import APIClient

from api.events import checkin_lean
from api.events.checkin import PublicCheckinView
from outreach import services
from outreach.models import CheckIn

pytestmark = pytest.mark.django_db
WITHOUT_LEAN = [name for name in django_settings.MIDDLEWARE if name != checkin_lean.MIDDLEWARE_NAME]


def url(secret):
    return f"/api/checkin/{secret}/"


def post(secret, body, *, lean, **extra):
    """The answer of the lean path (lean=True) or of the DRF view behind the whole stack (lean=False)."""
    raw = body if isinstance(body, str) else json.dumps(body)
    extra.setdefault("content_type", "application/json")
    if lean:
        return APIClient().generic("POST", url(secret), raw, **extra)
    with override_settings(MIDDLEWARE=WITHOUT_LEAN):
        return APIClient().generic("POST", url(secret), raw, **extra)


def answer(response, *, drop_time=False):
    body = response.content
    if drop_time and response.get("Content-Type") == "application/json":
        data = json.loads(body)
        assert data.pop("checked_in_at", None)
        body = data
    return response.status_code, body, sorted(response.headers.items())


def test_the_route_is_the_one_the_lean_path_matches():
    path = reverse("public-checkin", kwargs={"secret": "abc-DEF_123"})
    assert checkin_lean.PATH.fullmatch(path)["secret"] == "abc-DEF_123"
    assert checkin_lean.MIDDLEWARE_NAME == django_settings.MIDDLEWARE[0]


def test_a_new_check_in_answers_as_the_drf_view(event, attendee):
    lean = post(event.checkin_secret, attendee(phone="13800000001"), lean=True)
    full = post(event.checkin_secret, attendee(phone="13800000002"), lean=False)
    assert lean.status_code == 201
    assert answer(lean, drop_time=True) == answer(full, drop_time=True)
    assert lean["Content-Type"] == "application/json" and lean["Vary"] == "Accept, Accept-Language"
    assert "Content-Security-Policy" in lean and lean["X-Frame-Options"] == "DENY"
    assert CheckIn.objects.filter(event=event).count() == 2


def test_a_repeat_answers_as_the_drf_view(event, attendee):
    post(event.checkin_secret, attendee(), lean=True)
    assert answer(post(event.checkin_secret, attendee(), lean=True)) == answer(
        post(event.checkin_secret, attendee(), lean=False)
    )
    assert CheckIn.objects.filter(event=event).count() == 1


BAD_BODIES = [
    {"name": ""},
    {"name": "x" * 51, "phone": "123"},
    {"name": "陈", "phone": "13800138000", "gender": "x", "age_group": "old", "occupation": "?", "consent": False},
    {"name": "陈", "phone": "13800138000", "age_group": "36_59", "occupation": "farmer"},  # no consent
    {
        "name": "陈",
        "phone": "13800138000",
        "age_group": "36_59",
        "occupation": "farmer",
        "consent": True,
        "home_village": "999",
    },
    ["not", "an", "object"],
    "42",
    '{"name": "陈", "phone": NaN}',
    '{"name": ',
    "[" * 5000 + "]" * 5000,
    "\ufeff{}",
]


@pytest.mark.parametrize("body", BAD_BODIES)
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_bad_input_answers_as_the_drf_view(event, body, language):
    lean = post(event.checkin_secret, body, lean=True, HTTP_ACCEPT_LANGUAGE=language)
    assert lean.status_code == 400
    assert answer(lean) == answer(post(event.checkin_secret, body, lean=False, HTTP_ACCEPT_LANGUAGE=language))
    assert not CheckIn.objects.exists()


def test_refusals_answer_as_the_drf_view(event, users, attendee, make_event):
    def same(secret, expected_status):
        lean = post(secret, attendee(), lean=True, HTTP_ACCEPT_LANGUAGE="en")
        assert lean.status_code == expected_status
        assert answer(lean) == answer(post(secret, attendee(), lean=False, HTTP_ACCEPT_LANGUAGE="en"))

    same("no-such-secret", 404)
    same("bad\x00secret", 404)
    with time_machine.travel(event.starts_at - timedelta(minutes=61)):
        same(event.checkin_secret, 409)
    with time_machine.travel(event.ends_at + timedelta(minutes=121)):
        same(event.checkin_secret, 410)
    old = event.checkin_secret
    services.rotate_secret(users.organizer, event)
    same(old, 410)
    services.set_status(users.organizer, event, "cancelled")
    same(event.checkin_secret, 410)
    assert not CheckIn.objects.exists()


def test_the_rate_limit_answers_as_the_drf_view(event, attendee, settings):
    settings.CHECKIN_RATE_LIMIT = "1/m"
    cache.clear()
    assert post(event.checkin_secret, attendee(), lean=True).status_code == 201
    lean = post(event.checkin_secret, attendee(phone="13900000000"), lean=True)
    full = post(event.checkin_secret, attendee(phone="13900000000"), lean=False)
    assert lean.status_code == 429 and lean["Retry-After"] == "60"
    assert answer(lean) == answer(full)
    cache.clear()


def test_the_host_check_and_the_https_redirect_still_run(event, attendee, settings):
    bad_host = post(event.checkin_secret, attendee(), lean=True, HTTP_HOST="evil.example")
    assert bad_host.status_code == 400
    assert answer(bad_host) == answer(post(event.checkin_secret, attendee(), lean=False, HTTP_HOST="evil.example"))
    settings.SECURE_SSL_REDIRECT = True
    lean = post(event.checkin_secret, attendee(), lean=True)
    assert lean.status_code == 301
    assert answer(lean) == answer(post(event.checkin_secret, attendee(), lean=False))
    assert not CheckIn.objects.exists()


def test_the_lean_path_skips_drf_the_resolver_and_the_session(event, attendee, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("not on the lean path")

    monkeypatch.setattr(PublicCheckinView, "dispatch", refuse)
    monkeypatch.setattr("django.urls.resolvers.URLResolver.resolve", refuse)
    monkeypatch.setattr("django.contrib.sessions.middleware.SessionMiddleware.process_request", refuse)
    monkeypatch.setattr("django.contrib.auth.middleware.AuthenticationMiddleware.process_request", refuse)
    response = post(event.checkin_secret, attendee(), lean=True)
    assert response.status_code == 201
    assert "Cookie" not in response["Vary"] and not response.cookies


@pytest.mark.parametrize(
    ("extra", "status"),
    [
        ({"content_type": "application/x-www-form-urlencoded"}, 400),
        ({"content_type": "application/json; charset=latin-1"}, 201),
        ({"HTTP_ACCEPT": "text/html"}, 201),  # the browsable API
        ({"HTTP_ACCEPT": "application/xml"}, 406),
    ],
)
def test_anything_else_goes_to_the_drf_view(event, attendee, extra, status, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("not for the lean path")

    monkeypatch.setattr(checkin_lean, "lean_checkin", refuse)
    body = "name=陈&phone=13800138000" if "form" in extra.get("content_type", "") else json.dumps(attendee())
    response = APIClient().generic(
        "POST", url(event.checkin_secret), body, **{"content_type": "application/json", **extra}
    )
    assert response.status_code == status


def test_a_middleware_with_a_view_hook_turns_the_lean_path_off(settings):
    assert checkin_lean._lean_chain() is not None
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, "tests.outreach.test_checkin_lean.ViewHookMiddleware"]
    assert checkin_lean._lean_chain() is None


class ViewHookMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view, args, kwargs):
        return None
