"""Event photos: stored re-encoded (no EXIF or GPS), with a thumbnail."""

from outreach.models import EventPhoto

from ._common import _is_user


def add_photo(user, event, upload, caption=""):
    """Store a photo re-encoded (EXIF and GPS gone, turned upright) with a thumbnail."""
    from outreach.photos import prepare_photo

    image, thumbnail = prepare_photo(upload)
    photo = EventPhoto(event=event, caption=(caption or "")[:200], uploaded_by=user if _is_user(user) else None)
    photo.image.save(image.name, image, save=False)
    photo.thumbnail.save(thumbnail.name, thumbnail, save=False)
    photo.save()
    return photo


def delete_photo(user, photo):
    for field in (photo.image, photo.thumbnail):
        if field:
            field.delete(save=False)
    photo.delete()
