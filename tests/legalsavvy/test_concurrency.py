"""Under real concurrency (PostgreSQL, one connection per thread): the same person registered by
ten officers at once is registered once; a removal raced by a second removal happens once."""

import datetime as dt
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from rest_framework.test import APIClient

from legalsavvy import services
from legalsavvy.models import LegalSavvyPerson, LegalSavvyTerm

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite serializes every writer, so there is no race to test")


def race(job, threads=10):
    start = threading.Barrier(threads)
    results, lock = [], threading.Lock()

    def worker():
        try:
            start.wait()
            result = job()
            with lock:
                results.append(result)
        finally:
            connections.close_all()

    workers = [threading.Thread(target=worker) for _ in range(threads)]
    for worker_thread in workers:
        worker_thread.start()
    for worker_thread in workers:
        worker_thread.join(timeout=120)
    return results


def test_ten_officers_registering_the_same_person_register_them_once(areas, users):
    def post():
        client = APIClient()
        client.force_authenticate(users.town_officer)
        return client.post(
            "/api/legal-savvy-persons/",
            {"name": "陈大文", "village": areas.jianfeng.code, "appointed_on": "2023-04-01", "phone": "13800138000"},
            format="json",
        ).status_code

    assert sorted(race(post)) == [201] + [400] * 9
    assert LegalSavvyPerson.objects.count() == 1 and LegalSavvyTerm.objects.count() == 1


def test_racing_removals_close_the_term_once(areas):
    person = services.appoint_person(village=areas.jianfeng, name="陈大文", appointed_on=dt.date(2023, 1, 1))

    def remove():
        try:
            services.remove_person(person, dt.date(2023, 6, 1), "迁出")
            return "removed"
        except ValidationError:  # the losers are told it is already done (a Refusal is one)
            return "ValidationError"
        except Exception as exc:
            return type(exc).__name__

    results = race(remove)
    assert sorted(results) == ["ValidationError"] * 9 + ["removed"]
    assert list(LegalSavvyTerm.objects.values_list("removed_on", flat=True)) == [dt.date(2023, 6, 1)]
