"""Delete the files of old jobs (settings.JOBS_RETENTION_DAYS): ``manage.py purge_job_files [--days N]``."""

from django.core.management.base import BaseCommand

from jobs.services import purge_job_files


class Command(BaseCommand):
    help = "Delete uploaded and result files of jobs finished longer ago than JOBS_RETENTION_DAYS."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None, help="retention in days (default: the setting)")

    def handle(self, *args, days=None, **options):
        deleted = purge_job_files(days=days)
        self.stdout.write(f"{deleted} file(s) deleted")
