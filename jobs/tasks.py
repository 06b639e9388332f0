"""The Celery task every job runs through (dispatch by kind is in jobs.services.execute), and the
periodic ones (settings.CELERY_BEAT_SCHEDULE): failing jobs whose worker stopped, deleting old files."""

from celery import shared_task


@shared_task(name="jobs.run_job")
def run_job(job_id):
    from .services import execute

    execute(job_id)


@shared_task(name="jobs.fail_stale_jobs")
def fail_stale_jobs():
    from .services import fail_stale_jobs

    return fail_stale_jobs()


@shared_task(name="jobs.purge_job_files")
def purge_job_files():
    from .services import purge_job_files

    return purge_job_files()
