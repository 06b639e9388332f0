"""The lean path of the public check-in: an attendee's JSON post answered without DRF, the URL resolver
or the middleware it does not need.

Attendees' phones post the same small JSON body, anonymously, in bursts: for them, DRF's content
negotiation, parser selection and response rendering, the URL resolver's walk over every route, and
middleware that only logged-in pages need cost more CPU than the check-in's one SQL statement
(bench/RESULTS.md). ``PublicCheckinMiddleware`` (first in ``MIDDLEWARE``) sends such a request straight
to ``lean_checkin`` through only the middleware that can change its answer, and leaves everything else
(other methods and content types, an Accept header DRF would not answer with JSON, a big body, a body
the JSON parser refuses) to the DRF view (``checkin.py``). Both call the same service and answer the
same JSON bytes, status codes and headers (tests/outreach/test_checkin_lean.py holds them equal).
"""

import json
import re

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils.module_loading import import_string
from rest_framework import renderers, status

from accounts.errorpages import DATABASE_ERRORS, database_unavailable
from api.exceptions import exception_handler
from outreach import services
from outreach.models import CheckIn
from outreach.ratelimit import client_address, over_limit

from .checkin import PublicCheckinView, rate_limited_data, refusal_data, result_data, result_status

# The route of PublicCheckinView (``<str:secret>``: anything but a slash); tests hold it to reverse().
PATH = re.compile(r"/api/checkin/(?P<secret>[^/]+)/")
MAX_BODY = 64 * 1024  # an attendee's body is ~200 bytes; anything bigger takes the DRF path
# Middleware the lean path leaves out: none of them changes an anonymous, CSRF-exempt JSON POST that
# reads no session, user or message and is never routed to the replica (static files, session, CSRF,
# auth, messages, analytics reads, axes' lockout of logins). A view's database error is answered 503
# by ``lean_checkin`` itself, as DatabaseUnavailableMiddleware would. Every other middleware (security
# headers and the HTTPS redirect, the language of the messages, the Host check, X-Frame-Options, CSP)
# runs as on any request; one added to MIDDLEWARE later runs too unless it is listed here.
LEAN_SKIPS = frozenset(
    {
        "whitenoise.middleware.WhiteNoiseMiddleware",
        "django.contrib.sessions.middleware.SessionMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
        "django.contrib.auth.middleware.AuthenticationMiddleware",
        "django.contrib.messages.middleware.MessageMiddleware",
        "common.replica.AnalyticsReadsMiddleware",
        "accounts.middleware.DatabaseUnavailableMiddleware",
        "axes.middleware.AxesMiddleware",
    }
)
_JSON = renderers.JSONRenderer()
# What DRF's APIView adds to every answer of this view.
_VIEW_HEADERS = {"Allow": "POST, OPTIONS", "Vary": "Accept"}
_drf_view = PublicCheckinView.as_view()


def _json_response(data, status_code):
    response = HttpResponse(_JSON.render(data), content_type="application/json", status=status_code)
    for header, value in _VIEW_HEADERS.items():
        response[header] = value
    return response


def _strict_constant(name):
    raise ValueError(f"{name} is not valid JSON")  # as DRF's parser: NaN and Infinity are refused


def lean_checkin(request, secret):
    """The public check-in of a JSON body: the DRF view's answer, without DRF. A body that is not plain
    JSON (malformed, too deep, NaN) goes to the DRF view, which answers its parse error."""
    try:
        data = json.loads(request.body.decode("utf-8"), parse_constant=_strict_constant)
    except (ValueError, RecursionError):
        response = _drf_view(request, secret=secret)
        return response.render()
    try:
        if over_limit(request):
            response = _json_response(rate_limited_data(), status.HTTP_429_TOO_MANY_REQUESTS)
            response["Retry-After"] = "60"
            return response
        try:
            result = services.perform_checkin(
                secret, data, method=CheckIn.Method.SELF, client_address=client_address(request)
            )
        except services.CheckinRefused as refusal:
            return _json_response(refusal_data(refusal), refusal.http_status)
        except ValidationError as error:  # field errors (and any other refusal): as the API answers them
            answer = exception_handler(error, {"request": request})
            return _json_response(answer.data, answer.status_code)
        return _json_response(result_data(result), result_status(result))
    except DATABASE_ERRORS:
        return database_unavailable(request)


def _accepts_json(accept):
    """Whether DRF would answer this Accept header with its JSON renderer (not the browsable API, not 406)."""
    if not accept:
        return True
    accept = accept.lower()
    return "html" not in accept and ("json" in accept or "*/*" in accept)


def lean_eligible(request):
    """A check-in post the lean path answers exactly as the DRF view: a small UTF-8 JSON body, and an
    Accept header DRF answers with JSON."""
    meta = request.META
    if not meta.get("CONTENT_TYPE", "").lower().startswith("application/json"):
        return False
    if request.content_type != "application/json" or request.content_params.get("charset", "utf-8").lower() not in {
        "utf-8",
        "utf8",
    }:
        return False
    try:
        length = int(meta.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return False
    return 0 < length <= min(MAX_BODY, settings.DATA_UPLOAD_MAX_MEMORY_SIZE or MAX_BODY) and _accepts_json(
        meta.get("HTTP_ACCEPT", "")
    )


def _lean_chain():
    """``lean_checkin`` wrapped in the middleware after this one in MIDDLEWARE, less LEAN_SKIPS; None
    (no lean path) when one of those has a hook only the full request handler calls."""
    from django.core.handlers.exception import convert_exception_to_response

    names = list(settings.MIDDLEWARE)
    kept = [name for name in names[names.index(MIDDLEWARE_NAME) + 1 :] if name not in LEAN_SKIPS]

    def view(request):
        return lean_checkin(request, request._lean_checkin_secret)

    handler = convert_exception_to_response(view)
    for name in reversed(kept):
        middleware = LeanCSPMiddleware if name == CSP_MIDDLEWARE else import_string(name)
        if any(
            hasattr(middleware, hook) for hook in ("process_view", "process_exception", "process_template_response")
        ):
            return None
        handler = convert_exception_to_response(middleware(handler))
    return handler


MIDDLEWARE_NAME = "api.events.checkin_lean.PublicCheckinMiddleware"
CSP_MIDDLEWARE = "csp.middleware.CSPMiddleware"


class LeanCSPMiddleware(CSPMiddleware):
    """django-csp's middleware for the lean path, whose answers are JSON: no template, so no nonce and no
    per-view policy, and the headers are the settings' policies — built once per settings object
    instead of twice per request (the middleware's largest cost here)."""

    _built = (None, None, None)

    def _policies(self):
        policy = getattr(settings, "CONTENT_SECURITY_POLICY", None)
        report_only = getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)
        built_for, built_ro_for, headers = self._built
        if headers is None or built_for is not policy or built_ro_for is not report_only:
            headers = (build_policy(), build_policy(report_only=True))
            LeanCSPMiddleware._built = (policy, report_only, headers)
        return headers

    def process_response(self, request, response):
        per_view = ("_csp_config", "_csp_update", "_csp_replace", "_csp_config_ro", "_csp_update_ro", "_csp_replace_ro")
        if getattr(request, "_csp_nonce", None) is not None or any(hasattr(response, name) for name in per_view):
            return super().process_response(request, response)
        if response.status_code in (500, 404) and settings.DEBUG:
            return response
        for header, csp, exempt, setting in zip(
            (HEADER, HEADER_REPORT_ONLY),
            self._policies(),
            ("_csp_exempt", "_csp_exempt_ro"),
            ("CONTENT_SECURITY_POLICY", "CONTENT_SECURITY_POLICY_REPORT_ONLY"),
        ):
            prefixes = (getattr(settings, setting, None) or {}).get("EXCLUDE_URL_PREFIXES", None) or ()
            wanted = csp and header not in response and not getattr(response, exempt, False)
            if wanted and not request.path_info.startswith(tuple(prefixes)):
                response[header] = csp
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response


class PublicCheckinMiddleware:
    """First in MIDDLEWARE: an attendee's JSON check-in skips the URL resolver and the middleware in
    LEAN_SKIPS; every other request passes on untouched."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.lean = _lean_chain()

    def __call__(self, request):
        if request.method == "POST" and self.lean is not None:
            match = PATH.fullmatch(request.path_info)
            if match and lean_eligible(request):
                request._lean_checkin_secret = match["secret"]
                return self.lean(request)
        return self.get_response(request)
