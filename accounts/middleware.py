"""Site-wide middleware: the 503 answer when the database is unreachable, and security headers."""

from django.conf import settings

from .errorpages import DATABASE_ERRORS, database_unavailable


class DatabaseUnavailableMiddleware:
    """A view that fails because the database is unreachable answers 503 (page or JSON), never a
    traceback. Failures outside views reach ``handler500`` (``accounts.errorpages.server_error``),
    which gives the same answer."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_ERRORS):
            return database_unavailable(request)
        return None


class SecurityHeadersMiddleware:
    """``Permissions-Policy`` on every response (Django itself sends nosniff and Referrer-Policy)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
