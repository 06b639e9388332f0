"""The advisor's phone pages: my villages, log a shift, my month, edit own unapproved shifts."""

from decimal import Decimal

from advisors import services
from advisors.models import DutyShift

from .conftest import D, T

FORM = {
    "village": "440403107201",
    "date": "2023-06-14",
    "start_time": "09:00",
    "end_time": "11:30",
    "mode": "office",
    "consultation_batches": "2",
    "consultation_people": "3",
    "notes": "合同审查",
}


def test_my_villages_lists_todays_villages_with_month_hours(duty, shift_of, client_as):
    shift_of(duty.a, duty.areas.jianfeng, D(2023, 6, 1), "09:00", "12:00")
    page = client_as(duty.users.advisor).get("/advisors/").content.decode()
    assert "尖峰村" in page and "新伟社区" in page and "南澳村" not in page
    assert "/advisors/shifts/new/?village=440403107201" in page
    assert "<strong>3</strong>" in page  # 3 of 8 hours this month


def test_log_a_shift_is_prefilled(duty, client_as):
    page = client_as(duty.users.advisor).get("/advisors/shifts/new/?village=440403107001")
    form = page.context["form"]
    assert form.initial["village"] == "440403107001"
    assert form.initial["date"] == D(2023, 6, 15)
    assert (form.initial["start_time"], form.initial["end_time"]) == (T(14, 0), T(16, 0))
    html = page.content.decode()
    assert 'inputmode="numeric"' in html and 'type="date"' in html and 'type="time"' in html


def test_logging_a_shift_saves_it_and_shows_my_month(duty, client_as):
    client = client_as(duty.users.advisor)
    response = client.post("/advisors/shifts/new/", FORM)
    assert response.status_code == 302 and response["Location"] == "/advisors/month/?month=2023-06"
    shift = DutyShift.objects.get()
    assert (shift.advisor, shift.village.code, shift.hours, shift.consultation_people) == (
        duty.a,
        "440403107201",
        Decimal("2.50"),
        3,
    )
    page = client.get(response["Location"]).content.decode()
    assert "2.5" in page and "尖峰村" in page


def test_a_refused_shift_shows_the_reason_and_keeps_the_input(duty, client_as):
    client = client_as(duty.users.advisor)
    response = client.post("/advisors/shifts/new/", {**FORM, "consultation_people": "1"})
    assert response.status_code == 200
    assert response.context["form"].errors["consultation_people"]
    assert not DutyShift.objects.exists()
    assert "合同审查</textarea>" in response.content.decode()
    response = client.post("/advisors/shifts/new/", {**FORM, "mediations": "-1"})
    assert response.context["form"].errors["mediations"]
    response = client.post("/advisors/shifts/new/", {**FORM, "date": "2023-06-16"})
    assert response.context["form"].errors["date"]
    response = client.post("/advisors/shifts/new/", {**FORM, "village": "440403106201"})  # not theirs
    assert response.context["form"].errors["village"]
    assert not DutyShift.objects.exists()


def test_my_month_shows_hours_against_the_requirement(duty, shift_of, client_as):
    shift_of(duty.a, duty.areas.jianfeng, D(2023, 5, 2), "08:00", "13:00")
    shift_of(duty.a, duty.areas.jianfeng, D(2023, 5, 9), "08:00", "11:00", mode="home_visit")
    shift_of(duty.a, duty.areas.xinwei, D(2023, 5, 9), "14:00", "16:00")
    shift_of(duty.a, duty.areas.jianfeng, D(2023, 6, 1), "08:00", "11:00")  # another month
    page = client_as(duty.users.advisor).get("/advisors/month/?month=2023-05")
    rows = {row.village.code: row for row in page.context["rows"]}
    assert rows["440403107201"].hours == Decimal("8.00") and not rows["440403107201"].under
    assert rows["440403107201"].home_visits == 1 and rows["440403107201"].shifts == 2
    assert rows["440403107001"].hours == Decimal("2.00") and rows["440403107001"].under
    assert len(page.context["shifts"]) == 3
    assert 'class="num under"' in page.content.decode()


def test_a_bad_month_parameter_falls_back_to_this_month(duty, client_as):
    page = client_as(duty.users.advisor).get("/advisors/month/?month=2023-13")
    assert page.status_code == 200 and page.context["first"] == D(2023, 6, 1)


def test_an_advisor_edits_their_own_unapproved_shift(duty, shift_of, client_as):
    shift = shift_of(duty.a, duty.areas.jianfeng, D(2023, 6, 1))
    client = client_as(duty.users.advisor)
    assert client.get(f"/advisors/shifts/{shift.pk}/edit/").status_code == 200
    response = client.post(f"/advisors/shifts/{shift.pk}/edit/", {**FORM, "date": "2023-06-01", "end_time": "12:00"})
    assert response.status_code == 302
    shift.refresh_from_db()
    assert shift.end_time == T(12, 0) and shift.hours == Decimal("3.00") and shift.changes.count() == 1


def test_an_approved_shift_cannot_be_edited_by_its_advisor(duty, shift_of, client_as):
    shift = shift_of(duty.a, duty.areas.jianfeng, D(2023, 6, 1))
    services.approve_shifts([shift.pk], by=duty.users.town_officer)
    client = client_as(duty.users.advisor)
    response = client.get(f"/advisors/shifts/{shift.pk}/edit/", follow=True)
    assert response.redirect_chain[-1][0] == f"/advisors/shifts/{shift.pk}/"
    response = client.post(f"/advisors/shifts/{shift.pk}/edit/", {**FORM, "date": "2023-06-01", "end_time": "15:00"})
    shift.refresh_from_db()
    assert shift.end_time == T(11, 0)
    assert client.post(f"/advisors/shifts/{shift.pk}/delete/").status_code == 302
    assert DutyShift.objects.filter(pk=shift.pk).exists()


def test_a_coordinator_corrects_an_approved_shift_on_the_page(duty, shift_of, client_as):
    shift = shift_of(duty.a, duty.areas.jianfeng, D(2023, 6, 1))
    services.approve_shifts([shift.pk], by=duty.users.town_officer)
    client = client_as(duty.users.coordinator)
    response = client.post(
        f"/advisors/shifts/{shift.pk}/edit/",
        {**FORM, "date": "2023-06-01", "end_time": "10:00", "reason": "签到表只到10点"},
    )
    assert response.status_code == 302
    detail = client.get(f"/advisors/shifts/{shift.pk}/").content.decode()
    assert "签到表只到10点" in detail and "结束时间由11:00改为10:00" in detail


def test_someone_elses_shift_is_not_found(duty, shift_of, client_as, users):
    shift = shift_of(duty.a, duty.areas.jianfeng, D(2023, 6, 1))
    for user in (users.other_advisor, users.other_town_officer, users.organizer):
        client = client_as(user)
        for url in (
            f"/advisors/shifts/{shift.pk}/",
            f"/advisors/shifts/{shift.pk}/edit/",
            f"/advisors/shifts/{shift.pk}/finish/",
        ):
            assert client.get(url).status_code == 404, (user, url)
        assert client.post(f"/advisors/shifts/{shift.pk}/delete/").status_code == 404
    assert DutyShift.objects.filter(pk=shift.pk).exists()


def test_advisor_pages_are_for_advisors(duty, client_as, users):
    for user in (users.town_officer, users.coordinator, users.organizer):
        client = client_as(user)
        for url in ("/advisors/", "/advisors/shifts/new/", "/advisors/month/"):
            assert client.get(url).status_code == 403, (user, url)


def test_logged_out_visitors_are_sent_to_log_in(db, client):
    for url in (
        "/advisors/",
        "/advisors/shifts/new/",
        "/advisors/month/",
        "/advisors/ledger/",
        "/advisors/compliance/",
        "/advisors/poster/440403107201/",
    ):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/login/"), url
