"""What one public check-in costs the database on PostgreSQL: a new check-in is one statement (plus the
home village's lookup), with no transaction block, savepoint or separate lock."""

import pytest
from django.db import connection

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("the one-statement write is PostgreSQL's (SQLite keeps the locked path)")


def post(api, event, body):
    return api.post(f"/api/checkin/{event.checkin_secret}/", body, format="json")


def test_a_new_check_in_is_one_statement(api, event, attendee, django_assert_num_queries):
    with django_assert_num_queries(1) as captured:
        assert post(api, event, attendee(home_village="")).status_code == 201
    sql = captured.captured_queries[0]["sql"]
    assert "FOR SHARE" in sql and "ON CONFLICT DO NOTHING" in sql
    assert "SAVEPOINT" not in sql and "FOR UPDATE" not in sql


def test_with_a_home_village_it_is_two(api, event, attendee, django_assert_num_queries):
    with django_assert_num_queries(2):
        assert post(api, event, attendee()).status_code == 201


def test_a_repeat_is_answered_from_the_row_there(api, event, attendee, django_assert_num_queries):
    first = post(api, event, attendee(home_village="")).json()
    with django_assert_num_queries(2):  # the statement (nothing inserted), the live row of that phone
        again = post(api, event, attendee(home_village=""))
    assert again.status_code == 200 and again.json()["checked_in_at"] == first["checked_in_at"]


def test_refusals_keep_their_codes(api, event, users, attendee):
    from outreach import services

    assert post(api, event, {"name": ""}).status_code == 400
    services.set_status(users.coordinator, event, "cancelled")
    response = post(api, event, attendee())
    assert (response.status_code, response.json()["reason"]) == (410, "cancelled")
    bad = post(api, event, {"name": ""})  # a refused event is answered before the attendee's data
    assert (bad.status_code, bad.json()["reason"]) == (410, "cancelled")
    services.rotate_secret(users.coordinator, event)
    response = post(api, event, attendee())  # the old secret
    assert (response.status_code, response.json()["reason"]) == (410, "revoked")
    unknown = api.post("/api/checkin/no-such-secret/", attendee(), format="json")
    assert (unknown.status_code, unknown.json()["reason"]) == (404, "invalid")


def test_post_save_receivers_hear_of_the_new_row(api, event, attendee):
    from django.db.models.signals import post_save

    from outreach.models import CheckIn

    heard = []

    def receiver(sender, instance, created, **kwargs):
        heard.append((instance.pk, instance.phone, instance.event_id, created))

    post_save.connect(receiver, sender=CheckIn, weak=False)
    try:
        post(api, event, attendee(home_village=""))
        post(api, event, attendee(home_village=""))  # a repeat writes nothing: nothing to hear
    finally:
        post_save.disconnect(receiver, sender=CheckIn)
    row = CheckIn.objects.get(event=event)
    assert heard == [(row.pk, "13800138000", event.pk, True)]
