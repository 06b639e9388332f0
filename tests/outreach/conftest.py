"""Fixtures for events and check-in: an organizer's event open for check-in now, attendee data."""

from datetime import timedelta

import pytest
from django.utils import timezone

from outreach import services
from outreach.models import Event


@pytest.fixture
def make_event(users, areas):
    """make_event(**fields) → an event by ``organizer`` (default: starts in 30 minutes, lasts 2 h,
    held at 尖峰村), created through the service like the pages and the API do."""

    def make(organizer=None, **fields):
        start = fields.pop("starts_at", None) or timezone.now() + timedelta(minutes=30)
        data = {
            "title": "以案释法进村居",
            "kind": Event.Kind.LECTURE,
            "sector": Event.Sector.VILLAGES,
            "area": areas.jianfeng,
            "venue": "村委会礼堂",
            "starts_at": start,
            "ends_at": start + timedelta(hours=2),
            "audiences": ["general", "elderly"],
            "topics": ["民法典"],
        }
        data.update(fields)
        return services.create_event(organizer or users.organizer, data)

    return make


@pytest.fixture
def event(make_event):
    return make_event()


@pytest.fixture
def other_event(make_event, users):
    return make_event(organizer=users.other_organizer, title="反诈宣传", area=users.other_organizer.scope)


@pytest.fixture
def attendee(areas):
    """attendee(**overrides) → the body an attendee's phone posts."""

    def build(**overrides):
        data = {
            "name": "陈小梅",
            "phone": "138 0013 8000",
            "gender": "female",
            "age_group": "36_59",
            "occupation": "farmer",
            "home_village": areas.jianfeng.code,
            "consent": True,
        }
        data.update(overrides)
        return data

    return build
