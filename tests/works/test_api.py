"""/api/works/ and /api/awards/: managers read within their area, coordinators write, filters."""

import pytest

from works.models import Work


def test_managers_read_in_their_area(users, api_as, video, town_work, prize):
    everything = api_as(users.coordinator).get("/api/works/").json()
    assert {w["title"] for w in everything["results"]} == {"悔不当初", "村规民约里的法治"}
    town = api_as(users.town_officer).get("/api/works/").json()
    assert [w["title"] for w in town["results"]] == ["村规民约里的法治"]
    assert api_as(users.other_town_officer).get("/api/awards/").json()["results"] == []
    assert api_as(users.organizer).get("/api/works/").status_code == 403
    assert api_as(users.advisor).get("/api/awards/").status_code == 403


@pytest.mark.parametrize(
    "params,titles",
    [
        ({"year": 2023}, {"悔不当初", "村规民约里的法治"}),
        ({"year": 2022}, set()),
        ({"area": "440403107"}, {"村规民约里的法治"}),
        ({"kind": "sketch"}, {"村规民约里的法治"}),
    ],
)
def test_work_filters(users, api_as, video, town_work, params, titles):
    body = api_as(users.coordinator).get("/api/works/", params).json()
    assert {w["title"] for w in body["results"]} == titles


def test_award_filters_and_fields(users, api_as, prize):
    client = api_as(users.coordinator)
    [award] = client.get("/api/awards/", {"year": 2023, "kind": "work", "area": "440403"}).json()["results"]
    assert award["work_title"] == "悔不当初" and award["recipient"] == "《悔不当初》" and award["area"] == "440403"
    assert client.get("/api/awards/", {"kind": "person"}).json()["results"] == []
    assert client.get("/api/awards/", {"area": "x"}).status_code == 400


def test_coordinators_write_through_the_services(users, api_as, areas):
    client = api_as(users.coordinator)
    response = client.post(
        "/api/works/", {"title": "水乡普法谣", "kind": "song", "year": 2023, "area": "440403"}, format="json"
    )
    assert response.status_code == 201, response.json()
    assert response.json()["producer_list"] == []
    again = client.post(
        "/api/works/", {"title": "水乡普法谣", "kind": "song", "year": 2023, "area": "440403"}, format="json"
    )
    assert again.status_code == 400 and again.json() == {"title": ["该区域当年已有同名作品。"]}
    person = client.post(
        "/api/awards/",
        {
            "title": "全国模范人民调解员",
            "level": "national",
            "year": 2023,
            "recipient_kind": "person",
            "area": "440403",
        },
        format="json",
    )
    assert person.status_code == 400
    officer = api_as(users.town_officer).post(
        "/api/works/", {"title": "x", "kind": "song", "year": 2023, "area": "440403107"}, format="json"
    )
    assert officer.status_code == 403
    assert Work.objects.count() == 1
