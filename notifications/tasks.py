"""The periodic reminder job (Celery beat runs it when a broker is configured; see CELERY_BEAT_SCHEDULE)."""

from celery import shared_task

from .run import send_reminders as run_reminders


@shared_task(name="notifications.send_reminders")
def send_reminders():
    return run_reminders()
