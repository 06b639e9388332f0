"""/api/trainings/, /api/legal-savvy-activities/, /api/honors/: access, the contract's fields and
filters, writes through the services; and for all four resources with /api/legal-savvy-persons/,
bad input answered 4xx and query caps. The persons' own contract is test_api_persons.py."""

import pytest

from legalsavvy import services
from legalsavvy.models import LegalSavvyActivity, Training, VillageHonor

from .conftest import ACTIVITIES, HONORS, PERSONS, TRAININGS, D

# --- Access ----------------------------------------------------------------------------------


@pytest.mark.parametrize("url", [TRAININGS, ACTIVITIES])
def test_trainings_and_activities_are_for_managers_only(users, people, api_as, url):
    for user in (users.organizer, users.advisor, users.nobody):
        assert api_as(user).get(url).status_code == 403
    assert api_as(users.town_officer).get(url).status_code == 200


# --- Writes ----------------------------------------------------------------------------------


def test_trainings_one_at_a_time_and_as_a_session(users, people, api_as):
    api = api_as(users.town_officer)
    one = api.post(
        TRAININGS,
        {"person": people["chen"].pk, "date": "2023-05-01", "hours": 2, "topic": "宪法", "passed": True},
        format="json",
    )
    assert one.status_code == 201, one.content
    assert {k: one.json()[k] for k in ["person", "date", "hours", "topic", "passed"]} == {
        "person": people["chen"].pk,
        "date": "2023-05-01",
        "hours": 2.0,
        "topic": "宪法",
        "passed": True,
    }
    session = api.post(
        f"{TRAININGS}session/",
        {
            "persons": [people["chen"].pk, people["li"].pk],
            "date": "2023-06-01",
            "hours": "3",
            "topic": "民法典",
            "passed": {str(people["li"].pk): False},
        },
        format="json",
    )
    assert session.status_code == 201, session.content
    assert [row["passed"] for row in session.json()] == [None, False]
    assert Training.objects.count() == 3
    outside = api.post(
        f"{TRAININGS}session/",
        {"persons": [people["wang"].pk], "date": "2023-06-01", "hours": 3, "topic": "民法典"},
        format="json",
    )
    assert outside.status_code == 400 and Training.objects.count() == 3
    assert api.get(TRAININGS, {"person": people["li"].pk}).json()["count"] == 1
    assert api.get(TRAININGS, {"date_after": "2023-06-01"}).json()["count"] == 2


def test_activities_filters_and_writes(users, people, api_as):
    api = api_as(users.coordinator)
    made = api.post(
        ACTIVITIES,
        {
            "person": people["chen"].pk,
            "date": "2023-05-01",
            "kind": "dispute_resolved",
            "count": 2,
            "hours": 1.5,
            "notes": "邻里纠纷",
        },
        format="json",
    )
    assert made.status_code == 201, made.content
    assert {k: made.json()[k] for k in ["person", "date", "kind", "count", "hours", "notes"]} == {
        "person": people["chen"].pk,
        "date": "2023-05-01",
        "kind": "dispute_resolved",
        "count": 2,
        "hours": 1.5,
        "notes": "邻里纠纷",
    }
    minimal = api.post(
        ACTIVITIES, {"person": people["wang"].pk, "date": "2023-05-02", "kind": "referral"}, format="json"
    )
    assert minimal.status_code == 201 and (minimal.json()["count"], minimal.json()["hours"]) == (1, 0.0)
    zero = api.post(
        ACTIVITIES, {"person": people["wang"].pk, "date": "2023-05-02", "kind": "referral", "count": 0}, format="json"
    )
    assert zero.status_code == 400
    before = api.post(
        ACTIVITIES, {"person": people["wang"].pk, "date": "2022-05-02", "kind": "referral"}, format="json"
    )
    assert before.status_code == 400 and "date" in before.json()

    def count(**params):
        return api.get(ACTIVITIES, params).json()["count"]

    assert count(person=people["chen"].pk) == 1
    assert count(village="440403106201") == 1 and count(under="440403107") == 1
    assert count(kind="referral") == 1
    assert count(date_after="2023-05-02") == 1 and count(date_before="2023-05-01") == 1
    assert api_as(users.town_officer).get(ACTIVITIES).json()["count"] == 1
    wang_activity = LegalSavvyActivity.objects.get(person=people["wang"])
    assert api_as(users.town_officer).delete(f"{ACTIVITIES}{wang_activity.pk}/").status_code == 404
    assert api.delete(f"{ACTIVITIES}{wang_activity.pk}/").status_code == 204


def test_honors_contract_filters_and_access(areas, users, api_as):
    api = api_as(users.town_officer)
    made = api.post(
        HONORS,
        {
            "village": areas.jianfeng.code,
            "title": "democracy_rule_of_law_village",
            "level": "provincial",
            "status": "awarded",
            "year": 2021,
        },
        format="json",
    )
    assert made.status_code == 201, made.content
    assert {k: made.json()[k] for k in ["village", "title", "level", "status", "year"]} == {
        "village": "440403107201",
        "title": "democracy_rule_of_law_village",
        "level": "provincial",
        "status": "awarded",
        "year": 2021,
    }
    minimal = api.post(
        HONORS,
        {"village": areas.xinwei.code, "title": "law_learning_household", "level": "city", "year": 2023},
        format="json",
    )
    assert minimal.status_code == 201 and minimal.json()["status"] == "awarded"
    duplicate = api.post(
        HONORS,
        {
            "village": areas.jianfeng.code,
            "title": "democracy_rule_of_law_village",
            "level": "provincial",
            "status": "candidate",
            "year": 2021,
        },
        format="json",
    )
    assert duplicate.status_code == 400 and "title" in duplicate.json()
    assert (
        api.post(
            HONORS,
            {"village": areas.nanao.code, "title": "law_learning_household", "level": "city", "year": 2023},
            format="json",
        ).status_code
        == 403
    )
    VillageHonor.objects.create(
        village=areas.nanao, title="democracy_rule_of_law_village", level="national", status="candidate", year=2023
    )
    coordinator = api_as(users.coordinator)

    def count(**params):
        return coordinator.get(HONORS, params).json()["count"]

    assert count() == 3 and count(village="440403106201") == 1 and count(under="440403107") == 2
    assert count(title="law_learning_household") == 1 and count(level="national") == 1
    assert count(status="candidate") == 1 and count(year=2023) == 2
    assert api_as(users.organizer).get(HONORS).json()["count"] == 3  # read-only roll of honor
    assert (
        api_as(users.organizer)
        .post(
            HONORS,
            {"village": areas.jianfeng.code, "title": "law_learning_household", "level": "city", "year": 2023},
            format="json",
        )
        .status_code
        == 403
    )
    assert api_as(users.other_town_officer).get(HONORS).json()["count"] == 1
    assert api_as(users.nobody).get(HONORS).status_code == 403


# --- Bad input never 500 ---------------------------------------------------------------------

BAD_QUERIES = [
    {"village": "abc"},
    {"village": "1" * 40},
    {"under": "'; drop table"},
    {"status": "gone"},
    {"source": "x"},
    {"appointed_after": "2023-02-30"},
    {"appointed_before": "yesterday"},
    {"person": "abc"},
    {"person": "99999999999999999999999"},
    {"kind": "flying"},
    {"date_after": "2023-13-01"},
    {"year": "abc"},
    {"year": "99999999999"},
    {"title": "x"},
    {"level": "x"},
    {"page": "abc"},
    {"page": "9999"},
    {"page_size": "abc"},
    {"advisor": "-1"},
]


@pytest.mark.parametrize("url", [PERSONS, TRAININGS, ACTIVITIES, HONORS])
def test_bad_query_parameters_answer_4xx_never_500(users, people, api_as, url):
    api = api_as(users.coordinator)
    for params in BAD_QUERIES:
        response = api.get(url, params)
        assert response.status_code in (200, 400, 404), (params, response.status_code)


BAD_BODIES = [
    {"village": "abc", "name": "x", "appointed_on": "2023-01-01"},
    {"village": 440403107201, "name": "x", "appointed_on": "2023-01-01"},
    {"village": ["x"], "name": ["x"], "appointed_on": 5},
    {"village": "440403107201", "name": "x", "appointed_on": "2023-02-30"},
    {"village": "440403107201", "name": "x", "appointed_on": "2023-01-01", "birth_year": "old"},
    {"village": "440403107201", "name": "x", "appointed_on": "2023-01-01", "birth_year": 10**12},
    {"village": "440403107201", "name": "x" * 500, "appointed_on": "2023-01-01"},
    {"village": "440403107201", "name": "x", "appointed_on": "2023-01-01", "advisor": 10**30},
    {"village": "440403107201", "name": "x", "appointed_on": "2023-01-01", "advisor": "abc"},
    {"village": "440403107201", "name": "x", "appointed_on": "2023-01-01", "gender": "robot"},
    {"village": "440403107201", "name": "x", "appointed_on": "2023-01-01", "status": "removed"},
    {"person": 10**30, "date": "2023-01-01", "hours": 2, "topic": "x"},
    {"person": "abc", "date": "2023-01-01", "hours": "NaN", "topic": "x"},
    {"persons": "abc", "date": "x", "hours": "Infinity", "topic": "x", "passed": {"abc": True}},
    {"persons": [10**30], "date": "2023-01-01", "hours": 1, "topic": "x", "passed": []},
    {"village": "440403107201", "title": "x", "level": "city", "year": "abc"},
    {"village": "440403107201", "title": "law_learning_household", "level": "city", "year": 10**9},
    {"removed_on": "x", "removal_reason": ""},
    {"appointed_on": None},
    {"advisor": True},
]


def test_bad_bodies_answer_4xx_never_500(users, people, api_as):
    api = api_as(users.coordinator)
    chen = people["chen"]
    targets = [
        PERSONS,
        TRAININGS,
        f"{TRAININGS}session/",
        ACTIVITIES,
        HONORS,
        f"{PERSONS}{chen.pk}/remove/",
        f"{PERSONS}{chen.pk}/reappoint/",
        f"{PERSONS}{chen.pk}/pair/",
    ]
    for url in targets:
        for body in BAD_BODIES:
            response = api.post(url, body, format="json")
            assert response.status_code in (200, 201, 400, 403, 404), (url, body, response.status_code)
        assert api.post(url, "not json", content_type="application/json").status_code == 400
    for body in BAD_BODIES:
        response = api.patch(f"{PERSONS}{chen.pk}/", body, format="json")
        assert response.status_code in (200, 400, 403), (body, response.status_code)
    for url in (f"{PERSONS}99999999999999999/", f"{PERSONS}abc/", f"{HONORS}0/", f"{TRAININGS}99999999999999999999/"):
        assert api.get(url).status_code == 404


# --- Query caps ------------------------------------------------------------------------------


@pytest.mark.parametrize("url", [PERSONS, TRAININGS, ACTIVITIES, HONORS])
def test_lists_take_the_same_queries_for_one_row_and_many(
    areas, users, person_factory, api_as, url, django_assert_max_num_queries
):
    api = api_as(users.town_officer)

    def add(n):
        for i in range(n):
            person = person_factory(areas.jianfeng if i % 2 else areas.xinwei)
            services.record_training_session([person], D(2023, 3, 1), 2, "培训")
            services.record_activity(person, D(2023, 3, 2), "referral")
            VillageHonor.objects.create(
                village=person.village,
                title="law_learning_household",
                level="district",
                year=2023,
                holder=f"户{person.pk}",
            )

    add(1)
    with django_assert_max_num_queries(4):
        assert api.get(url).json()["count"] == 1
    add(40)
    with django_assert_max_num_queries(4):
        assert api.get(url).json()["count"] == 41
