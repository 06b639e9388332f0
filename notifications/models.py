"""In-app notifications (the inbox behind the bell) and the reminders each user has muted.

Written only by ``notifications.notify.notify`` (the text as a code plus parameters, rendered when
read: ``notifications/messages.py``): a reminder of one kind reaches a user at most once
per period (``period_key``, e.g. ``2026-11`` or ``2026-W48``), held by a unique constraint.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    DUTY_BEHIND = "duty_behind", _("Duty hours behind schedule")
    OPEN_SHIFT = "open_shift", _("Shift not finished")
    SHIFTS_WAITING = "shifts_waiting", _("Shifts waiting for approval")
    EVENTS_UNMARKED = "events_unmarked", _("Ended events not marked")
    COVERAGE_DIGEST = "coverage_digest", _("Weekly digest: villages without an event")


class Notification(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    # A code and its parameters (notifications/messages.py), rendered in the reader's language when
    # shown; ``message`` holds the text of a notification stored before codes (shown as is).
    code = models.CharField(_("message code"), max_length=40, blank=True, default="")
    params = models.JSONField(_("message parameters"), default=dict, blank=True)
    message = models.CharField(_("message"), max_length=500, blank=True)
    url = models.CharField(_("link"), max_length=300, blank=True)
    period_key = models.CharField(_("period"), max_length=64)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    read = models.BooleanField(_("read"), default=False)

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind", "period_key"], name="notification_once_per_period"),
        ]
        indexes = [models.Index(fields=["user", "read"])]

    def __str__(self):
        return f"{self.user_id} {self.kind} {self.period_key}"

    @property
    def text(self):
        """The message in the active language (a stored text as it was written)."""
        from .messages import render

        return (render(self.code, self.params) if self.code else "") or self.message


class MutedKind(models.Model):
    """A user does not want reminders of this kind (no row = the reminder is on)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="muted_kinds"
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)

    class Meta:
        verbose_name = _("muted reminder")
        verbose_name_plural = _("muted reminders")
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="muted_kind_unique")]
