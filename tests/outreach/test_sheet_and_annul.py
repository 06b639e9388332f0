"""services.enter_sheet (a paper sign-in sheet, all or none) and the annulment deadline."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.models import AuditEntry
from outreach import services
from outreach.models import CheckIn


def row(name, phone, **extra):
    return {"name": name, "phone": phone, "age_group": "36_59", "occupation": "farmer", **extra}


def test_a_sheet_checks_every_row_in_and_counts_a_repeated_phone_once(event, users, attendee, areas):
    services.perform_checkin(event.checkin_secret, attendee(phone="13900000001"))  # by QR before
    result = services.enter_sheet(
        users.organizer,
        event,
        [
            row("乙", "139 0000 0002", home_village=areas.nanao.code),
            row("甲", "+86 13900000001"),  # already checked in by QR
            row("丙", "13900000003"),
            row("丙", "13900000003"),  # the same line typed twice
        ],
    )
    assert (result.saved, result.created, result.repeated, result.errors) == (True, 2, 2, {})
    entered = CheckIn.objects.filter(event=event, method="organizer", created_by=users.organizer)
    assert sorted(entered.values_list("phone", flat=True)) == ["13900000002", "13900000003"]
    assert CheckIn.objects.filter(event=event).count() == 3
    assert AuditEntry.objects.filter(model="outreach.checkin", action="create").count() == 2


def test_a_sheet_is_entered_after_the_check_in_window_closed(make_event, users):
    past = make_event(starts_at=timezone.now() - timedelta(days=3))
    result = services.enter_sheet(users.organizer, past, [row("乙", "13900000002")])
    assert result.saved and result.created == 1


def test_a_bad_row_refuses_the_whole_sheet_and_says_which_rows(event, users):
    result = services.enter_sheet(
        users.organizer,
        event,
        [
            row("乙", "13900000002"),
            row("丙", "12345"),
            row("", "13900000004"),
        ],
    )
    assert not result.saved
    assert sorted(result.errors) == [1, 2]
    assert "phone" in result.errors[1].message_dict and "name" in result.errors[2].message_dict
    assert not CheckIn.objects.exists()
    assert not AuditEntry.objects.filter(model="outreach.checkin").exists()


def test_a_sheet_for_a_cancelled_event_is_refused_whole(event, users):
    services.set_status(users.organizer, event, "cancelled")
    with pytest.raises(services.CheckinRefused) as refused:
        services.enter_sheet(users.organizer, event, [row("乙", "13900000002")])
    assert refused.value.code == "cancelled"
    assert not CheckIn.objects.exists()


def test_the_annul_deadline_is_the_setting_minutes_after_the_check_in(event, attendee, settings):
    checkin = services.perform_checkin(event.checkin_secret, attendee()).checkin
    assert services.annul_deadline(checkin) == checkin.created_at + timedelta(minutes=settings.CHECKIN_ANNUL_MINUTES)
    settings.CHECKIN_ANNUL_MINUTES = 5
    assert services.annul_deadline(checkin) == checkin.created_at + timedelta(minutes=5)


def test_can_annul_agrees_with_annul_checkin_at_the_deadline(event, users, attendee):
    checkin = services.perform_checkin(event.checkin_secret, attendee()).checkin
    deadline = services.annul_deadline(checkin)
    assert services.can_annul(checkin, deadline)
    assert not services.can_annul(checkin, deadline + timedelta(microseconds=1))
    with pytest.raises(ValidationError) as caught:
        services.annul_checkin(users.organizer, checkin, now=deadline + timedelta(microseconds=1))
    assert caught.value.code == "annul_too_late"
    services.annul_checkin(users.organizer, checkin, now=deadline)
    checkin.refresh_from_db()
    assert checkin.annulled and not services.can_annul(checkin, deadline - timedelta(minutes=1))


def test_can_annul_defaults_to_now(event, attendee):
    checkin = services.perform_checkin(event.checkin_secret, attendee()).checkin
    assert services.can_annul(checkin)
    with time_machine.travel(services.annul_deadline(checkin) + timedelta(seconds=1)):
        assert not services.can_annul(checkin)
