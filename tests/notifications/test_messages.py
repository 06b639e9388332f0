"""Notification texts are a code plus parameters, rendered in the reader's language when shown (the
inbox, the API, the email); texts stored before codes are shown as written, or converted by the
data migration where they can be read back."""

import datetime
import importlib

import pytest
from django.apps import apps as django_apps
from django.conf import settings
from django.core import mail

from notifications.messages import Message, render
from notifications.models import Kind, Notification
from notifications.notify import notify

pytestmark = pytest.mark.django_db

BEHIND = Message(
    Kind.DUTY_BEHIND,
    {
        "required": 8,
        "villages": [
            {"village": "尖峰村", "done": "3", "target": "5.3"},
            {"village": "新伟社区", "done": "1", "target": "5.3"},
        ],
    },
)


def _in(client, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def test_a_reminder_is_stored_as_a_code_and_parameters_not_as_chinese(users):
    note = notify(users.advisor, Kind.DUTY_BEHIND, BEHIND, "/advisors/month/", "2026-11")
    stored = Notification.objects.values("code", "params", "message").get(pk=note.pk)
    assert stored == {"code": "duty_behind", "params": BEHIND.params, "message": ""}


def test_the_inbox_and_the_api_render_it_in_the_readers_language(users, client_as, api_as):
    notify(users.advisor, Kind.DUTY_BEHIND, BEHIND, "/advisors/month/", "2026-11")
    notify(users.advisor, Kind.SHIFTS_WAITING, Message(Kind.SHIFTS_WAITING, {"count": 3}), "", "2026-10")
    client = client_as(users.advisor)
    chinese = _in(client, "zh-hans").get("/notifications/").content.decode()
    assert "本月值班时长落后于进度" in chinese and "尖峰村 3/5.3；新伟社区 1/5.3" in chinese
    english = _in(client, "en").get("/notifications/").content.decode()
    assert "Duty hours this month are behind schedule" in english and "尖峰村 3/5.3 h; 新伟社区 1/5.3 h" in english
    assert "3 duty shifts of your area are waiting for approval." in english
    api = _in(client, "en").get("/api/notifications/").json()["results"]
    assert {row["message"] for row in api} >= {"3 duty shifts of your area are waiting for approval."}
    api = _in(client, "zh-hans").get("/api/notifications/").json()["results"]
    assert all("duty shifts" not in row["message"] for row in api)


def test_the_email_is_rendered_when_sent(users, settings):
    settings.NOTIFICATIONS_EMAIL = True
    users.advisor.email = "wang@example.org"
    users.advisor.save()
    notify(
        users.advisor, Kind.OPEN_SHIFT, Message(Kind.OPEN_SHIFT, {"village": "尖峰村", "date": "2026-11-03"}), "", "k"
    )
    [email] = mail.outbox
    assert "尖峰村" in email.body and "2026-11-03" in email.body and "%(" not in email.body


def test_an_old_text_is_shown_as_written_and_a_bad_code_never_breaks_the_inbox(users, client_as):
    notify(users.advisor, Kind.OPEN_SHIFT, "旧的提醒文字", "", "old")
    Notification.objects.create(user=users.advisor, kind=Kind.OPEN_SHIFT, code="open_shift", params={}, period_key="x")
    Notification.objects.create(user=users.advisor, kind=Kind.OPEN_SHIFT, code="gone", message="备用", period_key="y")
    html = client_as(users.advisor).get("/notifications/").content.decode()
    assert "旧的提醒文字" in html and "备用" in html
    assert render("open_shift", {}) == "" and render("nope", {"count": 1}) == ""


def test_the_data_migration_reads_old_texts_back(users, areas):
    from advisors.models import Advisor, DutyShift

    advisor = Advisor.objects.create(name="王律师")
    shift = DutyShift.objects.create(
        advisor=advisor, village=areas.jianfeng, date=datetime.date(2026, 11, 3), start_time=datetime.time(9)
    )
    old = {
        "a": (Kind.SHIFTS_WAITING, "您辖区有 4 条值班记录等待审核。", "2026-11"),
        "b": (Kind.OPEN_SHIFT, "您 2026-11-03 在尖峰村的值班还没有结束时间，请结束或更正。", f"shift-{shift.pk}"),
        "c": (
            Kind.DUTY_BEHIND,
            "本月值班时长落后于进度（已完成/截至今天应完成，每月 8 小时）：尖峰村 3/5.3；新伟社区 1/5.3",
            "2026-10",
        ),
        "d": (Kind.DUTY_BEHIND, "看不懂的旧文字", "2026-09"),
        "e": (Kind.OPEN_SHIFT, "已删除的值班", "shift-999999"),
    }
    notes = {
        key: Notification.objects.create(user=users.advisor, kind=kind, message=text, period_key=period)
        for key, (kind, text, period) in old.items()
    }
    migration = importlib.import_module("notifications.migrations.0003_messages_as_codes")
    migration.forwards(django_apps, None)
    got = {key: Notification.objects.values("code", "params", "message").get(pk=n.pk) for key, n in notes.items()}
    assert got["a"] == {"code": "shifts_waiting", "params": {"count": 4}, "message": ""}
    assert got["b"]["params"] == {"village": "尖峰村", "date": "2026-11-03"} and got["b"]["message"] == ""
    assert got["c"]["params"] == BEHIND.params and got["c"]["code"] == "duty_behind"
    assert got["d"] == {"code": "", "params": {}, "message": "看不懂的旧文字"}  # kept, shown as written
    assert got["e"]["code"] == "" and got["e"]["message"] == "已删除的值班"
