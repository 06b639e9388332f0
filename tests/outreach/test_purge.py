"""The personal-data purge: names and phones go, every count and breakdown stays."""

from datetime import timedelta

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.utils import timezone

from outreach.models import CheckIn, Event
from outreach.services import perform_checkin
from outreach.stats import event_counts

pytestmark = pytest.mark.django_db


def test_purge_blanks_old_personal_data_and_keeps_counts(make_event, users, attendee):
    old = make_event(starts_at=timezone.now() - timedelta(days=400))
    recent = make_event(title="近期活动")
    for i, age in enumerate(["18_35", "36_59", "60_plus"]):
        perform_checkin(
            old,
            attendee(phone=f"1390000000{i}", age_group=age),
            method="organizer",
            user=users.organizer,
            enforce_window=False,
        )
    perform_checkin(recent.checkin_secret, attendee())
    before = event_counts(old)
    count_before = Event.objects.with_attendee_count().get(pk=old.pk).attendee_count

    call_command("purge_checkin_personal_data", "--older-than", "365")

    purged = CheckIn.objects.filter(event=old)
    assert all(c.name == "" and c.phone == "" and c.personal_data_purged for c in purged)
    assert CheckIn.objects.get(event=recent).phone == "13800138000"
    assert event_counts(old) == before
    assert Event.objects.with_attendee_count().get(pk=old.pk).attendee_count == count_before == 3


def test_after_a_purge_a_late_entry_still_counts(make_event, users, attendee):
    old = make_event(starts_at=timezone.now() - timedelta(days=40))
    perform_checkin(old, attendee(), method="organizer", user=users.organizer, enforce_window=False)
    perform_checkin(old, attendee(phone="13900000001"), method="organizer", user=users.organizer, enforce_window=False)
    call_command("purge_checkin_personal_data", "--older-than", "30")
    # Two blank phones do not collide: purged rows are outside the unique constraint.
    assert CheckIn.objects.filter(event=old, phone="").count() == 2
    assert Event.objects.with_attendee_count().get(pk=old.pk).attendee_count == 2


def test_purge_spares_events_that_ended_recently(make_event, attendee):
    event = make_event()
    perform_checkin(event.checkin_secret, attendee())
    with time_machine.travel(event.ends_at + timedelta(days=29)):
        call_command("purge_checkin_personal_data", "--older-than", "30")
    assert CheckIn.objects.get().phone == "13800138000"


def test_purge_refuses_a_negative_age():
    with pytest.raises(CommandError):
        call_command("purge_checkin_personal_data", "--older-than", "-1")
