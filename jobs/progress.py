"""Live progress of a running job.

An import checks and writes its whole file in ONE transaction, so progress written to the Job row
inside it would stay invisible until the end. Progress therefore goes to the cache (Redis in
production: ``CACHE_URL``, shared by web and worker processes), keyed by job id; the Job row gets the
committed counts when the job finishes. ``jobs.services.current_progress`` reads the cache first.
"""

from django.core.cache import cache

TIMEOUT = 24 * 3600


def _key(job_id):
    return f"jobs:progress:{job_id}"


def put(job_id, done, total):
    cache.set(_key(job_id), (int(done), int(total)), TIMEOUT)


def get(job_id):
    return cache.get(_key(job_id))


def clear(job_id):
    cache.delete(_key(job_id))
