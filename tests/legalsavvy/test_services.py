"""The registry's write rules: appointment, removal, re-appointment, pairing, trainings, activities."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.models import AuditEntry
from advisors.models import Advisor, Assignment
from legalsavvy import services
from legalsavvy.models import LegalSavvyActivity, LegalSavvyPerson, LegalSavvyTerm, Training

D = dt.date


def codes(exc_info):
    return {field: [e.code for e in errors] for field, errors in exc_info.value.error_dict.items()}


def test_appointing_creates_the_person_their_first_term_and_an_audit_entry(areas, users):
    person = services.appoint_person(
        village=areas.jianfeng,
        name=" 陈大文 ",
        appointed_on=D(2023, 2, 1),
        phone="+86 138-0013-8000",
        source="mediator",
        user=users.town_officer,
    )
    person.refresh_from_db()
    assert (person.name, person.phone, person.status) == ("陈大文", "13800138000", "active")
    assert list(person.terms.values_list("village_id", "appointed_on", "removed_on")) == [
        (areas.jianfeng.pk, D(2023, 2, 1), None)
    ]
    entry = AuditEntry.objects.get(model="legalsavvy.legalsavvyperson", object_id=str(person.pk))
    assert (entry.user, entry.action, entry.area_code, entry.record_date) == (
        users.town_officer,
        "create",
        areas.jianfeng.code,
        D(2023, 2, 1),
    )


def test_appointing_pairs_with_the_villages_current_advisor(areas, village_advisor):
    person = services.appoint_person(village=areas.jianfeng, name="陈大文", appointed_on=D(2023, 2, 1))
    assert person.advisor == village_advisor
    other = services.appoint_person(village=areas.xinwei, name="李小红", appointed_on=D(2023, 2, 1))
    assert other.advisor is None


@pytest.mark.parametrize(
    "fields, expected",
    [
        ({"phone": "12345"}, {"phone": ["bad_phone"]}),
        ({"appointed_on": D(2999, 1, 1)}, {"appointed_on": ["date_in_future"]}),
        ({"name": "  "}, {"name": ["name_required"]}),
        ({"birth_year": 1850}, {"birth_year": ["bad_birth_year"]}),
    ],
)
def test_appointing_refuses_bad_values_with_stable_codes(areas, fields, expected):
    values = {"village": areas.jianfeng, "name": "陈大文", "appointed_on": D(2023, 1, 1), **fields}
    with pytest.raises(ValidationError) as exc_info:
        services.appoint_person(**values)
    assert codes(exc_info) == expected
    assert not LegalSavvyPerson.objects.exists()


def test_appointing_refuses_a_town_or_an_inactive_village(areas):
    with pytest.raises(ValidationError) as exc_info:
        services.appoint_person(village=areas.jingan, name="陈大文", appointed_on=D(2023, 1, 1))
    assert codes(exc_info) == {"village": ["not_a_village"]}
    with pytest.raises(ValidationError) as exc_info:
        services.appoint_person(village=areas.closed, name="陈大文", appointed_on=D(2023, 1, 1))
    assert codes(exc_info) == {"village": ["village_inactive"]}


def test_appointing_refuses_duplicates_in_the_same_village(areas, person_factory):
    person_factory(areas.jianfeng, name="陈大文", phone="13800138000", certificate_no="DM-1")
    person_factory(areas.jianfeng, name="无电话", phone="")
    base = {"village": areas.jianfeng, "appointed_on": D(2023, 1, 1)}
    with pytest.raises(ValidationError) as exc_info:
        services.appoint_person(name="陈大文", phone="13800138000", **base)
    assert codes(exc_info) == {"phone": ["duplicate_person"]}
    with pytest.raises(ValidationError) as exc_info:
        services.appoint_person(name="别人", certificate_no="DM-1", **base)
    assert codes(exc_info) == {"certificate_no": ["duplicate_certificate"]}
    with pytest.raises(ValidationError) as exc_info:
        services.appoint_person(name="无电话", **base)
    assert codes(exc_info) == {"name": ["duplicate_name"]}
    # The same name and phone in another village is another registration.
    assert services.appoint_person(village=areas.xinwei, name="陈大文", phone="13800138000", appointed_on=D(2023, 1, 1))


def test_a_town_officer_cannot_write_in_another_town(areas, users, person_factory):
    with pytest.raises(PermissionDenied):
        services.appoint_person(village=areas.nanao, name="陈大文", appointed_on=D(2023, 1, 1), user=users.town_officer)
    person = person_factory(areas.nanao)
    with pytest.raises(PermissionDenied):
        services.remove_person(person, D(2023, 5, 1), "迁出", user=users.town_officer)
    services.remove_person(person, D(2023, 5, 1), "迁出", user=users.other_town_officer)


def test_removal_is_a_status_change_that_closes_the_term(areas, users, person_factory):
    person = person_factory(areas.jianfeng, appointed_on=D(2023, 1, 1))
    services.remove_person(person, D(2023, 7, 1), "迁出本村", user=users.town_officer)
    person.refresh_from_db()
    assert (person.status, person.removed_on, person.removal_reason) == ("removed", D(2023, 7, 1), "迁出本村")
    assert list(person.terms.values_list("removed_on", "removal_reason")) == [(D(2023, 7, 1), "迁出本村")]
    entry = AuditEntry.objects.filter(object_id=str(person.pk), action="update").get()
    assert entry.changes["status"] == ["active", "removed"] and entry.record_date == D(2023, 7, 1)


def test_removal_checks_dates_reason_and_state(areas, person_factory):
    person = person_factory(areas.jianfeng, appointed_on=D(2023, 3, 1))
    with pytest.raises(ValidationError) as exc_info:
        services.remove_person(person, D(2023, 2, 1), "迁出")
    assert codes(exc_info) == {"removed_on": ["removed_before_appointed"]}
    with pytest.raises(ValidationError) as exc_info:
        services.remove_person(person, D(2023, 4, 1), " ")
    assert codes(exc_info) == {"removal_reason": ["reason_required"]}
    with pytest.raises(ValidationError) as exc_info:
        services.remove_person(person, D(2999, 1, 1), "迁出")
    assert codes(exc_info) == {"removed_on": ["date_in_future"]}
    services.remove_person(person, D(2023, 4, 1), "迁出")
    with pytest.raises(ValidationError) as exc_info:
        services.remove_person(person, D(2023, 5, 1), "迁出")
    assert codes(exc_info) == {"status": ["already_removed"]}


def test_reappointment_opens_a_new_term_and_keeps_history(areas, village_advisor, person_factory):
    person = person_factory(areas.jianfeng, appointed_on=D(2021, 1, 1))
    with pytest.raises(ValidationError) as exc_info:
        services.reappoint_person(person, D(2023, 1, 1))
    assert codes(exc_info) == {"status": ["not_removed"]}
    services.remove_person(person, D(2022, 1, 1), "外出务工")
    with pytest.raises(ValidationError) as exc_info:
        services.reappoint_person(person, D(2021, 12, 31))
    assert codes(exc_info) == {"appointed_on": ["reappointed_before_removal"]}
    services.reappoint_person(person, D(2023, 1, 1))
    person.refresh_from_db()
    assert (person.status, person.appointed_on, person.removed_on, person.removal_reason) == (
        "active",
        D(2023, 1, 1),
        None,
        "",
    )
    assert person.advisor == village_advisor
    assert LegalSavvyTerm.objects.filter(person=person).count() == 2


def test_update_corrects_details_and_the_current_terms_start(areas, person_factory):
    person = person_factory(areas.jianfeng, appointed_on=D(2023, 3, 1), phone="13800138000")
    services.update_person(person, name="陈大文", appointed_on=D(2023, 2, 1), village=areas.xinwei, phone="13900139000")
    person.refresh_from_db()
    assert (person.name, person.village, person.phone, person.appointed_on) == (
        "陈大文",
        areas.xinwei,
        "13900139000",
        D(2023, 2, 1),
    )
    assert list(person.terms.values_list("village_id", "appointed_on")) == [(areas.xinwei.pk, D(2023, 2, 1))]
    with pytest.raises(ValidationError) as exc_info:
        services.update_person(person, status="removed")
    assert codes(exc_info) == {"status": ["status_change"]}


def test_pairing_defaults_to_the_villages_current_advisor(areas, village_advisor, person_factory):
    person = person_factory(areas.jianfeng)
    assert person.advisor is None
    services.pair_with_advisor(person)
    assert LegalSavvyPerson.objects.get(pk=person.pk).advisor == village_advisor
    lonely = person_factory(areas.xinwei)
    with pytest.raises(ValidationError) as exc_info:
        services.pair_with_advisor(lonely)
    assert codes(exc_info) == {"advisor": ["no_advisor"]}


def test_pairing_a_village_pairs_every_active_person_once(areas, village_advisor, person_factory):
    people = [person_factory(areas.jianfeng) for _ in range(3)]
    services.remove_person(people[2], D(2023, 6, 1), "迁出")
    assert services.pair_village(areas.jianfeng) == 2
    assert services.pair_village(areas.jianfeng) == 0
    assert LegalSavvyPerson.objects.filter(advisor=village_advisor).count() == 2


def test_an_ended_assignment_is_not_the_current_advisor(areas, person_factory):
    old = Advisor.objects.create(name="旧律师")
    Assignment.objects.create(advisor=old, village=areas.xinwei, starts_on=D(2020, 1, 1), ends_on=D(2021, 1, 1))
    assert services.current_advisor(areas.xinwei) is None
    assert services.current_advisor(areas.xinwei, D(2020, 6, 1)) == old


def test_one_training_session_records_many_attendees_at_once(
    areas, users, person_factory, django_assert_max_num_queries
):
    people = [person_factory(areas.jianfeng) for _ in range(12)]
    with django_assert_max_num_queries(6):
        created = services.record_training_session(
            people,
            D(2023, 5, 1),
            "2.5",
            "民法典婚姻家庭编",
            {people[0].pk: True, people[1].pk: False},
            user=users.town_officer,
        )
    assert len(created) == 12 and len({t.session for t in created}) == 1
    assert Training.objects.filter(passed=True).count() == 1 and Training.objects.filter(passed=False).count() == 1
    assert Training.objects.filter(passed__isnull=True, hours=Decimal("2.5")).count() == 10
    assert AuditEntry.objects.filter(model="legalsavvy.training", action="create").count() == 12


def test_a_training_session_is_refused_as_a_whole(areas, users, person_factory):
    mine, theirs = person_factory(areas.jianfeng), person_factory(areas.nanao)
    with pytest.raises(PermissionDenied):
        services.record_training_session([mine, theirs], D(2023, 5, 1), 2, "培训", user=users.town_officer)
    for hours in (0, -1, 101, "abc"):
        with pytest.raises(ValidationError) as exc_info:
            services.record_training_session([mine], D(2023, 5, 1), hours, "培训")
        assert codes(exc_info) == {"hours": ["bad_hours"]}
    with pytest.raises(ValidationError) as exc_info:
        services.record_training_session([], D(2023, 5, 1), 2, "培训")
    assert codes(exc_info) == {"persons": ["no_attendees"]}
    assert not Training.objects.exists()


def test_activities_are_recorded_only_while_the_person_is_active(areas, users, person_factory):
    person = person_factory(areas.jianfeng, appointed_on=D(2023, 3, 1))
    activity = services.record_activity(
        person, D(2023, 4, 1), "dispute_resolved", 2, "1.5", "邻里纠纷", user=users.town_officer
    )
    assert (activity.count, activity.hours, activity.created_by) == (2, Decimal("1.5"), users.town_officer)
    with pytest.raises(ValidationError) as exc_info:
        services.record_activity(person, D(2023, 2, 1), "referral")
    assert codes(exc_info) == {"date": ["not_active_on_date"]}
    with pytest.raises(ValidationError) as exc_info:
        services.record_activity(person, D(2023, 4, 1), "referral", count=0)
    assert codes(exc_info) == {"count": ["bad_count"]}
    with pytest.raises(ValidationError) as exc_info:
        services.record_activity(person, D(2023, 4, 1), "flying")
    assert codes(exc_info) == {"kind": ["bad_kind"]}
    assert LegalSavvyActivity.objects.count() == 1


def test_error_messages_are_translated(areas):
    from django.utils import translation

    with pytest.raises(ValidationError) as exc_info:
        services.appoint_person(village=areas.jingan, name="陈大文", appointed_on=D(2023, 1, 1))
    with translation.override("zh-hans"):
        assert exc_info.value.message_dict["village"] == ["请选择村（社区），而不是镇街或区。"]
    with translation.override("en"):
        assert exc_info.value.message_dict["village"] == ["Choose a village or community, not a town or district."]


def test_a_removal_date_and_reason_can_be_corrected(areas, person_factory):
    person = person_factory(areas.jianfeng, appointed_on=D(2023, 1, 1))
    services.remove_person(person, D(2023, 6, 1), "迁出")
    services.update_person(person, removed_on=D(2023, 5, 1), removal_reason="迁出本镇")
    person.refresh_from_db()
    assert (person.removed_on, person.removal_reason) == (D(2023, 5, 1), "迁出本镇")
    assert list(person.terms.values_list("removed_on", "removal_reason")) == [(D(2023, 5, 1), "迁出本镇")]
    with pytest.raises(ValidationError) as exc_info:
        services.update_person(person, removed_on=D(2022, 1, 1))
    assert codes(exc_info) == {"removed_on": ["removed_before_appointed"]}
