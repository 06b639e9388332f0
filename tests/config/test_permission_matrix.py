"""Every page and API route × every role × own/other scope, from the URL resolver (issue 11).

The table is tests/config/permission_matrix.py (one row per URL name): a new route without a row
fails ``test_every_route_has_a_row``; each cell of each row is asserted by ``test_the_matrix``.
Set MATRIX_OBSERVE=1 to print the statuses actually seen (to fill in a new row, then check it by hand).
"""

import os
from types import SimpleNamespace

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.activation import issue_link
from accounts.models import User
from accounts.tokens import create_token
from advisors.services import ensure_poster
from places.models import Area
from tests.api.conftest import ledger  # noqa: F401  (the fixture: two of everything, 井岸镇 and 白蕉镇)
from tests.conftest import make_user

from .permission_matrix import MARKERS, MATRIX, ROLES

SKIPPED_NAMESPACES = {"admin"}  # Django's admin keeps its own staff-only checks


def route_names(patterns=None, namespace=None):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or namespace
            if inner in SKIPPED_NAMESPACES:
                continue
            yield from route_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            if pattern.name is None:
                yield f"<unnamed {pattern.pattern}>"
            else:
                yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def test_every_route_has_a_row():
    names = set(route_names())
    assert sorted(names - set(MATRIX)) == [], "add a row to tests/config/permission_matrix.py"
    assert sorted(set(MATRIX) - names) == [], "rows for routes that no longer exist"


@pytest.fixture
def matrix(ledger):  # noqa: F811
    xiangzhou = Area.objects.create(code="440402", name="香洲区", level="district")
    users = ledger.users
    people = {
        "anonymous": None,
        "advisor": users.advisor,
        "organizer": users.organizer,
        "officer": users.town_officer,
        "other_officer": users.other_town_officer,
        "other_coordinator": make_user("xz_coord", "coordinator", xiangzhou),
        "coordinator": users.coordinator,
    }
    newcomer = User.objects.create_user("newcomer", role="advisor", scope=ledger.areas.jingan)
    _, secret = issue_link(newcomer, by=None)
    token, _ = create_token(by=users.coordinator, user=users.coordinator, name="matrix")
    ledger.extra = SimpleNamespace(
        secret=secret,
        token=token,
        poster_a=ensure_poster(ledger.areas.jianfeng),
        checkin=ledger.event_a.checkins.first(),
    )
    return SimpleNamespace(ledger=ledger, people=people)


def _kwargs(builder, records):
    return builder(records) if callable(builder) else dict(builder)


def test_the_matrix(matrix):
    observe = os.environ.get("MATRIX_OBSERVE") == "1"
    clients = {}
    for role, person in matrix.people.items():
        client = Client(raise_request_exception=False)
        if person is not None:
            client.force_login(person)
        clients[role] = client
    failures, seen = [], {}
    for name, row in MATRIX.items():
        variants = [("own", row.own, row.own_expect)]
        if row.other is not None:
            variants.append(("other", row.other, row.other_expect))
        for variant, builder, expect in variants:
            url = reverse(name, kwargs=_kwargs(builder, matrix.ledger))
            if row.query:
                url += "?" + row.query
            statuses = []
            for role in ROLES:
                response = clients[role].get(url)
                statuses.append(str(response.status_code))
                if response.status_code == 200 and variant == "own":
                    body = b"".join(response.streaming_content) if response.streaming else response.content
                    text = body.decode("utf-8", "replace")
                    for kind in row.leaks:
                        marker, allowed = MARKERS[kind]
                        if (marker in text) != (role in allowed):
                            failures.append(
                                f"{name} as {role}: {kind} marker {marker!r} {'missing' if role in allowed else 'LEAKED'}"
                            )
            got = " ".join(statuses)
            seen[(name, variant)] = got
            if not observe and got != expect:
                failures.append(f"{name} [{variant}] {url}: expected {expect}, got {got}")
    if observe:
        for (name, variant), got in seen.items():
            print(f"{name:40s} {variant:5s} {got}")
    assert failures == [], "\n".join(failures)
