"""/api/advisors/, /api/assignments/ and the duty QR, per the public contract; the schema lists the
advisor endpoints. /api/duty-shifts/ is test_api_shifts.py."""

import io

import PIL.Image
import zxingcpp

from advisors.models import Assignment, DutyPoster


def test_advisors_api_masks_phones_except_for_coordinators_and_self(duty, api_as, users):
    def phones(user):
        return {row["name"]: row["phone"] for row in api_as(user).get("/api/advisors/").json()["results"]}

    assert phones(users.coordinator) == {"张律师": "13800138000", "李法律工作者": "13900139000"}
    assert phones(users.advisor) == {"张律师": "13800138000", "李法律工作者": "139****9000"}
    assert phones(users.organizer)["张律师"] == "138****8000"
    row = api_as(users.coordinator).get(f"/api/advisors/{duty.a.pk}/").json()
    assert set(row) >= {"id", "name", "kind", "firm", "license_no", "phone", "user", "active"}
    assert row["user"] == "advisor_a" and row["kind"] == "lawyer"


def test_advisors_are_written_by_coordinators(duty, api_as, users):
    body = {"name": "赵律师", "kind": "lawyer", "firm": "某所", "phone": "13700137000"}
    assert api_as(users.town_officer).post("/api/advisors/", body, format="json").status_code == 403
    response = api_as(users.coordinator).post("/api/advisors/", body, format="json")
    assert response.status_code == 201 and response.json()["active"] is True and response.json()["user"] is None
    bad = api_as(users.coordinator).post("/api/advisors/", {**body, "user": "organizer_a"}, format="json")
    assert bad.status_code == 400 and "user" in bad.json()
    assert api_as(users.coordinator).post("/api/advisors/", {**body, "kind": "judge"}, format="json").status_code == 400


def test_assignments_api(duty, api_as, users):
    client = api_as(users.coordinator)
    rows = client.get("/api/assignments/?village=440403107201").json()["results"]
    assert rows[0]["advisor"] == duty.a.pk and rows[0]["village"] == "440403107201" and rows[0]["ends_on"] is None
    assert {"id", "advisor", "village", "starts_on", "ends_on"} <= set(rows[0])
    clash = client.post(
        "/api/assignments/", {"advisor": duty.b.pk, "village": "440403107201", "starts_on": "2023-03-01"}, format="json"
    )
    assert clash.status_code == 400 and "starts_on" in clash.json()
    created = client.post(
        "/api/assignments/", {"advisor": duty.b.pk, "village": "440403106202", "starts_on": "2023-03-01"}, format="json"
    )
    assert created.status_code == 201 and created.json()["ends_on"] is None
    ended = client.patch(f"/api/assignments/{created.json()['id']}/", {"ends_on": "2023-12-31"}, format="json")
    assert ended.status_code == 200 and ended.json()["ends_on"] == "2023-12-31"
    assert (
        api_as(users.town_officer)
        .post(
            "/api/assignments/",
            {"advisor": duty.b.pk, "village": "440403106202", "starts_on": "2024-03-01"},
            format="json",
        )
        .status_code
        == 403
    )


def test_assignments_are_scoped(duty, api_as, users):
    def villages(user, query=""):
        return {row["village"] for row in api_as(user).get(f"/api/assignments/{query}").json()["results"]}

    assert villages(users.advisor) == {"440403107201", "440403107001"}
    assert villages(users.other_advisor) == {"440403106201"}
    assert villages(users.other_town_officer) == {"440403106201"}
    assert villages(users.coordinator, "?active_on=2023-06-01") == {"440403107201", "440403107001", "440403106201"}
    assert villages(users.coordinator, "?active_on=2022-06-01") == set()
    assert api_as(users.coordinator).get("/api/assignments/?active_on=x").status_code == 400


def decode(png):
    return zxingcpp.read_barcodes(PIL.Image.open(io.BytesIO(png)))[0].text


def test_the_duty_qr_endpoints(duty, api_as, users, client_as):
    response = api_as(users.town_officer).get("/api/areas/440403107201/duty-qr.png", HTTP_ACCEPT="image/png")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    url = decode(response.content)
    secret = DutyPoster.objects.get(village=duty.areas.jianfeng).secret
    assert url == f"http://testserver/advisors/scan/{secret}/"
    # …and that URL opens the scan flow for the village's advisor.
    assert client_as(users.advisor).get(url.replace("http://testserver", "")).status_code == 200
    svg = api_as(users.coordinator).get("/api/areas/440403107201/duty-qr.svg")
    assert svg.status_code == 200 and svg["Content-Type"] == "image/svg+xml" and b"<svg" in svg.content
    assert api_as(users.other_town_officer).get("/api/areas/440403107201/duty-qr.png").status_code == 403
    assert api_as(users.advisor).get("/api/areas/440403107201/duty-qr.png").status_code == 403
    assert api_as(users.coordinator).get("/api/areas/440403107/duty-qr.png").status_code == 404
    assert api_as(users.coordinator).get("/api/areas/999999999999/duty-qr.svg").status_code == 404
    assert api_as(users.coordinator).get("/api/areas/abc/duty-qr.svg").status_code == 404


def test_the_schema_describes_the_advisor_endpoints(db, api_as, users):
    schema = api_as(users.coordinator).get("/api/schema/?format=json").json()
    paths = schema["paths"]
    for path in (
        "/api/advisors/",
        "/api/assignments/",
        "/api/duty-shifts/",
        "/api/duty-shifts/{id}/",
        "/api/duty-shifts/approve/",
        "/api/duty-shifts/{id}/approve/",
        "/api/duty-shifts/{id}/finish/",
        "/api/duty-shifts/start/",
        "/api/duty-shifts/{id}/changes/",
        "/api/areas/{code}/duty-qr.png",
        "/api/areas/{code}/duty-qr.svg",
    ):
        assert path in paths, path
    assert "image/png" in paths["/api/areas/{code}/duty-qr.png"]["get"]["responses"]["200"]["content"]
    names = {p["name"] for p in paths["/api/duty-shifts/"]["get"]["parameters"]}
    assert {"advisor", "village", "under", "mode", "date_after", "date_before"} <= names


def test_assignment_ids_in_urls_never_500(duty, api_as, users):
    client = api_as(users.coordinator)
    assert client.get("/api/assignments/99999999999999999999/").status_code == 404
    assert (
        client.patch(
            f"/api/assignments/{Assignment.objects.first().pk}/", {"starts_on": "x"}, format="json"
        ).status_code
        == 400
    )
    # Unrecognised booleans are ignored (django-filter's NullBoolean behaviour), never an error.
    assert client.get("/api/advisors/?active=maybe").status_code == 200
    assert client.get("/api/duty-shifts/?approved=perhaps").status_code == 200
