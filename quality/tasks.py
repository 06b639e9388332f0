"""The nightly flag computation (Celery beat when a broker is configured; see CELERY_BEAT_SCHEDULE)
and the flags of one record after a write (queued on commit; without a broker it runs in-process)."""

from celery import shared_task
from django.conf import settings
from django.utils import translation

from common.clock import local_today, year_bounds

from .compute import compute_flags


@shared_task(name="quality.compute_flags")
def compute_flags_task(year=None, area=""):
    year = year or local_today().year
    first, last, _start, _end = year_bounds(year)
    result = compute_flags(area, first, last)
    return {"found": result.found, "created": result.created, "removed": result.removed}


@shared_task(name="quality.refresh_flags")
def refresh_flags_task(record_type, record_id, **options):
    from .refresh import refresh_flags

    # The "why" sentences are stored in the site's language, whoever's request made the write.
    with translation.override(settings.LANGUAGE_CODE):
        refresh_flags(record_type, record_id, **options)
