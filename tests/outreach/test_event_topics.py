"""Events choose topics from the vocabulary (codes) beside free text: form, detail page and API."""

import pytest
from django.urls import reverse

from outreach.models import Event

from .test_api_events import body
from .test_pages_events import form_body

pytestmark = pytest.mark.django_db


def test_the_event_form_offers_the_vocabulary_and_keeps_free_text(client_as, users, areas):
    client = client_as(users.organizer)
    page = client.get(reverse("outreach:event_create")).content.decode()
    assert 'name="topic_codes"' in page and 'value="telecom_fraud"' in page and "电信网络诈骗" in page
    data = form_body(areas, topic_codes=["telecom_fraud", "elderly"], topics="宪法")
    response = client.post(reverse("outreach:event_create"), data)
    assert response.status_code == 302
    event = Event.objects.get()
    assert event.topics == ["telecom_fraud", "elderly", "宪法"]
    detail = client.get(reverse("outreach:event_detail", args=[event.pk])).content.decode()
    assert "电信网络诈骗、老年人权益、宪法" in detail
    edit = client.get(reverse("outreach:event_edit", args=[event.pk]))
    form = edit.context["form"]
    assert form.initial["topic_codes"] == ["telecom_fraud", "elderly"] and form.initial["topics"] == ["宪法"]


def test_a_refused_topic_choice_is_a_form_error(client_as, users, areas):
    response = client_as(users.organizer).post(reverse("outreach:event_create"), form_body(areas, topic_codes=["x"]))
    assert response.status_code == 200 and response.context["form"].errors["topic_codes"]
    assert not Event.objects.exists()


def test_the_api_accepts_codes_as_topics(api_as, users, areas):
    response = api_as(users.organizer).post("/api/events/", body(areas, topics=["land", "民法典"]), format="json")
    assert response.status_code == 201, response.content
    assert response.json()["topics"] == ["land", "民法典"]
