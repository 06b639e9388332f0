"""Feedback after check-in: optional, on the done page, no login, no JavaScript; one per check-in,
bound to it by the signed token; shown only aggregated."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from common.errors import Refusal
from outreach import services
from outreach.errors import CheckinError
from outreach.feedback import feedback_summary
from outreach.models import CheckinFeedback, Event

from .test_pages_checkin import checkin_body

pytestmark = pytest.mark.django_db


def check_in(event, areas, **overrides):
    client = Client(enforce_csrf_checks=True)  # like WeChat's browser: no cookie, no login
    response = client.post(reverse("checkin", args=[event.checkin_secret]), checkin_body(areas, **overrides))
    assert response.status_code == 302
    return client, response.url


def test_the_done_page_offers_feedback_and_stores_it_once(event, areas):
    client, done = check_in(event, areas)
    page = client.get(done).content.decode()
    assert 'id="checkin-feedback"' in page and 'name="satisfaction"' in page and 'value="telecom_fraud"' in page
    assert "<script" not in page.split('id="checkin-feedback"')[1].split("</form>")[0]
    token = re.search(r'name="t" value="([^"]+)"', page).group(1)
    response = client.post(done, {"t": token, "satisfaction": "4", "wishes": ["land", "elderly"]})
    assert response.status_code == 200 and 'id="feedback-thanks"' in response.content.decode()
    feedback = CheckinFeedback.objects.get()
    assert feedback.satisfaction == 4 and sorted(t.code for t in feedback.wishes.all()) == ["elderly", "land"]
    # a second submit is not counted twice
    again = client.post(done, {"t": token, "satisfaction": "1"})
    assert 'id="checkin-feedback"' not in again.content.decode()
    assert CheckinFeedback.objects.get().satisfaction == 4


def test_feedback_needs_the_signed_token_of_its_check_in(event, areas):
    client, done = check_in(event, areas)
    assert client.post(reverse("checkin_done", args=[event.checkin_secret]), {"t": "forged"}).status_code == 404
    assert client.post(reverse("checkin_done", args=[event.checkin_secret]), {"satisfaction": "5"}).status_code == 404
    assert not CheckinFeedback.objects.exists()


def test_bad_or_empty_feedback_is_refused_on_the_form(event, areas):
    client, done = check_in(event, areas)
    response = client.post(done, {"satisfaction": "9"})
    assert response.status_code == 200 and response.context["feedback_form"].errors["satisfaction"]
    response = client.post(done, {})
    assert response.context["feedback_form"].non_field_errors()
    assert not CheckinFeedback.objects.exists()


def test_the_service_refuses_bad_values(event, attendee):
    checkin = services.perform_checkin(event.checkin_secret, attendee()).checkin
    for kwargs, code in (
        ({"satisfaction": 0}, CheckinError.BAD_SATISFACTION),
        ({"satisfaction": "x"}, CheckinError.BAD_SATISFACTION),
        ({"wishes": ["nope"]}, CheckinError.BAD_WISH),
        ({}, CheckinError.FEEDBACK_EMPTY),
    ):
        with pytest.raises(Refusal) as refused:
            services.give_feedback(checkin, **kwargs)
        assert refused.value.code == code
    services.give_feedback(checkin, satisfaction=5)
    with pytest.raises(Refusal) as refused:
        services.give_feedback(checkin, satisfaction=3)
    assert refused.value.code == CheckinError.FEEDBACK_GIVEN


def test_feedback_is_shown_only_aggregated(event, attendee, client_as, users, django_assert_max_num_queries):
    a = services.perform_checkin(event.checkin_secret, attendee()).checkin
    b = services.perform_checkin(event.checkin_secret, attendee(phone="13900139000", name="李四")).checkin
    c = services.perform_checkin(event.checkin_secret, attendee(phone="13700137000", name="王五")).checkin
    services.give_feedback(a, satisfaction=5, wishes=["land"])
    services.give_feedback(b, satisfaction=2, wishes=["land", "minors"])
    services.give_feedback(c, satisfaction=1)
    services.annul_checkin(users.organizer, c)  # annulled check-ins do not count
    with django_assert_max_num_queries(2):
        summary = feedback_summary(Event.objects.filter(pk=event.pk))
    assert (summary["responses"], summary["average"]) == (2, 3.5)
    assert [(code, n) for code, _label, n in summary["wishes"]] == [("land", 2), ("minors", 1)]
    page = client_as(users.organizer).get(reverse("outreach:event_detail", args=[event.pk])).content.decode()
    assert 'id="feedback-summary"' in page and "3.5" in page and "土地承包与征地 2" in page
    assert "李四" not in page.split('id="feedback-summary"')[1].split("</section>")[0]
