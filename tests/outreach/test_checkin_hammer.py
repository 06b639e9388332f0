"""One event hammered by many threads (own connections, PostgreSQL) with retries, then cancelled mid-run.

Each phone is posted by two threads, each post sent twice (a retry after a lost answer, a double scan).
Meanwhile a coordinator cancels the event. Afterwards: one row per phone, every 201 matches a row and
no phone got two; after the cancel, nothing new: the rows counted inside the cancelling transaction
(under its FOR UPDATE, which waits for the check-ins holding FOR SHARE) are all the rows there are,
and no check-in sent after the cancel returned was created.
"""

import threading
import time

import pytest
from django.db import connection, connections, transaction
from django.db.models import Count
from rest_framework.test import APIClient

from outreach import services
from outreach.models import CheckIn, Event

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

THREADS, PHONES = 12, 240


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite serializes every writer, so there is no race to test")


def test_retries_and_a_concurrent_cancel_leave_one_row_per_phone_and_nothing_after(event, attendee, users):
    phones = [f"139{n:08d}" for n in range(PHONES)]
    # Phone n is posted by threads n and n+1 (mod THREADS), twice each.
    jobs = [[] for _ in range(THREADS)]
    for n, phone in enumerate(phones):
        for thread in (n % THREADS, (n + 1) % THREADS):
            jobs[thread] += [phone, phone]
    answers = []  # (phone, status, reason, when the request was sent)
    lock = threading.Lock()
    start = threading.Barrier(THREADS + 1)
    cancel_done = {}

    def client(mine):
        api = APIClient()
        try:
            start.wait()
            for phone in mine:
                began = time.monotonic()
                response = api.post(f"/api/checkin/{event.checkin_secret}/", attendee(phone=phone), format="json")
                body = response.json()
                with lock:
                    answers.append((phone, response.status_code, body.get("reason"), began))
        finally:
            connections.close_all()

    def cancel():
        try:
            start.wait()
            while CheckIn.objects.filter(event=event).count() < PHONES // 3:
                time.sleep(0.005)
            with transaction.atomic():
                services.set_status(users.coordinator, event, Event.Status.CANCELLED)
                # Under the event's FOR UPDATE: every check-in that ever commits has committed by now.
                cancel_done["rows"] = CheckIn.objects.filter(event=event).count()
            cancel_done["at"] = time.monotonic()
        finally:
            connections.close_all()

    threads = [threading.Thread(target=client, args=(mine,)) for mine in jobs]
    threads.append(threading.Thread(target=cancel))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads)

    assert "at" in cancel_done, "the cancel never committed"
    rows = CheckIn.objects.filter(event=event)
    assert not rows.values("phone").annotate(n=Count("id")).filter(n__gt=1).exists()  # one row per phone
    assert rows.count() == cancel_done["rows"]  # nothing committed after the cancel took its lock
    assert PHONES // 3 <= rows.count() < PHONES  # the cancel came in the middle of the run

    created = [phone for phone, code, _reason, _at in answers if code == 201]
    assert len(created) == len(set(created)) == rows.count()
    assert set(created) == set(rows.values_list("phone", flat=True))
    stored = set(created)
    for phone, code, reason, at in answers:
        assert code in (200, 201, 410), (phone, code, reason)
        if code == 200:
            assert phone in stored  # "already checked in" only ever names a stored row
        if code == 410:
            assert reason == "cancelled"
        if at > cancel_done["at"]:
            assert code != 201, "a check-in sent after the cancel committed was created"
    assert len(answers) == 4 * PHONES
    assert any(code == 410 for _phone, code, _reason, _at in answers)
