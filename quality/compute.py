"""(Re)compute the flags of an area and period: run the rules, store new flags, drop open flags
whose record no longer breaks the rule. Resolved flags stay as they are. A fixed number of queries."""

import logging
from dataclasses import dataclass

from django.db import transaction

from .models import Flag
from .rules import RULES

logger = logging.getLogger("quality")


@dataclass
class ComputeResult:
    found: int
    created: int
    removed: int


def compute_flags(prefix, first, last, rules=RULES):
    """Flags of records under area code ``prefix`` dated ``first``..``last`` (inclusive local dates)."""
    rows = {}
    for rule in rules:
        for row in rule(prefix, first, last):
            rows.setdefault(row.key, row)
    kinds = {kind for rule in rules for kind in _kinds_of(rule)}
    with transaction.atomic():
        stored = Flag.objects.filter(area_code__startswith=prefix, record_date__range=(first, last), kind__in=kinds)
        existing = {
            (kind, record_type, record_id): (pk, resolved)
            for pk, kind, record_type, record_id, resolved in stored.values_list(
                "pk", "kind", "record_type", "record_id", "resolved"
            )
        }
        new = [
            Flag(
                kind=row.kind,
                record_type=row.record_type,
                record_id=row.record_id,
                area_code=row.area_code,
                record_date=row.record_date,
                why=row.why[:300],
            )
            for key, row in rows.items()
            if key not in existing
        ]
        Flag.objects.bulk_create(new, ignore_conflicts=True)
        stale = [pk for key, (pk, resolved) in existing.items() if key not in rows and not resolved]
        if stale:
            Flag.objects.filter(pk__in=stale).delete()
    return ComputeResult(found=len(rows), created=len(new), removed=len(stale))


def _kinds_of(rule):
    return RULE_KINDS[rule.__name__]


RULE_KINDS = {
    "shift_length": {Flag.Kind.SHIFT_TOO_SHORT, Flag.Kind.SHIFT_TOO_LONG},
    "implausible_counters": {Flag.Kind.COUNTERS_IMPLAUSIBLE},
    "over_population": {Flag.Kind.OVER_POPULATION},
    "phone_at_two_events": {Flag.Kind.PHONE_TWO_EVENTS},
    "checkin_bursts": {Flag.Kind.CHECKIN_BURST},
    "advisor_elsewhere": {Flag.Kind.ADVISOR_ELSEWHERE},
}
