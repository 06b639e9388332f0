"""QR codes for posters and check-in: PNG and SVG of a URL, the HTTP response serving them, and unguessable secrets.

A QR carries only a URL with a random secret in it — never ids or personal data.
"""

import io
import secrets

import qrcode
import qrcode.image.svg
from django.http import HttpResponse
from qrcode.constants import ERROR_CORRECT_M


def new_secret():
    """~190 bits of randomness, URL-safe (32 characters)."""
    return secrets.token_urlsafe(24)


def _qr(url):
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, box_size=10, border=4)
    code.add_data(url)
    code.make(fit=True)
    return code


def qr_png(url, box_size=10):
    code = _qr(url)
    code.box_size = box_size
    buffer = io.BytesIO()
    code.make_image(fill_color="black", back_color="white").save(buffer, format="PNG")
    return buffer.getvalue()


def qr_svg(url):
    code = _qr(url)
    buffer = io.BytesIO()
    code.make_image(image_factory=qrcode.image.svg.SvgPathImage).save(buffer)
    return buffer.getvalue()


def qr_svg_inline(url):
    """The SVG markup (without XML declaration) to embed in an HTML page or poster."""
    svg = qr_svg(url).decode("utf-8")
    return svg[svg.index("<svg") :]


def qr_image_response(url, fmt, *, filename=None):
    """The QR of ``url`` as an SVG (``fmt`` "svg") or PNG response; with ``filename`` it is a download."""
    if fmt == "svg":
        response = HttpResponse(qr_svg(url), content_type="image/svg+xml")
    else:
        response = HttpResponse(qr_png(url), content_type="image/png")
    # The image embeds a secret: keep it out of shared caches.
    response["Cache-Control"] = "private, no-store"
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
