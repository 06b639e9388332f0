"""Duty reads: an advisor's month, the ledger, the monthly compliance grid, per-village totals.

Every function runs a fixed number of aggregate queries (annotate/Sum/Count with filter=Q), never
one per village or per shift, so a town and a province cost the same number of round trips.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, DecimalField, IntegerField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce, ExtractMonth

from accounts.scopes import scope_q
from common.clock import local_today, month_bounds
from places.models import Area

from .access import shifts_visible_to
from .compliance import DutyCompliance, compliance_summary, due_months, month_met, required_hours  # noqa: F401
from .models import Assignment, DutyShift

ZERO = Decimal("0.00")
HOME_VISIT = DutyShift.Mode.HOME_VISIT
HOURS_FIELD = DecimalField(max_digits=12, decimal_places=2)


def duty_totals(*names):
    """The duty sums every summary shows, as aggregates over DutyShift rows, by name: ``hours`` (0
    without shifts), ``shifts``, ``home_visits`` and ``verified``; all four without names. The one
    definition behind the advisor's month, compliance, the villages page, coverage and the figures.
    Conditions go into the aggregates' FILTER, so they also suit the correlated subqueries below."""
    totals = {
        "hours": Coalesce(Sum("hours"), Value(ZERO), output_field=HOURS_FIELD),
        "shifts": Count("id"),
        "home_visits": Count("id", filter=Q(mode=HOME_VISIT)),
        "verified": Count("id", filter=Q(verified_presence=True)),
    }
    return {name: totals[name] for name in names} if names else totals


def duty_subqueries(shifts, *names):
    """``duty_totals`` of each outer village's shifts as correlated subqueries to annotate villages
    with (``shifts`` filters ``village=OuterRef("pk")``): one query for any number of villages."""
    per_village = shifts.order_by().values("village")
    return {
        name: Coalesce(
            Subquery(per_village.annotate(total=aggregate).values("total")[:1]),
            Value(ZERO) if name == "hours" else Value(0),
            output_field=HOURS_FIELD if name == "hours" else IntegerField(),
        )
        for name, aggregate in duty_totals(*names).items()
    }


def assignments_on(advisor, day):
    """The advisor's assignments in force on ``day`` (village and town loaded)."""
    return (
        Assignment.objects.select_related("village", "village__parent")
        .filter(advisor=advisor)
        .in_force(day)
        .order_by("village__code")
    )


def assignments_between(advisor, first, last):
    return (
        Assignment.objects.select_related("village", "village__parent")
        .filter(advisor=advisor)
        .in_force(first, last)
        .order_by("village__code", "starts_on")
    )


def advisor_village_choices(advisor):
    """Villages the advisor has ever been assigned to, current ones first: [(code, label)]."""
    today = local_today()
    rows = (
        Assignment.objects.filter(advisor=advisor)
        .values_list("village__code", "village__name", "village__parent__name", "starts_on", "ends_on")
        .order_by("village__code", "-starts_on")
    )
    current, past, seen = [], [], set()
    for code, name, town, starts_on, ends_on in rows:
        if code in seen:
            continue
        seen.add(code)
        label = f"{name}（{town}）" if town else name
        in_force = starts_on <= today and (ends_on is None or ends_on >= today)
        (current if in_force else past).append((code, label))
    return current + past


def open_shifts(advisor):
    """Shifts started by a poster scan and not finished yet, newest first."""
    return (
        DutyShift.objects.select_related("village")
        .filter(advisor=advisor, end_time__isnull=True)
        .order_by("-date", "-start_time")
    )


@dataclass
class VillageMonth:
    village: Area
    hours: Decimal = ZERO
    shifts: int = 0
    home_visits: int = 0
    verified: int = 0
    required: Decimal = field(default_factory=required_hours)
    assigned: bool = True

    @property
    def under(self):
        return self.hours < self.required

    @property
    def missing(self):
        return max(self.required - self.hours, ZERO)


def advisor_month(advisor, year, month):
    """Hours per village for one advisor and month, against the requirement (2 queries)."""
    first, last = month_bounds(year, month)
    rows = {}
    for assignment in assignments_between(advisor, first, last):
        rows.setdefault(assignment.village_id, VillageMonth(village=assignment.village))
    sums = (
        DutyShift.objects.filter(advisor=advisor, date__range=(first, last))
        .values("village_id")
        .annotate(**duty_totals())
        .order_by()
    )
    missing_villages = [s["village_id"] for s in sums if s["village_id"] not in rows]
    if missing_villages:  # shifts under an assignment that no longer covers the month (rare)
        for village in Area.objects.select_related("parent").filter(pk__in=missing_villages):
            rows[village.pk] = VillageMonth(village=village, assigned=False)
    for row in sums:
        entry = rows[row["village_id"]]
        entry.hours, entry.shifts = row["hours"], row["shifts"]
        entry.home_visits, entry.verified = row["home_visits"], row["verified"]
    return sorted(rows.values(), key=lambda r: r.village.code)


def advisor_month_shifts(advisor, year, month):
    first, last = month_bounds(year, month)
    return (
        DutyShift.objects.select_related("village", "village__parent")
        .filter(advisor=advisor, date__range=(first, last))
        .order_by("date", "start_time")
    )


def ledger_queryset(user):
    """The shifts this user may see, with what the ledger rows print."""
    return shifts_visible_to(
        user, DutyShift.objects.select_related("advisor", "village", "village__parent", "approved_by")
    ).order_by("-date", "-start_time", "-id")


def filter_ledger(
    queryset,
    *,
    town=None,
    village=None,
    advisor=None,
    month=None,
    mode=None,
    approval=None,
    date_after=None,
    date_before=None,
):
    """Ledger filters shared by the page, its exports and bulk approval (all already validated)."""
    if town:
        queryset = queryset.filter(village__code__startswith=town)
    if village:
        queryset = queryset.filter(village__code=village)
    if advisor:
        queryset = queryset.filter(advisor_id=advisor)
    if month:
        first, last = month_bounds(*month)
        queryset = queryset.filter(date__range=(first, last))
    if date_after:
        queryset = queryset.filter(date__gte=date_after)
    if date_before:
        queryset = queryset.filter(date__lte=date_before)
    if mode:
        queryset = queryset.filter(mode=mode)
    if approval == "approved":
        queryset = queryset.filter(approved_at__isnull=False)
    elif approval == "pending":
        queryset = queryset.filter(state=DutyShift.State.SUBMITTED, approved_at__isnull=True, end_time__isnull=False)
    elif approval == "returned":
        queryset = queryset.filter(state=DutyShift.State.RETURNED, approved_at__isnull=True)
    elif approval == "open":
        queryset = queryset.filter(end_time__isnull=True)
    return queryset


# --- compliance -------------------------------------------------------------------------


@dataclass
class Cell:
    month: int
    hours: Decimal = ZERO
    shifts: int = 0
    home_visits: int = 0
    state: str = "future"  # "ok", "under", "current" (month still running) or "future"

    @property
    def under(self):
        return self.state == "under"


@dataclass
class ComplianceRow:
    village: Area
    cells: list
    hours: Decimal = ZERO
    shifts: int = 0
    home_visits: int = 0
    months_under: int = 0
    advisor_names: str = ""
    months_met: int = 0
    months: int = 0  # months due (finished) in the year: advisors.compliance

    @property
    def required(self):
        return required_hours() * self.months

    @property
    def compliance(self):
        return DutyCompliance(self.months_met, self.months)


def villages_in_scope(user, town=None):
    villages = Area.objects.villages().active().filter(scope_q(user, "code")).select_related("parent")
    if town:
        villages = villages.filter(code__startswith=town)
    return villages.order_by("code")


def compliance_grid(user, year, *, town=None, approved_only=False, today=None):
    """Village × month of ``year``: hours against the requirement, shifts, home visits.

    A finished month is "under" when its hours are below the requirement; the running month is
    "current" (not judged yet) and later months "future". Four queries whatever the size."""
    today = today or local_today()
    required = required_hours()
    village_qs = villages_in_scope(user, town)
    villages = list(village_qs)
    first_day, last_day = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    shifts = DutyShift.objects.filter(village__in=village_qs.values("pk"), date__range=(first_day, last_day))
    if approved_only:
        shifts = shifts.filter(approved_at__isnull=False)
    monthly = {}
    for row in (
        shifts.annotate(month=ExtractMonth("date")).values("village_id", "month").annotate(**duty_totals()).order_by()
    ):
        monthly[(row["village_id"], row["month"])] = row
    yearly = {row["village_id"]: row for row in shifts.values("village_id").annotate(**duty_totals()).order_by()}
    names = _advisor_names(village_qs, first_day, last_day)

    due = set(due_months(first_day, last_day, today))
    grid = []
    for village in villages:
        cells = []
        for month in range(1, 13):
            data = monthly.get((village.pk, month), {})
            cell = Cell(
                month=month,
                hours=data.get("hours", ZERO),
                shifts=data.get("shifts", 0),
                home_visits=data.get("home_visits", 0),
            )
            first, last = month_bounds(year, month)
            if (year, month) in due:
                cell.state = "ok" if month_met(cell.hours) else "under"
            elif first <= today:
                cell.state = "ok" if cell.hours >= required else "current"
            cells.append(cell)
        totals = yearly.get(village.pk, {})
        grid.append(
            ComplianceRow(
                village=village,
                cells=cells,
                hours=totals.get("hours", ZERO),
                shifts=totals.get("shifts", 0),
                home_visits=totals.get("home_visits", 0),
                months_under=[c.state for c in cells].count("under"),
                advisor_names=names.get(village.pk, ""),
                months_met=sum(1 for c in cells if (year, c.month) in due and c.state == "ok"),
                months=len(due),
            )
        )
    return grid


def _advisor_names(villages, first, last):
    """{village id: "name, name"} of the advisors assigned during the period (one query)."""
    names = {}
    rows = (
        Assignment.objects.filter(village__in=villages.values("pk"))
        .in_force(first, last)
        .order_by("village_id", "starts_on")
        .values_list("village_id", "advisor__name")
    )
    for village_id, name in rows:
        current = names.setdefault(village_id, [])
        if name not in current:
            current.append(name)
    return {village_id: "、".join(items) for village_id, items in names.items()}


def annotate_duty(villages, first, last):
    """Villages annotated with duty_hours, duty_shift_count and duty_home_visits between two dates (inclusive),
    as correlated subqueries: one query for any number of villages."""
    duty = duty_subqueries(
        DutyShift.objects.filter(village=OuterRef("pk"), date__range=(first, last)), "hours", "shifts", "home_visits"
    )
    return villages.annotate(
        duty_hours=duty["hours"], duty_shift_count=duty["shifts"], duty_home_visits=duty["home_visits"]
    )


def current_assignment_names(villages, day):
    """{village id: advisor} in force on ``day`` for the given villages (one query)."""
    rows = Assignment.objects.select_related("advisor").filter(village__in=villages).in_force(day)
    return {row.village_id: row for row in rows}


def returned_shifts(advisor, limit=20):
    """The advisor's shifts returned for correction, newest first (with the reviewer's comment)."""
    return list(
        DutyShift.objects.select_related("village")
        .filter(advisor=advisor, state=DutyShift.State.RETURNED)
        .order_by("-date", "-start_time")[:limit]
    )
