"""perform_checkin: outcomes, refusal codes, the window's edges, de-duplication, phones."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError

from outreach import services
from outreach.models import CheckIn, Event
from outreach.services import CheckinRefusal, CheckinRefused, perform_checkin

pytestmark = pytest.mark.django_db


def refusal_of(secret_or_event, data, **kwargs):
    with pytest.raises(CheckinRefused) as caught:
        perform_checkin(secret_or_event, data, **kwargs)
    return caught.value.code


def test_it_checks_in_an_attendee(event, attendee, areas):
    result = perform_checkin(event.checkin_secret, attendee())
    assert result.status == "ok" and result.created
    checkin = CheckIn.objects.get()
    assert (checkin.event, checkin.phone, checkin.name) == (event, "13800138000", "陈小梅")
    assert checkin.home_village == areas.jianfeng
    assert checkin.method == CheckIn.Method.SELF
    assert Event.objects.with_attendee_count().get(pk=event.pk).attendee_count == 1


def test_a_repeat_scan_answers_already_checked_in_with_the_first_time(event, attendee):
    first = perform_checkin(event.checkin_secret, attendee())
    with time_machine.travel(first.checked_in_at + timedelta(minutes=5)):
        again = perform_checkin(event.checkin_secret, attendee(phone="+86 138-0013-8000", name="陈小梅（再扫）"))
    assert again.status == "already_checked_in" and not again.created
    assert again.checked_in_at == first.checked_in_at
    assert CheckIn.objects.count() == 1
    assert Event.objects.with_attendee_count().get(pk=event.pk).attendee_count == 1


def test_the_same_phone_counts_once_per_event_but_at_each_event(make_event, attendee):
    first, second = make_event(), make_event(title="第二场")
    assert perform_checkin(first.checkin_secret, attendee()).created
    assert perform_checkin(second.checkin_secret, attendee()).created
    assert CheckIn.objects.count() == 2


def test_an_unknown_secret_is_invalid(event, attendee):
    assert refusal_of("not-a-real-secret", attendee()) == CheckinRefusal.INVALID
    assert refusal_of("", attendee()) == CheckinRefusal.INVALID
    assert refusal_of("x" * 500, attendee()) == CheckinRefusal.INVALID


def test_a_rotated_secret_is_revoked(event, users, attendee):
    old = event.checkin_secret
    services.rotate_secret(users.organizer, event)
    event.refresh_from_db()
    assert event.checkin_secret != old
    assert refusal_of(old, attendee()) == CheckinRefusal.REVOKED
    assert perform_checkin(event.checkin_secret, attendee()).created


def test_a_cancelled_event_refuses_every_path(event, users, attendee):
    services.set_status(users.organizer, event, Event.Status.CANCELLED)
    assert refusal_of(event.checkin_secret, attendee()) == CheckinRefusal.CANCELLED
    assert (
        refusal_of(event, attendee(), method=CheckIn.Method.ORGANIZER, enforce_window=False) == CheckinRefusal.CANCELLED
    )
    assert not CheckIn.objects.exists()


def test_a_held_event_still_takes_check_ins_in_the_window(event, users, attendee):
    services.set_status(users.organizer, event, Event.Status.HELD)
    assert perform_checkin(event.checkin_secret, attendee()).created


@pytest.mark.parametrize(
    "offset, expected",
    [
        (timedelta(minutes=-60, seconds=-1), CheckinRefusal.NOT_OPEN),
        (timedelta(minutes=-60), None),
        (timedelta(hours=2, minutes=120), None),
        (timedelta(hours=2, minutes=120, seconds=1), CheckinRefusal.CLOSED),
    ],
)
def test_the_window_runs_from_60_minutes_before_to_120_minutes_after(make_event, attendee, offset, expected):
    event = make_event()  # lasts 2 hours
    with time_machine.travel(event.starts_at + offset, tick=False):
        if expected is None:
            assert perform_checkin(event.checkin_secret, attendee()).created
        else:
            assert refusal_of(event.checkin_secret, attendee()) == expected
            assert not CheckIn.objects.exists()


def test_the_window_follows_the_settings(make_event, attendee, settings):
    settings.CHECKIN_OPENS_MINUTES_BEFORE = 10
    event = make_event()
    with time_machine.travel(event.starts_at - timedelta(minutes=11), tick=False):
        assert refusal_of(event.checkin_secret, attendee()) == CheckinRefusal.NOT_OPEN


def test_organizers_enter_check_ins_outside_the_window(make_event, users, attendee):
    event = make_event()
    with time_machine.travel(event.ends_at + timedelta(days=3)):
        assert refusal_of(event.checkin_secret, attendee()) == CheckinRefusal.CLOSED
        result = perform_checkin(
            event, attendee(consent=False), method=CheckIn.Method.ORGANIZER, user=users.organizer, enforce_window=False
        )
    assert result.created
    assert result.checkin.created_by == users.organizer
    assert result.checkin.method == CheckIn.Method.ORGANIZER


@pytest.mark.parametrize(
    "raw",
    [
        "13800138000",
        "+8613800138000",
        "+86 138 0013 8000",
        "138-0013-8000",
        "0086 138 0013 8000",
        " 138 0013-8000 ",
        "+86-138-0013-8000",
    ],
)
def test_phones_are_normalized_so_formats_do_not_double_count(event, attendee, raw):
    perform_checkin(event.checkin_secret, attendee(phone="13800138000"))
    result = perform_checkin(event.checkin_secret, attendee(phone=raw))
    assert result.status == "already_checked_in"
    assert CheckIn.objects.get().phone == "13800138000"


@pytest.mark.parametrize("raw", ["", "12345", "23800138000", "1380013800", "138001380001", "电话", "+1 415 555 0100"])
def test_bad_phones_are_refused_with_a_field_error(event, attendee, raw):
    with pytest.raises(ValidationError) as caught:
        perform_checkin(event.checkin_secret, attendee(phone=raw))
    assert "phone" in caught.value.message_dict
    assert not CheckIn.objects.exists()


def test_it_validates_every_field(event, attendee):
    with pytest.raises(ValidationError) as caught:
        perform_checkin(
            event.checkin_secret,
            attendee(name=" ", age_group="old", occupation="pirate", gender="x", home_village="999", consent=False),
        )
    assert set(caught.value.message_dict) == {"name", "age_group", "occupation", "gender", "home_village", "consent"}


def test_a_non_mapping_body_is_a_validation_error(event):
    with pytest.raises(ValidationError):
        perform_checkin(event.checkin_secret, ["not", "a", "dict"])


def test_self_check_in_needs_consent_but_organizer_entry_does_not(event, users, attendee):
    with pytest.raises(ValidationError) as caught:
        perform_checkin(event.checkin_secret, attendee(consent=False))
    assert "consent" in caught.value.message_dict
    assert perform_checkin(
        event, attendee(consent=None), method=CheckIn.Method.ORGANIZER, user=users.organizer, enforce_window=False
    ).created


def test_an_inactive_village_is_not_a_home_village(event, attendee, areas):
    with pytest.raises(ValidationError) as caught:
        perform_checkin(event.checkin_secret, attendee(home_village=areas.closed.code))
    assert "home_village" in caught.value.message_dict


def test_the_home_village_is_optional(event, attendee):
    assert perform_checkin(event.checkin_secret, attendee(home_village="")).checkin.home_village is None


def test_a_lost_race_is_answered_from_the_database_constraint(event, attendee, monkeypatch):
    """Even if the pre-check misses the first row (a race), the unique constraint catches it."""
    first = perform_checkin(event.checkin_secret, attendee())
    real = services.checkin._live_checkin
    calls = []

    def blind_first_time(event, phone):
        calls.append(phone)
        return None if len(calls) == 1 else real(event, phone)

    monkeypatch.setattr(services.checkin, "_live_checkin", blind_first_time)
    again = perform_checkin(event.checkin_secret, attendee())
    assert again.status == "already_checked_in"
    assert again.checkin.pk == first.checkin.pk
    assert CheckIn.objects.count() == 1


def test_organizer_entries_are_audited(event, users, attendee):
    from accounts.models import AuditEntry

    perform_checkin(event, attendee(), method=CheckIn.Method.ORGANIZER, user=users.organizer, enforce_window=False)
    entry = AuditEntry.objects.filter(model="outreach.checkin").get()
    assert entry.user == users.organizer and entry.area_code == event.area.code
