"""Under real concurrency (PostgreSQL, one connection per thread) a phone is counted once."""

import threading

import pytest
from django.db import connection, connections
from rest_framework.test import APIClient

from outreach.models import CheckIn, Event

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite serializes every writer, so there is no race to test")


def post(secret, body):
    response = APIClient().post(f"/api/checkin/{secret}/", body, format="json")
    return response.status_code, response.json()


def run_in_threads(jobs_per_thread):
    """Run each thread's list of jobs (callables) after a common start; one connection per thread."""
    start = threading.Barrier(len(jobs_per_thread))
    results = []
    lock = threading.Lock()

    def worker(jobs):
        try:
            start.wait()
            for job in jobs:
                result = job()
                with lock:
                    results.append(result)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(jobs,)) for jobs in jobs_per_thread]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def test_twenty_threads_checking_in_the_same_phone_count_once(event, attendee):
    results = run_in_threads([[lambda: post(event.checkin_secret, attendee())] for _ in range(20)])

    codes = sorted(code for code, _body in results)
    assert codes == [200] * 19 + [201]
    first = CheckIn.objects.get(event=event)
    assert {body["checked_in_at"] for _code, body in results} == {
        body["checked_in_at"] for code, body in results if code == 201
    }
    assert sorted(body["status"] for _code, body in results) == ["already_checked_in"] * 19 + ["ok"]
    assert first.phone == "13800138000"
    assert Event.objects.with_attendee_count().get(pk=event.pk).attendee_count == 1


def test_two_hundred_distinct_phones_in_parallel_all_count(event, attendee):
    phones = [f"139{i:08d}" for i in range(200)]
    jobs = [lambda phone=phone: post(event.checkin_secret, attendee(phone=phone)) for phone in phones]
    results = run_in_threads([jobs[i::20] for i in range(20)])

    assert [code for code, _body in results] == [201] * 200
    assert CheckIn.objects.filter(event=event).count() == 200
    assert set(CheckIn.objects.values_list("phone", flat=True)) == set(phones)
    assert Event.objects.with_attendee_count().get(pk=event.pk).attendee_count == 200


def test_the_unique_constraint_alone_stops_double_counting(event, attendee, monkeypatch):
    """Take away the event lock and the pre-check: twenty racing inserts of one phone still
    leave one row, because the partial unique index refuses the others (answered as repeats)."""
    from outreach import services

    seen = threading.local()
    real_lookup = services.checkin._live_checkin

    def blind_first_lookup(event, phone):
        if not getattr(seen, "looked", False):
            seen.looked = True
            return None
        return real_lookup(event, phone)

    monkeypatch.setattr(services.checkin, "_lock_event", lambda event: Event.objects.get(pk=event.pk))
    monkeypatch.setattr(services.checkin, "_live_checkin", blind_first_lookup)
    results = run_in_threads([[lambda: post(event.checkin_secret, attendee())] for _ in range(20)])

    assert sorted(code for code, _body in results) == [200] * 19 + [201]
    assert CheckIn.objects.filter(event=event).count() == 1
