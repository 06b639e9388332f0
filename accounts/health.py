"""``/healthz``: is the database reachable, does the cache answer? 200 when both do, else 503."""

import uuid

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from .errorpages import DATABASE_ERRORS


def _database_ok():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone()[0] == 1
    except DATABASE_ERRORS:
        return False


def _cache_ok():
    key, value = f"healthz:{uuid.uuid4().hex}", uuid.uuid4().hex
    try:
        cache.set(key, value, 10)
        ok = cache.get(key) == value
        cache.delete(key)
        return ok
    except Exception:  # any backend failure (connection refused, timeout) means "not ok"
        return False


@never_cache
def healthz(request):
    checks = {"database": "ok" if _database_ok() else "error", "cache": "ok" if _cache_ok() else "error"}
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse({"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503)
