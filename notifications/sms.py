"""Text messages through a pluggable backend: ``settings.SMS_BACKEND`` names a ``BaseSMSBackend``
subclass (default ``ConsoleSMSBackend``, which writes each message to the log). A real gateway is one
subclass with ``send(phone, text)``; set ``SMS_BACKEND=""`` to send no text messages at all."""

import logging
from abc import ABC, abstractmethod

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger("notifications.sms")


class BaseSMSBackend(ABC):
    @abstractmethod
    def send(self, phone, text):
        """Send ``text`` to the mainland mobile number ``phone``."""


class ConsoleSMSBackend(BaseSMSBackend):
    def send(self, phone, text):
        logger.info("SMS to %s: %s", phone, text)


def get_backend():
    """The configured backend, or None when text messages are off."""
    path = getattr(settings, "SMS_BACKEND", "")
    if not path:
        return None
    return import_string(path)()
