"""The periodic job that marks ended events with attendance as held (Celery beat runs it when a broker is
configured, see CELERY_BEAT_SCHEDULE; without one, cron runs `manage.py close_ended_events`)."""

from celery import shared_task
from django.utils import timezone

from .services.closing import close_ended_events as close_events


@shared_task(name="outreach.close_ended_events")
def close_ended_events():
    return len(close_events(timezone.now()))
