"""(Re)compute the flags of an area and period: run the rules, store new flags, move the flags of
records that moved (another village or day), and close the open flags whose record no longer breaks
the rule (``closed_reason`` ``no_longer_holds``; such a flag reopens by itself if the record breaks it
again). Flags an officer resolved stay resolved. A fixed number of queries whatever the number of records.

``records`` (a Q over Flag) names records whose flags are decided by this computation wherever they
were stored: after a write, the record's flags at its old village or day close when it moved away and
no longer breaks the rule there. ``close_record_flags`` closes the open flags of deleted records."""

import logging
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .models import Flag
from .rules import RULES

logger = logging.getLogger("quality")
Closed = Flag.ClosedReason


@dataclass
class ComputeResult:
    found: int
    created: int
    removed: int  # closed because the rule no longer holds
    reopened: int = 0
    moved: int = 0


FIELDS = ("pk", "kind", "record_type", "record_id", "area_code", "record_date", "why", "resolved", "closed_reason")
CHUNK = 2000  # record ids per query when looking up flags stored outside the period


def _stored_elsewhere(keys, kinds):
    """Flags of ``keys`` stored under another area or date (records that moved): one query for up to
    CHUNK records of each type (more only for a first computation of a busy year)."""
    by_type = {}
    for _kind, record_type, record_id in keys:
        by_type.setdefault(record_type, set()).add(record_id)
    by_type = {record_type: sorted(ids) for record_type, ids in by_type.items()}
    found = []
    for start in range(0, max(len(ids) for ids in by_type.values()), CHUNK):
        where = [Q(record_type=t, record_id__in=ids[start : start + CHUNK]) for t, ids in by_type.items()]
        where = [q for q, ids in zip(where, by_type.values(), strict=True) if ids[start : start + CHUNK]]
        found += Flag.objects.filter(reduce(or_, where), kind__in=kinds).only(*FIELDS)
    return found


def compute_flags(prefix, first, last, rules=RULES, records=None):
    """Flags of records under area code ``prefix`` dated ``first``..``last`` (inclusive local dates)."""
    rows = {}
    for rule in rules:
        for row in rule(prefix, first, last):
            rows.setdefault(row.key, row)
    kinds = {kind for rule in rules for kind in _kinds_of(rule)}
    where = Q(area_code__startswith=prefix, record_date__range=(first, last))
    if records is not None:
        where |= records
    with transaction.atomic():
        stored = Flag.objects.filter(where, kind__in=kinds).only(*FIELDS)
        existing = {(flag.kind, flag.record_type, flag.record_id): flag for flag in stored}
        missing = [key for key in rows if key not in existing]
        if missing:
            existing.update({(f.kind, f.record_type, f.record_id): f for f in _stored_elsewhere(missing, kinds)})
        new, changed, reopened, moved = [], [], 0, 0
        for key, row in rows.items():
            flag = existing.get(key)
            if flag is None:
                new.append(
                    Flag(
                        kind=row.kind,
                        record_type=row.record_type,
                        record_id=row.record_id,
                        area_code=row.area_code,
                        record_date=row.record_date,
                        why=row.why[:300],
                    )
                )
                continue
            was = (flag.area_code, flag.record_date, flag.why, flag.resolved)
            if (flag.area_code, flag.record_date) != (row.area_code, row.record_date):
                moved += 1
            flag.area_code, flag.record_date, flag.why = row.area_code, row.record_date, row.why[:300]
            if flag.closed_reason:  # closed by a computation, not by an officer: it holds again
                flag.resolved, flag.closed_reason, reopened = False, "", reopened + 1
            if was != (flag.area_code, flag.record_date, flag.why, flag.resolved):
                changed.append(flag)
        Flag.objects.bulk_create(new, ignore_conflicts=True)
        if changed:
            Flag.objects.bulk_update(changed, ["area_code", "record_date", "why", "resolved", "closed_reason"])
        stale = [flag.pk for key, flag in existing.items() if key not in rows and not flag.resolved]
        if stale:
            Flag.objects.filter(pk__in=stale).update(
                resolved=True, closed_reason=Closed.NO_LONGER_HOLDS, resolved_by=None, resolved_at=timezone.now()
            )
    return ComputeResult(found=len(rows), created=len(new), removed=len(stale), reopened=reopened, moved=moved)


def close_record_flags(record_type, record_ids):
    """The open flags of deleted records close (``record_deleted``); one query."""
    return Flag.objects.filter(record_type=record_type, record_id__in=list(record_ids), resolved=False).update(
        resolved=True, closed_reason=Closed.RECORD_DELETED, resolved_by=None, resolved_at=timezone.now()
    )


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
