"""Input that once made the API answer 500 (found by fuzzing the OpenAPI schema with schemathesis).
Each answers a 4xx now, on SQLite and on PostgreSQL, and stores nothing."""

import json

import pytest

from advisors.models import Advisor
from places.models import Area

DEEP = "[" * 50000 + "]" * 50000


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/api/advisors/", "/api/events/", "/api/duty-shifts/approve/", "/api/areas/"])
def test_deeply_nested_json_is_a_400(api_as, users, url):
    response = api_as(users.coordinator).generic("POST", url, DEEP, content_type="application/json")
    assert response.status_code == 400
    assert "detail" in response.json()
    assert not Advisor.objects.exists()


@pytest.mark.django_db
def test_deeply_nested_json_at_the_public_checkin_is_a_400(api):
    response = api.generic("POST", "/api/checkin/some-secret/", DEEP, content_type="application/json")
    assert response.status_code == 400


def polygon(*extra):
    ring = [[113.2, 22.1, *extra], [113.3, 22.1, *extra], [113.3, 22.2, *extra], [113.2, 22.1, *extra]]
    return {"type": "Polygon", "coordinates": [ring]}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "boundary",
    [
        {"type": "Polygon", "coordinates": [["a\u0000b"]]},  # PostgreSQL's jsonb refuses \u0000: was a DataError
        polygon("\u0000"),
        {"type": "Polygon", "coordinates": [[]]},
        {"type": "Polygon", "coordinates": [[[113.2, 22.1]] * 3]},  # a ring needs 4 positions
        {"type": "Polygon", "coordinates": [[["113.2", "22.1"]] * 4]},
        {"type": "Polygon", "coordinates": [[[200, 22.1]] * 4]},
        {"type": "Polygon", "coordinates": [[[True, 22.1]] * 4]},
        {"type": "MultiPolygon", "coordinates": [[["x"]]]},
        {"type": "MultiPolygon", "coordinates": []},
        {"type": "Point", "coordinates": [113.2, 22.1]},
        {"type": "Polygon"},
        [1, 2],
        "Polygon",
    ],
)
def test_a_malformed_boundary_is_a_400(api_as, users, boundary):
    body = {"code": "440403107209", "name": "新村", "level": "village", "parent": "440403107", "boundary": boundary}
    response = api_as(users.coordinator).post("/api/areas/", body, format="json")
    assert response.status_code == 400
    assert "boundary" in response.json()
    assert not Area.objects.filter(code="440403107209").exists()


@pytest.mark.django_db
def test_a_boundary_keeps_only_the_geometry(api_as, users):
    body = {
        "code": "440403107209",
        "name": "新村",
        "level": "village",
        "parent": "440403107",
        "boundary": {**polygon(3.5), "properties": {"note": "\u0000"}, "bbox": [1, 2, 3, 4]},
    }
    response = api_as(users.coordinator).post("/api/areas/", body, format="json")
    assert response.status_code == 201, response.content
    assert Area.objects.get(code="440403107209").boundary == polygon(3.5)
    multi = {"type": "MultiPolygon", "coordinates": [polygon()["coordinates"]] * 2}
    response = api_as(users.coordinator).patch("/api/areas/440403107209/", {"boundary": multi}, format="json")
    assert response.status_code == 200
    assert json.loads(json.dumps(response.json()["boundary"])) == multi
