"""The reminder rules. Each takes the local moment ``now`` and returns ``Reminder`` rows (user,
kind, message — a ``Message`` code plus parameters, rendered when read — url, period_key), computed in a fixed number of queries whatever the number of
users, villages or records; ``send_reminders`` hands each row to ``notify``."""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, DecimalField, Exists, F, Func, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.urls import reverse

from accounts.models import User
from advisors.models import Assignment, DutyShift
from common.clock import local_midnight, month_bounds
from outreach.models import Event
from places.models import Area

from .messages import Message
from .models import Kind
from .waiting import events_not_marked, shifts_waiting

DUTY_CHECK_FROM_DAY = 20  # "by the 20th": the pro-rata check starts on this day of the month
WAITING_AFTER_DAY = 25  # officers are reminded of waiting shifts after this day of the month
HOURS = DecimalField(max_digits=12, decimal_places=2)


@dataclass(frozen=True)
class Reminder:
    user: User
    kind: str
    message: Message  # a code and parameters; str(message) renders it in the active language
    url: str
    period_key: str


def month_key(day):
    return f"{day:%Y-%m}"


def week_key(day):
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


def hours_text(value):
    """Hours as people write them: 3, 5.3, 10 (not 3.00 or 1E+1)."""
    return format(Decimal(value).quantize(Decimal("0.1")).normalize(), "f")


def pro_rata_hours(day, since=None):
    """What a village should have by ``day``: the monthly hours × days elapsed / days in the month
    (counting from ``since`` when the assignment began later in the month)."""
    first, last = month_bounds(day.year, day.month)
    start = max(first, since) if since else first
    elapsed = (day - start).days + 1
    return (Decimal(settings.DUTY_HOURS_PER_VILLAGE_MONTH) * elapsed / last.day).quantize(Decimal("0.1"))


def duty_behind(now):
    """From the 20th: advisors (with a login) below the pro-rata hours in a village they serve today.
    One query."""
    today = now.date()
    if today.day < DUTY_CHECK_FROM_DAY:
        return []
    first, _last = month_bounds(today.year, today.month)
    hours = (
        DutyShift.objects.filter(advisor=OuterRef("advisor"), village=OuterRef("village"), date__range=(first, today))
        .order_by()
        .values("advisor")
        .annotate(total=Coalesce(Sum("hours"), Value(Decimal("0"))))
        .values("total")[:1]
    )
    rows = (
        Assignment.objects.in_force(today)
        .filter(advisor__user__isnull=False, advisor__user__is_active=True, advisor__active=True)
        .annotate(done=Coalesce(Subquery(hours, output_field=HOURS), Value(Decimal("0")), output_field=HOURS))
        .filter(done__lt=pro_rata_hours(today))
        .select_related("advisor__user", "village")
        .order_by("advisor_id", "village__code")
    )
    behind = defaultdict(list)
    for row in rows:
        target = pro_rata_hours(today, since=row.starts_on)
        if row.done < target:
            behind[row.advisor.user].append(
                {"village": row.village.name, "done": hours_text(row.done), "target": hours_text(target)}
            )
    url = reverse("advisors:my_month")
    return [
        Reminder(
            user,
            Kind.DUTY_BEHIND,
            Message(Kind.DUTY_BEHIND, {"required": settings.DUTY_HOURS_PER_VILLAGE_MONTH, "villages": villages}),
            url,
            month_key(today),
        )
        for user, villages in behind.items()
    ]


def open_shifts(now):
    """Shifts started on an earlier day and still without an end time: one reminder per shift. One query."""
    rows = (
        DutyShift.objects.filter(end_time__isnull=True, date__lt=now.date(), advisor__user__isnull=False)
        .select_related("advisor__user", "village")
        .order_by("date", "id")
    )
    return [
        Reminder(
            shift.advisor.user,
            Kind.OPEN_SHIFT,
            Message(Kind.OPEN_SHIFT, {"village": shift.village.name, "date": shift.date.isoformat()}),
            reverse("advisors:shift_detail", args=[shift.pk]),
            f"shift-{shift.pk}",
        )
        for shift in rows
    ]


def officers_with_waiting_shifts(now):
    """After the 25th: town officers with shifts of their area waiting for approval. One query."""
    today = now.date()
    if today.day <= WAITING_AFTER_DAY:
        return []
    waiting = (
        shifts_waiting()
        .filter(village__code__startswith=OuterRef("scope__code"), date__lte=today)
        .order_by()
        .annotate(n=Func(F("id"), function="COUNT"))
        .values("n")
    )
    officers = (
        User.objects.filter(role=User.Role.TOWN_OFFICER, is_active=True, scope__isnull=False)
        .annotate(waiting=Coalesce(Subquery(waiting), Value(0)))
        .filter(waiting__gt=0)
        .order_by("id")
    )
    url = reverse("advisors:ledger") + "?approval=pending"
    return [
        Reminder(
            officer,
            Kind.SHIFTS_WAITING,
            Message(Kind.SHIFTS_WAITING, {"count": officer.waiting}),
            url,
            month_key(today),
        )
        for officer in officers
    ]


def organizers_with_unmarked_events(now):
    """Organizers whose events have ended without being marked held or cancelled; weekly. One query."""
    rows = (
        events_not_marked(now)
        .filter(organizer__isnull=False, organizer__is_active=True)
        .values("organizer")
        .annotate(n=Count("id"))
        .order_by("organizer")
    )
    counts = {row["organizer"]: row["n"] for row in rows}
    if not counts:
        return []
    url = reverse("outreach:event_list")
    return [
        Reminder(
            user,
            Kind.EVENTS_UNMARKED,
            Message(Kind.EVENTS_UNMARKED, {"count": counts[user.pk]}),
            url,
            week_key(now.date()),
        )
        for user in User.objects.filter(pk__in=counts).order_by("id")
    ]


def quarter_start(day):
    return datetime.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def coordinator_digest(now):
    """Weekly: each coordinator's count of villages in scope with no event this quarter. Two queries."""
    today = now.date()
    start = local_midnight(quarter_start(today))
    had_event = Event.objects.filter(area=OuterRef("pk"), starts_at__gte=start, starts_at__lte=now).exclude(
        status=Event.Status.CANCELLED
    )
    uncovered = list(
        Area.objects.villages()
        .active()
        .annotate(covered=Exists(had_event))
        .filter(covered=False)
        .values_list("code", flat=True)
    )
    coordinators = User.objects.filter(Q(role=User.Role.COORDINATOR), is_active=True).select_related("scope")
    url = reverse("coverage:gaps")
    reminders = []
    for user in coordinators.order_by("id"):
        prefix = user.scope.code if user.scope_id else ""
        count = sum(1 for code in uncovered if code.startswith(prefix))
        if count:
            reminders.append(
                Reminder(
                    user,
                    Kind.COVERAGE_DIGEST,
                    Message(Kind.COVERAGE_DIGEST, {"count": count}),
                    url,
                    week_key(today),
                )
            )
    return reminders


RULES = (duty_behind, open_shifts, officers_with_waiting_shifts, organizers_with_unmarked_events, coordinator_digest)
