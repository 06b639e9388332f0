"""The periodic job that rebuilds the coverage roll-ups of this year and the last (Celery beat, see
CELERY_BEAT_SCHEDULE; without a broker, cron runs `manage.py refresh_rollups`)."""

from celery import shared_task

from .rollups import refresh_rollups as refresh


@shared_task(name="coverage.refresh_rollups")
def refresh_rollups():
    return refresh()


@shared_task(name="coverage.refresh_areas")
def refresh_areas_task(year, area_ids):
    """The roll-up rows of some areas in one year, after writes touched them (coverage/signals.py)."""
    from .rollups import refresh_areas

    return refresh_areas(year, area_ids)
