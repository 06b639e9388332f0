"""/api/areas/: read for any logged-in user, write for coordinators, filters, never a 500."""

import pytest

from places.models import Area


@pytest.mark.django_db
def test_it_requires_login(api, areas):
    assert api.get("/api/areas/").status_code in (401, 403)


@pytest.mark.django_db
def test_it_lists_areas_with_the_contract_fields(api_as, users):
    response = api_as(users.advisor).get("/api/areas/440403107201/")
    assert response.status_code == 200
    assert response.json() == {
        "code": "440403107201",
        "name": "尖峰村",
        "level": "village",
        "parent": "440403107",
        "kind": "village",
        "lat": 22.2,
        "lon": 113.28,
        "coords_approximate": False,
        "population": 3000,
        "households": None,
        "boundary": None,
        "active": True,
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query, codes",
    [
        ("level=town", ["440403106", "440403107"]),
        ("parent=440403107", ["440403107001", "440403107201"]),
        ("under=440403107", ["440403107001", "440403107201"]),
        ("under=440403&level=village&active=true", ["440403106201", "440403106202", "440403107001", "440403107201"]),
        ("under=440403&kind=community", ["440403107001"]),
        ("active=false", ["440403106299"]),
    ],
)
def test_it_filters(api_as, users, query, codes):
    response = api_as(users.organizer).get(f"/api/areas/?{query}&page_size=500")
    assert response.status_code == 200
    assert [row["code"] for row in response.json()["results"]] == codes


@pytest.mark.django_db
def test_doumen_has_129_villages_under_the_district(api_as, doumen):
    from tests.conftest import make_user

    user = make_user("reader", "coordinator", doumen)
    response = api_as(user).get("/api/areas/?under=440403&level=village")
    assert response.json()["count"] == 129


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "under=abc",
        "parent=44'--",
        "level=hamlet",
        "kind=x",
        "active=perhaps",
        "page=abc",
        "page=999",
        "page_size=-1",
        "page_size=zzz",
        "under=" + "9" * 40,
    ],
)
def test_malformed_input_answers_4xx_not_500(api_as, users, query):
    response = api_as(users.coordinator).get(f"/api/areas/?{query}")
    assert response.status_code < 500
    if query.startswith(("under=", "parent=", "level=", "kind=")):
        assert response.status_code == 400


@pytest.mark.django_db
def test_page_size_is_capped_at_500(api_as, users):
    Area.objects.bulk_create(
        [
            Area(code=f"440403105{n:03d}", name=f"村{n}", level="village", parent=users.coordinator.scope)
            for n in range(600)
        ]
    )
    response = api_as(users.coordinator).get("/api/areas/?page_size=1000")
    assert len(response.json()["results"]) == 500


@pytest.mark.django_db
def test_unknown_code_is_404(api_as, users):
    assert api_as(users.coordinator).get("/api/areas/440403999999/").status_code == 404
    assert api_as(users.coordinator).get("/api/areas/abc/").status_code == 404


@pytest.mark.django_db
def test_coordinators_can_create_and_update(api_as, users):
    api = api_as(users.coordinator)
    response = api.post(
        "/api/areas/",
        {"code": "440403107202", "name": "新村", "level": "village", "parent": "440403107", "kind": "village"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    response = api.patch("/api/areas/440403107202/", {"population": 1200, "lat": 22.1, "lon": 113.2}, format="json")
    assert response.status_code == 200 and response.json()["population"] == 1200


@pytest.mark.django_db
@pytest.mark.parametrize(
    "body, field",
    [
        ({"code": "440403107203", "name": "错", "level": "village", "parent": "440403106"}, "parent"),
        ({"code": "4404031072", "name": "短", "level": "village", "parent": "440403107"}, "code"),
        ({"code": "440403107204", "name": "无", "level": "village", "parent": "440403109"}, "parent"),
        ({"code": "440403107205", "name": "偏", "level": "village", "parent": "440403107", "lat": 91, "lon": 1}, "lat"),
        (
            {
                "code": "440403107206",
                "name": "形",
                "level": "village",
                "parent": "440403107",
                "boundary": {"type": "Point", "coordinates": [1, 2]},
            },
            "boundary",
        ),
        ({"code": "44040310720A", "name": "字", "level": "village", "parent": "440403107"}, "code"),
    ],
)
def test_it_validates_writes(api_as, users, body, field):
    response = api_as(users.coordinator).post("/api/areas/", body, format="json")
    assert response.status_code == 400
    assert field in response.json()


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["town_officer", "organizer", "advisor", "nobody"])
def test_others_cannot_write(api_as, users, who):
    api = api_as(getattr(users, who))
    assert api.patch("/api/areas/440403107201/", {"name": "X"}, format="json").status_code == 403
    assert (
        api.post(
            "/api/areas/",
            {"code": "440403107209", "name": "X", "level": "village", "parent": "440403107"},
            format="json",
        ).status_code
        == 403
    )


@pytest.mark.django_db
def test_a_coordinator_writes_only_inside_their_scope(api_as, users, areas):
    from tests.conftest import make_user

    town_coordinator = make_user("town_coord", "coordinator", areas.baijiao)
    api = api_as(town_coordinator)
    assert api.patch("/api/areas/440403107201/", {"name": "X"}, format="json").status_code == 403
    assert api.patch("/api/areas/440403106201/", {"name": "南澳村"}, format="json").status_code == 200


@pytest.mark.django_db
def test_token_auth(api, users):
    response = api.post("/api/auth/token/", {"username": "advisor_a", "password": "pass-1234-word"}, format="json")
    assert response.status_code == 200
    token = response.json()["token"]
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert api.get("/api/areas/").status_code == 200
    bad = api.post("/api/auth/token/", {"username": "advisor_a", "password": "wrong"}, format="json")
    assert bad.status_code == 400


@pytest.mark.django_db
def test_schema_and_docs_are_served_locally(client_as, users):
    client = client_as(users.coordinator)
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200
    assert "/api/areas/{code}/" in schema.content.decode()
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "body",
    [
        {"code": "440403107210", "name": "X", "level": "village", "parent": "4404\x0003107"},
        {"code": "4404031\x0007210", "name": "X", "level": "village", "parent": "440403107"},
        {"code": 440403107210, "name": "X", "level": "village", "parent": 440403107},
        {"code": ["440403107210"], "name": {"a": 1}, "level": None, "parent": []},
        {"code": "440403107211", "name": "X" * 500, "level": "village", "parent": "440403107"},
        {"code": "440403107212", "name": "X", "level": "village", "parent": "440403107", "lat": "NaN", "lon": "1e999"},
    ],
)
def test_hostile_bodies_answer_400(api_as, users, body):
    response = api_as(users.coordinator).post("/api/areas/", body, format="json")
    assert response.status_code == 400, response.content
