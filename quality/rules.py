"""The data-quality rules. Each takes an area-code prefix and inclusive local dates and returns
``FlagRow``s in a fixed number of queries (one, unless it says otherwise), whatever the number of
villages or records. A rule only reads: ``quality.compute`` stores the rows as flags."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, F, Q
from django.utils.translation import gettext as _

from advisors.models import DutyShift
from common.clock import business_tz, local_date, local_midnight
from outreach.models import CheckIn, Event

from .models import Flag

Kind, Type = Flag.Kind, Flag.RecordType
SHORTEST_HOURS = Decimal("0.25")  # 15 minutes
LONGEST_HOURS = Decimal("12")
# Every service counted in a shift's counters (batches are groups of the persons, so left out).
SERVICE_COUNTERS = tuple(name for name in DutyShift.COUNTERS if name != "consultation_batches")


@dataclass(frozen=True)
class FlagRow:
    kind: str
    record_type: str
    record_id: int
    area_code: str
    record_date: datetime.date
    why: str

    @property
    def key(self):
        return (self.kind, self.record_type, self.record_id)


def _shifts(prefix, first, last):
    return DutyShift.objects.filter(village__code__startswith=prefix, date__range=(first, last))


def _events(prefix, first, last):
    return (
        Event.objects.filter(area__code__startswith=prefix)
        .filter(starts_at__gte=local_midnight(first), starts_at__lt=local_midnight(last + datetime.timedelta(days=1)))
        .exclude(status=Event.Status.CANCELLED)
    )


def shift_length(prefix, first, last):
    """A finished shift under 15 minutes or over 12 hours."""
    rows = (
        _shifts(prefix, first, last)
        .filter(end_time__isnull=False)
        .filter(Q(hours__lt=SHORTEST_HOURS) | Q(hours__gt=LONGEST_HOURS))
        .values("id", "village__code", "date", "hours")
    )
    flags = []
    for row in rows:
        minutes = int(row["hours"] * 60)
        if row["hours"] < SHORTEST_HOURS:
            kind, why = (
                Kind.SHIFT_TOO_SHORT,
                _("The shift lasted %(minutes)d minutes, under 15.") % {"minutes": minutes},
            )
        else:
            kind, why = (
                Kind.SHIFT_TOO_LONG,
                _("The shift lasted %(hours)s hours, over 12.") % {"hours": f"{row['hours']:g}"},
            )
        flags.append(FlagRow(kind, Type.DUTY_SHIFT, row["id"], row["village__code"], row["date"], why))
    return flags


def implausible_counters(prefix, first, last):
    """A finished shift recording more services (consultations, reviews, mediations …) than minutes."""
    total = sum((F(name) for name in SERVICE_COUNTERS[1:]), F(SERVICE_COUNTERS[0]))
    rows = (
        _shifts(prefix, first, last)
        .filter(end_time__isnull=False)
        .annotate(services=total, minutes=F("hours") * 60)
        .filter(services__gt=F("minutes"))
        .values("id", "village__code", "date", "services", "hours")
    )
    return [
        FlagRow(
            Kind.COUNTERS_IMPLAUSIBLE,
            Type.DUTY_SHIFT,
            row["id"],
            row["village__code"],
            row["date"],
            _("%(services)d services recorded in %(minutes)d minutes: more than one a minute.")
            % {"services": row["services"], "minutes": int(row["hours"] * 60)},
        )
        for row in rows
    ]


def over_population(prefix, first, last):
    """An event in a village counting more attendees than the village's population."""
    rows = (
        _events(prefix, first, last)
        .filter(area__level="village", area__population__gt=0)
        .with_attendee_count()
        .filter(attendee_count__gt=F("area__population"))
        .values("id", "area__code", "area__name", "area__population", "starts_at", "attendee_count")
    )
    return [
        FlagRow(
            Kind.OVER_POPULATION,
            Type.EVENT,
            row["id"],
            row["area__code"],
            local_date(row["starts_at"]),
            _("%(attendees)d attendees, more than the %(population)d people living in %(village)s.")
            % {"attendees": row["attendee_count"], "population": row["area__population"], "village": row["area__name"]},
        )
        for row in rows
    ]


def _live_checkins():
    return CheckIn.objects.filter(annulled=False, personal_data_purged=False).exclude(phone="")


def phone_at_two_events(prefix, first, last):
    """A live check-in whose phone also checked in at another event overlapping it in time. One query:
    the live check-ins around the period of the phones seen at two or more events in it (grouped in
    the database), compared in Python, so no check-in is compared with every other."""
    window = _events("", first - datetime.timedelta(days=1), last + datetime.timedelta(days=1))
    around = _live_checkins().filter(event__in=window)
    repeated = around.values("phone").annotate(events=Count("event", distinct=True)).filter(events__gte=2)
    rows = (
        around.filter(phone__in=repeated.values("phone"))
        .values("id", "phone", "event_id", "event__title", "event__area__code", "event__starts_at", "event__ends_at")
        .order_by("phone", "event__starts_at", "id")
    )
    by_phone = {}
    for row in rows:
        by_phone.setdefault(row["phone"], []).append(row)
    flags = []
    for checkins in by_phone.values():
        for row in checkins:
            day = local_date(row["event__starts_at"])
            if not (row["event__area__code"].startswith(prefix) and first <= day <= last):
                continue
            other = next(
                (
                    o
                    for o in checkins
                    if o["event_id"] != row["event_id"]
                    and o["event__starts_at"] < row["event__ends_at"]
                    and o["event__ends_at"] > row["event__starts_at"]
                ),
                None,
            )
            if other is not None:
                flags.append(
                    FlagRow(
                        Kind.PHONE_TWO_EVENTS,
                        Type.CHECKIN,
                        row["id"],
                        row["event__area__code"],
                        day,
                        _("The same phone checked in at “%(event)s” and at “%(other)s”, which overlap in time.")
                        % {"event": row["event__title"], "other": other["event__title"]},
                    )
                )
    return flags


BURST_WINDOW = datetime.timedelta(minutes=1)


def checkin_bursts(prefix, first, last):
    """An event with QUALITY_BURST_CHECKINS or more self check-ins from one (hashed) client address
    within any 60 seconds. One query: the addresses with that many check-ins at an event are found in
    the database; their check-in times are then slid through a one-minute window."""
    needed = settings.QUALITY_BURST_CHECKINS
    checkins = CheckIn.objects.filter(event__in=_events(prefix, first, last), client_hash__isnull=False)
    busy = checkins.values("event", "client_hash").annotate(n=Count("id")).filter(n__gte=needed)
    rows = (
        checkins.filter(client_hash__in=busy.values("client_hash"))
        .values("event", "event__area__code", "event__starts_at", "client_hash", "created_at")
        .order_by("event", "client_hash", "created_at")
    )
    times = {}
    for row in rows:
        times.setdefault((row["event"], row["client_hash"]), (row, []))[1].append(row["created_at"])
    flags = {}
    for (event, _hash), (row, moments) in times.items():
        count, since = _densest_minute(moments)
        if count < needed or (event in flags and flags[event][0] >= count):
            continue  # the event's biggest burst says why
        why = _("%(count)d check-ins came from one device address within the minute of %(time)s.") % {
            "count": count,
            "time": since.astimezone(business_tz()).strftime("%Y-%m-%d %H:%M"),
        }
        flags[event] = (
            count,
            FlagRow(
                Kind.CHECKIN_BURST,
                Type.EVENT,
                event,
                row["event__area__code"],
                local_date(row["event__starts_at"]),
                why,
            ),
        )
    return [flag for _count, flag in flags.values()]


def _densest_minute(moments):
    """(most check-ins within BURST_WINDOW, the first of them) for sorted moments."""
    best, since, low = 0, None, 0
    for high, moment in enumerate(moments):
        while moment - moments[low] >= BURST_WINDOW:
            low += 1
        if high - low + 1 > best:
            best, since = high - low + 1, moments[low]
    return best, since


def advisor_elsewhere(prefix, first, last):
    """A shift of an advisor at one village while an event they spoke at ran in another area. Two queries."""
    talks = list(
        Event.advisors.through.objects.filter(
            event__starts_at__gte=local_midnight(first - datetime.timedelta(days=1)),
            event__starts_at__lt=local_midnight(last + datetime.timedelta(days=2)),
        )
        .exclude(event__status=Event.Status.CANCELLED)
        .values(
            "advisor_id", "event__title", "event__area_id", "event__area__name", "event__starts_at", "event__ends_at"
        )
    )
    by_advisor = {}
    for talk in talks:
        by_advisor.setdefault(talk["advisor_id"], []).append(talk)
    if not by_advisor:
        return []
    shifts = (
        _shifts(prefix, first, last)
        .filter(advisor_id__in=by_advisor, end_time__isnull=False)
        .values("id", "advisor_id", "advisor__name", "village_id", "village__code", "date", "start_time", "end_time")
    )
    tz = business_tz()
    flags = []
    for shift in shifts:
        start = datetime.datetime.combine(shift["date"], shift["start_time"], tz)
        end = datetime.datetime.combine(shift["date"], shift["end_time"], tz)
        for talk in by_advisor[shift["advisor_id"]]:
            if talk["event__area_id"] == shift["village_id"]:
                continue
            if talk["event__starts_at"] < end and talk["event__ends_at"] > start:
                flags.append(
                    FlagRow(
                        Kind.ADVISOR_ELSEWHERE,
                        Type.DUTY_SHIFT,
                        shift["id"],
                        shift["village__code"],
                        shift["date"],
                        _("While this shift ran, %(advisor)s spoke at “%(event)s” in %(area)s (%(start)s–%(end)s).")
                        % {
                            "advisor": shift["advisor__name"],
                            "event": talk["event__title"],
                            "area": talk["event__area__name"],
                            "start": talk["event__starts_at"].astimezone(tz).strftime("%H:%M"),
                            "end": talk["event__ends_at"].astimezone(tz).strftime("%H:%M"),
                        },
                    )
                )
                break
    return flags


RULES = (shift_length, implausible_counters, over_population, phone_at_two_events, checkin_bursts, advisor_elsewhere)
SHIFT_RULES = (shift_length, implausible_counters, advisor_elsewhere)
EVENT_RULES = (over_population, phone_at_two_events, checkin_bursts)
