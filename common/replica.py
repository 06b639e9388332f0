"""Analytics reads on a read replica.

When ``DATABASE_REPLICA_URL`` is set, settings define a ``replica`` database and name it in
``ANALYTICS_DATABASE``. Then the reads of the analytics pages, API and exports (the URL names in
``ANALYTICS_URL_NAMES``: coverage, figures, ledger and compliance exports, the report) go there through
``AnalyticsRouter``; writes, and every other request, stay on ``default``. Without a replica nothing
changes. A replica may lag by a moment, which these read-only summaries tolerate; a page that writes
(closing a year) is a POST and is never routed.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings

_analytics = ContextVar("analytics_reads", default=False)


@contextmanager
def analytics_reads():
    """Route the reads inside the block to the analytics database, if one is configured."""
    token = _analytics.set(True)
    try:
        yield
    finally:
        _analytics.reset(token)


def analytics_alias():
    """The database alias reads go to now: the replica inside ``analytics_reads``, else None (default)."""
    alias = getattr(settings, "ANALYTICS_DATABASE", None)
    return alias if alias and _analytics.get() else None


def read_connection():
    """The connection hand-written SQL of an analytics read should use: the replica inside
    ``analytics_reads`` (as the router sends the ORM's reads), else ``default``."""
    from django.db import DEFAULT_DB_ALIAS, connections

    return connections[analytics_alias() or DEFAULT_DB_ALIAS]


class AnalyticsRouter:
    def db_for_read(self, model, **hints):
        return analytics_alias()

    def db_for_write(self, model, **hints):
        return None

    def allow_relation(self, obj1, obj2, **hints):
        # The replica holds the same rows as default: an object read there may be linked to one from default.
        analytics = getattr(settings, "ANALYTICS_DATABASE", None)
        if analytics and {obj1._state.db, obj2._state.db} <= {"default", analytics}:
            return True
        return None

    def allow_migrate(self, db, app_label, **hints):
        # The replica follows the primary; it is never migrated itself.
        if db == getattr(settings, "ANALYTICS_DATABASE", None):
            return False
        return None


def _matches(resolver_match):
    if resolver_match is None:
        return False
    names = settings.ANALYTICS_URL_NAMES
    view_name = resolver_match.view_name
    namespace = ":".join(resolver_match.namespaces)
    return view_name in names or (namespace and f"{namespace}:*" in names)


def _streamed(content):
    # A streamed export reads its rows after the view has returned: keep them on the replica too.
    iterator = iter(content)
    while True:
        with analytics_reads():
            try:
                chunk = next(iterator)
            except StopIteration:
                return
        yield chunk


class AnalyticsReadsMiddleware:
    """Marks GET and HEAD requests to the analytics URLs, so their reads go to the replica."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        token = getattr(request, "_analytics_token", None)
        if token is not None:
            _analytics.reset(token)
            if getattr(response, "streaming", False) and not getattr(response, "is_async", False):
                response.streaming_content = _streamed(response.streaming_content)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if settings.ANALYTICS_DATABASE and request.method in ("GET", "HEAD") and _matches(request.resolver_match):
            request._analytics_token = _analytics.set(True)
