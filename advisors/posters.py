"""The duty poster's QR: the scan URL it carries and its PNG/SVG renderings (pages and API share these)."""

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse

from common.qr import qr_png, qr_svg


def scan_url(request, secret):
    """Absolute URL of the scan page: PUBLIC_BASE_URL when set (what phones outside can reach),
    otherwise the host this request came in on."""
    path = reverse("advisors:scan", args=[secret])
    base = settings.PUBLIC_BASE_URL
    return f"{base}{path}" if base else request.build_absolute_uri(path)


def qr_response(request, poster, fmt, *, download=True):
    url = scan_url(request, poster.secret)
    if fmt == "svg":
        body, content_type = qr_svg(url), "image/svg+xml"
    else:
        body, content_type = qr_png(url), "image/png"
    response = HttpResponse(body, content_type=content_type)
    if download:
        response["Content-Disposition"] = f'attachment; filename="duty-qr-{poster.village.code}.{fmt}"'
    # The secret is in the image: keep it out of shared caches.
    response["Cache-Control"] = "private, no-store"
    return response
