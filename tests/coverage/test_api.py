"""/api/coverage/ and /api/coverage.geojson: contract fields, GeoJSON, scope, bad input."""

import pytest

from .conftest import complete_village, make_event

CONTRACT_FIELDS = {
    "village",
    "name",
    "town",
    "events",
    "attendees",
    "residents_reached",
    "duty_hours",
    "duty_hours_required",
    "home_visits",
    "legal_savvy",
    "legal_savvy_quota",
    "last_event_on",
    "audiences_reached",
    "gaps",
    "score",
}


def test_it_returns_one_row_per_village_with_the_contract_fields(areas, users, api_as, advisor):
    complete_village(areas.jianfeng, advisor)
    response = api_as(users.coordinator).get("/api/coverage/", {"year": 2023, "area": "440403"})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 4 and body["next"] is None
    rows = {row["village"]: row for row in body["results"]}
    assert set(rows) == {"440403107201", "440403107001", "440403106201", "440403106202"}
    jianfeng = rows["440403107201"]
    assert CONTRACT_FIELDS <= set(jianfeng)
    assert jianfeng == {
        **jianfeng,
        "name": "尖峰村",
        "town": "440403107",
        "events": 4,
        "attendees": 20,
        "duty_hours": 96.0,
        "duty_hours_required": 96.0,
        "legal_savvy": 4,
        "legal_savvy_quota": 4,
        "last_event_on": "2023-11-10",
        "gaps": [],
        "score": 100,
    }
    assert jianfeng["audiences_reached"] == ["general", "youth", "elderly", "women"]
    empty = rows["440403106202"]
    assert empty["gaps"][0] == "no_event" and empty["last_event_on"] is None
    assert (
        empty["lat"] is None
        and empty["distance_km"] is None
        and empty["missing_data"] == ["no_coordinates", "no_population"]
    )
    assert [reason["code"] for reason in empty["gap_reasons"]] == empty["gaps"]


def test_it_accepts_start_end_quarter_and_month(areas, users, api_as):
    make_event(areas.nanao, "2023-02-10 10:00")
    client = api_as(users.coordinator)

    def events(**q):
        rows = client.get("/api/coverage/", {"area": "440403106", **q}).json()["results"]
        return {r["village"]: r["events"] for r in rows}["440403106201"]

    assert events(start="2023-02-01", end="2023-02-28") == 1
    assert events(start="2023-02-11", end="2023-03-31") == 0
    assert events(year=2023, quarter=1) == 1 and events(year=2023, quarter=2) == 0
    assert events(year=2023, month=2) == 1 and events(year=2023, month=3) == 0
    row = client.get("/api/coverage/", {"area": "440403106201", "year": 2023, "month": 2}).json()["results"][0]
    assert row["duty_hours_required"] == 8.0


def test_it_defaults_to_the_users_scope(areas, users, api_as):
    body = api_as(users.town_officer).get("/api/coverage/", {"year": 2023}).json()
    assert {row["village"] for row in body["results"]} == {"440403107201", "440403107001"}


def test_it_paginates_with_page_size(areas, users, api_as):
    body = api_as(users.coordinator).get("/api/coverage/", {"year": 2023, "page_size": 3}).json()
    assert body["count"] == 4 and len(body["results"]) == 3 and body["next"]
    page2 = api_as(users.coordinator).get(body["next"]).json()
    assert [row["village"] for row in page2["results"]] == ["440403107201"]


@pytest.mark.parametrize(
    "params, field",
    [
        ({"year": "abc"}, "year"),
        ({"year": "20233"}, "year"),
        ({"year": 2023, "quarter": 5}, "quarter"),
        ({"year": 2023, "month": 13}, "month"),
        ({"year": 2023, "quarter": 1, "month": 2}, "month"),
        ({"month": 2}, "year"),
        ({"start": "2023-02-30", "end": "2023-03-01"}, "start"),
        ({"start": "2023-03-01"}, "end"),
        ({"end": "2023-03-01"}, "start"),
        ({"start": "2023-03-02", "end": "2023-03-01"}, "end"),
        ({"start": "2023-01-01", "end": "2023-12-31", "year": 2023}, "start"),
        ({"start": "1900-01-01", "end": "2023-12-31"}, "start"),
        ({"year": 2023, "area": "44x"}, "area"),
        ({"year": 2023, "area": "4404031079"}, "area"),
        ({"year": 2023, "area": "440403999"}, "area"),
    ],
)
def test_bad_input_is_a_400_with_the_field(areas, users, api_as, params, field):
    for path in ("/api/coverage/", "/api/coverage.geojson"):
        response = api_as(users.coordinator).get(path, {"area": "440403", **params})
        assert response.status_code == 400, (path, params, response.content)
        assert field in response.json()


def test_it_is_for_coordinators_and_town_officers_only(areas, users, api_as, api):
    for path in ("/api/coverage/", "/api/coverage.geojson"):
        assert api.get(path, {"year": 2023}).status_code in (401, 403)
        for user in (users.organizer, users.advisor, users.nobody):
            assert api_as(user).get(path, {"year": 2023}).status_code == 403
        for user in (users.coordinator, users.town_officer, users.superuser):
            assert api_as(user).get(path, {"year": 2023}).status_code == 200


def test_a_town_officer_cannot_read_another_town_or_the_district(areas, users, api_as):
    client = api_as(users.town_officer)
    for path in ("/api/coverage/", "/api/coverage.geojson"):
        assert client.get(path, {"area": "440403106", "year": 2023}).status_code == 403
        assert client.get(path, {"area": "440403106201", "year": 2023}).status_code == 403
        assert client.get(path, {"area": "440403", "year": 2023}).status_code == 403
        # Unknown codes outside the scope answer 403 too: no probing of other towns' codes.
        assert client.get(path, {"area": "440403106999", "year": 2023}).status_code == 403
        assert client.get(path, {"area": "440403107201", "year": 2023}).status_code == 200


def test_geojson_is_a_valid_feature_collection(areas, users, api_as):
    areas.xinwei.boundary = {
        "type": "Polygon",
        "coordinates": [[[113.29, 22.21], [113.31, 22.21], [113.31, 22.22], [113.29, 22.21]]],
    }
    areas.xinwei.save()
    response = api_as(users.coordinator).get("/api/coverage.geojson", {"year": 2023, "area": "440403"})
    assert response.status_code == 200
    body = response.json()
    assert body["type"] == "FeatureCollection" and body["area"] == "440403"
    assert body["period"]["start"] == "2023-01-01" and body["period"]["end"] == "2023-12-31"
    features = {f["id"]: f for f in body["features"]}
    assert set(features) == {"440403107201", "440403107001", "440403106201", "440403106202"}
    for item in body["features"]:
        assert item["type"] == "Feature" and item["properties"]["village"] == item["id"]
        assert CONTRACT_FIELDS <= set(item["properties"])
    point = features["440403107201"]["geometry"]
    assert point == {"type": "Point", "coordinates": [113.28, 22.2]}  # lon, lat order
    assert features["440403107001"]["geometry"]["type"] == "Polygon"
    assert features["440403106202"]["geometry"] is None  # no coordinates
    # Every position is [lon, lat] within range.
    ring = features["440403107001"]["geometry"]["coordinates"][0]
    assert all(-180 <= lon <= 180 and -90 <= lat <= 90 and lon > lat for lon, lat in ring)


def test_the_schema_documents_both_paths(areas, users, api_as):
    response = api_as(users.coordinator).get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert "/api/coverage/" in paths and "/api/coverage.geojson" in paths
    names = {p["name"] for p in paths["/api/coverage/"]["get"]["parameters"]}
    assert {"year", "area", "start", "end", "quarter", "month", "page_size"} <= names
    names = {p["name"] for p in paths["/api/coverage.geojson"]["get"]["parameters"]}
    assert {"year", "area", "start", "end"} <= names


def test_api_query_count_is_fixed(areas, users, api_as, django_assert_max_num_queries):
    from places.models import Area

    client = api_as(users.coordinator)
    client.get("/api/coverage/", {"year": 2023})
    with django_assert_max_num_queries(8):
        assert client.get("/api/coverage/", {"year": 2023}).status_code == 200
    Area.objects.bulk_create(
        [Area(code=f"440403105{i:03d}", name=f"村{i}", level="village", lat=22.1, lon=113.2) for i in range(120)]
    )
    with django_assert_max_num_queries(8):
        assert len(client.get("/api/coverage/", {"year": 2023}).json()["results"]) == 124
    with django_assert_max_num_queries(8):
        assert len(client.get("/api/coverage.geojson", {"year": 2023}).json()["features"]) == 124


def test_odd_pages_and_long_periods_do_not_crash(areas, users, api_as, client_as):
    client = api_as(users.coordinator)
    assert client.get("/api/coverage/", {"year": 2023, "page": "abc"}).status_code == 404
    assert client.get("/api/coverage/", {"year": 2023, "page": 99}).status_code == 404
    assert client.get("/api/coverage/", {"year": 2023, "page_size": "x"}).status_code == 200
    long = {"start": "2014-01-02", "end": "2023-12-31"}
    assert client.get("/api/coverage/", long).status_code == 200
    assert client_as(users.coordinator).get("/coverage/", long).status_code == 200
    assert client.get("/api/coverage/", {"year": 1980}).status_code == 200
    assert client.get("/api/coverage/", {"area": "440403107201", "year": 2023}).json()["count"] == 1


def test_rows_from_the_roll_ups_say_as_of_and_equal_the_live_rows(areas, users, api_as, advisor):
    from coverage.models import RollupYear
    from coverage.rollups import refresh_rollups

    complete_village(areas.jianfeng, advisor)
    client = api_as(users.coordinator)
    live = client.get("/api/coverage/", {"year": 2023, "area": "440403"}).json()
    assert live["as_of"] is None  # never rolled up: computed live
    refresh_rollups([2023])
    rolled = client.get("/api/coverage/", {"year": 2023, "area": "440403"}).json()
    assert rolled["as_of"] == RollupYear.objects.get(year=2023).refreshed_at.isoformat()
    assert rolled["results"] == live["results"]
    geojson = client.get("/api/coverage.geojson", {"year": 2023, "area": "440403"}).json()
    assert geojson["as_of"] == rolled["as_of"]
    part = client.get("/api/coverage/", {"start": "2023-03-01", "end": "2023-03-15", "area": "440403"}).json()
    assert part["as_of"] is None and part["count"] == 4  # half a month: the roll-ups cannot answer it
