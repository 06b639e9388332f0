"""The duty poster's QR: the scan URL it carries and its PNG/SVG renderings (pages and API share these)."""

from django.conf import settings
from django.urls import reverse

from common.qr import qr_image_response


def scan_url(request, secret):
    """Absolute URL of the scan page: PUBLIC_BASE_URL when set (what phones outside can reach),
    otherwise the host this request came in on."""
    path = reverse("advisors:scan", args=[secret])
    base = settings.PUBLIC_BASE_URL
    return f"{base}{path}" if base else request.build_absolute_uri(path)


def qr_response(request, poster, fmt, *, download=True):
    filename = f"duty-qr-{poster.village.code}.{fmt}" if download else None
    return qr_image_response(scan_url(request, poster.secret), fmt, filename=filename)
