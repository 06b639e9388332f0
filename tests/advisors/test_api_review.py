"""POST /api/duty-shifts/{id}/return/ per API.md "Shift review"; state and review_comment read-only."""

import pytest

from advisors import services
from advisors.models import DutyShift

from .conftest import D


@pytest.fixture
def shift(duty, shift_of):
    return shift_of(duty.a, duty.areas.jianfeng, D(2023, 6, 1))


def test_a_town_officer_returns_a_shift_and_the_advisor_resubmits_it(duty, shift, api_as):
    response = api_as(duty.users.town_officer).post(
        f"/api/duty-shifts/{shift.pk}/return/", {"comment": "咨询人数有误"}, format="json"
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["id"], body["state"], body["review_comment"], body["approved"]) == (
        shift.pk,
        "returned",
        "咨询人数有误",
        False,
    )
    advisor = api_as(duty.users.advisor)
    assert advisor.get(f"/api/duty-shifts/{shift.pk}/").json()["state"] == "returned"
    edited = advisor.patch(f"/api/duty-shifts/{shift.pk}/", {"consultation_people": 4}, format="json")
    assert edited.status_code == 200 and edited.json()["state"] == "submitted"
    assert advisor.get("/api/duty-shifts/?state=submitted").json()["count"] == 1
    assert advisor.get("/api/duty-shifts/?state=returned").json()["count"] == 0


def test_state_and_review_comment_are_read_only(duty, shift, api_as):
    response = api_as(duty.users.advisor).patch(
        f"/api/duty-shifts/{shift.pk}/", {"state": "approved", "review_comment": "ok", "notes": "n"}, format="json"
    )
    assert response.status_code == 200
    assert (response.json()["state"], response.json()["review_comment"]) == ("submitted", "")


def test_return_refusals(duty, shift, shift_of, api_as):
    officer = api_as(duty.users.town_officer)
    assert officer.post(f"/api/duty-shifts/{shift.pk}/return/", {}, format="json").status_code == 400
    blank = officer.post(f"/api/duty-shifts/{shift.pk}/return/", {"comment": " "}, format="json")
    assert blank.status_code == 400 and "comment" in blank.json()
    # Advisors may not return; another town's officer cannot even see the shift.
    assert (
        api_as(duty.users.advisor)
        .post(f"/api/duty-shifts/{shift.pk}/return/", {"comment": "x"}, format="json")
        .status_code
        == 403
    )
    assert (
        api_as(duty.users.other_town_officer)
        .post(f"/api/duty-shifts/{shift.pk}/return/", {"comment": "x"}, format="json")
        .status_code
        == 404
    )
    services.approve_shifts([shift.pk], by=duty.users.town_officer)
    approved = api_as(duty.users.coordinator).post(
        f"/api/duty-shifts/{shift.pk}/return/", {"comment": "x"}, format="json"
    )
    assert approved.status_code == 400
    assert DutyShift.objects.get(pk=shift.pk).state == "approved"


def test_anonymous_cannot_return(duty, shift, client):
    response = client.post(f"/api/duty-shifts/{shift.pk}/return/", {"comment": "x"}, content_type="application/json")
    assert response.status_code in (401, 403)
