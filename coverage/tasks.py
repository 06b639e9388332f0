"""The periodic job that rebuilds the coverage roll-ups of this year and the last (Celery beat, see
CELERY_BEAT_SCHEDULE; without a broker, cron runs `manage.py refresh_rollups`)."""

from celery import shared_task

from .rollups import refresh_rollups as refresh


@shared_task(name="coverage.refresh_rollups")
def refresh_rollups():
    return refresh()
