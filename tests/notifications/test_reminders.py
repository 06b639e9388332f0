"""The reminder rules under frozen time: each rule, once per period, muted users, email and SMS."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from common.clock import local_midnight
from notifications import services
from notifications.models import Kind, MutedKind, Notification
from notifications.rules import (
    coordinator_digest,
    duty_behind,
    officers_with_waiting_shifts,
    open_shifts,
    organizers_with_unmarked_events,
    pro_rata_hours,
)
from notifications.run import send_reminders
from outreach.models import Event

pytestmark = pytest.mark.django_db


def at(year, month, day, hour=10):
    return local_midnight(datetime.date(year, month, day)) + datetime.timedelta(hours=hour)


def kinds_of(user):
    return sorted(Notification.objects.filter(user=user).values_list("kind", flat=True))


def test_pro_rata_is_eight_hours_times_the_share_of_the_month_elapsed():
    assert str(pro_rata_hours(datetime.date(2026, 11, 20))) == "5.3"  # 8 × 20/30
    assert str(pro_rata_hours(datetime.date(2026, 11, 30))) == "8.0"


def test_an_advisor_behind_the_pro_rata_hours_is_reminded_from_the_20th(users, advisor, make_shift):
    make_shift(advisor, datetime.date(2026, 11, 3), 9, 12)  # 3 h of the 5.3 h due by the 20th
    assert duty_behind(at(2026, 11, 19)) == []
    [reminder] = duty_behind(at(2026, 11, 20))
    assert (reminder.user, reminder.kind, reminder.period_key) == (users.advisor, Kind.DUTY_BEHIND, "2026-11")
    assert "尖峰村 3/5.3" in str(reminder.message)
    assert reminder.url == "/advisors/month/"


def test_an_advisor_on_schedule_is_not_reminded(advisor, make_shift):
    make_shift(advisor, datetime.date(2026, 11, 3), 8, 14)  # 6 h ≥ 5.3 h
    assert duty_behind(at(2026, 11, 20)) == []


def test_the_pro_rata_counts_from_an_assignment_begun_this_month(users, areas, advisor, make_shift):
    from advisors.models import Assignment

    Assignment.objects.filter(advisor=advisor).update(ends_on=datetime.date(2026, 11, 15))  # no longer serves 尖峰村
    Assignment.objects.create(advisor=advisor, village=areas.xinwei, starts_on=datetime.date(2026, 11, 16))
    make_shift(advisor, datetime.date(2026, 11, 17), 9, 10, village=areas.xinwei)  # 1 h of 8 × 6/30 = 1.6 h
    [reminder] = duty_behind(at(2026, 11, 21))
    assert "新伟社区 1/1.6" in str(reminder.message) and "尖峰村" not in str(reminder.message)
    make_shift(advisor, datetime.date(2026, 11, 18), 9, 10, village=areas.xinwei)  # 2 h ≥ 1.6 h
    assert duty_behind(at(2026, 11, 21)) == []


def test_the_duty_rule_takes_one_query_whatever_the_number_of_advisors(
    users, areas, advisor, make_shift, django_assert_num_queries
):
    from advisors.models import Advisor, Assignment

    other = Advisor.objects.create(name="李律师", user=users.other_advisor)
    Assignment.objects.create(advisor=other, village=areas.nanao, starts_on=datetime.date(2020, 1, 1))
    with django_assert_num_queries(1):
        rows = duty_behind(at(2026, 11, 21))
    assert {row.user for row in rows} == {users.advisor, users.other_advisor}


def test_an_open_shift_of_an_earlier_day_is_reminded_once(users, advisor, make_shift):
    shift = make_shift(advisor, datetime.date(2026, 11, 3), 9, None)
    assert open_shifts(at(2026, 11, 3, 23)) == []  # the same day: still running
    [reminder] = open_shifts(at(2026, 11, 4, 0))
    assert reminder.period_key == f"shift-{shift.pk}"
    assert reminder.url == f"/advisors/shifts/{shift.pk}/"
    assert send_reminders(at(2026, 11, 4, 1))[Kind.OPEN_SHIFT] == 1
    assert send_reminders(at(2026, 11, 5, 1)) == {}  # nothing sent twice (the digest is weekly too)
    assert kinds_of(users.advisor) == [Kind.OPEN_SHIFT]


def test_a_town_officer_with_waiting_shifts_is_reminded_after_the_25th(users, areas, advisor, make_shift):
    make_shift(advisor, datetime.date(2026, 11, 3))
    make_shift(advisor, datetime.date(2026, 11, 4))
    make_shift(advisor, datetime.date(2026, 11, 5), approved=True)
    make_shift(advisor, datetime.date(2026, 11, 6), 9, None)  # not finished: not waiting
    assert officers_with_waiting_shifts(at(2026, 11, 25)) == []
    [reminder] = officers_with_waiting_shifts(at(2026, 11, 26))
    # The other town's officer has nothing waiting in 白蕉镇.
    assert reminder.user == users.town_officer
    assert " 2 " in f" {reminder.message}"
    assert reminder.url == "/advisors/ledger/?approval=pending"


def test_an_organizer_with_ended_unmarked_events_is_reminded_weekly(users, make_event):
    make_event(datetime.date(2026, 11, 2))
    make_event(datetime.date(2026, 11, 2), status=Event.Status.HELD)
    make_event(datetime.date(2026, 11, 30))  # not ended yet
    make_event(datetime.date(2026, 11, 2), organizer=users.other_organizer, status=Event.Status.CANCELLED)
    [reminder] = organizers_with_unmarked_events(at(2026, 11, 4))
    assert (reminder.user, reminder.period_key) == (users.organizer, "2026-W45")
    assert " 1 " in f" {reminder.message}"
    assert send_reminders(at(2026, 11, 4)).get(Kind.EVENTS_UNMARKED) == 1
    assert send_reminders(at(2026, 11, 6)).get(Kind.EVENTS_UNMARKED) is None  # same week
    assert send_reminders(at(2026, 11, 10)).get(Kind.EVENTS_UNMARKED) == 1  # the next week


def test_the_coordinator_digest_counts_villages_without_an_event_this_quarter(users, areas, make_event):
    make_event(datetime.date(2026, 10, 5), area=areas.jianfeng)
    make_event(datetime.date(2026, 9, 30), area=areas.xinwei)  # last quarter
    make_event(datetime.date(2026, 10, 6), area=areas.nanao, status=Event.Status.CANCELLED)
    [reminder] = coordinator_digest(at(2026, 11, 4))
    # 新伟社区, 南澳村 and 灯笼村 (the inactive village is not counted).
    assert reminder.user == users.coordinator
    assert " 3 " in f" {reminder.message}"
    assert reminder.url == "/coverage/gaps/"


def test_rules_run_in_a_fixed_number_of_queries(
    users, areas, advisor, make_shift, make_event, django_assert_num_queries
):
    for day in range(1, 6):
        make_shift(advisor, datetime.date(2026, 11, day), 9, None)
        make_event(datetime.date(2026, 11, day))
    now = at(2026, 11, 27)
    for rule, queries in (
        (open_shifts, 1),
        (officers_with_waiting_shifts, 1),
        (organizers_with_unmarked_events, 2),
        (coordinator_digest, 2),
    ):
        with django_assert_num_queries(queries):
            rule(now)


def test_muted_users_get_nothing(users, advisor, make_shift):
    make_shift(advisor, datetime.date(2026, 11, 3), 9, None)
    services.set_muted(users.advisor, [Kind.OPEN_SHIFT, "no-such-kind"])
    assert set(MutedKind.objects.filter(user=users.advisor).values_list("kind", flat=True)) == {Kind.OPEN_SHIFT}
    assert send_reminders(at(2026, 11, 20)).get(Kind.OPEN_SHIFT) is None
    assert Kind.OPEN_SHIFT not in kinds_of(users.advisor)
    # The duty reminder is still on.
    assert kinds_of(users.advisor) == [Kind.DUTY_BEHIND]


def test_email_is_sent_when_configured(settings, users, advisor, make_shift):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.NOTIFICATIONS_EMAIL = True
    settings.PUBLIC_BASE_URL = "https://pufa.example.gov.cn"
    users.advisor.email = "wang@example.org"
    users.advisor.save()
    make_shift(advisor, datetime.date(2026, 11, 3), 9, None)
    send_reminders(at(2026, 11, 4))
    [message] = mail.outbox
    assert message.to == ["wang@example.org"]
    assert "尖峰村" in message.body and "https://pufa.example.gov.cn/advisors/shifts/" in message.body
    assert message.subject == "[普法台账] 值班未结束"


def test_no_email_when_not_configured(settings, users, advisor, make_shift):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.NOTIFICATIONS_EMAIL = False
    users.advisor.email = "wang@example.org"
    users.advisor.save()
    make_shift(advisor, datetime.date(2026, 11, 3), 9, None)
    send_reminders(at(2026, 11, 4))
    assert mail.outbox == []
    assert kinds_of(users.advisor) == [Kind.OPEN_SHIFT]


class RecordingSMS:
    sent = []

    def send(self, phone, text):
        RecordingSMS.sent.append((phone, text))


def test_the_sms_backend_is_called_for_users_with_a_phone(settings, users, advisor, make_shift):
    settings.SMS_BACKEND = "tests.notifications.test_reminders.RecordingSMS"
    RecordingSMS.sent = []
    users.advisor.phone = "13911112222"
    users.advisor.save()
    make_shift(advisor, datetime.date(2026, 11, 3), 9, None)
    send_reminders(at(2026, 11, 4))
    [(phone, text)] = RecordingSMS.sent
    assert phone == "13911112222" and "尖峰村" in text


def test_the_console_sms_backend_writes_to_the_log(caplog):
    from notifications.sms import ConsoleSMSBackend, get_backend

    assert isinstance(get_backend(), ConsoleSMSBackend)
    with caplog.at_level("INFO", logger="notifications.sms"):
        get_backend().send("13800001111", "测试")
    assert "13800001111" in caplog.text and "测试" in caplog.text


def test_the_command_sends_what_is_due_under_frozen_time(users, advisor, make_shift, capsys):
    make_shift(advisor, datetime.date(2026, 11, 3), 9, None)
    with time_machine.travel(at(2026, 11, 4), tick=False):
        call_command("send_reminders")
        call_command("send_reminders")
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("2 reminder(s) sent")  # the open shift and the coordinator's digest
    assert out[1] == "0 reminder(s) sent"
    assert Notification.objects.filter(user=users.advisor).count() == 1


def test_the_celery_task_runs_the_reminders(users, advisor, make_shift):
    from notifications.tasks import send_reminders as task

    make_shift(advisor, datetime.date(2026, 11, 3), 9, None)
    with time_machine.travel(at(2026, 11, 4), tick=False):
        result = task.delay().get()
    assert result[Kind.OPEN_SHIFT] == 1


def test_the_beat_schedule_runs_the_reminder_task(settings):
    from config.celery import app

    assert settings.CELERY_BEAT_SCHEDULE["send-reminders"]["task"] in app.tasks
