"""Live progress and heartbeat of a running job.

An import checks and writes its whole file in ONE transaction, so progress written to the Job row
inside it would stay invisible until the end. Progress therefore goes to the cache (Redis in
production: ``CACHE_URL``, shared by web and worker processes), keyed by job id; the Job row gets the
committed counts when the job finishes. ``jobs.services.current_progress`` reads the cache first.

Every progress update is also the job's heartbeat (its time is stored with it): a running job whose
last heartbeat — or, before any, its start — is too old has lost its worker (``jobs.services``).
"""

import datetime as dt

from django.core.cache import cache
from django.utils import timezone

TIMEOUT = 24 * 3600


def _key(job_id):
    return f"jobs:progress:{job_id}"


def put(job_id, done, total):
    cache.set(_key(job_id), (int(done), int(total), timezone.now().timestamp()), TIMEOUT)


def get(job_id):
    """(done, total) or None."""
    seen = cache.get(_key(job_id))
    return tuple(seen[:2]) if seen else None


def heartbeat(job_id):
    """When the job last reported progress (an aware datetime), or None."""
    seen = cache.get(_key(job_id))
    if not seen or len(seen) < 3:
        return None
    return dt.datetime.fromtimestamp(seen[2], tz=dt.UTC)


def clear(job_id):
    cache.delete(_key(job_id))
