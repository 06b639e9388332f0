"""Event writes: create/update keep audiences in sync, status, walk-ins, annul, rotate, audit."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError

from accounts.models import AuditEntry
from outreach import services
from outreach.models import CheckIn, Event, EventAudience, EventSeries, RetiredCheckinSecret
from outreach.services import perform_checkin

pytestmark = pytest.mark.django_db


def test_create_gives_an_unguessable_secret_and_audience_rows(event, users):
    assert len(event.checkin_secret) >= 32
    assert event.organizer == users.organizer
    assert sorted(EventAudience.objects.filter(event=event).values_list("audience", flat=True)) == [
        "elderly",
        "general",
    ]
    assert AuditEntry.objects.filter(model="outreach.event", action="create", object_id=str(event.pk)).exists()


def test_secrets_differ_between_events(make_event):
    assert make_event().checkin_secret != make_event().checkin_secret


def test_update_keeps_audience_rows_in_sync(event, users):
    services.update_event(users.organizer, event, {"audiences": ["youth", "general"]})
    assert event.audience_list == ["general", "youth"]
    services.update_event(users.organizer, event, {"audiences": []})
    assert not EventAudience.objects.filter(event=event).exists()
    entry = AuditEntry.objects.filter(model="outreach.event", action="update").first()
    assert entry.changes["audiences"][1] == "[]"


def test_update_validates(event, users, areas):
    with pytest.raises(ValidationError) as caught:
        services.update_event(
            users.organizer,
            event,
            {
                "ends_at": event.starts_at - timedelta(minutes=1),
                "title": " ",
                "audiences": ["aliens"],
                "walk_in_count": -1,
            },
        )
    assert set(caught.value.message_dict) >= {"ends_at", "title", "audiences", "walk_in_count"}
    event.refresh_from_db()
    assert event.title == "以案释法进村居"


def test_an_area_outside_the_users_scope_is_refused(make_event, users, areas):
    with pytest.raises(ValidationError) as caught:
        services.create_event(
            users.town_officer,
            {
                "title": "x",
                "area": areas.nanao,
                "starts_at": make_event().starts_at,
                "ends_at": make_event().ends_at,
                "kind": "lecture",
                "sector": "villages",
                "status": "planned",
                "walk_in_count": 0,
            },
        )
    assert "area" in caught.value.message_dict


def test_series_episodes_are_unique(make_event):
    series = EventSeries.objects.create(name="92.8说法", kind=EventSeries.Kind.RADIO)
    make_event(series=series, episode=1, kind="broadcast")
    with pytest.raises(ValidationError) as caught:
        make_event(series=series, episode=1, kind="broadcast")
    assert "episode" in caught.value.message_dict
    with pytest.raises(ValidationError):
        make_event(episode=2)  # an episode without a series


def test_walk_ins_count_towards_attendees(event, users, attendee):
    perform_checkin(event.checkin_secret, attendee())
    services.set_walk_in_count(users.organizer, event, 40)
    assert Event.objects.with_attendee_count().get(pk=event.pk).attendee_count == 41
    with pytest.raises(ValidationError):
        services.set_walk_in_count(users.organizer, event, "many")
    with pytest.raises(ValidationError):
        services.set_walk_in_count(users.organizer, event, -3)


def test_status_can_be_marked_held_or_cancelled(event, users):
    services.set_status(users.organizer, event, Event.Status.HELD)
    event.refresh_from_db()
    assert event.status == "held"
    with pytest.raises(ValidationError):
        services.set_status(users.organizer, event, "postponed")


def test_annul_within_the_period_keeps_the_row_and_stops_counting_it(event, users, attendee):
    checkin = perform_checkin(event.checkin_secret, attendee()).checkin
    with time_machine.travel(checkin.created_at + timedelta(minutes=14, seconds=59)):
        services.annul_checkin(users.organizer, checkin)
    checkin.refresh_from_db()
    assert checkin.annulled and checkin.annulled_by == users.organizer
    assert CheckIn.objects.count() == 1
    assert Event.objects.with_attendee_count().get(pk=event.pk).attendee_count == 0
    assert AuditEntry.objects.filter(model="outreach.checkin", action="annul").exists()


def test_annul_after_the_period_is_refused(event, users, attendee):
    checkin = perform_checkin(event.checkin_secret, attendee()).checkin
    with (
        time_machine.travel(checkin.created_at + timedelta(minutes=15, seconds=1)),
        pytest.raises(ValidationError) as caught,
    ):
        services.annul_checkin(users.organizer, checkin)
    assert caught.value.code == "annul_too_late"
    checkin.refresh_from_db()
    assert not checkin.annulled


def test_annul_twice_is_refused(event, users, attendee):
    checkin = perform_checkin(event.checkin_secret, attendee()).checkin
    services.annul_checkin(users.organizer, checkin)
    with pytest.raises(ValidationError):
        services.annul_checkin(users.organizer, checkin)


def test_after_an_annulment_the_phone_can_check_in_again_once(event, users, attendee):
    checkin = perform_checkin(event.checkin_secret, attendee()).checkin
    services.annul_checkin(users.organizer, checkin)
    assert perform_checkin(event.checkin_secret, attendee()).created
    assert perform_checkin(event.checkin_secret, attendee()).status == "already_checked_in"
    assert Event.objects.with_attendee_count().get(pk=event.pk).attendee_count == 1


def test_rotate_keeps_the_old_secret_out_of_the_audit_log(event, users):
    old = event.checkin_secret
    services.rotate_secret(users.organizer, event)
    services.rotate_secret(users.organizer, event)
    assert RetiredCheckinSecret.objects.filter(event=event).count() == 2
    assert RetiredCheckinSecret.objects.filter(secret=old).exists()
    for entry in AuditEntry.objects.all():
        assert old not in str(entry.changes)
