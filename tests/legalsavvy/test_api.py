"""/api/legal-savvy-persons/, /api/trainings/, /api/legal-savvy-activities/, /api/honors/:
the contract's fields and filters, least-privilege access, masked phones, writes through the
services, bad input answered 4xx, and query caps."""

import datetime as dt

import pytest

from accounts.models import AuditEntry
from legalsavvy import services
from legalsavvy.models import LegalSavvyActivity, LegalSavvyPerson, LegalSavvyTerm, Training, VillageHonor

D = dt.date
PERSONS, TRAININGS, ACTIVITIES, HONORS = (
    "/api/legal-savvy-persons/",
    "/api/trainings/",
    "/api/legal-savvy-activities/",
    "/api/honors/",
)


@pytest.fixture
def people(areas, person_factory, village_advisor):
    chen = person_factory(
        areas.jianfeng,
        name="陈大文",
        phone="13800138000",
        source="mediator",
        appointed_on=D(2022, 5, 1),
        advisor=village_advisor,
        certificate_no="DM-1",
    )
    li = person_factory(areas.xinwei, name="李小红", phone="13800138001", appointed_on=D(2023, 1, 1))
    wang = person_factory(areas.nanao, name="王五", phone="13800138002", appointed_on=D(2023, 2, 1))
    return {"chen": chen, "li": li, "wang": wang}


def names(response):
    assert response.status_code == 200, response.content
    return {row["name"] for row in response.json()["results"]}


# --- Contract --------------------------------------------------------------------------------


def test_a_person_has_the_contract_fields(users, people, api_as, village_advisor):
    row = api_as(users.coordinator).get(f"{PERSONS}{people['chen'].pk}/").json()
    assert {
        k: row[k]
        for k in [
            "id",
            "name",
            "gender",
            "birth_year",
            "phone",
            "village",
            "source",
            "appointed_on",
            "status",
            "removed_on",
            "removal_reason",
            "advisor",
        ]
    } == {
        "id": people["chen"].pk,
        "name": "陈大文",
        "gender": "unspecified",
        "birth_year": None,
        "phone": "13800138000",
        "village": "440403107201",
        "source": "mediator",
        "appointed_on": "2022-05-01",
        "status": "active",
        "removed_on": None,
        "removal_reason": "",
        "advisor": village_advisor.pk,
    }
    assert row["certificate_no"] == "DM-1" and row["village_name"] == "尖峰村"


def test_the_person_list_filters_as_the_contract_says(users, people, api_as):
    services.remove_person(people["li"], D(2023, 6, 1), "迁出")
    api = api_as(users.coordinator)
    assert names(api.get(PERSONS)) == {"陈大文", "李小红", "王五"}
    assert names(api.get(PERSONS, {"village": "440403107201"})) == {"陈大文"}
    assert names(api.get(PERSONS, {"under": "440403107"})) == {"陈大文", "李小红"}
    assert names(api.get(PERSONS, {"status": "removed"})) == {"李小红"}
    assert names(api.get(PERSONS, {"source": "mediator"})) == {"陈大文"}
    assert names(api.get(PERSONS, {"appointed_after": "2023-01-01"})) == {"李小红", "王五"}
    assert names(api.get(PERSONS, {"appointed_before": "2023-01-01"})) == {"陈大文", "李小红"}


# --- Access ----------------------------------------------------------------------------------


def test_each_role_reads_only_what_it_should(users, people, api_as):
    assert names(api_as(users.coordinator).get(PERSONS)) == {"陈大文", "李小红", "王五"}
    assert names(api_as(users.town_officer).get(PERSONS)) == {"陈大文", "李小红"}
    assert names(api_as(users.other_town_officer).get(PERSONS)) == {"王五"}
    assert names(api_as(users.organizer).get(PERSONS)) == {"陈大文", "李小红", "王五"}
    assert names(api_as(users.advisor).get(PERSONS)) == {"陈大文"}  # paired with them
    assert names(api_as(users.other_advisor).get(PERSONS)) == set()
    assert api_as(users.nobody).get(PERSONS).status_code == 403


def test_anonymous_requests_are_refused(db, api):
    for url in (PERSONS, TRAININGS, ACTIVITIES, HONORS):
        assert api.get(url).status_code in (401, 403)


def test_a_person_outside_the_area_is_not_found(users, people, api_as):
    api = api_as(users.town_officer)
    wang = people["wang"]
    assert api.get(f"{PERSONS}{wang.pk}/").status_code == 404
    assert api.patch(f"{PERSONS}{wang.pk}/", {"name": "x"}, format="json").status_code == 404
    assert (
        api.post(
            f"{PERSONS}{wang.pk}/remove/", {"removed_on": "2023-05-01", "removal_reason": "x"}, format="json"
        ).status_code
        == 404
    )


def test_phones_are_masked_for_everyone_but_coordinators(users, people, api_as):
    for user in (users.town_officer, users.organizer, users.advisor):
        rows = api_as(user).get(PERSONS).json()["results"]
        assert rows and all("****" in row["phone"] for row in rows), user
    rows = api_as(users.coordinator).get(PERSONS).json()["results"]
    assert {row["phone"] for row in rows} == {"13800138000", "13800138001", "13800138002"}


def test_organizers_and_advisors_cannot_write_persons(areas, users, people, api_as):
    body = {"name": "新人", "village": areas.jianfeng.code, "appointed_on": "2023-04-01"}
    for user in (users.organizer, users.advisor):
        api = api_as(user)
        assert api.post(PERSONS, body, format="json").status_code == 403
        assert api.patch(f"{PERSONS}{people['chen'].pk}/", {"name": "改"}, format="json").status_code == 403
        assert api.post(f"{PERSONS}{people['chen'].pk}/pair/", {}, format="json").status_code == 403
    assert not LegalSavvyPerson.objects.filter(name__in=["新人", "改"]).exists()


@pytest.mark.parametrize("url", [TRAININGS, ACTIVITIES])
def test_trainings_and_activities_are_for_managers_only(users, people, api_as, url):
    for user in (users.organizer, users.advisor, users.nobody):
        assert api_as(user).get(url).status_code == 403
    assert api_as(users.town_officer).get(url).status_code == 200


# --- Writes ----------------------------------------------------------------------------------


def test_a_town_officer_registers_a_person_in_their_town(areas, users, api_as, village_advisor):
    api = api_as(users.town_officer)
    response = api.post(
        PERSONS,
        {
            "name": "新人",
            "village": areas.jianfeng.code,
            "appointed_on": "2023-04-01",
            "phone": "13700137000",
            "gender": "female",
            "source": "grid_worker",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "active" and body["advisor"] == village_advisor.pk and body["phone"] == "137****7000"
    person = LegalSavvyPerson.objects.get(pk=body["id"])
    assert person.phone == "13700137000" and person.terms.count() == 1
    assert AuditEntry.objects.filter(object_id=str(person.pk), user=users.town_officer, action="create").exists()
    outside = api.post(
        PERSONS, {"name": "外人", "village": areas.nanao.code, "appointed_on": "2023-04-01"}, format="json"
    )
    assert outside.status_code == 403, outside.content
    assert not LegalSavvyPerson.objects.filter(name="外人").exists()


def test_refusals_are_400_with_field_messages(areas, users, people, api_as):
    api = api_as(users.coordinator)
    duplicate = api.post(
        PERSONS,
        {"name": "陈大文", "village": areas.jianfeng.code, "appointed_on": "2023-04-01", "phone": "13800138000"},
        format="json",
    )
    assert duplicate.status_code == 400 and "phone" in duplicate.json()
    town = api.post(PERSONS, {"name": "x", "village": areas.jingan.code, "appointed_on": "2023-04-01"}, format="json")
    assert town.status_code == 400 and "village" in town.json()
    future = api.post(
        PERSONS, {"name": "x", "village": areas.jianfeng.code, "appointed_on": "2999-01-01"}, format="json"
    )
    assert future.status_code == 400 and "appointed_on" in future.json()


def test_removal_and_reappointment_through_status_keep_history(users, people, api_as):
    api = api_as(users.town_officer)
    chen = people["chen"]
    no_reason = api.patch(f"{PERSONS}{chen.pk}/", {"status": "removed", "removed_on": "2023-06-01"}, format="json")
    assert no_reason.status_code == 400 and "removal_reason" in no_reason.json()
    removed = api.patch(
        f"{PERSONS}{chen.pk}/",
        {"status": "removed", "removed_on": "2023-06-01", "removal_reason": "迁出"},
        format="json",
    )
    assert removed.status_code == 200 and removed.json()["status"] == "removed"
    assert removed.json()["removed_on"] == "2023-06-01"
    back = api.patch(f"{PERSONS}{chen.pk}/", {"status": "active", "appointed_on": "2023-09-01"}, format="json")
    assert back.status_code == 200, back.content
    assert (back.json()["status"], back.json()["appointed_on"], back.json()["removed_on"]) == (
        "active",
        "2023-09-01",
        None,
    )
    assert list(LegalSavvyTerm.objects.filter(person=chen).values_list("appointed_on", "removed_on")) == [
        (D(2022, 5, 1), D(2023, 6, 1)),
        (D(2023, 9, 1), None),
    ]


def test_persons_are_never_deleted(users, people, api_as):
    response = api_as(users.coordinator).delete(f"{PERSONS}{people['chen'].pk}/")
    assert response.status_code == 405 and LegalSavvyPerson.objects.filter(pk=people["chen"].pk).exists()


def test_the_remove_reappoint_and_pair_actions(users, people, api_as, village_advisor):
    api = api_as(users.town_officer)
    li = people["li"]
    assert (
        api.post(
            f"{PERSONS}{li.pk}/remove/", {"removed_on": "2023-05-01", "removal_reason": "辞任"}, format="json"
        ).json()["status"]
        == "removed"
    )
    assert (
        api.post(f"{PERSONS}{li.pk}/reappoint/", {"appointed_on": "2023-08-01"}, format="json").json()["status"]
        == "active"
    )
    no_advisor = api.post(f"{PERSONS}{li.pk}/pair/", {}, format="json")
    assert no_advisor.status_code == 400 and "advisor" in no_advisor.json()
    paired = api.post(f"{PERSONS}{li.pk}/pair/", {"advisor": village_advisor.pk}, format="json")
    assert paired.status_code == 200 and paired.json()["advisor"] == village_advisor.pk


def test_a_masked_phone_sent_back_keeps_the_real_number(users, people, api_as):
    api = api_as(users.town_officer)
    chen = people["chen"]
    row = api.get(f"{PERSONS}{chen.pk}/").json()
    row["name"] = "陈大文二"
    response = api.put(f"{PERSONS}{chen.pk}/", row, format="json")
    assert response.status_code == 200, response.content
    chen.refresh_from_db()
    assert (chen.name, chen.phone) == ("陈大文二", "13800138000")


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
