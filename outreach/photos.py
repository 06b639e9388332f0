"""Event photos: re-encode with Pillow so no EXIF (camera, GPS position, time) survives,
turn them upright first (phones store rotation in EXIF), bound their size, make a thumbnail."""

import io
import uuid

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_UPLOAD_BYTES = 15 * 1024 * 1024
MAX_SIDE = 2000
THUMB_SIDE = 320
# Refuse decompression bombs politely instead of with a 500.
MAX_PIXELS = 60_000_000
ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF", "BMP", "MPO"}


def prepare_photo(upload):
    """→ (image ContentFile, thumbnail ContentFile), both JPEG without metadata."""
    if upload is None:
        raise ValidationError(_("Choose a photo."), code="no_photo")
    if getattr(upload, "size", 0) and upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(_("The photo is too large (at most 15 MB)."), code="too_large")
    try:
        upload.seek(0)
        with Image.open(upload) as probe:
            if probe.format not in ALLOWED_FORMATS:
                raise ValidationError(_("Upload a JPEG, PNG or WebP photo."), code="bad_format")
            if probe.width * probe.height > MAX_PIXELS:
                raise ValidationError(_("The photo has too many pixels."), code="too_large")
            probe.load()
            upright = ImageOps.exif_transpose(probe)
            picture = upright.convert("RGB")
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError, SyntaxError):
        raise ValidationError(_("This file is not a photo we can read."), code="bad_image") from None

    picture.thumbnail((MAX_SIDE, MAX_SIDE))
    stem = uuid.uuid4().hex
    image = ContentFile(_jpeg(picture, quality=85), name=f"{stem}.jpg")
    thumb = picture.copy()
    thumb.thumbnail((THUMB_SIDE, THUMB_SIDE))
    thumbnail = ContentFile(_jpeg(thumb, quality=80), name=f"{stem}_thumb.jpg")
    return image, thumbnail


def _jpeg(picture, quality):
    # A fresh RGB image carries no info dict; saving without exif= writes no EXIF block.
    clean = Image.new("RGB", picture.size)
    clean.paste(picture)
    buffer = io.BytesIO()
    clean.save(buffer, format="JPEG", quality=quality, optimize=True)
    return buffer.getvalue()
