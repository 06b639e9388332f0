"""Coverage: for a period and an area, one row per active village with every obligation, whether it
is met, why not, and a 0–100 score. Feeds the map, the gap list, the dashboard and /api/coverage/.

Reads (a fixed number of queries whatever the number of villages):
1. the villages, each annotated by correlated subqueries (events, walk-ins, duty hours, home visits,
   legal-savvy persons active at the period end, last event, advisor);
2. the live check-ins at the period's held events, grouped by the event's village and by the
   attendee's home village (two queries);
3. the audience groups of the held events in those villages (grouped in Python per village);
4. the district seats, for the distance of each village from its district seat;
5. the months whose duty reached the monthly hours (advisors.compliance.compliance_summary).

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

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from advisors.compliance import compliance_summary
from advisors.duty import duty_subqueries
from advisors.models import Assignment, DutyShift
from common.clock import local_date, local_today
from legalsavvy.quota import active_count_subquery
from outreach.models import CheckIn, Event, EventAudience
from places.models import Area

from .areas import as_of as rollup_as_of
from .areas import readable
from .facts import Sums, VillageFacts, rollup_facts
from .geo import haversine_km, is_area_geometry
from .rules import (
    AUDIENCE_ORDER,
    ELDERLY_AUDIENCES,
    YOUTH_AUDIENCES,
    Gap,
    MissingData,
    _gap_reasons,
    part_value,
    required_duty_hours,
    score,
    score_parts,
)


def _count(queryset, group, condition=None):
    """Correlated COUNT of ``queryset`` (filtered on an OuterRef through ``group``), rows matching
    ``condition`` only. Conditions other than the outer reference and the date range go into the
    aggregate's FILTER rather than the WHERE clause: SQLite then looks rows up by the village's
    index instead of scanning the (status, starts_at) index once per village (100× faster)."""
    counted = queryset.order_by().values(group).annotate(n=Count("pk", filter=condition)).values("n")[:1]
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _sum(queryset, group, expression, output_field, condition=None):
    summed = queryset.order_by().values(group).annotate(s=Sum(expression, filter=condition)).values("s")[:1]
    return Coalesce(Subquery(summed, output_field=output_field), Value(0), output_field=output_field)


VILLAGE_FIELDS = ("id", "code", "name", "kind", "population", "lat", "lon", "coords_approximate")
VILLAGE_FIELDS += ("parent__code", "parent__name")


def coverage_queryset(period, area_code, with_boundary=False, *, sums=True):
    """Active villages under ``area_code``, ordered by code, annotated with the point-in-time facts
    (legal-savvy persons active at the period end, last event, advisor) and, with ``sums``, the
    period's live counts (events, walk-ins, duty) — without, build_rows reads those from the roll-ups."""
    last_event = (
        Event.objects.filter(area=OuterRef("pk"), status=Event.Status.HELD, starts_at__lt=period.end_dt)
        .order_by("-starts_at")
        .values("starts_at")[:1]
    )
    advisor = (
        Assignment.objects.filter(village=OuterRef("pk"))
        .in_force(period.start, period.end)
        .order_by("-starts_on")
        .values("advisor__name")[:1]
    )
    villages = Area.objects.villages().active().filter(code__startswith=area_code).order_by("code")
    villages = villages.annotate(
        n_legal_savvy=active_count_subquery(period.end),
        last_event_at=Subquery(last_event),
        advisor_name=Subquery(advisor),
    )
    # Named tuples, not Area instances: a province's 25,000 rows are built in a fraction of the time.
    fields = [*VILLAGE_FIELDS, *(["boundary"] if with_boundary else []), "n_legal_savvy", "last_event_at"]
    fields.append("advisor_name")
    if not sums:
        return villages.values_list(*fields, named=True)
    held = Q(status=Event.Status.HELD)
    events_here = Event.objects.filter(area=OuterRef("pk"), starts_at__gte=period.start_dt, starts_at__lt=period.end_dt)
    duty = duty_subqueries(
        DutyShift.objects.filter(village=OuterRef("pk"), date__gte=period.start, date__lte=period.end),
        "shifts",
        "hours",
        "home_visits",
    )
    return villages.annotate(
        n_events=_count(events_here, "area", held),
        n_walk_ins=_sum(events_here, "area", "walk_in_count", IntegerField(), held),
        n_shifts=duty["shifts"],
        n_duty_hours=duty["hours"],
        n_home_visits=duty["home_visits"],
    ).values_list(*fields, "n_events", "n_walk_ins", "n_shifts", "n_duty_hours", "n_home_visits", named=True)


@dataclass
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


def _audiences_by_village(period, area_code, village_ids=None):
    rows = EventAudience.objects.filter(
        event__status=Event.Status.HELD,
        event__starts_at__gte=period.start_dt,
        event__starts_at__lt=period.end_dt,
    )
    if village_ids is not None:
        rows = rows.filter(event__area_id__in=village_ids)
    else:
        rows = rows.filter(event__area__code__startswith=area_code, event__area__level=Area.Level.VILLAGE)
    found = defaultdict(set)
    for area_id, audience in rows.values_list("event__area_id", "audience").distinct().order_by():
        found[area_id].add(audience)
    return found


def _checkin_counts(period, area_code, village_ids=None):
    """Live check-ins at held events of the period, in two grouped queries (correlated subqueries per
    village cost 4× more): ({village id: check-ins at its events}, {village id: (residents, under 18,
    60 and over)} by the attendees' home village, wherever the event was held)."""
    live = CheckIn.objects.filter(
        annulled=False,
        event__status=Event.Status.HELD,
        event__starts_at__gte=period.start_dt,
        event__starts_at__lt=period.end_dt,
    ).order_by()
    if village_ids is not None:
        at, home = live.filter(event__area_id__in=village_ids), live.filter(home_village_id__in=village_ids)
    else:
        at = live.filter(event__area__code__startswith=area_code)
        home = live.filter(home_village__code__startswith=area_code)
    attendees = dict(at.values_list("event__area_id").annotate(n=Count("pk")))
    residents = {
        village: (n, young, old)
        for village, n, young, old in home.values_list("home_village_id").annotate(
            n=Count("pk"),
            young=Count("pk", filter=Q(age_group=CheckIn.AgeGroup.UNDER_18)),
            old=Count("pk", filter=Q(age_group=CheckIn.AgeGroup.AGE_60_PLUS)),
        )
    }
    return attendees, residents


def _district_seats(codes):
    """{district code: (lat, lon)} for the districts of the given village codes (one query)."""
    district_codes = {code[:6] for code in codes}
    if not district_codes:
        return {}
    return {
        code: (lat, lon)
        for code, lat, lon in Area.objects.filter(code__in=district_codes).values_list("code", "lat", "lon")
    }


def live_facts(period, villages, area_code, today, paged):
    """VillageFacts from the ledgers: the counts annotated by ``coverage_queryset(sums=True)`` and the
    grouped check-in, audience and compliance queries."""
    ids = [v.id for v in villages] if paged else None
    attendees, residents = _checkin_counts(period, area_code, ids)
    sums = {}
    for village in villages:
        n_residents, n_young, n_old = residents.get(village.id, (0, 0, 0))
        sums[village.id] = Sums(
            village.n_events,
            attendees.get(village.id, 0) + village.n_walk_ins,
            village.n_shifts,
            Decimal(village.n_duty_hours or 0),
            village.n_home_visits,
            n_residents,
            n_young,
            n_old,
        )
    return VillageFacts(
        sums,
        _audiences_by_village(period, area_code, ids),
        compliance_summary(
            ids if paged else Area.objects.villages().active().filter(code__startswith=area_code),
            period.start,
            period.end,
            today,
        ),
    )


def build_rows(period, villages, area_code="", *, today=None, paged=False, rolled=False):
    """VillageCoverage rows from villages annotated by ``coverage_queryset`` (a queryset or a page);
    ``rolled``: the period's sums from the roll-ups (the queryset built with ``sums=False``)."""
    villages = list(villages)
    today = today or local_today()
    as_of = max(period.start, min(period.end, today))
    required = required_duty_hours(period)
    quota = settings.LEGAL_SAVVY_QUOTA
    if rolled:
        facts = rollup_facts(period, [v.id for v in villages] if paged else None, area_code, today)
    else:
        facts = live_facts(period, villages, area_code, today, paged)
    seats = _district_seats([v.code for v in villages])
    compliance = facts.compliance
    rows = []
    for village in villages:
        reached = facts.audiences.get(village.id, ())
        sums = facts.of(village.id)
        last_on = local_date(village.last_event_at) if village.last_event_at else None
        seat = seats.get(village.code[:6], (None, None))
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
        parts = score_parts(row, period)
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
    villages = coverage_queryset(period, area_code, with_boundary=with_boundary, sums=not rolled)
    return build_rows(period, villages, area_code, today=today, rolled=rolled)


def neediest_first(rows):
    """Lowest score first; among equals the most remote (unknown distance last), then by code."""
    return sorted(rows, key=lambda r: (r.score, -(r.distance_km if r.distance_km is not None else -1), r.village))


def gap_groups(rows):
    """[(Gap, [rows failing it, neediest first])] for every gap, in Gap order (empty groups kept)."""
    ordered = neediest_first(rows)
    return [(gap, [row for row in ordered if gap.value in row.gaps]) for gap in Gap]
