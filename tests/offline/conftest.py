"""Offline sync fixtures: the advisors' duty set-up and the organizers' events, from their own conftests."""

from tests.advisors.conftest import clock, duty, shift_of  # noqa: F401
from tests.outreach.conftest import attendee, event, make_event, other_event  # noqa: F401
