"""Organizer pages: they render, they write through the services, and they keep each user to what
they may see. The attendee's check-in page is test_pages_checkin.py."""

import io
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from outreach import services
from outreach.models import CheckIn, Event

pytestmark = pytest.mark.django_db


def event_url(name, event, *args):
    return reverse(f"outreach:{name}", args=[event.pk, *args])


def form_body(areas, **overrides):
    data = {
        "title": "宪法宣传周",
        "kind": "campaign",
        "sector": "communities",
        "audiences": ["general", "elderly"],
        "topics": "宪法、反诈",
        "area": areas.xinwei.code,
        "venue": "新伟社区广场",
        "starts_at": "2030-12-04T09:00",
        "ends_at": "2030-12-04T11:30",
        "status": "planned",
        "walk_in_count": "0",
        "other_speakers": "张老师（井岸一中）",
    }
    data.update(overrides)
    return data


# --- organizer pages -----------------------------------------------------------------------


def test_event_list_shows_own_events_with_counts(client_as, users, event, other_event, attendee):
    services.perform_checkin(event.checkin_secret, attendee())
    response = client_as(users.organizer).get(reverse("outreach:event_list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert event.title in html and other_event.title not in html
    assert response.context["page"].object_list[0].attendee_count == 1


def test_event_list_filters(client_as, users, event):
    response = client_as(users.organizer).get(reverse("outreach:event_list") + "?status=cancelled&q=&when=past")
    assert response.status_code == 200 and list(response.context["page"].object_list) == []


def test_organizer_creates_an_event_from_the_form(client_as, users, areas):
    response = client_as(users.organizer).post(reverse("outreach:event_create"), form_body(areas))
    event = Event.objects.get()
    assert response.status_code == 302 and response.url == event_url("event_detail", event)
    assert event.organizer == users.organizer and event.topics == ["宪法", "反诈"]
    assert event.audience_list == ["elderly", "general"]
    assert event.starts_at.isoformat() == "2030-12-04T01:00:00+00:00"


def test_the_form_keeps_input_and_shows_errors(client_as, users, areas):
    response = client_as(users.organizer).post(
        reverse("outreach:event_create"), form_body(areas, ends_at="2030-12-04T08:00", title="")
    )
    assert response.status_code == 200
    assert not Event.objects.exists()
    form = response.context["form"]
    assert "ends_at" in form.errors and "title" in form.errors
    assert form["venue"].value() == "新伟社区广场"


def test_organizer_edits_own_event(client_as, users, event, areas):
    client = client_as(users.organizer)
    assert client.get(event_url("event_edit", event)).status_code == 200
    response = client.post(event_url("event_edit", event), form_body(areas, title="改名了", audiences=["youth"]))
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.title == "改名了" and event.audience_list == ["youth"]


def test_event_page_shows_qr_count_and_breakdown(client_as, users, event, attendee):
    services.perform_checkin(event.checkin_secret, attendee(age_group="60_plus", gender="male"))
    response = client_as(users.organizer).get(event_url("event_detail", event))
    html = response.content.decode()
    assert response.status_code == 200
    assert f"/c/{event.checkin_secret}/" in html and "<svg" in html
    assert 'data-count="age_group.60_plus">1<' in html
    assert 'data-count="gender.male">1<' in html


def test_counts_json_for_live_refresh(client_as, users, event, attendee):
    services.perform_checkin(event.checkin_secret, attendee(occupation="student"))
    services.set_walk_in_count(users.organizer, event, 9)
    data = client_as(users.organizer).get(event_url("event_counts", event)).json()
    assert data["attendee_count"] == 10 and data["checkins"] == 1 and data["walk_in_count"] == 9
    assert data["occupation"]["student"] == 1 and data["age_group"]["36_59"] == 1


def test_projector_and_poster_pages(client_as, users, event):
    client = client_as(users.organizer)
    for name in ("event_projector", "event_poster"):
        response = client.get(event_url(name, event))
        assert response.status_code == 200
        assert f"/c/{event.checkin_secret}/" in response.content.decode()


def test_qr_downloads(client_as, users, event):
    client = client_as(users.organizer)
    png = client.get(event_url("event_qr", event, "png") + "?download=1")
    assert png["Content-Type"] == "image/png" and "attachment" in png["Content-Disposition"]
    assert png["Cache-Control"] == "private, no-store"
    assert client.get(event_url("event_qr", event, "svg"))["Content-Type"] == "image/svg+xml"
    assert client.get(f"/events/{event.pk}/qr.gif").status_code == 404


def test_rotate_status_and_walk_ins_from_the_page(client_as, users, event):
    client = client_as(users.organizer)
    old = event.checkin_secret
    client.post(event_url("event_rotate", event))
    client.post(event_url("event_status", event), {"status": "held"})
    client.post(event_url("event_walk_ins", event), {"walk_in_count": "12"})
    event.refresh_from_db()
    assert event.checkin_secret != old and event.status == "held" and event.walk_in_count == 12
    response = client.post(event_url("event_walk_ins", event), {"walk_in_count": "-4"}, follow=True)
    event.refresh_from_db()
    assert event.walk_in_count == 12
    assert response.status_code == 200
    client.post(event_url("event_status", event), {"status": "bogus"})
    event.refresh_from_db()
    assert event.status == "held"


def test_writes_need_post(client_as, users, event):
    client = client_as(users.organizer)
    for name in ("event_rotate", "event_status", "event_walk_ins"):
        assert client.get(event_url(name, event)).status_code == 405


def test_attendee_list_masks_phones_for_organizers(client_as, users, event, attendee):
    services.perform_checkin(event.checkin_secret, attendee())
    html = client_as(users.organizer).get(event_url("event_attendees", event)).content.decode()
    assert "138****8000" in html and "13800138000" not in html


def test_attendee_list_shows_full_phones_to_coordinators(client_as, users, event, attendee):
    services.perform_checkin(event.checkin_secret, attendee())
    html = client_as(users.coordinator).get(event_url("event_attendees", event)).content.decode()
    assert "13800138000" in html


def test_annul_from_the_attendee_list(client_as, users, event, attendee):
    checkin = services.perform_checkin(event.checkin_secret, attendee()).checkin
    client = client_as(users.organizer)
    html = client.get(event_url("event_attendees", event)).content.decode()
    assert event_url("checkin_annul", event, checkin.pk) in html
    # The list links to a confirmation page that asks why; without a reason nothing happens.
    confirm = client.get(event_url("checkin_annul", event, checkin.pk))
    assert confirm.status_code == 200 and 'id="annul-form"' in confirm.content.decode()
    assert client.post(event_url("checkin_annul", event, checkin.pk)).status_code == 200
    checkin.refresh_from_db()
    assert not checkin.annulled
    client.post(event_url("checkin_annul", event, checkin.pk), {"reason": "同一人扫了两次"})
    checkin.refresh_from_db()
    assert checkin.annulled and checkin.annul_reason == "同一人扫了两次"
    assert "同一人扫了两次" in client.get(event_url("event_attendees", event)).content.decode()


def test_annul_too_late_from_the_page_changes_nothing(client_as, users, event, attendee):
    checkin = services.perform_checkin(event.checkin_secret, attendee()).checkin
    client = client_as(users.organizer)
    with time_machine.travel(checkin.created_at + timedelta(minutes=16)):
        html = client.get(event_url("event_attendees", event)).content.decode()
        assert event_url("checkin_annul", event, checkin.pk) not in html
        client.post(event_url("checkin_annul", event, checkin.pk), {"reason": "太晚了"})
    checkin.refresh_from_db()
    assert not checkin.annulled


def test_csv_and_xlsx_exports_mask_phones(client_as, users, event, attendee):
    services.perform_checkin(event.checkin_secret, attendee())
    client = client_as(users.organizer)
    csv = b"".join(client.get(event_url("event_export", event, "csv")).streaming_content).decode("utf-8-sig")
    assert "138****8000" in csv and "陈小梅" in csv and "13800138000" not in csv
    xlsx = client.get(event_url("event_export", event, "xlsx"))
    sheet = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active
    rows = list(sheet.values)
    assert len(rows) == 2 and "138****8000" in rows[1]


def test_paper_sheet_enters_several_rows_and_skips_blank_ones(client_as, users, event, areas):
    services.perform_checkin(
        event,
        {"name": "甲", "phone": "13900000001", "age_group": "18_35", "occupation": "worker"},
        method="organizer",
        enforce_window=False,
    )
    client = client_as(users.organizer)
    assert client.get(event_url("event_sheet", event) + "?rows=abc").status_code == 200
    body = {"row-TOTAL_FORMS": "4", "row-INITIAL_FORMS": "0", "row-MIN_NUM_FORMS": "0", "row-MAX_NUM_FORMS": "100"}
    rows = [
        ("乙", "139 0000 0002", "60_plus", "retired", areas.nanao.code),
        ("甲", "+86 13900000001", "18_35", "worker", ""),
        ("丙", "13900000003", "under_18", "student", ""),
    ]
    for i, (name, phone, age, occupation, village) in enumerate(rows):
        body.update(
            {
                f"row-{i}-name": name,
                f"row-{i}-phone": phone,
                f"row-{i}-age_group": age,
                f"row-{i}-occupation": occupation,
                f"row-{i}-home_village": village,
                f"row-{i}-gender": "",
            }
        )
    body.update(
        {
            "row-3-name": "",
            "row-3-phone": "",
            "row-3-age_group": "",
            "row-3-occupation": "",
            "row-3-home_village": "",
            "row-3-gender": "",
        }
    )
    response = client.post(event_url("event_sheet", event), body)
    assert response.status_code == 302
    assert CheckIn.objects.filter(event=event).count() == 3
    assert set(
        CheckIn.objects.filter(method="organizer", created_by=users.organizer).values_list("phone", flat=True)
    ) == {"13900000002", "13900000003"}


def test_paper_sheet_with_a_bad_row_saves_nothing(client_as, users, event):
    body = {
        "row-TOTAL_FORMS": "2",
        "row-INITIAL_FORMS": "0",
        "row-MIN_NUM_FORMS": "0",
        "row-MAX_NUM_FORMS": "100",
        "row-0-name": "乙",
        "row-0-phone": "13900000002",
        "row-0-age_group": "60_plus",
        "row-0-occupation": "retired",
        "row-1-name": "丙",
        "row-1-phone": "12345",
        "row-1-age_group": "under_18",
        "row-1-occupation": "student",
    }
    response = client_as(users.organizer).post(event_url("event_sheet", event), body)
    assert response.status_code == 200
    assert not CheckIn.objects.exists()
    assert "phone" in response.context["formset"].forms[1].errors
    assert response.context["formset"].forms[0]["name"].value() == "乙"


# --- permissions ---------------------------------------------------------------------------

MANAGE_GET = ["event_edit", "event_projector", "event_poster", "event_attendees", "event_sheet"]
MANAGE_POST = ["event_rotate", "event_status", "event_walk_ins"]


def test_organizer_b_cannot_see_or_touch_organizer_as_event(client_as, users, event, attendee):
    checkin = services.perform_checkin(event.checkin_secret, attendee()).checkin
    client = client_as(users.other_organizer)
    for name in ["event_detail", "event_counts", "event_photos", *MANAGE_GET]:
        assert client.get(event_url(name, event)).status_code == 404, name
    for fmt in ("csv", "xlsx"):
        assert client.get(event_url("event_export", event, fmt)).status_code == 404
    assert client.get(event_url("event_qr", event, "png")).status_code == 404
    for name in MANAGE_POST:
        assert client.post(event_url(name, event), {"status": "cancelled", "walk_in_count": "99"}).status_code == 404
    assert client.post(event_url("checkin_annul", event, checkin.pk)).status_code == 404
    event.refresh_from_db()
    checkin.refresh_from_db()
    assert event.status == "planned" and event.walk_in_count == 0 and not checkin.annulled
    assert event.title not in client.get(reverse("outreach:event_list")).content.decode()


def test_town_officer_reads_own_town_events_but_cannot_manage(client_as, users, event):
    client = client_as(users.town_officer)
    page = client.get(event_url("event_detail", event))
    assert page.status_code == 200 and event.checkin_secret not in page.content.decode()
    assert client.get(event_url("event_counts", event)).status_code == 200
    for name in MANAGE_GET:
        assert client.get(event_url(name, event)).status_code == 403, name
    assert client.get(reverse("outreach:event_create")).status_code == 403


def test_other_town_officer_sees_nothing_of_it(client_as, users, event):
    assert client_as(users.other_town_officer).get(event_url("event_detail", event)).status_code == 404


def test_anonymous_is_sent_to_login(client, event):
    for name in ["event_detail", "event_attendees", "event_counts"]:
        response = client.get(event_url(name, event))
        assert response.status_code == 302 and "/login/" in response.url
    assert client.get(reverse("outreach:event_list")).status_code == 302


def test_nav_links_to_events_for_organizers(client_as, users):
    html = client_as(users.organizer).get("/").content.decode()
    assert reverse("outreach:event_list") in html
