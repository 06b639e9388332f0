"""Consultations and mediations by topic on a duty shift: the one check (service, form, API), the
unclassified remainder, and the counts kept in step with later edits of the totals."""

import pytest

from advisors import services
from advisors.errors import DutyError, DutyRefused
from advisors.models import DutyShift, DutyShiftTopic

from .conftest import D

FORM = {
    "village": "440403107201",
    "date": "2023-06-14",
    "start_time": "09:00",
    "end_time": "11:30",
    "mode": "office",
    "consultation_batches": "2",
    "consultation_people": "3",
    "mediations": "1",
}
BODY = {
    "village": "440403107201",
    "date": "2023-06-14",
    "start_time": "09:00",
    "end_time": "10:30",
    "consultation_batches": 2,
    "consultation_people": 2,
    "mediations": 1,
}


def test_check_topic_counts_is_the_one_rule(db):
    check = services.check_topic_counts
    assert check({"land": 2, "labour": "1", "other": 0}, consultation_batches=2, mediations=1) == {
        "land": 2,
        "labour": 1,
    }
    assert check({}, consultation_batches=0, mediations=0) == {}
    with pytest.raises(DutyRefused) as refused:
        check({"land": 3, "labour": 1}, consultation_batches=2, mediations=1)
    assert refused.value.code == DutyError.TOPICS_EXCEED_TOTALS and refused.value.field == "topics"
    assert "4" in refused.value.text and "3" in refused.value.text
    with pytest.raises(DutyRefused) as refused:
        check({"astrology": 1}, consultation_batches=2, mediations=1)
    assert refused.value.code == DutyError.UNKNOWN_TOPIC
    with pytest.raises(DutyRefused) as refused:
        check({"land": -1}, consultation_batches=2, mediations=1)
    assert refused.value.code == DutyError.NEGATIVE_COUNTER
    with pytest.raises(DutyRefused) as refused:
        check(["land"], consultation_batches=2, mediations=1)  # what a bad import row might carry
    assert refused.value.code == DutyError.UNKNOWN_TOPIC


def test_the_service_stores_counts_and_keeps_them_within_the_totals(duty, shift_of):
    shift = shift_of(
        duty.a,
        duty.areas.jianfeng,
        D(2023, 6, 1),
        consultation_batches=3,
        consultation_people=3,
        mediations=1,
        topics={"land": 2, "marriage_family": 1},
    )
    assert services.topic_counts_of(shift) == {"land": 2, "marriage_family": 1}
    # the remainder is unclassified
    assert services.topic_breakdown(shift)[-1][1] == 1
    # lowering the totals below the counts is refused; the counts stay
    with pytest.raises(DutyRefused) as refused:
        services.update_shift(shift, by=None, consultation_batches=1, consultation_people=1, mediations=0)
    assert refused.value.code == DutyError.TOPICS_EXCEED_TOTALS
    shift.refresh_from_db()
    assert shift.consultation_batches == 3
    # a change of the counts is recorded in the shift's history
    services.update_shift(shift, by=None, topics={"land": 1})
    assert services.topic_counts_of(shift) == {"land": 1}
    assert shift.changes.get().changes["topics"] == [{"land": 2, "marriage_family": 1}, {"land": 1}]
    with pytest.raises(DutyRefused):
        shift_of(
            duty.a,
            duty.areas.jianfeng,
            D(2023, 6, 2),
            consultation_batches=1,
            consultation_people=1,
            topics={"land": 2},
        )
    assert DutyShift.objects.count() == 1


def test_the_shift_form_has_a_number_per_topic_and_refuses_too_many(duty, client_as):
    client = client_as(duty.users.advisor)
    page = client.get("/advisors/shifts/new/").content.decode()
    assert 'name="topic_land"' in page and "<details" in page and "土地承包与征地" in page
    response = client.post("/advisors/shifts/new/", {**FORM, "topic_land": "3", "topic_labour": "1"})
    assert response.status_code == 200
    assert not DutyShift.objects.exists()
    assert "4" in response.content.decode() and "分类" in response.content.decode()
    assert response.context["form"].non_field_errors()
    response = client.post("/advisors/shifts/new/", {**FORM, "topic_land": "2", "topic_labour": "1"})
    assert response.status_code == 302
    shift = DutyShift.objects.get()
    assert services.topic_counts_of(shift) == {"land": 2, "labour": 1}
    detail = client.get(f"/advisors/shifts/{shift.pk}/").content.decode()
    assert "劳动争议与欠薪 1" in detail
    edit = client.get(f"/advisors/shifts/{shift.pk}/edit/")
    assert edit.context["form"]["topic_land"].value() == 2


def test_the_api_reads_and_writes_topics(duty, api_as):
    client = api_as(duty.users.advisor)
    response = client.post("/api/duty-shifts/", {**BODY, "topics": {"land": 2, "labour": 2}}, format="json")
    assert response.status_code == 400 and "topics" in response.json()
    response = client.post("/api/duty-shifts/", {**BODY, "topics": {"nope": 1}}, format="json")
    assert response.status_code == 400 and "topics" in response.json()
    response = client.post("/api/duty-shifts/", {**BODY, "topics": {"land": "x"}}, format="json")
    assert response.status_code == 400
    assert not DutyShift.objects.exists()
    response = client.post("/api/duty-shifts/", {**BODY, "topics": {"land": 2, "labour": 1}}, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["topics"] == {"land": 2, "labour": 1}
    pk = response.json()["id"]
    response = client.patch(f"/api/duty-shifts/{pk}/", {"mediations": 0}, format="json")
    assert response.status_code == 400 and "topics" in response.json()
    response = client.patch(f"/api/duty-shifts/{pk}/", {"topics": {"inheritance": 1}}, format="json")
    assert response.status_code == 200 and response.json()["topics"] == {"inheritance": 1}
    listed = client.get("/api/duty-shifts/").json()["results"]
    assert listed[0]["topics"] == {"inheritance": 1}
    assert DutyShiftTopic.objects.count() == 1


def test_finishing_a_shift_takes_topics(duty, api_as, shift_of):
    shift = shift_of(duty.a, duty.areas.jianfeng, D(2023, 6, 15), "09:00", None)
    client = api_as(duty.users.advisor)
    body = {"end_time": "10:00", "consultation_batches": 1, "consultation_people": 1, "topics": {"traffic": 2}}
    assert client.post(f"/api/duty-shifts/{shift.pk}/finish/", body, format="json").status_code == 400
    body["topics"] = {"traffic": 1}
    response = client.post(f"/api/duty-shifts/{shift.pk}/finish/", body, format="json")
    assert response.status_code == 200 and response.json()["topics"] == {"traffic": 1}


def test_the_admin_refuses_totals_below_the_topic_counts(duty, shift_of, client_as):
    from .test_admin import shift_form

    shift = shift_of(
        duty.a,
        duty.areas.jianfeng,
        D(2023, 6, 14),
        "09:00",
        "10:45",
        consultation_batches=2,
        consultation_people=2,
        topics={"land": 2},
    )
    client = client_as(duty.users.superuser)
    response = client.post(f"/admin/advisors/dutyshift/{shift.pk}/change/", shift_form(duty))
    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors()
    shift.refresh_from_db()
    assert shift.consultation_batches == 2
