"""Needs against delivered outreach: the crafted district's rows and suggestions equal the hand-computed
ones; the page and /api/needs/ show them to managers in scope only; fixed query counts."""

import pytest
from django.urls import reverse

from common.periods import Period
from needs.queries import ranked, village_needs
from needs.suggestions import suggestion_sentences
from places.models import Area
from tests.coverage.conftest import make_event

pytestmark = pytest.mark.django_db

EXPECTED_ZH = [
    "尖峰村：2023年土地承包与征地类咨询调解12件，未开展相关普法活动；未覆盖18岁以下群众。",
    "南澳村：2023年电信网络诈骗类1人次群众希望了解，未开展相关普法活动；未覆盖60岁以上群众。",
    "灯笼村：2023年未覆盖18岁以下群众；未覆盖60岁以上群众。",
    "新伟社区：2023年未覆盖18岁以下群众；未覆盖60岁以上群众。",
]


def test_rows_of_the_crafted_district(district):
    rows = {row.village: row for row in village_needs(Period.for_year(2023), district.district)}
    assert set(rows) == {"440403107201", "440403107001", "440403106201", "440403106202"}
    jianfeng, nanao = rows["440403107201"], rows["440403106201"]
    assert jianfeng.demand == {"land": 12, "marriage_family": 2} and jianfeng.unclassified == 1
    assert jianfeng.delivered == {"marriage_family": 1} and jianfeng.events == 1
    assert jianfeng.uncovered == [("land", 12, 0)] and jianfeng.reach_gaps == ["no_youth_reached"]
    assert nanao.demand == {"labour": 4} and nanao.unclassified == 0
    assert nanao.wishes == {"labour": 1, "telecom_fraud": 1} and nanao.delivered == {"labour": 1}
    assert nanao.uncovered == [("telecom_fraud", 0, 1)] and nanao.reach_gaps == ["no_elderly_reached"]
    assert rows["440403107001"].delivered == {} and rows["440403107001"].events == 0  # planned only
    assert [row.village for row in ranked(rows.values())] == [
        "440403107201",
        "440403106201",
        "440403106202",
        "440403107001",
    ]


def test_suggestions_equal_the_hand_computed_ones(district, chinese):
    assert suggestion_sentences(2023, district.district) == EXPECTED_ZH
    assert suggestion_sentences(2023, "440403107") == [EXPECTED_ZH[0], EXPECTED_ZH[3]]


def test_suggestions_in_english(district):
    from django.utils import translation

    with translation.override("en"):
        sentences = suggestion_sentences(2023, district.district)
    assert sentences[0] == (
        "尖峰村, 2023: Land contracting and expropriation: 12 consultations and mediations, "
        "and no outreach event on it was held; No resident under 18 reached."
    )


def test_the_api_answers_as_api_md(district, api_as, users):
    response = api_as(users.coordinator).get("/api/needs/?area=440403&year=2023", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200, response.content
    data = response.json()
    assert (data["area"], data["year"]) == ("440403", 2023)
    jianfeng = next(v for v in data["villages"] if v["village"] == "440403107201")
    assert jianfeng["demand"] == {"land": 12, "marriage_family": 2}
    assert jianfeng["delivered"] == {"marriage_family": 1}
    assert jianfeng["reach"]["age_group"]["60_plus"] == 1 and jianfeng["reach"]["total"] == 1
    assert set(jianfeng["reach"]) >= {"age_group", "gender", "occupation"}
    assert jianfeng["suggestions"] == ["土地承包与征地类咨询调解12件，未开展相关普法活动", "未覆盖18岁以下群众"]


def test_the_api_checks_role_and_scope(district, api_as, users, api):
    assert api.get("/api/needs/?year=2023").status_code in (401, 403)
    assert api_as(users.organizer).get("/api/needs/?year=2023").status_code == 403
    assert api_as(users.advisor).get("/api/needs/?year=2023").status_code == 403
    officer = api_as(users.town_officer)  # 井岸镇
    assert officer.get("/api/needs/?area=440403106&year=2023").status_code == 403
    assert officer.get("/api/needs/?area=440403106999&year=2023").status_code == 403  # scope before existence
    response = officer.get("/api/needs/?year=2023")
    assert response.status_code == 200
    assert {v["village"] for v in response.json()["villages"]} == {"440403107201", "440403107001"}
    assert api_as(users.coordinator).get("/api/needs/?area=44x&year=2023").status_code == 400
    assert api_as(users.coordinator).get("/api/needs/?year=1900").status_code == 400


def test_the_page(district, client_as, users, chinese):
    response = client_as(users.coordinator).get(reverse("needs:page"), {"area": "440403", "year": "2023"})
    assert response.status_code == 200
    html = response.content.decode()
    for sentence in EXPECTED_ZH:
        assert sentence in html
    topics = {row["code"]: row for row in response.context["topic_rows"]}
    assert (topics["land"]["demand"], topics["land"]["delivered"]) == (12, 0)
    assert (topics["telecom_fraud"]["wishes"], topics["labour"]["delivered"]) == (1, 1)
    assert response.context["unclassified"] == 1
    assert client_as(users.organizer).get(reverse("needs:page")).status_code == 403
    assert client_as(users.town_officer).get(reverse("needs:page"), {"area": "440403106"}).status_code == 403
    assert client_as(users.coordinator).get(reverse("needs:page"), {"year": "x"}).status_code == 400


@pytest.mark.parametrize("count", [3, 30])
def test_query_counts_do_not_grow_with_villages(areas, count, django_assert_max_num_queries, chinese):
    from advisors.models import Advisor

    from .conftest import shift

    advisor = Advisor.objects.create(name="王律师")
    for i in range(count):
        village = Area.objects.create(
            code=f"440403107{300 + i}", name=f"测试村{i}", level="village", parent=areas.jingan
        )
        shift(advisor, village, "2023-02-01", 2, 1, land=2, minors=1)
        make_event(village, "2023-04-01 10:00", checkins=[{"home": village, "age_group": "under_18"}])
    with django_assert_max_num_queries(8):
        rows = village_needs(Period.for_year(2023), areas.jingan)
    assert len(rows) == count + 2
    with django_assert_max_num_queries(9):
        sentences = suggestion_sentences(2023, areas.jingan)
    assert len(sentences) == count + 2
