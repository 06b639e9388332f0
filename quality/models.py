"""Data-quality flags: a record that looks wrong, with a sentence saying why. Flags never change
totals; an officer resolves each with a note. Written by ``quality.compute`` and ``quality.services``."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Flag(models.Model):
    class Kind(models.TextChoices):
        SHIFT_TOO_SHORT = "shift_too_short", _("Shift under 15 minutes")
        SHIFT_TOO_LONG = "shift_too_long", _("Shift over 12 hours")
        COUNTERS_IMPLAUSIBLE = "counters_implausible", _("Counters implausible for the hours")
        OVER_POPULATION = "attendees_over_population", _("Attendees above the village's population")
        PHONE_TWO_EVENTS = "phone_two_events", _("One phone at two overlapping events")
        CHECKIN_BURST = "checkin_burst", _("Many check-ins from one address within a minute")
        ADVISOR_ELSEWHERE = "advisor_elsewhere", _("Advisor on duty while speaking elsewhere")

    class RecordType(models.TextChoices):
        DUTY_SHIFT = "duty_shift", _("duty shift")
        EVENT = "event", _("event")
        CHECKIN = "checkin", _("check-in")

    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    record_type = models.CharField(_("record type"), max_length=20, choices=RecordType.choices)
    record_id = models.PositiveBigIntegerField(_("record id"))
    # The area code and local date the record counts under (scope and year filters).
    area_code = models.CharField(_("area code"), max_length=12, db_index=True)
    record_date = models.DateField(_("record date"), db_index=True)
    why = models.CharField(_("why"), max_length=300)

    class ClosedReason(models.TextChoices):
        """Why a flag closed without an officer: its record no longer breaks the rule, or is gone."""

        NO_LONGER_HOLDS = "no_longer_holds", _("The record was corrected or moved: the rule no longer holds")
        RECORD_DELETED = "record_deleted", _("The record was deleted")

    resolved = models.BooleanField(_("resolved"), default=False)
    closed_reason = models.CharField(
        _("closed automatically"), max_length=20, choices=ClosedReason.choices, blank=True, default=""
    )
    note = models.TextField(_("note"), blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resolved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    created = models.DateTimeField(_("flagged at"), auto_now_add=True)

    class Meta:
        ordering = ["resolved", "-record_date", "-id"]
        verbose_name = _("data-quality flag")
        verbose_name_plural = _("data-quality flags")
        constraints = [
            models.UniqueConstraint(fields=["kind", "record_type", "record_id"], name="flag_unique_per_kind_record"),
        ]
        indexes = [models.Index(fields=["resolved", "record_date"])]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.why}"
