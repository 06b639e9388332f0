"""The public API contract ("v1") across resources: the token, what a superuser
may do, the coverage and figures reports, and the OpenAPI schema describing every path and filter."""

import pytest

from accounts.models import User

from .contract_helpers import CONTRACT, TYPES, is_number

# --- Token -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_token_endpoint(api, users):
    response = api.post("/api/auth/token/", {"username": "coord", "password": "pass-1234-word"}, format="json")
    assert response.status_code == 200
    token = response.json()["token"]
    assert set(response.json()) == {"token"} and token
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert api.get("/api/areas/").status_code == 200
    api.credentials()
    wrong = api.post("/api/auth/token/", {"username": "coord", "password": "nope"}, format="json")
    assert wrong.status_code == 400
    assert api.post("/api/auth/token/", {}, format="json").status_code == 400
    api.credentials(HTTP_AUTHORIZATION="Token not-a-token")
    assert api.get("/api/areas/").status_code == 401


@pytest.mark.django_db
def test_a_superuser_may_do_everything(api_as, ledger):
    root = User.objects.get(username="root")
    client = api_as(root)
    assert client.get("/api/events/").json()["count"] == 2
    assert client.get(f"/api/events/{ledger.event_b.pk}/checkins/").status_code == 200
    assert client.get("/api/figures/?year=2023&area=440403").status_code == 200
    assert client.post("/api/advisors/", {"name": "超级"}, format="json").status_code == 201


# --- Coverage and figures -------------------------------------------------------------------------

COVERAGE_FIELDS = {
    "village": "code",
    "name": "str",
    "town": "code",
    "events": "int",
    "attendees": "int",
    "residents_reached": "int",
    "duty_hours": "num",
    "duty_hours_required": "num",
    "home_visits": "int",
    "legal_savvy": "int",
    "legal_savvy_quota": "int",
    "last_event_on": "date?",
    "audiences_reached": "strs",
    "gaps": "strs",
    "score": "num",
}
FIGURES_NUMBERS = [
    "villages",
    "advisors",
    "duty_shifts",
    "home_visits",
    "duty_hours",
    "consultation_batches",
    "consultation_people",
    "contracts_reviewed",
    "legal_opinions",
    "documents_drafted",
    "mediations",
    "negotiations",
    "legal_aid_cases",
    "elections_assisted",
    "phone_consultations",
    "advisor_outreach_sessions",
    "events",
    "event_attendees",
    "legal_savvy_total",
    "legal_savvy_new",
    "villages_meeting_legal_savvy_quota",
]


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["year=2023&area=440403", "start=2023-01-01&end=2023-12-31&area=440403"])
def test_coverage_rows_have_the_contract_fields(api_as, ledger, query):
    page = api_as(ledger.users.coordinator).get(f"/api/coverage/?{query}").json()
    rows = page["results"]
    assert [row["village"] for row in rows] == ["440403106201", "440403106202", "440403107001", "440403107201"]
    for row in rows:
        for name, kind in COVERAGE_FIELDS.items():
            assert TYPES[kind](row[name]), (name, row[name])
    jianfeng = rows[-1]
    assert jianfeng["events"] == 1 and jianfeng["attendees"] == 6 and jianfeng["last_event_on"] == "2023-06-10"
    assert "youth" in jianfeng["audiences_reached"] and "no_youth_event" not in jianfeng["gaps"]
    assert {"no_event", "duty_below_required", "legal_savvy_below_quota"} <= set(rows[1]["gaps"])


@pytest.mark.django_db
def test_coverage_geojson_has_the_same_rows(api_as, ledger):
    response = api_as(ledger.users.coordinator).get("/api/coverage.geojson?year=2023&area=440403107")
    assert response.status_code == 200
    data = response.json()
    assert data["type"] == "FeatureCollection"
    assert [feature["properties"]["village"] for feature in data["features"]] == ["440403107001", "440403107201"]
    assert data["features"][1]["geometry"] == {"type": "Point", "coordinates": [113.28, 22.2]}


@pytest.mark.django_db
def test_figures_have_the_contract_keys(api_as, ledger):
    response = api_as(ledger.users.coordinator).get("/api/figures/?year=2023&area=440403")
    assert response.status_code == 200
    data = response.json()
    assert data["year"] == 2023 and data["area"] == "440403" and data["area_name"] == "斗门区"
    for name in FIGURES_NUMBERS:
        assert is_number(data[name]), name
    for name in ["series_episodes", "legal_savvy_activities", "honors"]:
        assert isinstance(data[name], dict), name
    assert isinstance(data["narrative"], str) and data["narrative"]
    assert data["duty_shifts"] == 2 and data["home_visits"] == 1 and data["consultation_people"] == 3
    assert data["events"] == 1 and data["event_attendees"] == 6
    assert data["series_episodes"] == {"92.8说法": 1}
    assert data["legal_savvy_activities"] == {"referral": 2, "dispute_resolved": 1}
    assert data["honors"] == {"law_learning_household:district:candidate": 1}
    assert data["legal_savvy_new"] == 2 and data["legal_savvy_total"] == 1


# --- The OpenAPI schema describes the contract ------------------------------------------------------

CONTRACT_PATHS = {
    "/api/auth/token/": {"post"},
    "/api/areas/": {"get", "post"},
    "/api/areas/{code}/": {"get", "patch"},
    "/api/areas/{code}/duty-qr.png": {"get"},
    "/api/areas/{code}/duty-qr.svg": {"get"},
    "/api/advisors/": {"get", "post"},
    "/api/advisors/{id}/": {"get"},
    "/api/assignments/": {"get", "post"},
    "/api/assignments/{id}/": {"get"},
    "/api/duty-shifts/": {"get", "post"},
    "/api/duty-shifts/{id}/": {"get"},
    "/api/events/": {"get", "post"},
    "/api/events/{id}/": {"get", "patch"},
    "/api/events/{id}/qr.png": {"get"},
    "/api/events/{id}/qr.svg": {"get"},
    "/api/events/{id}/rotate-secret/": {"post"},
    "/api/events/{id}/checkins/": {"get", "post"},
    "/api/event-series/": {"get", "post"},
    "/api/event-series/{id}/": {"get"},
    "/api/checkin/{secret}/": {"post"},
    "/api/legal-savvy-persons/": {"get", "post"},
    "/api/legal-savvy-persons/{id}/": {"get"},
    "/api/trainings/": {"get", "post"},
    "/api/trainings/{id}/": {"get"},
    "/api/legal-savvy-activities/": {"get", "post"},
    "/api/legal-savvy-activities/{id}/": {"get"},
    "/api/honors/": {"get", "post"},
    "/api/honors/{id}/": {"get"},
    "/api/coverage/": {"get"},
    "/api/coverage.geojson": {"get"},
    "/api/figures/": {"get"},
}
SCHEMA_FILTERS = {
    "/api/areas/": {"level", "parent", "under", "kind", "active", "page", "page_size"},
    "/api/duty-shifts/": {"advisor", "village", "under", "mode", "date_after", "date_before"},
    "/api/events/": {"area", "under", "kind", "sector", "status", "series", "starts_after", "starts_before"},
    "/api/coverage/": {"year", "area", "start", "end"},
    "/api/figures/": {"year", "area"},
}


@pytest.mark.django_db
def test_the_openapi_schema_describes_every_contract_path_and_filter(client_as, users):
    response = client_as(users.coordinator).get("/api/schema/?format=json")
    assert response.status_code == 200
    schema = response.json()
    for path, methods in CONTRACT_PATHS.items():
        assert path in schema["paths"], path
        assert methods <= set(schema["paths"][path]), (path, methods)
    for path, names in SCHEMA_FILTERS.items():
        documented = {parameter["name"] for parameter in schema["paths"][path]["get"].get("parameters", [])}
        assert names <= documented, (path, names - documented)
    components = schema["components"]["schemas"]
    for resource, component in [
        ("areas", "Area"),
        ("advisors", "Advisor"),
        ("assignments", "Assignment"),
        ("duty-shifts", "DutyShift"),
        ("events", "Event"),
        ("event-series", "EventSeries"),
        ("legal-savvy-persons", "Person"),
        ("trainings", "Training"),
        ("legal-savvy-activities", "Activity"),
        ("honors", "Honor"),
    ]:
        assert set(CONTRACT[resource]) <= set(components[component]["properties"]), resource
