"""The period's sums per village that coverage rows are made of, from either source.

``VillageFacts`` holds, per village id, the month sums (events, attendees, duty, residents reached),
the audiences of its held events and its duty compliance. coverage/rows.py builds them live from the
ledgers (``live_facts``); coverage/rollup_sql.py reads them from the roll-ups (coverage.models.AreaMonth)
— whatever the number of shifts, events and check-ins. Point-in-time facts (advisor, legal-savvy
persons, last event) are never month sums: both read them live.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from advisors.compliance import ComplianceSummary

ZERO = Decimal("0")


class Sums(NamedTuple):
    events: int = 0
    attendees: int = 0  # live check-ins at its held events + their walk-ins
    duty_shifts: int = 0
    duty_hours: Decimal = ZERO
    home_visits: int = 0
    residents: int = 0
    residents_under_18: int = 0
    residents_60_plus: int = 0


NONE = Sums()


@dataclass
class VillageFacts:
    sums: dict = field(default_factory=dict)  # village id → Sums
    audiences: dict = field(default_factory=dict)  # village id → {audience}
    compliance: ComplianceSummary = field(default_factory=lambda: ComplianceSummary({}, 0))

    def of(self, village_id):
        return self.sums.get(village_id, NONE)
