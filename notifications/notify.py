"""The one notification function: an inbox entry, plus email and a text message when configured."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import translation

from . import sms
from .messages import Message
from .models import MutedKind, Notification

logger = logging.getLogger("notifications")


def is_muted(user, kind):
    return MutedKind.objects.filter(user=user, kind=kind).exists()


def notify(user, kind, message, url, period_key):
    """Store ``message`` in ``user``'s inbox and, when configured, email and text it. ``message`` is a
    ``Message`` (a code and parameters: stored as such, rendered in the reader's language when read)
    or a plain text (stored as written).

    Nothing happens (None is returned) when the user has muted ``kind`` or already received this
    kind in ``period_key``; otherwise the new Notification is returned.
    """
    if user is None or not user.is_active or is_muted(user, kind):
        return None
    try:
        with transaction.atomic():
            if isinstance(message, Message):
                stored = {"code": message.code, "params": message.params}
            else:
                stored = {"message": str(message)[:500]}
            note = Notification.objects.create(user=user, kind=kind, url=url or "", period_key=period_key, **stored)
    except IntegrityError:
        return None  # sent already in this period
    _deliver(user, note)
    return note


def _deliver(user, note):
    # Email and text messages go out in the site's language (users keep no language of their own).
    with translation.override(settings.LANGUAGE_CODE):
        _send(user, note, note.text, str(note.get_kind_display()))


def _send(user, note, text, subject):
    if settings.NOTIFICATIONS_EMAIL and user.email:
        link = f"{settings.PUBLIC_BASE_URL}{note.url}" if note.url else ""
        try:
            send_mail(
                subject=f"{settings.EMAIL_SUBJECT_PREFIX}{subject}",
                message=f"{text}\n{link}".strip(),
                from_email=None,
                recipient_list=[user.email],
            )
        except Exception:  # a mail server down must not stop the other reminders
            logger.exception("Could not email notification %s", note.pk)
    phone = getattr(user, "phone", "")
    backend = sms.get_backend() if phone else None
    if backend is not None:
        try:
            backend.send(phone, text)
        except Exception:
            logger.exception("Could not text notification %s", note.pk)
