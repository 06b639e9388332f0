"""Event photos: stored upright, without EXIF/GPS, with a thumbnail; non-images refused."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from outreach.models import EventPhoto

pytestmark = pytest.mark.django_db


def jpeg_with_gps_and_rotation():
    image = Image.new("RGB", (800, 400), "red")
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90° to display
    exif[0x010F] = "PhoneMaker"  # camera make
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", (22.0, 12.0, 30.0), "E", (113.0, 17.0, 45.0)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    return buffer.getvalue()


def test_upload_strips_exif_turns_upright_and_makes_a_thumbnail(client_as, users, event):
    raw = jpeg_with_gps_and_rotation()
    assert Image.open(io.BytesIO(raw)).getexif().get_ifd(0x8825)  # the upload does carry GPS
    response = client_as(users.organizer).post(
        reverse("outreach:event_photos", args=[event.pk]),
        {
            "image": SimpleUploadedFile("IMG_0001.jpg", raw, content_type="image/jpeg"),
            "caption": "现场",
        },
    )
    assert response.status_code == 302
    photo = EventPhoto.objects.get()
    with photo.image.open("rb") as handle:
        stored = Image.open(io.BytesIO(handle.read()))
    assert stored.size == (400, 800)
    assert not stored.getexif() and "exif" not in stored.info
    with photo.thumbnail.open("rb") as handle:
        thumb = Image.open(io.BytesIO(handle.read()))
    assert max(thumb.size) <= 320 and not thumb.getexif()
    assert "IMG_0001" not in photo.image.name
    page = client_as(users.organizer).get(reverse("outreach:event_detail", args=[event.pk])).content.decode()
    assert photo.thumbnail.url in page


def test_a_non_image_is_refused(client_as, users, event):
    response = client_as(users.organizer).post(
        reverse("outreach:event_photos", args=[event.pk]),
        {
            "image": SimpleUploadedFile("evil.jpg", b"<?php echo 1; ?>", content_type="image/jpeg"),
        },
    )
    assert response.status_code == 200 and "image" in response.context["form"].errors
    assert not EventPhoto.objects.exists()


def test_only_managers_upload_or_remove(client_as, users, event):
    raw = jpeg_with_gps_and_rotation()
    client = client_as(users.organizer)
    client.post(
        reverse("outreach:event_photos", args=[event.pk]),
        {"image": SimpleUploadedFile("a.jpg", raw, content_type="image/jpeg")},
    )
    photo = EventPhoto.objects.get()
    officer = client_as(users.town_officer)
    assert officer.get(reverse("outreach:event_photos", args=[event.pk])).status_code == 200
    assert (
        officer.post(
            reverse("outreach:event_photos", args=[event.pk]),
            {"image": SimpleUploadedFile("b.jpg", raw, content_type="image/jpeg")},
        ).status_code
        == 403
    )
    assert officer.post(reverse("outreach:photo_delete", args=[event.pk, photo.pk])).status_code == 403
    client = client_as(users.organizer)
    client.post(reverse("outreach:photo_delete", args=[event.pk, photo.pk]))
    assert not EventPhoto.objects.exists()
