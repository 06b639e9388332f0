"""services.change_person: an edit that may also change the status (what the API's PATCH does)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from legalsavvy import services
from legalsavvy.models import LegalSavvyTerm

D = dt.date


def codes(exc_info):
    return {field: [e.code for e in errors] for field, errors in exc_info.value.error_dict.items()}


def state(person):
    person.refresh_from_db()
    return person.name, person.status, person.appointed_on, person.removed_on, person.removal_reason


def test_the_same_status_only_corrects_details(areas, users, person_factory):
    person = person_factory(areas.jianfeng, appointed_on=D(2023, 1, 1))
    services.change_person(person, user=users.town_officer, status="active", name="陈大文")
    assert state(person) == ("陈大文", "active", D(2023, 1, 1), None, "")
    services.change_person(person, user=users.town_officer, name="陈小文")  # no status: as it is
    assert state(person)[0] == "陈小文"


def test_removed_corrects_details_then_closes_the_term(areas, users, person_factory):
    person = person_factory(areas.jianfeng, appointed_on=D(2023, 1, 1))
    services.change_person(
        person,
        user=users.town_officer,
        status="removed",
        removed_on=D(2023, 6, 1),
        removal_reason="迁出本村",
        name="陈大文",
    )
    assert state(person) == ("陈大文", "removed", D(2023, 1, 1), D(2023, 6, 1), "迁出本村")
    assert list(person.terms.values_list("removed_on", "removal_reason")) == [(D(2023, 6, 1), "迁出本村")]


def test_a_refused_removal_keeps_the_corrections_out_too(areas, users, person_factory):
    person = person_factory(areas.jianfeng, name="陈大文", appointed_on=D(2023, 3, 1))
    with pytest.raises(ValidationError) as exc_info:
        services.change_person(
            person,
            user=users.town_officer,
            status="removed",
            removed_on=D(2023, 6, 1),
            removal_reason=" ",
            name="改了名",
        )
    assert codes(exc_info) == {"removal_reason": ["reason_required"]}
    with pytest.raises(ValidationError) as exc_info:
        services.change_person(person, status="removed", removed_on=D(2023, 2, 1), removal_reason="迁出", name="改了名")
    assert codes(exc_info) == {"removed_on": ["removed_before_appointed"]}
    assert state(person) == ("陈大文", "active", D(2023, 3, 1), None, "")


def test_a_removed_person_may_have_the_removal_corrected(areas, person_factory):
    person = person_factory(areas.jianfeng, appointed_on=D(2023, 1, 1))
    person = services.remove_person(person, D(2023, 6, 1), "迁出")
    services.change_person(person, status="removed", removed_on=D(2023, 5, 1), removal_reason="迁出本镇")
    assert state(person)[1:] == ("removed", D(2023, 1, 1), D(2023, 5, 1), "迁出本镇")


def test_active_again_opens_a_new_term_in_the_new_village(areas, village_advisor, person_factory):
    person = person_factory(areas.xinwei, appointed_on=D(2021, 1, 1))
    person = services.remove_person(person, D(2022, 1, 1), "外出务工")
    services.change_person(person, status="active", appointed_on=D(2023, 1, 1), village=areas.jianfeng, name="陈大文")
    assert state(person) == ("陈大文", "active", D(2023, 1, 1), None, "")
    assert person.village == areas.jianfeng and person.advisor == village_advisor
    assert list(
        LegalSavvyTerm.objects.filter(person=person)
        .order_by("appointed_on")
        .values_list("village_id", "appointed_on", "removed_on")
    ) == [(areas.xinwei.pk, D(2021, 1, 1), D(2022, 1, 1)), (areas.jianfeng.pk, D(2023, 1, 1), None)]


def test_active_again_without_a_date_starts_today(areas, person_factory):
    person = person_factory(areas.jianfeng, appointed_on=D(2021, 1, 1))
    person = services.remove_person(person, D(2022, 1, 1), "外出务工")
    services.change_person(person, status="active")
    assert state(person)[1:3] == ("active", timezone.localdate())


def test_active_again_before_the_removal_is_refused_and_changes_nothing(areas, person_factory):
    person = person_factory(areas.jianfeng, name="陈大文", appointed_on=D(2021, 1, 1))
    person = services.remove_person(person, D(2022, 1, 1), "外出务工")
    with pytest.raises(ValidationError) as exc_info:
        services.change_person(person, status="active", appointed_on=D(2021, 6, 1), name="改了名")
    assert codes(exc_info) == {"appointed_on": ["reappointed_before_removal"]}
    assert state(person) == ("陈大文", "removed", D(2021, 1, 1), D(2022, 1, 1), "外出务工")
    assert LegalSavvyTerm.objects.filter(person=person).count() == 1


def test_a_town_officer_cannot_change_a_person_of_another_town(areas, users, person_factory):
    person = person_factory(areas.jianfeng)
    with pytest.raises(PermissionDenied):
        services.change_person(
            person, user=users.other_town_officer, status="removed", removed_on=D(2023, 5, 1), removal_reason="迁出"
        )
    assert state(person)[1] == "active"
