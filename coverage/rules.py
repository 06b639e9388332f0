"""The coverage rules: gap codes, the score and its weights, and the sentence that says why a village
fails an obligation. Definitions are documented in ``coverage/rows.py`` and on the map page."""

import math
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from outreach.models import Event

YOUTH_AUDIENCES = (Event.Audience.YOUTH, Event.Audience.STUDENTS)
ELDERLY_AUDIENCES = (Event.Audience.ELDERLY,)
AUDIENCE_ORDER = [choice.value for choice in Event.Audience]

# Score weights (sum 100). Change together with the text on the map page and the README.
WEIGHT_EVENTS, WEIGHT_YOUTH, WEIGHT_ELDERLY, WEIGHT_DUTY, WEIGHT_LEGAL_SAVVY = 30, 10, 10, 30, 20
MONTHS_PER_EXPECTED_EVENT = 3


class Gap(models.TextChoices):
    """An obligation a village fails in the period. Codes never change; labels are translated."""

    NO_EVENT = "no_event", gettext_lazy("No outreach event")
    NO_YOUTH_EVENT = "no_youth_event", gettext_lazy("No event for young people")
    NO_ELDERLY_EVENT = "no_elderly_event", gettext_lazy("No event for elderly people")
    DUTY_BELOW_REQUIRED = "duty_below_required", gettext_lazy("Advisor duty below the required hours")
    NO_ADVISOR = "no_advisor", gettext_lazy("No legal advisor")
    LEGAL_SAVVY_BELOW_QUOTA = "legal_savvy_below_quota", gettext_lazy("Legal-savvy persons below quota")
    # From the real attendees (check-ins whose home village it is), not from the events' audiences.
    NO_YOUTH_REACHED = "no_youth_reached", gettext_lazy("No resident under 18 reached")
    NO_ELDERLY_REACHED = "no_elderly_reached", gettext_lazy("No resident aged 60 or over reached")


class MissingData(models.TextChoices):
    """Data the ledger lacks for a village: shown as "no data", never as zero."""

    NO_COORDINATES = "no_coordinates", gettext_lazy("No coordinates")
    NO_POPULATION = "no_population", gettext_lazy("No population figure")


class GapReason:
    """A failed obligation: its code, its label and the sentence saying why. The label and the sentence
    are translated when first read (``why`` is a function of the row until then): a page of a district's
    rows builds only the sentences it shows."""

    __slots__ = ("code", "_gap", "_why")

    def __init__(self, gap, why):
        self.code, self._gap, self._why = gap.value, gap, why

    @property
    def label(self):
        return str(self._gap.label)

    @property
    def why(self):
        if callable(self._why):
            self._why = self._why()
        return self._why

    def __eq__(self, other):
        return isinstance(other, GapReason) and (self.code, self.label, self.why) == (
            other.code,
            other.label,
            other.why,
        )

    def __repr__(self):
        return f"GapReason({self.code!r}, {self.why!r})"


def fmt_number(value):
    """12.50 → "12.5", 96.00 → "96"."""
    if value is None:
        return ""
    text = f"{Decimal(value).quantize(Decimal('0.1'), rounding=ROUND_HALF_UP):f}"
    return text[:-2] if text.endswith(".0") else text


def required_duty_hours(period):
    hours = Decimal(settings.DUTY_HOURS_PER_VILLAGE_MONTH) * period.months
    return hours.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def expected_events(period):
    """One event per started quarter of the period, at least one."""
    return max(1, math.ceil(period.months / MONTHS_PER_EXPECTED_EVENT))


def _exact(value):
    """An int or a Decimal as an exact (numerator, denominator) pair of ints."""
    return (value, 1) if isinstance(value, int) else Decimal(value).as_integer_ratio()


def score_parts(row, period, expected=None):
    """The score's parts as exact (numerator, denominator) pairs of ints, so 30 × 2/3 is exactly 20 (plain
    integers: Fractions cost more than the rest of a row). ``expected``: expected_events(period), when
    the caller scores many rows."""

    def share(weight, value, target):
        if not target or value >= target:
            return weight, 1
        (vn, vd), (tn, td) = _exact(value), _exact(target)
        return weight * vn * td, vd * tn

    return {
        "events": share(WEIGHT_EVENTS, row.events, expected or expected_events(period)),
        "youth": (WEIGHT_YOUTH if row.youth_event else 0, 1),
        "elderly": (WEIGHT_ELDERLY if row.elderly_event else 0, 1),
        "duty": share(WEIGHT_DUTY, row.duty_hours, row.duty_hours_required),
        "legal_savvy": share(WEIGHT_LEGAL_SAVVY, row.legal_savvy, row.legal_savvy_quota),
    }


def part_value(part):
    """A part as a number for display (2 decimals)."""
    return round(part[0] / part[1], 2)


def score(parts):
    """The exact sum of the parts rounded DOWN: 100 only when every obligation is fully met."""
    numerator, denominator = 0, 1
    for n, d in parts.values():
        numerator, denominator = numerator * d + n * denominator, denominator * d
    return numerator // denominator


def _gap_reasons(row, period):
    """The failed obligations of a row, each with (a function making) the sentence that carries the numbers."""
    reasons = []

    def add(gap, why):
        reasons.append(GapReason(gap, why))

    if row.events == 0:
        add(Gap.NO_EVENT, lambda: _no_event(row, period))
    for gap, reached, group in (
        (Gap.NO_YOUTH_EVENT, row.youth_event, YOUTH_GROUP),
        (Gap.NO_ELDERLY_EVENT, row.elderly_event, ELDERLY_GROUP),
    ):
        if not reached:
            add(gap, lambda group=group: _no_audience_event(row, period, str(group)))
    months_short = getattr(row, "duty_months", 0) > getattr(row, "duty_months_met", 0)
    if row.duty_hours < row.duty_hours_required or months_short:
        add(Gap.DUTY_BELOW_REQUIRED, lambda: _duty_short(row, period))
    if row.advisor is None and row.duty_shifts == 0:
        add(
            Gap.NO_ADVISOR,
            lambda: (
                _("No legal advisor was assigned to this village in %(period)s and no duty shift was recorded.")
                % {"period": period.label}
            ),
        )
    if row.legal_savvy < row.legal_savvy_quota:
        add(
            Gap.LEGAL_SAVVY_BELOW_QUOTA,
            lambda: (
                _("%(count)s legal-savvy persons active on %(date)s; the quota is %(quota)s, %(short)s missing.")
                % {
                    "count": row.legal_savvy,
                    "date": period.end.isoformat(),
                    "quota": row.legal_savvy_quota,
                    "short": row.legal_savvy_quota - row.legal_savvy,
                }
            ),
        )
    for gap, reached, group in (
        (Gap.NO_YOUTH_REACHED, row.residents_under_18, UNDER_18),
        (Gap.NO_ELDERLY_REACHED, row.residents_60_plus, AGED_60),
    ):
        if not reached:
            add(gap, lambda group=group: _not_reached(row, period, str(group)))
    return reasons


YOUTH_GROUP, ELDERLY_GROUP = gettext_lazy("young people or students"), gettext_lazy("elderly people")
UNDER_18, AGED_60 = gettext_lazy("under 18"), gettext_lazy("aged 60 or over")


def _no_event(row, period):
    if row.last_event_on:
        return _(
            "No outreach event was held in this village in %(period)s; the last one was on %(date)s, "
            "%(days)s days before %(as_of)s."
        ) % {
            "period": period.label,
            "date": row.last_event_on.isoformat(),
            "days": row.days_since_last_event,
            "as_of": row.as_of.isoformat(),
        }
    return _("No outreach event was held in this village in %(period)s, and none is recorded before.") % {
        "period": period.label
    }


def _no_audience_event(row, period, group):
    if row.events == 0:
        return _("No event for %(group)s was held here in %(period)s.") % {"group": group, "period": period.label}
    return ngettext(
        "The %(n)s event held here in %(period)s was not aimed at %(group)s.",
        "None of the %(n)s events held here in %(period)s was aimed at %(group)s.",
        row.events,
    ) % {"n": row.events, "period": period.label, "group": group}


def _duty_short(row, period):
    """advisors.compliance: every finished month must reach the monthly hours, and the total the requirement."""
    months_text = (
        _("%(met)s of %(due)s finished months reached %(per_month)s h.")
        % {"met": row.duty_months_met, "due": row.duty_months, "per_month": settings.DUTY_HOURS_PER_VILLAGE_MONTH}
        if getattr(row, "duty_months", 0)
        else ""
    )
    if row.duty_hours < row.duty_hours_required:
        why = _(
            "Advisor duty: %(hours)s h recorded of %(required)s h required (%(per_month)s h × %(months)s months), "
            "%(short)s h short."
        ) % {
            "hours": fmt_number(row.duty_hours),
            "required": fmt_number(row.duty_hours_required),
            "per_month": settings.DUTY_HOURS_PER_VILLAGE_MONTH,
            "months": fmt_number(period.months),
            "short": fmt_number(row.duty_hours_required - row.duty_hours),
        }
        return f"{why} {months_text}".strip()
    why = _("Advisor duty: %(hours)s h recorded of %(required)s h required, but not every month.") % {
        "hours": fmt_number(row.duty_hours),
        "required": fmt_number(row.duty_hours_required),
    }
    return f"{why} {months_text}"


def _not_reached(row, period, group):
    return ngettext(
        "No resident %(group)s checked in at an event in %(period)s (%(n)s check-in by residents in all).",
        "No resident %(group)s checked in at an event in %(period)s (%(n)s check-ins by residents in all).",
        row.residents_reached,
    ) % {"group": group, "period": period.label, "n": row.residents_reached}
