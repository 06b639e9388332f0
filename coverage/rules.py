"""The coverage rules: gap codes, the score and its weights, and the sentence that says why a village
fails an obligation. Definitions are documented in ``coverage/rows.py`` and on the map page."""

import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

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


@dataclass
class GapReason:
    code: str
    label: str
    why: str


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


def score_parts(row, period):
    """The score's parts as exact fractions (so 30 × 2/3 is exactly 20)."""

    def share(value, target):
        if not target:
            return Fraction(1)
        return min(Fraction(1), Fraction(value) / Fraction(target))

    return {
        "events": WEIGHT_EVENTS * share(row.events, expected_events(period)),
        "youth": Fraction(WEIGHT_YOUTH if row.youth_event else 0),
        "elderly": Fraction(WEIGHT_ELDERLY if row.elderly_event else 0),
        "duty": WEIGHT_DUTY * share(row.duty_hours, row.duty_hours_required),
        "legal_savvy": WEIGHT_LEGAL_SAVVY * share(row.legal_savvy, row.legal_savvy_quota),
    }


def score(parts):
    """The sum of the parts rounded DOWN: 100 only when every obligation is fully met."""
    return math.floor(sum(parts.values()))


def _gap_reasons(row, period):
    """The failed obligations of a row, each with a sentence that carries the numbers."""
    label = period.label
    reasons = []

    def add(gap, why):
        reasons.append(GapReason(gap.value, str(gap.label), why))

    if row.events == 0:
        if row.last_event_on:
            add(
                Gap.NO_EVENT,
                _(
                    "No outreach event was held in this village in %(period)s; the last one was on %(date)s, "
                    "%(days)s days before %(as_of)s."
                )
                % {
                    "period": label,
                    "date": row.last_event_on.isoformat(),
                    "days": row.days_since_last_event,
                    "as_of": row.as_of.isoformat(),
                },
            )
        else:
            add(
                Gap.NO_EVENT,
                _("No outreach event was held in this village in %(period)s, and none is recorded before.")
                % {"period": label},
            )
    for gap, reached, group in (
        (Gap.NO_YOUTH_EVENT, row.youth_event, _("young people or students")),
        (Gap.NO_ELDERLY_EVENT, row.elderly_event, _("elderly people")),
    ):
        if reached:
            continue
        if row.events == 0:
            why = _("No event for %(group)s was held here in %(period)s.") % {"group": group, "period": label}
        else:
            why = ngettext(
                "The %(n)s event held here in %(period)s was not aimed at %(group)s.",
                "None of the %(n)s events held here in %(period)s was aimed at %(group)s.",
                row.events,
            ) % {"n": row.events, "period": label, "group": group}
        add(gap, why)
    # advisors.compliance: every finished month must reach the monthly hours, and the total the requirement.
    months_short = getattr(row, "duty_months", 0) > getattr(row, "duty_months_met", 0)
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
        add(Gap.DUTY_BELOW_REQUIRED, f"{why} {months_text}".strip())
    elif months_short:
        why = _("Advisor duty: %(hours)s h recorded of %(required)s h required, but not every month.") % {
            "hours": fmt_number(row.duty_hours),
            "required": fmt_number(row.duty_hours_required),
        }
        add(Gap.DUTY_BELOW_REQUIRED, f"{why} {months_text}")
    if row.advisor is None and row.duty_shifts == 0:
        add(
            Gap.NO_ADVISOR,
            _("No legal advisor was assigned to this village in %(period)s and no duty shift was recorded.")
            % {"period": label},
        )
    if row.legal_savvy < row.legal_savvy_quota:
        add(
            Gap.LEGAL_SAVVY_BELOW_QUOTA,
            _("%(count)s legal-savvy persons active on %(date)s; the quota is %(quota)s, %(short)s missing.")
            % {
                "count": row.legal_savvy,
                "date": period.end.isoformat(),
                "quota": row.legal_savvy_quota,
                "short": row.legal_savvy_quota - row.legal_savvy,
            },
        )
    for gap, reached, group in (
        (Gap.NO_YOUTH_REACHED, row.residents_under_18, _("under 18")),
        (Gap.NO_ELDERLY_REACHED, row.residents_60_plus, _("aged 60 or over")),
    ):
        if reached:
            continue
        add(
            gap,
            ngettext(
                "No resident %(group)s checked in at an event in %(period)s (%(n)s check-in by residents in all).",
                "No resident %(group)s checked in at an event in %(period)s (%(n)s check-ins by residents in all).",
                row.residents_reached,
            )
            % {"group": group, "period": label, "n": row.residents_reached},
        )
    return reasons
