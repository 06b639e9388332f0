"""Least privilege across the whole API: anonymous callers get nothing but the public check-in
and the token; advisors see their own shifts; organizers their own events' check-ins; town
officers their own town; phones are masked for everyone but coordinators in every list."""

import re

import pytest
from drf_spectacular.generators import SchemaGenerator

from advisors.models import Advisor
from outreach.models import CheckIn

PUBLIC = {("post", "/api/checkin/{secret}/"), ("post", "/api/auth/token/")}
MASKED = re.compile(r"^\d{3}\*{4}\d{4}$")


def api_operations():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    for path, operations in schema["paths"].items():
        for method in operations:
            if method in {"get", "post", "put", "patch", "delete"}:
                yield method, path


def concrete(path, ledger):
    values = {
        "code": "440403107201",
        "id": str(ledger.event_a.pk),
        "secret": ledger.event_a.checkin_secret,
        "checkin_id": str(ledger.event_a.checkins.first().pk),
    }
    return re.sub(r"\{(\w+)\}", lambda match: values.get(match.group(1), "1"), path)


@pytest.mark.django_db
def test_anonymous_gets_401_or_403_everywhere_but_checkin_and_token(api, ledger):
    operations = list(api_operations())
    assert len(operations) > 60  # the schema really lists the API
    for method, path in operations:
        if (method, path) in PUBLIC:
            continue
        response = getattr(api, method)(concrete(path, ledger), {}, format="json")
        assert response.status_code in (401, 403), (method, path, response.status_code)


@pytest.mark.django_db
def test_anonymous_may_check_in_and_ask_for_a_token(api, ledger):
    assert (
        api.post("/api/auth/token/", {"username": "coord", "password": "pass-1234-word"}, format="json").status_code
        == 200
    )
    # The public check-in answers with its own codes (here: the event is long over), never 401/403.
    response = api.post(f"/api/checkin/{ledger.event_a.checkin_secret}/", {}, format="json")
    assert (response.status_code, response.json()["reason"]) == (410, "closed")


@pytest.mark.django_db
def test_an_advisor_sees_only_their_own_shifts(api_as, ledger):
    client = api_as(ledger.users.advisor)
    assert [row["id"] for row in client.get("/api/duty-shifts/").json()["results"]] == [ledger.shift_a.pk]
    assert client.get(f"/api/duty-shifts/?advisor={ledger.b.pk}").json()["count"] == 0
    assert client.get("/api/duty-shifts/?village=440403106201").json()["count"] == 0
    for suffix in ("", "changes/"):
        assert client.get(f"/api/duty-shifts/{ledger.shift_b.pk}/{suffix}").status_code == 404
    assert client.patch(f"/api/duty-shifts/{ledger.shift_b.pk}/", {"notes": "x"}, format="json").status_code == 404
    assert client.delete(f"/api/duty-shifts/{ledger.shift_b.pk}/").status_code == 404
    assert client.post(f"/api/duty-shifts/{ledger.shift_b.pk}/finish/", {}, format="json").status_code == 404
    assert [row["id"] for row in client.get("/api/assignments/").json()["results"]] == [ledger.assign_a.pk]


@pytest.mark.django_db
def test_an_advisor_cannot_log_a_shift_for_a_colleague(api_as, ledger):
    body = {
        "advisor": ledger.b.pk,
        "village": "440403106201",
        "date": "2023-07-02",
        "start_time": "09:00",
        "end_time": "10:00",
    }
    response = api_as(ledger.users.advisor).post("/api/duty-shifts/", body, format="json")
    assert response.status_code == 400  # their own advisor record, and 南澳村 is not theirs
    assert not ledger.b.shifts.filter(date="2023-07-02").exists()


@pytest.mark.django_db
def test_an_advisor_sees_no_events_and_no_trainings(api_as, ledger):
    client = api_as(ledger.users.advisor)
    assert client.get("/api/events/").json()["count"] == 0
    assert client.get(f"/api/events/{ledger.event_a.pk}/checkins/").status_code == 404
    assert client.get("/api/trainings/").status_code == 403
    assert client.get("/api/legal-savvy-activities/").status_code == 403
    assert client.get("/api/figures/?year=2023&area=440403").status_code == 403


@pytest.mark.django_db
def test_an_organizer_cannot_see_another_organizers_checkins(api_as, ledger):
    client = api_as(ledger.users.other_organizer)
    event = ledger.event_a
    checkin = event.checkins.get()
    assert [row["id"] for row in client.get("/api/events/").json()["results"]] == [ledger.event_b.pk]
    assert client.get(f"/api/events/{event.pk}/").status_code == 404
    assert client.get(f"/api/events/{event.pk}/checkins/").status_code == 404
    body = {"name": "冒名", "phone": "13600136000", "age_group": "18_35", "occupation": "worker"}
    assert client.post(f"/api/events/{event.pk}/checkins/", body, format="json").status_code == 404
    assert client.post(f"/api/events/{event.pk}/checkins/{checkin.pk}/annul/").status_code == 404
    assert client.post(f"/api/events/{event.pk}/rotate-secret/").status_code == 404
    assert client.patch(f"/api/events/{event.pk}/", {"title": "改"}, format="json").status_code == 404
    assert client.get(f"/api/events/{event.pk}/qr.png").status_code == 404
    assert CheckIn.objects.filter(event=event).count() == 1


@pytest.mark.django_db
def test_a_town_officer_cannot_read_another_towns_records(api_as, ledger):
    client = api_as(ledger.users.town_officer)  # 井岸镇 (440403107)
    own = {
        "duty-shifts": ledger.shift_a,
        "assignments": ledger.assign_a,
        "events": ledger.event_a,
        "legal-savvy-persons": ledger.p_a,
        "trainings": ledger.training_a,
        "legal-savvy-activities": ledger.activity_a,
        "honors": ledger.honor_a,
    }
    other = {
        "duty-shifts": ledger.shift_b,
        "assignments": ledger.assign_b,
        "events": ledger.event_b,
        "legal-savvy-persons": ledger.p_b,
        "trainings": ledger.training_b,
        "legal-savvy-activities": ledger.activity_b,
        "honors": ledger.honor_b,
    }
    for resource, record in own.items():
        assert [row["id"] for row in client.get(f"/api/{resource}/").json()["results"]] == [record.pk], resource
        assert client.get(f"/api/{resource}/?under=440403106").json()["count"] == 0, resource
        assert client.get(f"/api/{resource}/{other[resource].pk}/").status_code == 404, resource
    assert client.get(f"/api/events/{ledger.event_a.pk}/checkins/").status_code in (403, 404)
    for url in (
        "/api/coverage/?year=2023&area=440403106",
        "/api/coverage.geojson?year=2023&area=440403106",
        "/api/figures/?year=2023&area=440403106",
        "/api/figures/?year=2023&area=440403",
        "/api/areas/440403106201/duty-qr.png",
    ):
        assert client.get(url).status_code == 403, url


@pytest.mark.django_db
def test_a_town_officer_cannot_write_into_another_town(api_as, ledger):
    client = api_as(ledger.users.town_officer)
    attempts = [
        ("/api/legal-savvy-persons/", {"name": "越界", "village": "440403106201", "appointed_on": "2023-03-01"}),
        (
            "/api/honors/",
            {"village": "440403106201", "title": "law_learning_household", "level": "district", "year": 2023},
        ),
        ("/api/trainings/", {"person": ledger.p_b.pk, "date": "2023-10-01", "hours": 1, "topic": "越界"}),
        (
            "/api/duty-shifts/",
            {
                "advisor": ledger.b.pk,
                "village": "440403106201",
                "date": "2023-07-03",
                "start_time": "09:00",
                "end_time": "10:00",
            },
        ),
    ]
    for url, body in attempts:
        response = client.post(url, body, format="json")
        assert response.status_code in (400, 403), (url, response.status_code)
    assert client.post("/api/duty-shifts/approve/", {"ids": [ledger.shift_b.pk]}, format="json").json() == {
        "approved": 0
    }


def phones_in(rows):
    return [row["phone"] for row in rows if row.get("phone")]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["town_officer", "organizer", "advisor", "other_organizer"])
def test_phones_are_masked_for_non_coordinators_in_every_list(api_as, ledger, role):
    user = getattr(ledger.users, role)
    client = api_as(user)
    own_phone = Advisor.objects.filter(user=user).values_list("phone", flat=True).first()
    seen = 0
    for url in ("/api/advisors/", "/api/legal-savvy-persons/", f"/api/events/{ledger.event_a.pk}/checkins/"):
        response = client.get(url)
        if response.status_code != 200:
            continue
        rows = response.json()["results"]
        for phone in phones_in(rows):
            seen += 1
            # An advisor may see their own number; nobody else's.
            assert MASKED.match(phone) or phone == own_phone, (url, phone)
        for row in rows:
            detail_url = f"{url}{row['id']}/" if "checkins" not in url else None
            if detail_url and row.get("phone"):
                detail = client.get(detail_url).json()
                assert MASKED.match(detail["phone"]) or detail["phone"] == own_phone, (detail_url, detail["phone"])
    assert seen > 0


@pytest.mark.django_db
def test_coordinators_see_full_phones(api_as, ledger):
    client = api_as(ledger.users.coordinator)
    assert "13800138001" in phones_in(client.get("/api/advisors/").json()["results"])
    assert "13700137000" in phones_in(client.get("/api/legal-savvy-persons/").json()["results"])
    assert phones_in(client.get(f"/api/events/{ledger.event_a.pk}/checkins/").json()["results"]) == ["13800138000"]


@pytest.mark.django_db
def test_the_api_description_needs_a_login_and_holds_no_records(api, api_as, client, ledger):
    # The schema and the docs need a login (issue 11); they describe the API and contain no ledger data.
    assert api.get("/api/schema/?format=json").status_code == 401
    schema = api_as(ledger.users.advisor).get("/api/schema/?format=json")
    assert schema.status_code == 200
    assert ledger.a.name not in schema.content.decode() and "13800138000" not in schema.content.decode()
    assert api.get("/api/docs/").status_code == 302
    client.force_login(ledger.users.advisor)
    assert client.get("/api/docs/").status_code == 200


@pytest.mark.django_db
def test_a_town_officer_cannot_move_records_into_another_town(api_as, ledger):
    client = api_as(ledger.users.town_officer)
    moves = [
        (f"/api/duty-shifts/{ledger.shift_a.pk}/", {"village": "440403106201"}),
        (f"/api/legal-savvy-persons/{ledger.p_a.pk}/", {"village": "440403106201"}),
        (f"/api/honors/{ledger.honor_a.pk}/", {"village": "440403106201"}),
        (f"/api/trainings/{ledger.training_a.pk}/", {"person": ledger.p_b.pk}),
        (f"/api/legal-savvy-activities/{ledger.activity_a.pk}/", {"person": ledger.p_b.pk}),
    ]
    for url, body in moves:
        response = client.patch(url, body, format="json")
        assert response.status_code in (400, 403), (url, response.status_code, response.content)
    ledger.shift_a.refresh_from_db()
    ledger.p_a.refresh_from_db()
    ledger.honor_a.refresh_from_db()
    ledger.training_a.refresh_from_db()
    assert ledger.shift_a.village.code == ledger.p_a.village.code == ledger.honor_a.village.code == "440403107201"
    assert ledger.training_a.person_id == ledger.p_a.pk


@pytest.mark.django_db
def test_an_organizer_cannot_move_an_event_out_of_their_area(api_as, ledger, areas):
    from tests.conftest import make_user

    town_organizer = make_user("town_organizer", "organizer", areas.jingan)
    event = api_as(town_organizer).post(
        "/api/events/",
        {
            "title": "镇里活动",
            "area": "440403107201",
            "starts_at": "2023-12-01T09:00:00+08:00",
            "ends_at": "2023-12-01T10:00:00+08:00",
        },
        format="json",
    )
    assert event.status_code == 201
    moved = api_as(town_organizer).patch(f"/api/events/{event.json()['id']}/", {"area": "440403106201"}, format="json")
    assert moved.status_code == 400 and "area" in moved.json()
