"""Coverage: for a period and an area, one row per active village with every obligation, whether it
is met, why not, and a 0–100 score. Feeds the map, the gap list, the dashboard and /api/coverage/.

Reads (a fixed number of queries whatever the number of villages): whether the roll-ups answer the
period (``rollup_time``); then either the villages with their month sums from the roll-ups and their
audiences (coverage/rollup_sql.py, two statements) or the same computed live from the ledgers
(coverage/live.py: villages with correlated sums, check-ins grouped by the event's and by the home
village, audiences, months met); and the district seats, for each village's distance from its seat.

Definitions (see also the map page, which explains them to users):
- events: events with status ``held`` whose area is the village and whose start falls in the
  period (local dates, Asia/Shanghai). Events held at town or district level count for no village.
- attendees: live (not annulled) check-ins at those events plus their walk-in headcounts.
- residents_reached: live check-ins at held events in the period, wherever they were held, whose
  attendee gave this village as home village (attendances, 人次: one person at two events is two).
- duty_hours: the sum of DutyShift.hours in the village dated in the period; duty_hours_required:
  DUTY_HOURS_PER_VILLAGE_MONTH × months in the period (Period.months: a partly covered month counts
  the share of its days, so a custom 1 Jan–15 Jun requires 5.5 × 8 = 44 h).
- legal_savvy: persons active on the period's last day (legalsavvy.quota) vs LEGAL_SAVVY_QUOTA.
- youth/elderly events: held events in the village with the audience youth or students / elderly.
- residents_under_18 / residents_60_plus: those residents' attendances (as residents_reached) whose
  age group is under 18 / 60 and over — the real attendees, beside the events' declared audiences
  (gaps no_youth_reached / no_elderly_reached). The full breakdown by age group, gender and
  occupation is ``coverage/reach.py``.

Score (0–100, documented on the map page):
  30 × min(1, events / expected events)  — one event per started quarter of the period (at least 1)
+ 10 if a youth event was held + 10 if an elderly event was held
+ 30 × min(1, duty hours / required hours)
+ 20 × min(1, legal-savvy persons / quota)
rounded down to a whole number (so 100 means every obligation is fully met).
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.conf import settings

from common.clock import local_date, local_today
from places.models import Area

from .areas import as_of as rollup_as_of
from .areas import readable
from .geo import haversine_km, is_area_geometry
from .live import coverage_queryset, live_facts
from .rollup_sql import village_rows
from .rules import (
    AUDIENCE_ORDER,
    ELDERLY_AUDIENCES,
    YOUTH_AUDIENCES,
    Gap,
    MissingData,
    _gap_reasons,
    expected_events,
    part_value,
    required_duty_hours,
    score,
    score_parts,
)


@dataclass(slots=True)  # slots: a province's 25,000 rows are built and read faster
class VillageCoverage:
    village: str  # code
    name: str
    town: str  # code
    town_name: str
    kind: str | None
    population: int | None
    lat: float | None
    lon: float | None
    coords_approximate: bool
    boundary: dict | None
    events: int
    attendees: int
    residents_reached: int
    duty_shifts: int
    duty_hours: Decimal
    duty_hours_required: Decimal
    home_visits: int
    advisor: str | None
    legal_savvy: int
    legal_savvy_quota: int
    last_event_on: date | None
    days_since_last_event: int | None
    audiences_reached: list
    youth_event: bool
    elderly_event: bool
    distance_km: float | None
    residents_under_18: int = 0
    residents_60_plus: int = 0
    as_of: date | None = None
    # advisors.compliance: months of the period (whole, finished) whose duty reached 8 h, of those due.
    duty_months_met: int = 0
    duty_months: int = 0
    gaps: list = field(default_factory=list)
    gap_reasons: list = field(default_factory=list)
    missing_data: list = field(default_factory=list)
    score: int = 0
    score_parts: dict = field(default_factory=dict)

    @property
    def duty_compliance(self):
        """Duty hours as % of required; None ("no data") when nothing is required."""
        if not self.duty_hours_required:
            return None
        return float((self.duty_hours * 100 / self.duty_hours_required).quantize(Decimal("0.1")))

    @property
    def legal_savvy_ratio(self):
        """Legal-savvy persons as % of the quota; None when the quota is 0."""
        if not self.legal_savvy_quota:
            return None
        return round(self.legal_savvy * 100 / self.legal_savvy_quota, 1)

    @property
    def residents_per_1000(self):
        """Residents reached per 1,000 population; None ("no data") without a population figure."""
        if not self.population:
            return None
        return round(self.residents_reached * 1000 / self.population, 1)

    @property
    def has_location(self):
        return self.lat is not None and self.lon is not None or is_area_geometry(self.boundary)

    @property
    def why(self):
        return " ".join(reason.why for reason in self.gap_reasons)

    def metric(self, name):
        return {
            "score": self.score,
            "events": self.events,
            "duty": self.duty_compliance,
            "legal_savvy": self.legal_savvy_ratio,
            "residents": self.residents_per_1000,
        }[name]


def _district_seats(codes):
    """{district code: (lat, lon)} for the districts of the given village codes (one query)."""
    district_codes = {code[:6] for code in codes}
    if not district_codes:
        return {}
    return {
        code: (lat, lon)
        for code, lat, lon in Area.objects.filter(code__in=district_codes).values_list("code", "lat", "lon")
    }


def build_rows(period, villages, area_code="", *, today=None, paged=False, facts=None):
    """VillageCoverage rows from villages annotated by ``coverage_queryset`` (a queryset or a page),
    or from ``rollup_sql.village_rows`` with the ``facts`` it read from the roll-ups."""
    villages = list(villages)
    today = today or local_today()
    as_of = max(period.start, min(period.end, today))
    required = required_duty_hours(period)
    quota = settings.LEGAL_SAVVY_QUOTA
    expected = expected_events(period)
    if facts is None:
        facts = live_facts(period, villages, area_code, today, paged)
    # Rows from rollup_sql carry their district seat; the live ones look the seats up (one query).
    seated = bool(villages) and hasattr(villages[0], "seat_lat")
    seats = {} if seated else _district_seats([v.code for v in villages])
    compliance = facts.compliance
    rows = []
    for village in villages:
        reached = facts.audiences.get(village.id, ())
        sums = facts.of(village.id)
        last_on = local_date(village.last_event_at) if village.last_event_at else None
        seat = (village.seat_lat, village.seat_lon) if seated else seats.get(village.code[:6], (None, None))
        distance = haversine_km(seat[0], seat[1], village.lat, village.lon)
        row = VillageCoverage(
            village=village.code,
            name=village.name,
            town=village.parent__code or village.code[:9],
            town_name=village.parent__name or "",
            kind=village.kind,
            population=village.population,
            lat=village.lat,
            lon=village.lon,
            coords_approximate=village.coords_approximate,
            boundary=getattr(village, "boundary", None),
            events=sums.events,
            attendees=sums.attendees,
            residents_reached=sums.residents,
            duty_shifts=sums.duty_shifts,
            duty_hours=sums.duty_hours.quantize(Decimal("0.01")),
            duty_hours_required=required,
            home_visits=sums.home_visits,
            advisor=village.advisor_name,
            legal_savvy=village.n_legal_savvy,
            legal_savvy_quota=quota,
            last_event_on=last_on,
            days_since_last_event=max(0, (as_of - last_on).days) if last_on else None,
            audiences_reached=[a for a in AUDIENCE_ORDER if a in reached],
            youth_event=any(a in reached for a in YOUTH_AUDIENCES),
            elderly_event=any(a in reached for a in ELDERLY_AUDIENCES),
            distance_km=round(distance, 1) if distance is not None else None,
            residents_under_18=sums.residents_under_18,
            residents_60_plus=sums.residents_60_plus,
            as_of=as_of,
            duty_months_met=compliance.get(village.id, 0),
            duty_months=compliance.due,
        )
        row.gap_reasons = _gap_reasons(row, period)
        row.gaps = [reason.code for reason in row.gap_reasons]
        if not row.has_location:
            row.missing_data.append(MissingData.NO_COORDINATES.value)
        if not row.population:
            row.missing_data.append(MissingData.NO_POPULATION.value)
        parts = score_parts(row, period, expected)
        row.score = score(parts)
        row.score_parts = {key: part_value(value) for key, value in parts.items()}
        rows.append(row)
    return rows


def rollup_time(period, today=None):
    """When the roll-ups that answer ``period`` were rebuilt ("as of"), or None when its rows are read
    live: the period is not month-aligned (and does not run to today), or a year of it was never
    rolled up, or COVERAGE_FROM_ROLLUPS is off. One query."""
    if not settings.COVERAGE_FROM_ROLLUPS or not readable(period, today):
        return None
    return rollup_as_of(period)


def village_coverage(period, area, *, today=None, with_boundary=False, live=None):
    """One VillageCoverage per active village under ``area`` (an Area or a code), ordered by code.
    ``live``: None reads the period's sums from the roll-ups when they answer it (``rollup_time``),
    True computes them from the ledgers, False reads the roll-ups (the caller asked ``rollup_time``)."""
    area_code = area.code if isinstance(area, Area) else str(area)
    rolled = rollup_time(period, today) is not None if live is None else not live
    if rolled:
        today = today or local_today()
        villages, facts = village_rows(period, today, area_code=area_code, with_boundary=with_boundary)
        return build_rows(period, villages, area_code, today=today, facts=facts)
    villages = coverage_queryset(period, area_code, with_boundary=with_boundary)
    return build_rows(period, villages, area_code, today=today)


def neediest_first(rows):
    """Lowest score first; among equals the most remote (unknown distance last), then by code."""
    return sorted(rows, key=lambda r: (r.score, -(r.distance_km if r.distance_km is not None else -1), r.village))


def gap_groups(rows):
    """[(Gap, [rows failing it, neediest first])] for every gap, in Gap order (empty groups kept)."""
    ordered = neediest_first(rows)
    return [(gap, [row for row in ordered if gap.value in row.gaps]) for gap in Gap]
