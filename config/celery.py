"""The Celery app for background jobs (imports, large exports, the Word report, reminders).

With ``CELERY_BROKER_URL`` set (Redis in production) tasks go to a worker (`make worker`); without it
(the `make run` default) they run in-process, so a laptop needs nothing extra.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("pufa")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
