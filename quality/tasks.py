"""The nightly flag computation (Celery beat when a broker is configured; see CELERY_BEAT_SCHEDULE)."""

from celery import shared_task

from common.clock import local_today, year_bounds

from .compute import compute_flags


@shared_task(name="quality.compute_flags")
def compute_flags_task(year=None, area=""):
    year = year or local_today().year
    first, last, _start, _end = year_bounds(year)
    result = compute_flags(area, first, last)
    return {"found": result.found, "created": result.created, "removed": result.removed}
