"""Closing a year: a coordinator freezes an area's annual figures as they stand.

The newest snapshot of a (year, area) is the current one; re-closing needs a reason, and the
previous snapshot stays (``superseded=True``) as history. After closing, ``differences`` compares
the snapshot with the live figures key by key, and ``changes_after_close`` lists the audit entries
written since (by the features' services) for records of that year in that area: who changed what.
"""

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.audit import record
from accounts.models import AuditEntry
from accounts.scopes import in_scope
from common.clock import MAX_YEAR, MIN_YEAR
from common.errors import Refusal

from .errors import CloseError
from .figures import FIGURE_ROWS, MAP_KEYS, SCALAR_KEYS, annual_figures, breakdown_by_child, year_bounds
from .models import FiguresSnapshot


def can_close(user, area):
    return bool(user and user.is_authenticated and user.is_coordinator and in_scope(user, area.code))


def current_snapshot(year, area):
    return FiguresSnapshot.objects.filter(year=year, area=area, superseded=False).select_related("closed_by").first()


def snapshot_history(year, area):
    return (
        FiguresSnapshot.objects.filter(year=year, area=area).select_related("closed_by").order_by("-closed_at", "-id")
    )


def close_year(year, area, user, reason=""):
    """Store the figures of ``year`` for ``area`` as the closed figures; returns the snapshot."""
    if not can_close(user, area):
        raise PermissionDenied(CloseError.NOT_ALLOWED.label)
    try:
        year = int(year)
    except (TypeError, ValueError):
        raise Refusal(CloseError.BAD_YEAR, "year") from None
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise Refusal(CloseError.BAD_YEAR, "year")
    if year > timezone.localdate().year:
        raise Refusal(CloseError.FUTURE_YEAR, "year")
    reason = (reason or "").strip()
    try:
        return _close(year, area, user, reason)
    except IntegrityError:
        # Another coordinator closed the same year a moment ago: this one is now a re-close.
        raise Refusal(CloseError.REASON_REQUIRED, "reason") from None


def _close(year, area, user, reason):
    with transaction.atomic():
        # Lock the current snapshot so two coordinators closing at once cannot both become current.
        previous = list(FiguresSnapshot.objects.select_for_update().filter(year=year, area=area, superseded=False))
        if previous and not reason:
            raise Refusal(CloseError.REASON_REQUIRED, "reason")
        figures = annual_figures(year, area)
        figures["by_area"] = breakdown_by_child(year, area)
        FiguresSnapshot.objects.filter(pk__in=[s.pk for s in previous]).update(superseded=True)
        snapshot = FiguresSnapshot.objects.create(year=year, area=area, figures=figures, closed_by=user, reason=reason)
        record(
            user,
            snapshot,
            AuditEntry.Action.CREATE,
            area_code=area.code,
            summary=f"{year} {area.name}: " + (f"re-closed ({reason})" if previous else "closed"),
        )
    return snapshot


def _flatten(figures):
    """{key: value} for the scalar figures and {"map:name": n} for each entry of the maps."""
    flat = {key: figures.get(key, 0) for key in SCALAR_KEYS}
    for key in MAP_KEYS:
        for name, n in (figures.get(key) or {}).items():
            flat[f"{key}:{name}"] = n
    return flat


def differences(closed, live):
    """[{key, label, closed, live}] for every figure whose live value differs from the closed one."""
    labels = {key: label for key, label, _unit in FIGURE_ROWS}
    closed_flat, live_flat = _flatten(closed), _flatten(live)
    rows = []
    for key in list(closed_flat) + [k for k in live_flat if k not in closed_flat]:
        old, new = closed_flat.get(key, 0), live_flat.get(key, 0)
        if old != new:
            label = labels.get(key) or key.split(":", 1)[-1]
            rows.append({"key": key, "label": label, "closed": old, "live": new})
    return rows


def closed_state(year, area, live=None):
    """What the figures API says about a closed year: None while ``year`` is open for ``area``, else who
    closed it when and why, the closed figures (without the per-area breakdown) and, for each figure
    changed since, its closed and live values. ``live`` saves recomputing the live figures."""
    snapshot = current_snapshot(year, area)
    if snapshot is None:
        return None
    if live is None:
        live = annual_figures(year, area)
    return {
        "closed_at": snapshot.closed_at,
        "closed_by": snapshot.closed_by.username if snapshot.closed_by else None,
        "reason": snapshot.reason,
        "figures": {key: value for key, value in snapshot.figures.items() if key != "by_area"},
        "differences": {
            row["key"]: {"closed": row["closed"], "live": row["live"]} for row in differences(snapshot.figures, live)
        },
    }


def changes_after_close(snapshot, limit=200):
    """Audit entries made after closing whose record lies in the snapshot's year and area."""
    first, last, _start, _end = year_bounds(snapshot.year)
    return (
        AuditEntry.objects.filter(
            at__gt=snapshot.closed_at,
            record_date__gte=first,
            record_date__lte=last,
            area_code__startswith=snapshot.area.code,
        )
        .select_related("user")
        .order_by("-at", "-id")[:limit]
    )
