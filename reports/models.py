"""Closed-year snapshots: the annual figures of an area frozen when a coordinator closes a year."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from places.models import Area


class FiguresSnapshot(models.Model):
    """The annual figures of an area as they stood when a coordinator closed the year."""

    year = models.PositiveSmallIntegerField(_("year"))
    area = models.ForeignKey(Area, verbose_name=_("area"), on_delete=models.PROTECT, related_name="+")
    figures = models.JSONField(_("figures"))
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    closed_at = models.DateTimeField(_("closed at"), auto_now_add=True)
    # Empty for the first close; re-closing must say why.
    reason = models.TextField(_("reason for re-closing"), blank=True)
    # The newest snapshot of a (year, area) is the current one; older ones stay as history.
    superseded = models.BooleanField(default=False)

    class Meta:
        # Moved from the outreach app; the table keeps its name.
        db_table = "outreach_figuressnapshot"
        ordering = ["-closed_at", "-id"]
        verbose_name = _("closed-year snapshot")
        verbose_name_plural = _("closed-year snapshots")
        constraints = [
            models.UniqueConstraint(
                fields=["year", "area"], condition=Q(superseded=False), name="snapshot_one_current_per_year_area"
            ),
        ]
