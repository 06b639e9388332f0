"""The check-in URL an event's QR code opens, and the QR images of it.

The QR holds only ``<base>/c/<secret>/``: no ids, no personal data. ``PUBLIC_BASE_URL`` (setting)
fixes the host printed on posters; without it the current request's host is used.
"""

from django.conf import settings
from django.urls import reverse

from common.qr import qr_image_response, qr_svg_inline


def checkin_path(secret):
    return reverse("checkin", args=[secret])


def checkin_url(event, request=None):
    path = checkin_path(event.checkin_secret)
    if settings.PUBLIC_BASE_URL:
        return settings.PUBLIC_BASE_URL + path
    if request is not None:
        return request.build_absolute_uri(path)
    return path


def qr_inline(event, request=None):
    return qr_svg_inline(checkin_url(event, request))


def qr_response(event, request, fmt, download=False):
    filename = f"checkin-qr-event-{event.pk}.{fmt}" if download else None
    return qr_image_response(checkin_url(event, request), fmt, filename=filename)
