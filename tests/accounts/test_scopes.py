"""accounts.scopes: one rule each for "is a manager", "area in scope" and "may see full phones"."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from accounts.scopes import area_in_scope, is_manager, may_see_full_phones
from places.models import Area

OTHER_TOWN = "440403106"  # 白蕉镇: exists, outside 井岸镇's scope
NO_SUCH_TOWN = "440403105"  # outside 井岸镇's scope and not an area at all


def test_managers_are_coordinators_superusers_and_town_officers(users):
    for user in (users.coordinator, users.superuser, users.town_officer, users.other_town_officer):
        assert is_manager(user) is True
    for user in (users.organizer, users.advisor, users.nobody, AnonymousUser(), None):
        assert is_manager(user) is False


def test_an_area_in_scope_is_returned(users, areas):
    assert area_in_scope(users.town_officer, "440403107201") == areas.jianfeng
    assert area_in_scope(users.coordinator, OTHER_TOWN) == areas.baijiao
    assert area_in_scope(users.superuser, "440403") == areas.district
    villages = Area.objects.villages()
    with pytest.raises(Http404):  # in scope, but not in the queryset asked for
        area_in_scope(users.town_officer, "440403107", villages)


def _refusal(call):
    with pytest.raises(Exception) as caught:
        call()
    return type(caught.value), str(caught.value)


def test_scope_is_checked_before_existence_so_codes_cannot_be_probed(users):
    officer = users.town_officer
    existing = _refusal(lambda: area_in_scope(officer, OTHER_TOWN))
    missing = _refusal(lambda: area_in_scope(officer, NO_SUCH_TOWN))
    assert existing == missing and existing[0] is PermissionDenied
    # Only a code inside the user's own scope can be told apart as unknown.
    assert _refusal(lambda: area_in_scope(officer, "440403107999"))[0] is Http404
    # Users without an area or role see nothing: every code is outside.
    assert _refusal(lambda: area_in_scope(users.nobody, "440403"))[0] is PermissionDenied


def test_callers_choose_their_answers(users):
    with pytest.raises(Http404):
        area_in_scope(users.town_officer, OTHER_TOWN, outside=Http404())
    with pytest.raises(ValidationError):
        area_in_scope(users.town_officer, "440403107999", missing=ValidationError("unknown"))
    # Inside the scope, an unknown code is missing (404 by default).
    with pytest.raises(Http404):
        area_in_scope(users.town_officer, "440403107999")


def test_pages_and_api_answer_other_towns_and_unknown_codes_alike(users, api_as, client_as):
    api = api_as(users.town_officer)
    existing = api.get("/api/coverage/", {"year": 2023, "area": OTHER_TOWN})
    missing = api.get("/api/coverage/", {"year": 2023, "area": NO_SUCH_TOWN})
    assert existing.status_code == missing.status_code == 403
    assert existing.json() == missing.json()
    client = client_as(users.town_officer)
    other_village = client.get("/legal-savvy/villages/440403106201/")
    no_village = client.get("/legal-savvy/villages/440403106999/")
    assert other_village.status_code == no_village.status_code == 404


def test_full_phones_for_coordinators_and_the_person_themself(users):
    assert may_see_full_phones(users.coordinator) and may_see_full_phones(users.superuser)
    for user in (users.town_officer, users.organizer, users.advisor, users.nobody, AnonymousUser(), None):
        assert not may_see_full_phones(user)
    assert may_see_full_phones(users.advisor, subject_user_id=users.advisor.pk)
    assert not may_see_full_phones(users.advisor, subject_user_id=users.other_advisor.pk)
    assert not may_see_full_phones(AnonymousUser(), subject_user_id=None)
    assert may_see_full_phones(users.coordinator, subject_user_id=users.advisor.pk)
