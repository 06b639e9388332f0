"""The admin obeys the services' rules: refusals show on the form, saves are audited, approval is an action."""

from decimal import Decimal

from accounts.models import AuditEntry
from advisors.models import Assignment, DutyShift

from .conftest import D

SHIFT = {
    "advisor": "",
    "village": "",
    "date": "2023-06-14",
    "start_time": "09:00",
    "end_time": "10:45",
    "mode": "office",
    "notes": "",
    "consultation_batches": "0",
    "consultation_people": "0",
    "contracts_reviewed": "0",
    "legal_opinions": "0",
    "documents_drafted": "0",
    "mediations": "0",
    "negotiations": "0",
    "legal_aid_cases": "0",
    "elections_assisted": "0",
    "phone_consultations": "0",
    "outreach_sessions": "0",
    "changes-TOTAL_FORMS": "0",
    "changes-INITIAL_FORMS": "0",
}


def shift_form(duty, **extra):
    return {**SHIFT, "advisor": duty.a.pk, "village": duty.areas.jianfeng.pk, **extra}


def test_every_admin_list_and_form_opens(duty, shift_of, client_as):
    shift = shift_of(duty.a, duty.areas.jianfeng, D(2023, 6, 1))
    client = client_as(duty.users.superuser)
    for url in (
        "/admin/advisors/advisor/",
        f"/admin/advisors/advisor/{duty.a.pk}/change/",
        "/admin/advisors/assignment/",
        "/admin/advisors/assignment/add/",
        "/admin/advisors/dutyshift/",
        "/admin/advisors/dutyshift/add/",
        f"/admin/advisors/dutyshift/{shift.pk}/change/",
        "/admin/advisors/dutyshift/?q=尖峰",
        "/admin/advisors/dutyshift/?mode__exact=office",
        "/admin/advisors/dutyposter/",
    ):
        assert client.get(url).status_code == 200, url


def test_adding_a_shift_in_the_admin_goes_through_the_service(duty, client_as):
    client = client_as(duty.users.superuser)
    response = client.post("/admin/advisors/dutyshift/add/", shift_form(duty))
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    shift = DutyShift.objects.get()
    assert shift.hours == Decimal("1.75")
    assert AuditEntry.objects.filter(action="create", model="advisors.dutyshift").exists()


def test_the_admin_shows_refusals_on_the_form(duty, shift_of, client_as):
    shift_of(duty.a, duty.areas.jianfeng, D(2023, 6, 14), "09:30", "11:00")
    client = client_as(duty.users.superuser)
    response = client.post("/admin/advisors/dutyshift/add/", shift_form(duty))
    assert response.status_code == 200
    assert "start_time" in response.context["adminform"].form.errors
    response = client.post("/admin/advisors/dutyshift/add/", shift_form(duty, village=duty.areas.nanao.pk))
    assert "village" in response.context["adminform"].form.errors
    assert DutyShift.objects.count() == 1


def test_approval_is_an_admin_action(duty, shift_of, client_as):
    shift = shift_of(duty.a, duty.areas.jianfeng, D(2023, 6, 1))
    client = client_as(duty.users.superuser)
    client.post("/admin/advisors/dutyshift/", {"action": "approve_selected", "_selected_action": [shift.pk]})
    shift.refresh_from_db()
    assert shift.is_approved and shift.approved_by == duty.users.superuser


def test_the_admin_refuses_overlapping_assignments(duty, client_as):
    client = client_as(duty.users.superuser)
    response = client.post(
        "/admin/advisors/assignment/add/",
        {"advisor": duty.b.pk, "village": duty.areas.jianfeng.pk, "starts_on": "2023-03-01", "ends_on": ""},
    )
    assert response.status_code == 200 and "starts_on" in response.context["adminform"].form.errors
    response = client.post(
        "/admin/advisors/assignment/add/",
        {"advisor": duty.b.pk, "village": duty.areas.dengsheng.pk, "starts_on": "2023-03-01", "ends_on": ""},
    )
    assert response.status_code == 302
    assert Assignment.objects.filter(village=duty.areas.dengsheng, advisor=duty.b).exists()
