"""/api/legal-savvy-persons/: the contract's fields and filters, least-privilege access (anonymous
refused on all four resources), masked phones, and writes through the services (register, remove,
reappoint, pair). Trainings, activities, honors, bad input and query caps are test_api_records.py."""

from accounts.models import AuditEntry
from legalsavvy import services
from legalsavvy.models import LegalSavvyPerson, LegalSavvyTerm

from .conftest import ACTIVITIES, HONORS, PERSONS, TRAININGS, D


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
