"""/api/events/ and /api/event-series/: fields, filters, permissions, QR images, rotation."""

import io
from datetime import timedelta

import pytest
import zxingcpp
from django.utils import timezone
from PIL import Image

from advisors.models import Advisor
from outreach import services
from outreach.models import Event, EventSeries

pytestmark = pytest.mark.django_db


def body(areas, **overrides):
    start = timezone.now() + timedelta(days=1)
    data = {
        "title": "法律进校园",
        "kind": "lecture",
        "sector": "schools",
        "audiences": ["students", "youth"],
        "topics": ["未成年人保护法"],
        "area": areas.xinwei.code,
        "venue": "井岸一中",
        "starts_at": start.isoformat(),
        "ends_at": (start + timedelta(hours=1)).isoformat(),
    }
    data.update(overrides)
    return data


def test_organizer_creates_an_event_with_only_the_required_fields(api_as, users, areas):
    response = api_as(users.organizer).post("/api/events/", body(areas), format="json")
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["audiences"] == ["students", "youth"]
    assert data["area"] == areas.xinwei.code
    assert (data["status"], data["walk_in_count"], data["attendee_count"]) == ("planned", 0, 0)
    assert data["series"] is None and data["advisors"] == [] and data["legal_savvy_persons"] == []
    assert data["checkin_url"].endswith(f"/c/{data['checkin_secret']}/")
    assert Event.objects.get(pk=data["id"]).organizer == users.organizer


def test_every_contract_field_is_there(api_as, users, event):
    data = api_as(users.organizer).get(f"/api/events/{event.pk}/").json()
    for field in [
        "id",
        "title",
        "kind",
        "sector",
        "audiences",
        "topics",
        "area",
        "venue",
        "starts_at",
        "ends_at",
        "status",
        "series",
        "episode",
        "walk_in_count",
        "attendee_count",
        "advisors",
        "legal_savvy_persons",
        "other_speakers",
        "checkin_secret",
        "checkin_url",
    ]:
        assert field in data, field
    assert data["starts_at"].endswith("+08:00")


def test_attendee_count_is_live_check_ins_plus_walk_ins(api_as, users, event, attendee):
    services.perform_checkin(event.checkin_secret, attendee())
    annulled = services.perform_checkin(event.checkin_secret, attendee(phone="13900000000")).checkin
    services.annul_checkin(users.organizer, annulled)
    response = api_as(users.organizer).patch(f"/api/events/{event.pk}/", {"walk_in_count": 25}, format="json")
    assert response.status_code == 200
    assert response.json()["attendee_count"] == 26


def test_speakers_series_and_episode(api_as, users, areas):
    series = EventSeries.objects.create(name="92.8说法", kind="radio")
    advisor = Advisor.objects.create(name="李律师")
    response = api_as(users.organizer).post(
        "/api/events/",
        body(
            areas,
            kind="broadcast",
            sector="online",
            series=series.pk,
            episode=7,
            advisors=[advisor.pk],
            other_speakers="王法官（斗门法院）",
        ),
        format="json",
    )
    assert response.status_code == 201, response.json()
    data = response.json()
    assert (data["series"], data["episode"], data["advisors"]) == (series.pk, 7, [advisor.pk])
    clash = api_as(users.organizer).post("/api/events/", body(areas, series=series.pk, episode=7), format="json")
    assert clash.status_code == 400 and "episode" in clash.json()


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"kind": "party"}, "kind"),
        ({"audiences": ["aliens"]}, "audiences"),
        ({"audiences": "general"}, "audiences"),
        ({"area": "999999"}, "area"),
        ({"area": ["x"]}, "area"),
        ({"starts_at": "yesterday"}, "starts_at"),
        ({"walk_in_count": -1}, "walk_in_count"),
        ({"walk_in_count": "lots"}, "walk_in_count"),
        ({"series": 10**30}, "series"),
        ({"advisors": ["x"]}, "advisors"),
        ({"advisors": [10**30]}, "advisors"),
        ({"topics": "one"}, "topics"),
        ({"episode": 3}, "episode"),
        ({"area": "4404\u0000"}, "area"),
        ({"title": "a\u0000b"}, "title"),
        ({"topics": ["a\u0000"]}, "topics"),
    ],
)
def test_bad_event_input_is_400_never_500(api_as, users, areas, overrides, field):
    response = api_as(users.organizer).post("/api/events/", body(areas, **overrides), format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()


def test_end_before_start_is_400(api_as, users, areas):
    start = timezone.now()
    response = api_as(users.organizer).post(
        "/api/events/",
        body(areas, starts_at=start.isoformat(), ends_at=(start - timedelta(hours=1)).isoformat()),
        format="json",
    )
    assert response.status_code == 400 and "ends_at" in response.json()


def test_organizer_sees_and_edits_only_own_events(api_as, users, event, other_event):
    client = api_as(users.organizer)
    ids = [row["id"] for row in client.get("/api/events/").json()["results"]]
    assert ids == [event.pk]
    assert client.get(f"/api/events/{other_event.pk}/").status_code == 404
    assert client.patch(f"/api/events/{other_event.pk}/", {"title": "hijack"}, format="json").status_code == 404
    assert client.post(f"/api/events/{other_event.pk}/rotate-secret/").status_code == 404
    assert client.get(f"/api/events/{other_event.pk}/qr.png").status_code == 404
    other_event.refresh_from_db()
    assert other_event.title == "反诈宣传"


def test_coordinator_sees_all_in_scope_with_secrets(api_as, users, event, other_event):
    rows = api_as(users.coordinator).get("/api/events/").json()["results"]
    assert {row["id"] for row in rows} == {event.pk, other_event.pk}
    assert all("checkin_secret" in row for row in rows)


def test_town_officer_reads_own_town_without_secrets_and_cannot_write(api_as, users, event, make_event, areas):
    elsewhere = make_event(area=areas.nanao)
    client = api_as(users.town_officer)
    rows = client.get("/api/events/").json()["results"]
    assert [row["id"] for row in rows] == [event.pk]
    assert "checkin_secret" not in rows[0] and "checkin_url" not in rows[0]
    assert client.get(f"/api/events/{elsewhere.pk}/").status_code == 404
    assert client.patch(f"/api/events/{event.pk}/", {"title": "x"}, format="json").status_code == 403
    assert client.post("/api/events/", body(areas), format="json").status_code == 403
    assert client.get(f"/api/events/{event.pk}/qr.png").status_code == 403


def test_advisors_and_roleless_users_see_nothing(api_as, users, event):
    for user in (users.advisor, users.nobody):
        assert api_as(user).get("/api/events/").json()["count"] == 0
        assert api_as(user).post("/api/events/", {}, format="json").status_code == 403


def test_anonymous_gets_401_or_403(api, event):
    assert api.get("/api/events/").status_code in (401, 403)
    assert api.get(f"/api/events/{event.pk}/qr.png").status_code in (401, 403)


def test_events_are_never_deleted_through_the_api(api_as, users, event):
    assert api_as(users.coordinator).delete(f"/api/events/{event.pk}/").status_code == 405


def test_filters(api_as, users, make_event, areas):
    series = EventSeries.objects.create(name="92.8说法", kind="radio")
    a = make_event(
        area=areas.jianfeng, kind="lecture", starts_at=timezone.make_aware(timezone.datetime(2023, 3, 1, 9, 0))
    )
    b = make_event(
        area=areas.nanao,
        kind="campaign",
        sector="communities",
        series=series,
        episode=1,
        starts_at=timezone.make_aware(timezone.datetime(2023, 12, 31, 23, 30)),
    )
    services.set_status(users.organizer, b, "held")
    client = api_as(users.coordinator)

    def ids(query):
        response = client.get("/api/events/?" + query)
        assert response.status_code == 200, response.content
        return {row["id"] for row in response.json()["results"]}

    assert ids(f"area={areas.jianfeng.code}") == {a.pk}
    assert ids(f"under={areas.baijiao.code}") == {b.pk}
    assert ids("under=440403") == {a.pk, b.pk}
    assert ids("kind=campaign") == {b.pk}
    assert ids("sector=communities") == {b.pk}
    assert ids("status=held") == {b.pk}
    assert ids(f"series={series.pk}") == {b.pk}
    assert ids("audience=elderly") == {a.pk, b.pk}
    assert ids("audience=students") == set()
    # Dates are whole local days in Asia/Shanghai: 23:30 on 31 Dec is still 2023.
    assert ids("starts_after=2023-01-01&starts_before=2023-12-31") == {a.pk, b.pk}
    assert ids("starts_after=2023-12-31") == {b.pk}
    assert ids("starts_before=2023-03-01") == {a.pk}
    assert ids("starts_after=2023-03-01T09:00:01%2B08:00") == {b.pk}


@pytest.mark.parametrize(
    "query",
    [
        "area=abc",
        "under=4404x",
        "kind=party",
        "status=done",
        "series=abc",
        "series=99999999999999999999999",
        "starts_after=2023-13-45",
        "starts_before=soon",
        "starts_after=2023-02-30T10:00",
        "starts_before=9999-12-31",
        "starts_after=0001-01-01",
        "starts_after=0001-01-01T00:00:00%2B14:00",
        "page=abc",
    ],
)
def test_bad_filters_are_4xx_never_500(api_as, users, event, query):
    response = api_as(users.coordinator).get("/api/events/?" + query)
    assert 400 <= response.status_code < 500


def test_bad_ids_are_404(api_as, users):
    client = api_as(users.coordinator)
    for path in [
        "/api/events/abc/",
        "/api/events/99999999999999999999999/",
        "/api/events/0/checkins/",
        "/api/events/99999999999999999999999/qr.png",
    ]:
        assert client.get(path).status_code == 404, path


def test_rotate_secret_revokes_the_old_one(api_as, api, users, event, attendee):
    old = event.checkin_secret
    response = api_as(users.organizer).post(f"/api/events/{event.pk}/rotate-secret/")
    assert response.status_code == 200
    new = response.json()["checkin_secret"]
    assert new != old
    assert api.post(f"/api/checkin/{old}/", attendee(), format="json").json()["reason"] == "revoked"
    assert api.post(f"/api/checkin/{new}/", attendee(), format="json").status_code == 201


def test_qr_png_decodes_to_the_checkin_url_and_svg_is_svg(api_as, users, event):
    client = api_as(users.organizer)
    png = client.get(f"/api/events/{event.pk}/qr.png")
    assert png.status_code == 200 and png["Content-Type"] == "image/png"
    decoded = zxingcpp.read_barcodes(Image.open(io.BytesIO(png.content)))[0].text
    assert decoded == f"http://testserver/c/{event.checkin_secret}/"
    svg = client.get(f"/api/events/{event.pk}/qr.svg", HTTP_ACCEPT="image/svg+xml")
    assert svg.status_code == 200 and svg["Content-Type"] == "image/svg+xml"
    assert b"<svg" in svg.content


def test_qr_uses_the_public_base_url_when_set(api_as, users, event, settings):
    settings.PUBLIC_BASE_URL = "https://pufa.example.gov.cn"
    png = api_as(users.organizer).get(f"/api/events/{event.pk}/qr.png").content
    decoded = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))[0].text
    assert decoded == f"https://pufa.example.gov.cn/c/{event.checkin_secret}/"


def test_event_series_read_for_all_write_for_coordinators(api_as, users):
    created = api_as(users.coordinator).post("/api/event-series/", {"name": "92.8说法", "kind": "radio"}, format="json")
    assert created.status_code == 201
    assert set(created.json()) >= {"id", "name", "kind"}
    assert api_as(users.organizer).get("/api/event-series/").json()["count"] == 1
    assert api_as(users.organizer).post("/api/event-series/", {"name": "x"}, format="json").status_code == 403
    duplicate = api_as(users.coordinator).post("/api/event-series/", {"name": "92.8说法"}, format="json")
    assert duplicate.status_code == 400


def test_the_schema_describes_the_events_api(api_as, users):
    schema = api_as(users.organizer).get("/api/schema/?format=json").json()
    for path in [
        "/api/events/",
        "/api/events/{id}/",
        "/api/events/{id}/qr.png",
        "/api/events/{id}/qr.svg",
        "/api/events/{id}/rotate-secret/",
        "/api/events/{id}/checkins/",
        "/api/event-series/",
        "/api/checkin/{secret}/",
    ]:
        assert path in schema["paths"], path
    checkin = schema["paths"]["/api/checkin/{secret}/"]["post"]
    assert {"201", "200", "400", "404", "409", "410", "429"} <= set(checkin["responses"])
    assert checkin.get("security") in ([], [{}], None) or {} in checkin["security"]
