"""The annual outreach figures of an area (the numbers of the bureau's annual report).

``annual_figures(year, area)`` computes every key of ``/api/figures/`` (the contract, tests/api/) in a
fixed number of aggregate queries at any area level; the page, the XLSX, the report paragraph and
the API all take their numbers from it. "Under an area" means village codes starting with the
area's code; "in year Y" means the local date in Asia/Shanghai falls in Y.

Definitions beyond the contract's wording (kept here so the page and the README can cite them):
- duty figures count every shift dated in the year (approved or not; an open shift counts with
  0 hours), in any village under the area, including villages made inactive later;
- ``legal_savvy_new``: persons with a term in a village under the area starting in the year
  whose first term anywhere starts in the year — a re-appointment is not "new";
- ``legal_savvy_total`` and the quota are taken on 31 December by ``legalsavvy.quota``.
"""

from datetime import datetime

from django.conf import settings
from django.db.models import Count, Q, Sum
from django.db.models.functions import Substr, TruncMonth
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from advisors.duty import duty_totals
from advisors.models import Assignment, DutyShift
from common.clock import business_tz, year_bounds
from legalsavvy.models import LegalSavvyActivity, LegalSavvyTerm, Training
from legalsavvy.quota import active_terms_q, quota_status
from outreach.models import CheckIn, Event
from places.models import Area
from works.queries import year_awards, year_works

from .figures_sql import DUTY_COUNTERS, database_figures

# (key, label, unit) for the scalar figures, in the order of the report's sentence. The "unit"
# context keeps one-word units (次, 名…) apart from the same English words elsewhere.
FIGURE_ROWS = [
    ("villages", _("Villages and communities"), pgettext_lazy("unit", "villages")),
    ("advisors", _("Legal advisors"), pgettext_lazy("unit", "persons")),
    ("duty_shifts", _("Duty shifts"), pgettext_lazy("unit", "times")),
    ("home_visits", _("of which home visits"), pgettext_lazy("unit", "times")),
    ("duty_hours", _("Hours on duty"), pgettext_lazy("unit", "hours")),
    ("consultation_batches", _("Consultations received"), pgettext_lazy("unit", "batches")),
    ("consultation_people", _("Consultations received"), pgettext_lazy("unit", "person-times")),
    ("contracts_reviewed", _("Village contracts reviewed"), pgettext_lazy("unit", "copies")),
    ("legal_opinions", _("Legal opinions issued"), pgettext_lazy("unit", "copies")),
    ("documents_drafted", _("Documents drafted"), pgettext_lazy("unit", "copies")),
    ("mediations", _("Disputes mediated"), pgettext_lazy("unit", "cases")),
    ("negotiations", _("Negotiations and signings"), pgettext_lazy("unit", "cases")),
    ("legal_aid_cases", _("Legal aid cases"), pgettext_lazy("unit", "cases")),
    ("elections_assisted", _("Village elections assisted"), pgettext_lazy("unit", "sessions")),
    ("phone_consultations", _("Phone consultations"), pgettext_lazy("unit", "times")),
    ("advisor_outreach_sessions", _("Advisors' legal-education sessions"), pgettext_lazy("unit", "sessions")),
    ("events", _("Legal-education events held"), pgettext_lazy("unit", "events")),
    ("event_attendees", _("Event attendees"), pgettext_lazy("unit", "person-times")),
    ("legal_savvy_total", _("Legal-savvy persons at year end"), pgettext_lazy("unit", "persons")),
    ("legal_savvy_new", _("New legal-savvy persons"), pgettext_lazy("unit", "persons")),
    (
        "villages_meeting_legal_savvy_quota",
        _("Villages meeting the legal-savvy quota"),
        pgettext_lazy("unit", "villages"),
    ),
]
SCALAR_KEYS = [key for key, _label, _unit in FIGURE_ROWS]
# Keys whose value is {name: count}.
MAP_KEYS = ["series_episodes", "legal_savvy_activities", "honors"]


def _area(area):
    return area if isinstance(area, Area) else Area.objects.get(code=str(area))


def number(value):
    """Sums come back as None (no rows), int or Decimal; figures are JSON numbers."""
    if value is None:
        return 0
    if isinstance(value, int):
        return value
    value = round(float(value), 2)
    return int(value) if value.is_integer() else value


def held_events(year, code):
    _first, _last, start, end = year_bounds(year)
    return Event.objects.held().filter(area__code__startswith=code, starts_at__gte=start, starts_at__lt=end)


def shifts_in(year, code):
    first, last, _start, _end = year_bounds(year)
    return DutyShift.objects.filter(village__code__startswith=code, date__gte=first, date__lte=last)


def assignments_overlapping(year, code):
    first, last, _start, _end = year_bounds(year)
    return Assignment.objects.filter(
        village__code__startswith=code,
        village__level=Area.Level.VILLAGE,
        village__active=True,
    ).in_force(first, last)


def new_legal_savvy_terms(year, code):
    """Terms under ``code`` starting in the year, of persons with no term starting before the year."""
    first, last, _start, _end = year_bounds(year)
    return LegalSavvyTerm.objects.filter(
        village__code__startswith=code,
        appointed_on__gte=first,
        appointed_on__lte=last,
    ).exclude(person__terms__appointed_on__lt=first)


def _duty_aggregates():
    totals = duty_totals("shifts", "home_visits", "hours")
    aggregates = {"duty_shifts": totals["shifts"], "home_visits": totals["home_visits"], "duty_hours": totals["hours"]}
    aggregates.update({key: Sum(counter) for counter, key in DUTY_COUNTERS.items()})
    return aggregates


def annual_figures(year, area):
    """Every figure of the contract for ``year`` and ``area`` (an Area or its code): 11 queries, the
    nine aggregates of reports/figures_sql.py and the works and awards of works.queries."""
    area = _area(area)
    code = area.code
    year = int(year)
    quota = settings.LEGAL_SAVVY_QUOTA
    rows = database_figures(year_bounds(year), year, code, quota)
    figures = {"year": year, "area": code, "area_name": area.name}

    ((villages, meeting),) = rows["villages"]
    figures["villages"] = villages
    figures["advisors"] = rows["advisors"][0][0]

    (shifts, home_visits, hours, *counters) = rows["duty"][0]
    figures["duty_shifts"] = shifts
    figures["home_visits"] = home_visits
    figures["duty_hours"] = number(hours)
    for key, value in zip(DUTY_COUNTERS.values(), counters):
        figures[key] = number(value)

    by_series = rows["events"]
    figures["events"] = sum(n for _name, n, _walk_ins in by_series)
    figures["event_attendees"] = rows["checkins"][0][0] + sum(number(walk_ins) for _name, _n, walk_ins in by_series)
    figures["series_episodes"] = {name: n for name, n, _walk_ins in by_series if name is not None}

    ((total, new),) = rows["legal_savvy"]
    figures["legal_savvy_total"] = total
    figures["legal_savvy_new"] = new
    figures["villages_meeting_legal_savvy_quota"] = meeting
    figures["legal_savvy_activities"] = {kind: number(n) for kind, n in rows["activities"]}
    figures["honors"] = {f"{title}:{level}:{status}": n for title, level, status, n in rows["honors"]}
    # Extra (not in the contract's list, allowed by it): what the paragraph needs to name villages.
    figures["legal_savvy_quota"] = quota
    figures["honor_villages"] = [
        {"village": v_code, "name": name, "town": town or "", "title": title, "level": level, "status": status}
        for v_code, name, town, title, level, status in rows["honor_villages"]
    ]

    # The year's original works and awards under the area (works.queries: 2 queries).
    figures["works"] = year_works(year, code)
    figures["awards"] = year_awards(year, code)

    from .narrative import chinese_paragraph

    figures["narrative"] = chinese_paragraph(figures, area)
    return figures


# --- Breakdowns for the page and the XLSX ---------------------------------------------------


def monthly_breakdown(year, area):
    """Twelve rows {month, shifts, hours, home_visits, events, attendees}: 3 queries."""
    area = _area(area)
    rows = {
        m: {"month": m, "shifts": 0, "hours": 0, "home_visits": 0, "events": 0, "attendees": 0} for m in range(1, 13)
    }
    duty = (
        shifts_in(year, area.code)
        .annotate(m=TruncMonth("date"))
        .values("m")
        .annotate(**duty_totals("shifts", "hours", "home_visits"))
        .order_by("m")
    )
    for row in duty:
        rows[row["m"].month].update(shifts=row["shifts"], hours=number(row["hours"]), home_visits=row["home_visits"])
    held = held_events(year, area.code)
    events = (
        held.annotate(m=TruncMonth("starts_at", tzinfo=business_tz()))
        .values("m")
        .annotate(n=Count("id"), walk_ins=Sum("walk_in_count"))
        .order_by("m")
    )
    for row in events:
        rows[_month(row["m"])].update(events=row["n"], attendees=number(row["walk_ins"]))
    checkins = (
        CheckIn.objects.filter(event__in=held.values("pk"), annulled=False)
        .annotate(m=TruncMonth("event__starts_at", tzinfo=business_tz()))
        .values("m")
        .annotate(n=Count("id"))
        .order_by("m")
    )
    for row in checkins:
        rows[_month(row["m"])]["attendees"] += row["n"]
    return [rows[m] for m in range(1, 13)]


def _month(value):
    """TruncMonth on a datetime gives an aware datetime; read its month in the business zone."""
    if isinstance(value, datetime) and value.tzinfo is not None:
        value = value.astimezone(business_tz())
    return value.month


def volunteer_side(year, area):
    """Legal-savvy persons' activities and trainings, and who delivered the held events: 5 queries."""
    area = _area(area)
    first, last, _start, _end = year_bounds(year)
    activities = list(
        LegalSavvyActivity.objects.filter(date__gte=first, date__lte=last, person__village__code__startswith=area.code)
        .values("kind")
        .annotate(count=Sum("count"), hours=Sum("hours"), persons=Count("person", distinct=True))
        .order_by("kind")
    )
    labels = dict(LegalSavvyActivity.Kind.choices)
    for row in activities:
        row["label"] = labels.get(row["kind"], row["kind"])
        row["hours"] = number(row["hours"])
    trainings = Training.objects.filter(
        date__gte=first,
        date__lte=last,
        person__village__code__startswith=area.code,
    ).aggregate(sessions=Count("session", distinct=True), persons=Count("person", distinct=True), hours=Sum("hours"))
    held = held_events(year, area.code)
    delivered = held.aggregate(
        with_advisors=Count("id", filter=Q(advisors__isnull=False), distinct=True),
        advisors=Count("advisors", distinct=True),
    )
    savvy = held.aggregate(
        with_legal_savvy=Count("id", filter=Q(legal_savvy_persons__isnull=False), distinct=True),
        legal_savvy_persons=Count("legal_savvy_persons", distinct=True),
    )
    other = held.exclude(other_speakers="").count()
    return {
        "activities": activities,
        "training_sessions": trainings["sessions"] or 0,
        "trained_persons": trainings["persons"] or 0,
        "training_hours": number(trainings["hours"]),
        "events_with_advisors": delivered["with_advisors"],
        "advisors_speaking": delivered["advisors"],
        "events_with_legal_savvy": savvy["with_legal_savvy"],
        "legal_savvy_speaking": savvy["legal_savvy_persons"],
        "events_with_other_speakers": other,
    }


BREAKDOWN_KEYS = [
    "villages",
    "advisors",
    "duty_shifts",
    "home_visits",
    "duty_hours",
    *DUTY_COUNTERS.values(),
    "events",
    "event_attendees",
    "legal_savvy_total",
    "legal_savvy_new",
    "villages_meeting_legal_savvy_quota",
]


def breakdown_by_child(year, area):
    """One row per child area (towns of a district, villages of a town) with the report table's
    columns, plus a row for events held at the area itself (e.g. district-wide broadcasts).

    Grouped by code prefix, so 9 queries whatever the number of children. A child's advisors are
    counted in each child they serve; the total row of the report comes from annual_figures.
    """
    area = _area(area)
    children = list(Area.objects.filter(parent=area).order_by("code").values("code", "name"))
    if not children:
        return []
    length = len(children[0]["code"])
    first, last, _start, _end = year_bounds(year)
    quota = settings.LEGAL_SAVVY_QUOTA
    rows = {c["code"]: {"code": c["code"], "name": c["name"], **dict.fromkeys(BREAKDOWN_KEYS, 0)} for c in children}

    def prefix(field):
        return Substr(field, 1, length)

    def merge(queryset, mapping):
        for row in queryset:
            target = rows.get(row["p"])
            if target is None:  # held at the area itself (a code shorter than a child's)
                target = rows.setdefault(row["p"], {"code": row["p"], "name": None, **dict.fromkeys(BREAKDOWN_KEYS, 0)})
            for key, source in mapping.items():
                target[key] += number(row[source])

    merge(
        quota_status(last, area.code, quota)
        .order_by()
        .annotate(p=prefix("code"))
        .values("p")
        .annotate(n=Count("id"), meeting=Count("id", filter=Q(legal_savvy_active__gte=quota))),
        {"villages": "n", "villages_meeting_legal_savvy_quota": "meeting"},
    )
    merge(
        assignments_overlapping(year, area.code)
        .annotate(p=prefix("village__code"))
        .values("p")
        .annotate(n=Count("advisor", distinct=True)),
        {"advisors": "n"},
    )
    duty = _duty_aggregates()
    merge(
        shifts_in(year, area.code).annotate(p=prefix("village__code")).values("p").annotate(**duty),
        {key: key for key in duty},
    )
    held = held_events(year, area.code)
    merge(
        held.annotate(p=prefix("area__code")).values("p").annotate(n=Count("id"), walk_ins=Sum("walk_in_count")),
        {"events": "n", "event_attendees": "walk_ins"},
    )
    merge(
        CheckIn.objects.filter(event__in=held.values("pk"), annulled=False)
        .annotate(p=prefix("event__area__code"))
        .values("p")
        .annotate(n=Count("id")),
        {"event_attendees": "n"},
    )
    merge(
        LegalSavvyTerm.objects.filter(active_terms_q(last), village__code__startswith=area.code)
        .annotate(p=prefix("village__code"))
        .values("p")
        .annotate(n=Count("person", distinct=True)),
        {"legal_savvy_total": "n"},
    )
    merge(
        new_legal_savvy_terms(year, area.code)
        .annotate(p=prefix("village__code"))
        .values("p")
        .annotate(n=Count("person", distinct=True)),
        {"legal_savvy_new": "n"},
    )
    return [rows[c["code"]] for c in children] + [row for row in rows.values() if row["name"] is None]
