"""Events that close themselves, the "did this take place?" list, the organizer's agenda, topic search,
copying an event, annulling with a reason, and paper-sheet rows without a phone / kept on "add rows"."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from accounts.models import AuditEntry
from outreach import services
from outreach.models import CheckIn, Event
from outreach.queries import events_needing_confirmation, organizer_agenda, search_events
from outreach.stats import event_counts


def _ended(make_event, **fields):
    return make_event(starts_at=timezone.now() - timedelta(days=2), **fields)


def test_close_ended_events_marks_held_only_events_with_attendance(make_event, users, attendee):
    with_checkin = _ended(make_event, title="有签到")
    services.perform_checkin(with_checkin, attendee(), method=CheckIn.Method.ORGANIZER, enforce_window=False)
    with_walk_ins = _ended(make_event, title="有现场人数", walk_in_count=12)
    annulled_only = _ended(make_event, title="签到已作废")
    wrong = services.perform_checkin(annulled_only, attendee(), method=CheckIn.Method.ORGANIZER, enforce_window=False)
    services.annul_checkin(users.organizer, wrong.checkin, reason="测试")
    empty = _ended(make_event, title="无人")
    running = make_event(starts_at=timezone.now() - timedelta(minutes=30), walk_in_count=3)

    closed = services.close_ended_events(timezone.now())
    assert sorted(closed) == sorted([with_checkin.pk, with_walk_ins.pk])
    statuses = dict(Event.objects.values_list("pk", "status"))
    assert statuses[with_checkin.pk] == statuses[with_walk_ins.pk] == "held"
    assert statuses[annulled_only.pk] == statuses[empty.pk] == statuses[running.pk] == "planned"
    entry = AuditEntry.objects.get(model="outreach.event", object_id=str(with_walk_ins.pk), action="update")
    assert entry.changes == {"status": ["planned", "held"]} and entry.user is None
    # Running it again changes nothing.
    assert services.close_ended_events(timezone.now()) == []


def test_the_organizer_can_reverse_an_automatic_close_and_it_stays(make_event, users):
    event = _ended(make_event, walk_in_count=5)
    services.close_ended_events(timezone.now())
    event.refresh_from_db()
    assert event.status == "held" and event.auto_held_at is not None
    services.set_status(users.organizer, event, "cancelled")
    assert services.close_ended_events(timezone.now()) == []
    event.refresh_from_db()
    assert event.status == "cancelled"


def test_the_command_closes_ended_events(make_event, capsys):
    event = _ended(make_event, walk_in_count=1)
    call_command("close_ended_events")
    event.refresh_from_db()
    assert event.status == "held"
    assert "1" in capsys.readouterr().out


def test_events_needing_confirmation_by_organizer_scope_and_area(make_event, users, other_event):
    empty = _ended(make_event, title="无人")
    _ended(make_event, title="已取消", status="cancelled")
    make_event(title="还没开始")
    other = _ended(make_event, organizer=users.other_organizer, title="别人的", area=users.other_organizer.scope)
    now = timezone.now()
    assert list(events_needing_confirmation(users.organizer, now)) == [empty]
    assert set(events_needing_confirmation(users.coordinator, now)) == {empty, other}
    assert list(events_needing_confirmation(users.town_officer, now)) == [empty]
    assert list(events_needing_confirmation(users.advisor, now)) == []
    assert list(events_needing_confirmation(users.town_officer.scope.code, now)) == [empty]


def test_the_organizer_home_shows_the_agenda_and_asks_about_ended_events(make_event, users, client_as):
    soon = make_event(title="明天的讲座", starts_at=timezone.now() + timedelta(days=1))
    empty = _ended(make_event, title="上周的讲座")
    make_event(title="两个月后", starts_at=timezone.now() + timedelta(days=60))
    assert [e.pk for e in organizer_agenda(users.organizer, timezone.now())] == [soon.pk]
    client = client_as(users.organizer)
    html = client.get("/").content.decode()
    assert 'id="events-agenda"' in html and "明天的讲座" in html and "两个月后" not in html
    assert 'id="events-unconfirmed"' in html and "上周的讲座" in html
    response = client.post(reverse("outreach:event_status", args=[empty.pk]), {"status": "held", "next": "home"})
    assert response.status_code == 302 and response["Location"] == "/"
    empty.refresh_from_db()
    assert empty.status == "held"
    assert 'id="events-unconfirmed"' not in client.get("/").content.decode()


def test_event_search_covers_topics(make_event, users, client_as):
    fraud = make_event(title="普法讲座", topics=["反电信诈骗", "Anti-fraud"])
    make_event(title="另一场", topics=["民法典"])
    events = Event.objects.all()
    assert list(search_events(events, "诈骗")) == [fraud]
    assert list(search_events(events, "anti-FRAUD")) == [fraud]
    page = client_as(users.organizer).get("/events/?q=诈骗")
    assert [e.pk for e in page.context["page"]] == [fraud.pk]


def test_copy_an_event_prefills_a_new_planned_one_with_its_own_secret(make_event, users, client_as):
    source = _ended(make_event, title="宪法宣传周", status="held", walk_in_count=30)
    client = client_as(users.organizer)
    page = client.get(reverse("outreach:event_create") + f"?copy={source.pk}")
    form = page.context["form"]
    assert form.initial["title"] == "宪法宣传周" and form.initial["status"] == "planned"
    assert form.initial["walk_in_count"] == 0 and 'id="copied-from"' in page.content.decode()
    # Someone else's event cannot be copied.
    assert (
        client_as(users.other_organizer).get(reverse("outreach:event_create") + f"?copy={source.pk}").status_code == 404
    )


def test_annul_keeps_the_reason_and_audits_it(event, users, attendee, api_as):
    checkin = services.perform_checkin(event.checkin_secret, attendee()).checkin
    response = api_as(users.organizer).post(
        f"/api/events/{event.pk}/checkins/{checkin.pk}/annul/", {"reason": "扫错活动"}, format="json"
    )
    assert response.status_code == 200 and response.json()["annul_reason"] == "扫错活动"
    entry = AuditEntry.objects.get(model="outreach.checkin", action="annul")
    assert entry.changes["annul_reason"] == ["", "扫错活动"]


def _sheet_row(name, phone="", **extra):
    return {"name": name, "phone": phone, "age_group": "36_59", "occupation": "farmer", **extra}


def test_a_sheet_row_without_a_phone_counts_once_per_row_and_is_flagged(event, users):
    result = services.enter_sheet(
        users.organizer, event, [_sheet_row("老王"), _sheet_row("老李"), _sheet_row("小张", "13900000009")]
    )
    assert (result.saved, result.created, result.repeated) == (True, 3, 0)
    rows = CheckIn.objects.filter(event=event)
    assert sorted(rows.filter(phone_unverified=True).values_list("name", flat=True)) == ["老李", "老王"]
    assert event_counts(event)["attendee_count"] == 3
    # The self check-in still requires a phone.
    with pytest.raises(ValidationError) as caught:
        services.perform_checkin(event.checkin_secret, {**_sheet_row("匿名"), "consent": True})
    assert "phone" in caught.value.message_dict


def test_blank_phones_are_outside_the_unique_constraint_but_real_phones_are_not(event):
    common = {"event": event, "age_group": "36_59", "occupation": "farmer", "method": "organizer"}
    CheckIn.objects.create(name="甲", phone="", phone_unverified=True, **common)
    CheckIn.objects.create(name="乙", phone="", phone_unverified=True, **common)
    CheckIn.objects.create(name="丙", phone="13900000001", **common)
    with pytest.raises(IntegrityError):
        CheckIn.objects.create(name="丁", phone="13900000001", **common)


def _sheet_post(rows, total, **extra):
    data = {
        "row-TOTAL_FORMS": str(total),
        "row-INITIAL_FORMS": "0",
        "row-MIN_NUM_FORMS": "0",
        "row-MAX_NUM_FORMS": "100",
    }
    for index, values in enumerate(rows):
        for key, value in values.items():
            data[f"row-{index}-{key}"] = value
    data.update(extra)
    return data


def test_add_rows_keeps_every_typed_row_and_saves_nothing(event, users, client_as):
    client = client_as(users.organizer)
    url = reverse("outreach:event_sheet", args=[event.pk])
    typed = [_sheet_row("老王", "13900000001"), _sheet_row("老李")]
    response = client.post(url, _sheet_post(typed, 2, add_rows="1"))
    assert response.status_code == 200
    formset = response.context["formset"]
    assert formset.total_form_count() == 7
    html = response.content.decode()
    assert 'value="老王"' in html and 'value="老李"' in html and 'value="13900000001"' in html
    assert "errorlist" not in html
    assert not CheckIn.objects.filter(event=event).exists()
    # Saving the sheet then keeps both rows (the second without a phone).
    response = client.post(url, _sheet_post(typed, 7))
    assert response.status_code == 302
    assert CheckIn.objects.filter(event=event).count() == 2


def test_the_checkin_page_preselects_the_events_village(event, client):
    page = client.get(reverse("checkin", args=[event.checkin_secret]))
    assert page.context["form"]["home_village"].value() == event.area.code


def test_the_periodic_task_closes_ended_events(make_event, users, attendee):
    """The Celery task beat runs (in-process here, no broker) does what the command does."""
    from outreach.tasks import close_ended_events

    event = make_event(starts_at=timezone.now() - timedelta(hours=3))
    services.perform_checkin(event, attendee(), method="organizer", user=users.organizer, enforce_window=False)
    assert close_ended_events.delay().get() == 1
    event.refresh_from_db()
    assert event.status == "held"
