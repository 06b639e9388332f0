"""The QR poster each village hangs up: its secret, replacing it, and finding the village a scan names."""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts import audit
from accounts.models import AuditEntry
from accounts.scopes import in_scope, is_manager
from common.clock import local_today
from common.qr import new_secret

from ..errors import DutyError, DutyRefused
from ..models import DutyPoster, RetiredDutySecret


def ensure_poster(village):
    """The village's poster, created with a fresh secret the first time it is asked for."""
    if not village.is_village:
        raise DutyRefused(DutyError.NOT_A_VILLAGE, "village")
    poster = DutyPoster.objects.filter(village=village).first()
    if poster is not None:
        return poster
    try:
        with transaction.atomic():
            return DutyPoster.objects.create(village=village, secret=new_secret())
    except IntegrityError:  # created by a parallel request a moment ago
        return DutyPoster.objects.get(village=village)


def rotate_poster(village, *, by):
    """A new secret for the village's poster; the old one then answers "this poster was replaced"."""
    if by is not None and not (is_manager(by) and in_scope(by, village.code)):
        raise DutyRefused(DutyError.NOT_ALLOWED)
    with transaction.atomic():
        poster = ensure_poster(village)
        poster = DutyPoster.objects.select_for_update().get(pk=poster.pk)
        RetiredDutySecret.objects.create(village=village, secret=poster.secret)
        poster.secret = new_secret()
        poster.rotated_at = timezone.now()
        poster.save(update_fields=["secret", "rotated_at"])
        audit.record(
            by,
            poster,
            AuditEntry.Action.UPDATE,
            area_code=village.code,
            record_date=local_today(),
            summary=f"{village.name}: QR poster replaced",
        )
    return poster


def village_for_secret(secret):
    """The village whose current poster carries this secret; refusals for replaced or unknown ones."""
    secret = str(secret or "")[:64]
    poster = DutyPoster.objects.select_related("village").filter(secret=secret).first() if secret else None
    if poster is not None:
        return poster.village
    if secret and RetiredDutySecret.objects.filter(secret=secret).exists():
        raise DutyRefused(DutyError.POSTER_REPLACED, "secret")
    raise DutyRefused(DutyError.UNKNOWN_POSTER, "secret")


# How far ahead of the server's clock a phone's scan time may be (its clock may run fast).
SCAN_CLOCK_SKEW = timedelta(minutes=5)


def village_at_scan(secret, at):
    """The village whose poster carried ``secret`` at the time ``at`` (a poster scanned offline).

    The current secret is valid from when its poster was issued; a replaced one from its issue (the
    village's previous replacement) until it was replaced. Refusals: unknown poster, replaced before
    the scan, or a scan time that fits neither (in the future, or before the poster existed).
    """
    secret = str(secret or "")[:64]
    if at > timezone.now() + SCAN_CLOCK_SKEW:
        raise DutyRefused(DutyError.SCAN_TIME_INVALID, "scanned_at")
    poster = DutyPoster.objects.select_related("village").filter(secret=secret).first() if secret else None
    if poster is not None:
        if at < poster.rotated_at:
            raise DutyRefused(DutyError.SCAN_TIME_INVALID, "scanned_at")
        return poster.village
    retired = RetiredDutySecret.objects.select_related("village").filter(secret=secret).first() if secret else None
    if retired is None:
        raise DutyRefused(DutyError.UNKNOWN_POSTER, "scanned_secret")
    if at >= retired.retired_at:
        raise DutyRefused(DutyError.POSTER_REPLACED, "scanned_secret")
    issued = (
        RetiredDutySecret.objects.filter(village=retired.village, retired_at__lt=retired.retired_at)
        .order_by("-retired_at")
        .values_list("retired_at", flat=True)
        .first()
    )
    if issued is not None and at < issued:
        raise DutyRefused(DutyError.SCAN_TIME_INVALID, "scanned_at")
    return retired.village
