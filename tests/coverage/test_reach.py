"""Reach from the real attendees: a district with known demographics, the gaps no_youth_reached and
no_elderly_reached with their why sentences, the breakdown by age, gender and occupation, and the
query count whatever the number of villages."""

import pytest

from common.periods import Period
from coverage.reach import reach_by_village
from coverage.rows import village_coverage
from places.models import Area

from .conftest import make_event

pytestmark = pytest.mark.django_db


def period():
    return Period.for_year(2023)


def test_reach_gaps_come_from_the_residents_check_ins(areas):
    # 尖峰村: one resident under 18 and one of 60+ came (to an event held in another village);
    # 南澳村: two residents aged 36–59; 新伟社区: a resident under 18 but the check-in was annulled,
    # and a 60+ resident at a *planned* (not held) event; 灯笼村: nobody.
    make_event(
        areas.nanao,
        "2023-05-01 10:00",
        checkins=[
            {"home": areas.jianfeng, "age_group": "under_18", "gender": "female", "occupation": "student"},
            {"home": areas.jianfeng, "age_group": "60_plus", "gender": "male", "occupation": "retired"},
            {"home": areas.nanao, "gender": "female"},
            {"home": areas.nanao, "gender": "male", "occupation": "worker"},
            {"home": areas.xinwei, "age_group": "under_18", "annulled": True},
        ],
    )
    make_event(
        areas.xinwei, "2023-06-01 10:00", status="planned", checkins=[{"home": areas.xinwei, "age_group": "60_plus"}]
    )
    rows = {row.village: row for row in village_coverage(period(), areas.district)}
    jianfeng, nanao, xinwei = rows["440403107201"], rows["440403106201"], rows["440403107001"]
    assert (jianfeng.residents_under_18, jianfeng.residents_60_plus) == (1, 1)
    assert not {"no_youth_reached", "no_elderly_reached"} & set(jianfeng.gaps)
    assert {"no_youth_reached", "no_elderly_reached"} <= set(nanao.gaps)
    why = {reason.code: reason.why for reason in nanao.gap_reasons}
    assert why["no_youth_reached"] == (
        "No resident under 18 checked in at an event in 2023 (2 check-ins by residents in all)."
    )
    assert why["no_elderly_reached"] == (
        "No resident aged 60 or over checked in at an event in 2023 (2 check-ins by residents in all)."
    )
    assert {"no_youth_reached", "no_elderly_reached"} <= set(xinwei.gaps)
    assert xinwei.residents_reached == 0

    reach = reach_by_village(period(), areas.district.code)
    assert reach["440403107201"]["age_group"] == {"under_18": 1, "18_35": 0, "36_59": 0, "60_plus": 1}
    assert reach["440403107201"]["occupation"]["student"] == 1 and reach["440403107201"]["total"] == 2
    assert reach["440403106201"]["gender"]["female"] == 1 and reach["440403106201"]["gender"]["male"] == 1
    assert reach["440403106201"]["occupation"] == {
        **dict.fromkeys(reach["440403106201"]["occupation"], 0),
        "farmer": 1,
        "worker": 1,
    }
    assert "440403107001" not in reach


def test_the_chinese_why_sentence(areas):
    from django.utils import translation

    with translation.override("zh-hans"):
        rows = {row.village: row for row in village_coverage(period(), areas.district)}
        why = {reason.code: reason.why for reason in rows["440403106201"].gap_reasons}
        label = {reason.code: reason.label for reason in rows["440403106201"].gap_reasons}
    assert label["no_youth_reached"] == "未覆盖18岁以下群众"
    assert "18岁以下" in why["no_youth_reached"] and "0人次" in why["no_youth_reached"]


@pytest.mark.parametrize("villages", [3, 30])
def test_query_counts_do_not_grow_with_villages(areas, villages, django_assert_max_num_queries):
    town = areas.jingan
    for i in range(villages):
        village = Area.objects.create(
            code=f"440403107{300 + i}", name=f"测试村{i}", level=Area.Level.VILLAGE, parent=town, population=1000
        )
        make_event(village, "2023-04-01 10:00", checkins=[{"home": village, "age_group": "under_18"}])
    # whether the roll-ups answer, the rows, check-ins (by event, by home), audiences, seats, duty months
    with django_assert_max_num_queries(7):
        rows = village_coverage(period(), town)
    assert len(rows) == villages + 2  # and 尖峰村, 新伟社区, whose residents nobody reached
    assert sum(1 for row in rows if "no_youth_reached" not in row.gaps) == villages
    with django_assert_max_num_queries(1):
        reach = reach_by_village(period(), town.code)
    assert len(reach) == villages


def test_the_village_profile_shows_the_residents_by_group(areas, users, client_as):
    make_event(
        areas.nanao,
        "2023-05-01 10:00",
        checkins=[{"home": areas.jianfeng, "age_group": "under_18", "gender": "female", "occupation": "student"}],
    )
    response = client_as(users.coordinator).get("/coverage/village/440403107201/?year=2023")
    assert response.status_code == 200
    reach = response.context["reach"]
    assert reach["total"] == 1 and reach["population"] == 3000
    groups = {str(title): dict(counts) for title, counts in reach["groups"]}
    assert groups["age group"]["Under 18"] == 1 and groups["occupation"]["Student"] == 1
    assert 'id="reach"' in response.content.decode()
