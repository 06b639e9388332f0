"""Organizer pages and API lists run a fixed number of queries: 1 row or many, the same cap."""

import pytest
from django.urls import reverse

from advisors.models import Advisor
from outreach.models import CheckIn

pytestmark = pytest.mark.django_db

AGES = ["under_18", "18_35", "36_59", "60_plus"]


def fill(event, n):
    CheckIn.objects.bulk_create(
        [
            CheckIn(
                event=event,
                name=f"人{i}",
                phone=f"139{i:08d}",
                age_group=AGES[i % 4],
                occupation="farmer",
                home_village=event.area,
                method="organizer",
            )
            for i in range(n)
        ]
    )


@pytest.fixture(params=[1, 40], ids=["one", "many"])
def rows(request, make_event):
    """``rows.n`` events, each with ``rows.n`` check-ins and two advisors."""
    advisors = [Advisor.objects.create(name=f"律师{i}") for i in range(2)]
    events = []
    for i in range(request.param):
        event = make_event(title=f"活动{i}", advisors=advisors)
        fill(event, request.param)
        events.append(event)
    return type("Rows", (), {"n": request.param, "events": events, "event": events[0]})


def test_event_list_page(client_as, users, rows, django_assert_max_num_queries):
    client = client_as(users.organizer)
    with django_assert_max_num_queries(5):
        response = client.get(reverse("outreach:event_list"))
    assert len(response.context["page"].object_list) == rows.n


def test_event_page(client_as, users, rows, django_assert_max_num_queries):
    client = client_as(users.organizer)
    # + 1: the labels of the event's vocabulary topics; + 2: the attendees' feedback, aggregated
    with django_assert_max_num_queries(11):
        response = client.get(reverse("outreach:event_detail", args=[rows.event.pk]))
    assert response.context["counts"]["checkins"] == rows.n


def test_counts_json(client_as, users, rows, django_assert_max_num_queries):
    client = client_as(users.organizer)
    with django_assert_max_num_queries(4):
        assert client.get(reverse("outreach:event_counts", args=[rows.event.pk])).json()["checkins"] == rows.n


def test_attendee_page(client_as, users, rows, django_assert_max_num_queries):
    client = client_as(users.organizer)
    with django_assert_max_num_queries(5):
        response = client.get(reverse("outreach:event_attendees", args=[rows.event.pk]))
    assert len(response.context["rows"]) == rows.n


def test_csv_export(client_as, users, rows, django_assert_max_num_queries):
    client = client_as(users.organizer)
    with django_assert_max_num_queries(4):
        response = client.get(reverse("outreach:event_export", args=[rows.event.pk, "csv"]))
        lines = b"".join(response.streaming_content).decode("utf-8-sig").strip().splitlines()
    assert len(lines) == rows.n + 1


def test_check_in_page(client, rows, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        assert client.get(reverse("checkin", args=[rows.event.checkin_secret])).status_code == 200


def test_api_event_list(api_as, users, rows, django_assert_max_num_queries):
    client = api_as(users.organizer)
    with django_assert_max_num_queries(5):
        data = client.get("/api/events/?page_size=500").json()
    assert data["count"] == rows.n
    assert all(row["attendee_count"] == rows.n and len(row["advisors"]) == 2 for row in data["results"])


def test_api_checkin_list(api_as, users, rows, django_assert_max_num_queries):
    client = api_as(users.coordinator)
    with django_assert_max_num_queries(6):
        data = client.get(f"/api/events/{rows.event.pk}/checkins/?page_size=500").json()
    assert data["count"] == rows.n


def test_public_check_in_post(api, rows, django_assert_max_num_queries, attendee):
    with django_assert_max_num_queries(9):
        response = api.post(f"/api/checkin/{rows.event.checkin_secret}/", attendee(phone="13700000000"), format="json")
    assert response.status_code == 201
