"""Coverage test data, written with the ORM directly (the other features' services are built in
parallel): events with audiences and check-ins, duty shifts, legal-savvy terms, assignments."""

import itertools
from datetime import date, datetime, time
from decimal import Decimal

import pytest
from django.utils import timezone, translation
from rest_framework.test import APIClient

from advisors.models import Advisor, Assignment, DutyShift
from common.periods import business_tz
from legalsavvy.models import LegalSavvyPerson, LegalSavvyTerm
from outreach.models import CheckIn, Event, EventAudience

_serial = itertools.count(1)


@pytest.fixture(autouse=True)
def english(client):
    """Tests read the English texts (the site's default language is Chinese); the Chinese
    catalogue has its own tests."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def api_as():
    def login(user, language="en"):
        client = APIClient(HTTP_ACCEPT_LANGUAGE=language)
        client.force_authenticate(user=user)
        return client

    return login


def local(text):
    """'2023-12-31 23:30' → an aware datetime in Asia/Shanghai."""
    return timezone.make_aware(datetime.fromisoformat(text), business_tz())


def make_event(
    area, starts="2023-06-01 09:00", *, status="held", audiences=("general",), walk_ins=0, checkins=(), title=None
):
    """An event at ``area``; ``checkins`` is a list of home villages (Area or None), of
    (home village, annulled) pairs, or of dicts (home, annulled, age_group, gender, occupation)."""
    n = next(_serial)
    start = local(starts) if isinstance(starts, str) else starts
    event = Event.objects.create(
        title=title or f"普法讲座 {n}",
        area=area,
        starts_at=start,
        ends_at=start + timezone.timedelta(hours=2),
        status=status,
        walk_in_count=walk_ins,
        checkin_secret=f"secret-{n}-{start.timestamp()}",
    )
    EventAudience.objects.bulk_create([EventAudience(event=event, audience=a) for a in audiences])
    rows = []
    for i, item in enumerate(checkins):
        if isinstance(item, dict):
            item = dict(item)
            home, annulled = item.pop("home", None), item.pop("annulled", False)
        else:
            home, annulled = item if isinstance(item, tuple) else (item, False)
            item = {}
        rows.append(
            CheckIn(
                event=event,
                name=f"居民{i}",
                phone=f"139{n:04d}{i:04d}"[:11],
                home_village=home,
                annulled=annulled,
                **{"age_group": "36_59", "occupation": "farmer", **item},
            )
        )
    CheckIn.objects.bulk_create(rows)
    return event


@pytest.fixture
def advisor(db):
    return Advisor.objects.create(name="李律师", firm="井岸律师事务所")


def make_shift(advisor, village, day, hours, mode="office"):
    day = date.fromisoformat(day) if isinstance(day, str) else day
    return DutyShift.objects.create(
        advisor=advisor,
        village=village,
        date=day,
        start_time=time(9, 0),
        end_time=time(17, 0),
        hours=Decimal(str(hours)),
        mode=mode,
    )


def assign(advisor, village, starts_on="2020-01-01", ends_on=None):
    return Assignment.objects.create(
        advisor=advisor,
        village=village,
        starts_on=date.fromisoformat(starts_on),
        ends_on=date.fromisoformat(ends_on) if ends_on else None,
    )


def make_savvy(village, appointed_on="2020-01-01", removed_on=None, name=None):
    appointed = date.fromisoformat(appointed_on)
    removed = date.fromisoformat(removed_on) if removed_on else None
    person = LegalSavvyPerson.objects.create(
        name=name or f"明白人{next(_serial)}",
        village=village,
        appointed_on=appointed,
        status="removed" if removed else "active",
        removed_on=removed,
    )
    LegalSavvyTerm.objects.create(person=person, village=village, appointed_on=appointed, removed_on=removed)
    return person


def complete_village(village, advisor, year=2023):
    """Data that meets every obligation for ``year``: 4 events (youth and elderly among them, each
    attended by one resident of that age), 8 h of duty every month, four legal-savvy persons, an
    assigned advisor."""
    assign(advisor, village)
    for quarter, audiences in enumerate([("youth",), ("elderly",), ("general",), ("women",)]):
        age = {"youth": "under_18", "elderly": "60_plus"}.get(audiences[0])
        make_event(
            village,
            f"{year}-{3 * quarter + 2:02d}-10 10:00",
            audiences=audiences,
            walk_ins=4 if age else 5,  # 5 attendees at each event either way
            checkins=[{"home": village, "age_group": age}] if age else (),
        )
    for month in range(1, 13):
        make_shift(advisor, village, f"{year}-{month:02d}-05", 8)
    for _ in range(4):
        make_savvy(village)
