"""The topic vocabulary: thirteen seeded topics with stable codes and translated labels; coordinators
add more (page, API, admin), nobody changes a code."""

import pytest
from django.utils import translation

from common.errors import Refusal
from topics import services
from topics.errors import TopicError
from topics.models import SEED_TOPICS, Topic


def test_the_thirteen_topics_are_seeded_in_order(db):
    assert [t.code for t in Topic.objects.all()] == [code for code, _label in SEED_TOPICS]
    assert len(SEED_TOPICS) == 13
    with translation.override("zh-hans"):
        labels = [t.display_label for t in Topic.objects.all()]
    assert labels[:3] == ["婚姻家庭", "继承", "土地承包与征地"] and labels[-1] == "其他"
    with translation.override("en"):
        assert Topic.objects.get(code="land").display_label == "Land contracting and expropriation"


def test_api_lists_topics_in_the_request_language(api_as, users):
    response = api_as(users.advisor).get("/api/topics/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200
    rows = response.json()
    assert {"code": "minors", "label": "未成年人保护"}.items() <= next(r for r in rows if r["code"] == "minors").items()
    assert len(rows) == 13


def test_only_coordinators_add_topics_and_codes_never_change(api_as, users):
    body = {"code": "environment", "label": "生态环境"}
    assert api_as(users.town_officer).post("/api/topics/", body, format="json").status_code == 403
    response = api_as(users.coordinator).post("/api/topics/", body, format="json")
    assert response.status_code == 201, response.content
    assert api_as(users.coordinator).post("/api/topics/", body, format="json").status_code == 400
    bad = api_as(users.coordinator).post("/api/topics/", {"code": "Bad Code", "label": "x"}, format="json")
    assert bad.status_code == 400
    response = api_as(users.coordinator).patch("/api/topics/environment/", {"code": "env"}, format="json")
    assert response.status_code == 400
    response = api_as(users.coordinator).patch("/api/topics/environment/", {"label": "环境保护"}, format="json")
    assert response.status_code == 200 and response.json()["label"] == "环境保护"
    assert Topic.objects.get(code="environment").label == "环境保护"
    with pytest.raises(Refusal) as refused:
        services.create_topic(by=users.town_officer, code="x", label="y")
    assert refused.value.code == TopicError.NOT_ALLOWED


def test_the_page_lists_topics_and_coordinators_add_one(client_as, users):
    page = client_as(users.town_officer).get("/topics/")
    assert page.status_code == 200 and "婚姻家庭" in page.content.decode() and page.context["form"] is None
    assert client_as(users.town_officer).post("/topics/", {"code": "a", "label": "b"}).status_code == 403
    assert client_as(users.advisor).get("/topics/").status_code == 403
    client = client_as(users.coordinator)
    response = client.post("/topics/", {"code": "land", "label": "重复", "position": 1})
    assert response.status_code == 200 and response.context["form"].errors["code"]
    response = client.post("/topics/", {"code": "environment", "label": "生态环境", "position": 200})
    assert response.status_code == 302
    assert Topic.objects.get(code="environment").display_label == "生态环境"
