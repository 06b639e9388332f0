"""The Celery task every job runs through (dispatch by kind is in jobs.services.execute)."""

from celery import shared_task


@shared_task(name="jobs.run_job")
def run_job(job_id):
    from .services import execute

    execute(job_id)
