"""Error pages in the site's layout (400/403/404/500), and the short 503 page when the database is down.

Pages answer in the request's language with what happened and where to go; requests to ``/api/``
get DRF-style JSON (``{"detail": ...}``) instead. The 500 and 503 pages render without the request's
context processors, so they never touch the database that may be the cause.
"""

import sys

from django.db.utils import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

DATABASE_ERRORS = (OperationalError, InterfaceError)


def wants_json(request):
    return request is not None and request.path.startswith("/api/")


def _json(detail, status):
    return JsonResponse({"detail": detail}, status=status)


def bad_request(request, exception=None):
    if wants_json(request):
        return _json(_("Bad request."), 400)
    return render(request, "accounts/errors/400.html", status=400)


def permission_denied(request, exception=None):
    if wants_json(request):
        return _json(_("You do not have permission to perform this action."), 403)
    return render(request, "accounts/errors/403.html", status=403)


def page_not_found(request, exception=None):
    if wants_json(request):
        return _json(_("Not found."), 404)
    return render(request, "accounts/errors/404.html", status=404)


def database_unavailable(request):
    """503: the database cannot be reached. Short, no traceback, nothing that needs the database."""
    if wants_json(request):
        response = _json(_("The service is temporarily unavailable. Please try again in a few minutes."), 503)
    else:
        response = HttpResponse(render_to_string("accounts/errors/503.html"), status=503)
    response["Retry-After"] = "60"
    return response


def server_error(request):
    if isinstance(sys.exc_info()[1], DATABASE_ERRORS):
        return database_unavailable(request)
    if wants_json(request):
        return _json(_("A server error occurred."), 500)
    return HttpResponse(render_to_string("accounts/errors/500.html"), status=500)
