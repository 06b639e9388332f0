"""The registry's pages: coordinators list, add and edit; town officers read their town's; others are refused."""

from works.models import Award, Work


def test_the_list_shows_works_and_awards(users, client_as, video, town_work, prize):
    html = client_as(users.coordinator).get("/works/").content.decode()
    assert "《悔不当初》" in html and "广东司法行政视频大赛三等奖" in html and "添加作品" in html
    officer = client_as(users.town_officer).get("/works/").content.decode()
    assert "村规民约里的法治" in officer and "悔不当初" not in officer and "添加作品" not in officer
    assert client_as(users.organizer).get("/works/").status_code == 403


def test_a_coordinator_adds_and_edits_a_work(users, client_as, areas):
    client = client_as(users.coordinator)
    response = client.post(
        "/works/new/",
        {"title": "水乡普法谣", "kind": "song", "year": 2023, "area": areas.district.pk, "producers": "斗门区司法局"},
    )
    assert response.status_code == 302
    work = Work.objects.get()
    response = client.post(
        f"/works/{work.pk}/", {"title": "水乡普法谣", "kind": "micro_video", "year": 2023, "area": areas.district.pk}
    )
    work.refresh_from_db()
    assert response.status_code == 302 and work.kind == "micro_video"
    duplicate = client.post(
        "/works/new/", {"title": "水乡普法谣", "kind": "song", "year": 2023, "area": areas.district.pk}
    )
    assert duplicate.status_code == 200 and "该区域当年已有同名作品。" in duplicate.content.decode()


def test_a_coordinator_adds_an_award_for_a_person(users, client_as, areas):
    response = client_as(users.coordinator).post(
        "/works/awards/new/",
        {
            "title": "全国模范人民调解员",
            "level": "national",
            "awarding_body": "司法部",
            "year": 2023,
            "recipient_kind": "person",
            "recipient": "邝小媚",
            "area": areas.district.pk,
        },
    )
    assert response.status_code == 302
    assert Award.objects.get().recipient == "邝小媚"


def test_town_officers_cannot_write(users, client_as, video):
    client = client_as(users.town_officer)
    assert client.get("/works/new/").status_code == 403
    assert client.post(f"/works/{video.pk}/delete/").status_code == 404  # outside the town: not found
