"""The inbox page, the bell on every page, marking read, the settings page and the API."""

import pytest

from notifications.models import Kind, MutedKind, Notification
from notifications.notify import notify

pytestmark = pytest.mark.django_db


@pytest.fixture
def notes(users):
    first = notify(users.advisor, Kind.OPEN_SHIFT, "尖峰村的值班未结束", "/advisors/month/", "shift-1")
    second = notify(users.advisor, Kind.DUTY_BEHIND, "本月值班时长落后", "/advisors/month/", "2026-11")
    other = notify(users.other_advisor, Kind.DUTY_BEHIND, "别人的提醒", "", "2026-11")
    return first, second, other


def test_notify_stores_once_per_period_and_not_for_muted_kinds(users):
    assert notify(users.advisor, Kind.OPEN_SHIFT, "a", "", "k") is not None
    assert notify(users.advisor, Kind.OPEN_SHIFT, "again", "", "k") is None
    MutedKind.objects.create(user=users.advisor, kind=Kind.DUTY_BEHIND)
    assert notify(users.advisor, Kind.DUTY_BEHIND, "muted", "", "k") is None
    assert list(Notification.objects.values_list("message", flat=True)) == ["a"]


def test_the_bell_shows_the_unread_count_on_every_page(client_as, users, notes):
    client = client_as(users.advisor)
    for url in ("/", "/advisors/month/", "/notifications/"):
        html = client.get(url).content.decode()
        assert 'class="bell unread"' in html and '<span class="count">2</span>' in html, url


def test_the_inbox_lists_only_my_notifications_and_marks_them_read(client_as, users, notes):
    first, second, other = notes
    client = client_as(users.advisor)
    html = client.get("/notifications/").content.decode()
    assert "尖峰村的值班未结束" in html and "本月值班时长落后" in html and "别人的提醒" not in html
    response = client.post(f"/notifications/{first.pk}/read/", {"next": "open"})
    assert response.status_code == 302 and response["Location"] == "/advisors/month/"
    first.refresh_from_db()
    assert first.read
    # Someone else's notification is not found.
    assert client.post(f"/notifications/{other.pk}/read/").status_code == 404
    client.post("/notifications/read-all/")
    assert not Notification.objects.filter(user=users.advisor, read=False).exists()
    assert not Notification.objects.get(pk=other.pk).read
    assert 'class="bell"' in client.get("/").content.decode()


def test_the_settings_page_mutes_and_unmutes(client_as, users):
    client = client_as(users.town_officer)
    assert client.get("/notifications/settings/").status_code == 200
    client.post("/notifications/settings/", {"muted": [Kind.SHIFTS_WAITING, Kind.COVERAGE_DIGEST]})
    muted = set(MutedKind.objects.filter(user=users.town_officer).values_list("kind", flat=True))
    assert muted == {Kind.SHIFTS_WAITING, Kind.COVERAGE_DIGEST}
    html = client.get("/notifications/settings/").content.decode()
    assert f'value="{Kind.SHIFTS_WAITING}" checked' in html
    client.post("/notifications/settings/", {"muted": [Kind.COVERAGE_DIGEST]})
    assert list(MutedKind.objects.filter(user=users.town_officer).values_list("kind", flat=True)) == [
        Kind.COVERAGE_DIGEST
    ]


def test_pages_need_a_login(client):
    assert client.get("/notifications/").status_code == 302
    assert client.get("/notifications/settings/").status_code == 302


def test_api_lists_the_current_users_notifications(api_as, api, users, notes):
    first, second, other = notes
    body = api_as(users.advisor).get("/api/notifications/").json()
    assert [row["id"] for row in body["results"]] == [second.pk, first.pk]
    assert set(body["results"][0]) == {"id", "kind", "message", "url", "created", "read"}
    assert api_as(users.advisor).get("/api/notifications/?read=false&kind=open_shift").json()["count"] == 1
    assert api.get("/api/notifications/").status_code == 401


def test_api_marks_one_read(api_as, users, notes):
    first, second, other = notes
    client = api_as(users.advisor)
    response = client.post(f"/api/notifications/{first.pk}/read/")
    assert response.status_code == 200 and response.json()["read"] is True
    assert client.post(f"/api/notifications/{other.pk}/read/").status_code == 404
    assert not Notification.objects.get(pk=other.pk).read


def test_the_bell_costs_no_query_of_its_own(client_as, users, notes, django_assert_num_queries):
    client = client_as(users.advisor)
    client.get("/notifications/settings/")
    # session, user (with the unread count), the muted kinds: nothing for the bell.
    with django_assert_num_queries(3):
        html = client.get("/notifications/settings/").content.decode()
    assert '<span class="count">2</span>' in html


def test_the_inbox_takes_a_fixed_number_of_queries(client_as, users, django_assert_max_num_queries):
    client = client_as(users.advisor)
    for n in range(2):
        notify(users.advisor, Kind.OPEN_SHIFT, f"提醒{n}", "/advisors/month/", f"shift-{n}")
    with django_assert_max_num_queries(5) as few:
        client.get("/notifications/")
    for n in range(2, 25):
        notify(users.advisor, Kind.OPEN_SHIFT, f"提醒{n}", "/advisors/month/", f"shift-{n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get("/notifications/").content.decode()
    assert html.count('class="card notification') == 25
