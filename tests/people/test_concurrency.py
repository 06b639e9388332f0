"""Under real concurrency (PostgreSQL, one connection per thread): links and logins stay consistent."""

import threading

import pytest
from django.db import connection, connections

from accounts.activation import issue_link, redeem_link
from accounts.errors import AccountRefused
from accounts.models import ActivationLink, User
from people import services

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite serializes every writer, so there is no race to test")


def run_in_threads(jobs):
    start = threading.Barrier(len(jobs))
    results, lock = [], threading.Lock()

    def worker(job):
        try:
            start.wait()
            try:
                outcome = job()
            except AccountRefused as refusal:
                outcome = refusal.code.value
            with lock:
                results.append(outcome)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def test_ten_new_links_at_once_leave_exactly_one_open(users):
    run_in_threads([lambda: issue_link(users.advisor, by=users.coordinator) for _ in range(10)])
    assert ActivationLink.objects.filter(user=users.advisor).count() == 10
    assert ActivationLink.objects.filter(user=users.advisor, used_at=None, revoked_at=None).count() == 1


def test_a_link_redeemed_twice_at_once_sets_the_password_once(users):
    _, secret = issue_link(users.advisor, by=users.coordinator)
    results = run_in_threads([lambda p=p: redeem_link(secret, p) for p in ("Lantern-river-42", "Harbour-stone-77")])
    assert sorted(str(r) if isinstance(r, str) else "ok" for r in results) == ["link_used", "ok"]


def test_the_same_username_created_twice_at_once_exists_once(users, areas):
    def create():
        return services.create_login(by=users.coordinator, username="twin", role="advisor", scope=areas.jingan)

    results = run_in_threads([create, create])
    assert User.objects.filter(username="twin").count() == 1
    assert sorted("created" if isinstance(r, tuple) else r for r in results) == ["created", "username_taken"]
