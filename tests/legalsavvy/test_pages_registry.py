"""Registry pages: who sees what, masked phones, filters, the write flows, and query caps. The
honors and roster-import pages are test_pages_honors_import.py."""

import datetime as dt

import pytest
from django.urls import reverse

from legalsavvy import services
from legalsavvy.models import LegalSavvyActivity, LegalSavvyPerson, Training

D = dt.date


@pytest.fixture
def people(areas, person_factory):
    """Two persons in 尖峰村 (井岸镇), one in 南澳村 (白蕉镇)."""
    return {
        "chen": person_factory(
            areas.jianfeng, name="陈大文", phone="13800138000", source="mediator", appointed_on=D(2022, 5, 1)
        ),
        "li": person_factory(areas.jianfeng, name="李小红", phone="13800138001", appointed_on=D(2023, 1, 1)),
        "wang": person_factory(areas.nanao, name="王五", phone="13800138002", appointed_on=D(2023, 1, 1)),
    }


# --- Access ----------------------------------------------------------------------------------


def test_the_registry_is_in_the_menu_for_managers_only(users, client_as):
    assert reverse("legalsavvy:registry") in client_as(users.coordinator).get(reverse("home")).content.decode()
    assert reverse("legalsavvy:registry") not in client_as(users.advisor).get(reverse("home")).content.decode()


@pytest.mark.parametrize(
    "url_name",
    ["registry", "villages", "trainings", "training_create", "summary", "honors", "person_create", "honor_create"],
)
def test_advisors_organizers_and_users_without_a_role_get_403(users, client_as, url_name):
    for user in (users.advisor, users.organizer, users.nobody):
        assert client_as(user).get(reverse(f"legalsavvy:{url_name}")).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(db, client):
    response = client.get(reverse("legalsavvy:registry"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_a_town_officer_sees_only_their_town(users, people, client_as):
    page = client_as(users.town_officer).get(reverse("legalsavvy:registry")).content.decode()
    assert "陈大文" in page and "李小红" in page and "王五" not in page
    other = client_as(users.other_town_officer).get(reverse("legalsavvy:registry")).content.decode()
    assert "王五" in other and "陈大文" not in other


def test_a_person_outside_the_users_area_is_not_found(users, people, client_as):
    client = client_as(users.town_officer)
    wang = people["wang"]
    for name in ("person", "person_edit", "person_remove", "person_reappoint", "activity_create"):
        assert client.get(reverse(f"legalsavvy:{name}", args=[wang.pk])).status_code == 404
    assert client.post(reverse("legalsavvy:person_pair", args=[wang.pk])).status_code == 404
    assert client.get(reverse("legalsavvy:village", args=[wang.village.code])).status_code == 404
    assert client.get(reverse("legalsavvy:person", args=[99999999])).status_code == 404
    assert client.get(reverse("legalsavvy:person", args=[10**20])).status_code == 404  # beyond bigint
    assert client.get(reverse("legalsavvy:village", args=["1" * 30])).status_code == 404
    assert client.post(reverse("legalsavvy:honor_delete", args=[10**20])).status_code == 404


def test_bad_page_parameters_never_fail(users, people, client_as):
    client = client_as(users.coordinator)
    for url, query in [
        ("registry", "?page=-1&year=99999&town=x&village=y"),
        ("villages", "?on=2023-02-30&page=z"),
        ("summary", "?year=abc&town=1"),
        ("honors", "?year=1&level=x&page=9999"),
        ("training_create", "?town=abc&village=%00"),
        ("trainings", "?page=0"),
    ]:
        assert client.get(reverse(f"legalsavvy:{url}") + query).status_code == 200, url


# --- Phones ----------------------------------------------------------------------------------


def test_phones_are_masked_for_town_officers_and_shown_to_coordinators(users, people, client_as):
    chen = people["chen"]
    for url in (
        reverse("legalsavvy:registry"),
        reverse("legalsavvy:person", args=[chen.pk]),
        reverse("legalsavvy:village", args=[chen.village.code]),
    ):
        officer = client_as(users.town_officer).get(url).content.decode()
        assert "138****8000" in officer and "13800138000" not in officer, url
        coordinator = client_as(users.coordinator).get(url).content.decode()
        assert "13800138000" in coordinator, url


def test_the_export_masks_phones_except_for_coordinators(users, people, client_as):
    officer = client_as(users.town_officer).get(reverse("legalsavvy:registry") + "?format=csv")
    text = b"".join(officer.streaming_content).decode()
    assert "138****8000" in text and "13800138000" not in text and "王五" not in text
    coordinator = client_as(users.coordinator).get(reverse("legalsavvy:registry") + "?format=xlsx")
    assert coordinator.status_code == 200 and coordinator["Content-Type"].startswith("application/vnd.openxml")


def test_a_town_officer_saving_the_edit_form_keeps_the_masked_phone(users, people, client_as):
    chen = people["chen"]
    client = client_as(users.town_officer)
    form = client.get(reverse("legalsavvy:person_edit", args=[chen.pk])).content.decode()
    assert 'value="138****8000"' in form
    response = client.post(
        reverse("legalsavvy:person_edit", args=[chen.pk]),
        {
            "village": chen.village.code,
            "name": "陈大文",
            "gender": "male",
            "phone": "138****8000",
            "source": "mediator",
            "appointed_on": "2022-05-01",
        },
    )
    assert response.status_code == 302
    chen.refresh_from_db()
    assert chen.phone == "13800138000" and chen.gender == "male"


# --- Registry filters and query caps ---------------------------------------------------------


def test_the_registry_filters_and_searches(users, people, client_as):
    services.remove_person(people["li"], D(2023, 6, 1), "迁出")
    client = client_as(users.coordinator)

    def names(query):
        page = client.get(reverse("legalsavvy:registry") + query).content.decode()
        return {name for name in ("陈大文", "李小红", "王五") if name in page}

    assert names("") == {"陈大文", "李小红", "王五"}
    assert names("?town=440403106") == {"王五"}
    assert names("?town=440403107&village=440403107201") == {"陈大文", "李小红"}
    assert names("?status=removed") == {"李小红"}
    assert names("?source=mediator") == {"陈大文"}
    assert names("?year=2022") == {"陈大文"}
    assert names("?q=大文") == {"陈大文"}
    assert names("?q=13800138002") == {"王五"}
    assert names("?year=abc&status=bogus&page=x") == {"陈大文", "李小红", "王五"}  # bad filters are ignored


def test_a_town_officer_cannot_search_by_phone(users, people, client_as):
    page = client_as(users.town_officer).get(reverse("legalsavvy:registry") + "?q=13800138001").content.decode()
    assert "李小红" not in page


def _many_people(areas, person_factory, n=60):
    for i in range(n):
        person_factory([areas.jianfeng, areas.xinwei, areas.nanao][i % 3], name=f"人{i}")


@pytest.mark.parametrize(
    "url_name, args",
    [
        ("registry", []),
        ("villages", []),
        ("summary", []),
        ("trainings", []),
        ("honors", []),
        ("village", ["440403107201"]),
    ],
)
def test_list_pages_take_the_same_queries_for_one_row_and_many(
    areas, users, person_factory, client_as, django_assert_max_num_queries, url_name, args
):
    client = client_as(users.coordinator)
    url = reverse(f"legalsavvy:{url_name}", args=args)
    first = person_factory(areas.jianfeng)
    services.record_activity(first, D(2023, 3, 1), "referral")
    services.record_training_session([first], D(2023, 3, 1), 2, "培训")
    with django_assert_max_num_queries(12):
        assert client.get(url).status_code == 200
    _many_people(areas, person_factory)
    for person in LegalSavvyPerson.objects.all()[:30]:
        services.record_activity(person, D(2023, 4, 1), "dispute_resolved", 2)
    services.record_training_session(list(LegalSavvyPerson.objects.all()), D(2023, 5, 1), 3, "培训二")
    with django_assert_max_num_queries(12):
        assert client.get(url).status_code == 200


def test_the_person_page_takes_a_fixed_number_of_queries(
    areas, users, people, client_as, django_assert_max_num_queries
):
    chen = people["chen"]
    client = client_as(users.coordinator)
    for month in range(1, 13):
        services.record_activity(chen, D(2023, month, 1), "risk_reported")
        services.record_training_session([chen], D(2023, month, 2), 1, f"第{month}课")
    with django_assert_max_num_queries(14):
        page = client.get(reverse("legalsavvy:person", args=[chen.pk])).content.decode()
    assert "第12课" in page and "12" in page


# --- Writes ----------------------------------------------------------------------------------


def test_a_town_officer_registers_a_person_in_their_town_only(areas, users, client_as, village_advisor):
    client = client_as(users.town_officer)
    data = {
        "village": areas.jianfeng.code,
        "name": "新人",
        "gender": "female",
        "phone": "13700137000",
        "source": "grid_worker",
        "appointed_on": "2023-04-01",
    }
    response = client.post(reverse("legalsavvy:person_create"), data)
    person = LegalSavvyPerson.objects.get(name="新人")
    assert response.status_code == 302 and response["Location"] == reverse("legalsavvy:person", args=[person.pk])
    assert person.advisor == village_advisor and person.terms.count() == 1
    refused = client.post(reverse("legalsavvy:person_create"), {**data, "village": areas.nanao.code, "name": "外人"})
    assert refused.status_code == 200 and not LegalSavvyPerson.objects.filter(name="外人").exists()


def test_the_register_form_shows_service_refusals_on_the_fields(areas, users, people, client_as):
    response = client_as(users.coordinator).post(
        reverse("legalsavvy:person_create"),
        {
            "village": areas.jianfeng.code,
            "name": "陈大文",
            "gender": "male",
            "phone": "13800138000",
            "source": "cadre",
            "appointed_on": "2023-04-01",
        },
    )
    assert response.status_code == 200
    assert "该村（社区）名册中已有此人（姓名和电话相同）。" in response.content.decode()
    assert LegalSavvyPerson.objects.filter(name="陈大文").count() == 1


def test_remove_and_reappoint_through_the_pages(users, people, client_as):
    chen = people["chen"]
    client = client_as(users.town_officer)
    bad = client.post(
        reverse("legalsavvy:person_remove", args=[chen.pk]), {"removed_on": "2022-01-01", "removal_reason": "迁出"}
    )
    assert bad.status_code == 200 and LegalSavvyPerson.objects.get(pk=chen.pk).status == "active"
    client.post(
        reverse("legalsavvy:person_remove", args=[chen.pk]), {"removed_on": "2023-06-01", "removal_reason": "迁出"}
    )
    assert LegalSavvyPerson.objects.get(pk=chen.pk).status == "removed"
    client.post(reverse("legalsavvy:person_reappoint", args=[chen.pk]), {"appointed_on": "2023-09-01"})
    chen.refresh_from_db()
    assert (chen.status, chen.appointed_on, chen.terms.count()) == ("active", D(2023, 9, 1), 2)


def test_recording_a_training_for_many_people_at_once(areas, users, people, client_as):
    client = client_as(users.town_officer)
    form = client.get(reverse("legalsavvy:training_create") + "?village=" + areas.jianfeng.code).content.decode()
    # The attendee pickers load people by type-ahead: none of them is in the page.
    assert 'data-picker-url="/api/lookups/legal-savvy-persons/"' in form
    assert "陈大文" not in form and "李小红" not in form and "王五" not in form
    assert "井岸镇 › 尖峰村" in form  # the village of the link is pre-chosen ("everyone of …")
    chen, li = people["chen"], people["li"]
    response = client.post(
        reverse("legalsavvy:training_create"),
        {
            "date": "2023-05-01",
            "hours": "2.5",
            "topic": "民法典",
            "persons": [chen.pk, li.pk],
            "passed": [chen.pk],
            "failed": [li.pk],
        },
    )
    assert response.status_code == 302
    assert dict(Training.objects.values_list("person__name", "passed")) == {"陈大文": True, "李小红": False}
    assert len(set(Training.objects.values_list("session", flat=True))) == 1


def test_a_training_for_a_whole_village_and_typed_names(areas, users, people, client_as):
    client = client_as(users.town_officer)
    chen, li = people["chen"], people["li"]
    # Without JavaScript: the village's code and the names typed in the pickers' text boxes.
    response = client.post(
        reverse("legalsavvy:training_create"),
        {
            "date": "2023-05-01",
            "hours": "2",
            "topic": "宪法",
            "villages_text": areas.jianfeng.code,
            "passed_text": "陈大文",
        },
    )
    assert response.status_code == 302
    assert dict(Training.objects.values_list("person__name", "passed")) == {"陈大文": True, "李小红": None}
    # Passing someone who did not attend, or passing and failing one person, is refused.
    Training.objects.all().delete()
    for data in (
        {"persons": [chen.pk], "passed": [li.pk]},
        {"persons": [chen.pk], "passed": [chen.pk], "failed": [chen.pk]},
    ):
        response = client.post(
            reverse("legalsavvy:training_create"), {"date": "2023-05-01", "hours": "2", "topic": "宪法", **data}
        )
        assert response.status_code == 200 and response.context["form"].errors
    assert not Training.objects.exists()
    response = client.post(reverse("legalsavvy:training_create"), {"date": "2023-05-01", "hours": "2", "topic": "x"})
    assert "persons" in response.context["form"].errors


def test_a_training_with_someone_outside_the_area_is_refused(users, people, client_as):
    response = client_as(users.town_officer).post(
        reverse("legalsavvy:training_create"),
        {"date": "2023-05-01", "hours": "2", "topic": "民法典", "persons": [people["chen"].pk, people["wang"].pk]},
    )
    assert response.status_code == 200 and not Training.objects.exists()


def test_logging_an_activity_and_deleting_it(users, people, client_as):
    chen = people["chen"]
    client = client_as(users.town_officer)
    response = client.post(
        reverse("legalsavvy:activity_create", args=[chen.pk]),
        {"date": "2023-05-01", "kind": "dispute_resolved", "count": "3", "hours": "2", "notes": "宅基地纠纷"},
    )
    assert response.status_code == 302
    activity = LegalSavvyActivity.objects.get()
    assert (activity.count, activity.created_by) == (3, users.town_officer)
    early = client.post(
        reverse("legalsavvy:activity_create", args=[chen.pk]), {"date": "2020-05-01", "kind": "referral", "count": "1"}
    )
    assert early.status_code == 200 and LegalSavvyActivity.objects.count() == 1
    assert (
        client_as(users.other_town_officer).post(reverse("legalsavvy:activity_delete", args=[activity.pk])).status_code
        == 404
    )
    client_as(users.town_officer).post(reverse("legalsavvy:activity_delete", args=[activity.pk]))
    assert not LegalSavvyActivity.objects.exists()


def test_the_summary_shows_most_and_least_active_to_coordinators_only(users, people, client_as):
    services.record_activity(people["chen"], D(2023, 3, 1), "dispute_resolved", 5, 4)
    services.record_activity(people["li"], D(2023, 3, 1), "referral", 1)
    coordinator = client_as(users.coordinator).get(reverse("legalsavvy:summary") + "?year=2023")
    assert coordinator.context["most_active"][0].name == "陈大文"
    assert coordinator.context["least_active"][0].name == "王五"
    rows = {v.code: (v.activity_count, v.kind_dispute_resolved) for v in coordinator.context["villages"]}
    assert rows["440403107201"] == (6, 5)
    officer = client_as(users.town_officer).get(reverse("legalsavvy:summary") + "?year=2023")
    assert "most_active" not in officer.context
    assert {p.name for p in officer.context["page"].object_list} == {"陈大文", "李小红"}


def test_the_villages_page_marks_villages_under_quota(areas, users, person_factory, client_as, settings):
    settings.LEGAL_SAVVY_QUOTA = 2
    person_factory(areas.jianfeng)
    person_factory(areas.jianfeng)
    response = client_as(users.town_officer).get(reverse("legalsavvy:villages"))
    rows = {v.code: v.meets_quota for v in response.context["page"].object_list}
    assert rows == {areas.jianfeng.code: True, areas.xinwei.code: False}
    assert response.context["totals"]["under"] == 1
    under = client_as(users.town_officer).get(reverse("legalsavvy:villages") + "?under_only=on")
    assert [v.code for v in under.context["page"].object_list] == [areas.xinwei.code]
    roster = client_as(users.town_officer).get(reverse("legalsavvy:village", args=[areas.xinwei.code]))
    assert roster.context["active_count"] == 0 and not roster.context["meets_quota"]
    assert 'class="card ls-quota under"' in roster.content.decode()


def test_pairing_everyone_in_a_village(areas, users, people, village_advisor, client_as):
    client_as(users.town_officer).post(reverse("legalsavvy:village_pair", args=[areas.jianfeng.code]))
    assert LegalSavvyPerson.objects.filter(advisor=village_advisor).count() == 2


def test_bad_form_posts_are_refused_not_failed(areas, users, people, client_as):
    client = client_as(users.coordinator)
    chen = people["chen"]
    posts = [
        ("legalsavvy:training_create", [], {"date": "x", "hours": "NaN", "topic": "", "persons": ["abc", 10**20]}),
        ("legalsavvy:training_create", [], {"date": "2023-01-01", "hours": "1e9", "topic": "x", "persons": [chen.pk]}),
        (
            "legalsavvy:person_create",
            [],
            {
                "village": "1" * 30,
                "name": "x" * 99,
                "appointed_on": "2023-02-30",
                "birth_year": "10000000000000000000000",
                "gender": "robot",
            },
        ),
        ("legalsavvy:person_edit", [chen.pk], {"village": "abc", "advisor": 10**20, "appointed_on": "x"}),
        ("legalsavvy:person_remove", [chen.pk], {"removed_on": "0000-00-00", "removal_reason": ""}),
        ("legalsavvy:person_reappoint", [chen.pk], {"appointed_on": "2023-01-01"}),
        ("legalsavvy:activity_create", [chen.pk], {"date": "2023-01-01", "kind": "x", "count": "-5", "hours": "-1"}),
        ("legalsavvy:honor_create", [], {"village": areas.jianfeng.code, "title": "x", "level": "y", "year": "-1"}),
    ]
    for name, args, data in posts:
        response = client.post(reverse(name, args=args), data)
        assert response.status_code == 200, (name, response.status_code)
        assert response.context["form"].errors, name
    assert not Training.objects.exists() and LegalSavvyPerson.objects.count() == 3
