"""Fail running jobs whose worker stopped (settings.JOBS_STALE_MINUTES): ``manage.py fail_stale_jobs``."""

from django.core.management.base import BaseCommand

from jobs.services import fail_stale_jobs


class Command(BaseCommand):
    help = "Mark failed every running job without a heartbeat for JOBS_STALE_MINUTES."

    def handle(self, *args, **options):
        self.stdout.write(f"{fail_stale_jobs()} job(s) marked failed")
