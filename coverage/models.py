"""Coverage roll-ups (issue 17): per area per month, the sums every coverage figure is made of, so a
province, a city or a district reads any month-aligned period with one ``SUM … GROUP BY``.

They are derived data, rebuilt by ``coverage.rollups.refresh_rollups`` (a job, not the writes): see
docs/ARCHITECTURE.md for why. ``RollupYear`` says when each year was last rebuilt ("as of")."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from places.models import Area


class AreaMonth(models.Model):
    """One area (a village, or the town/district where an event was held) in one local month.

    ``month`` is ``year * 100 + month`` of the local (Asia/Shanghai) date. The definitions are
    coverage/rows.py's: held events whose area is this one, live check-ins at them, live check-ins at
    held events anywhere whose home village is this one (and those under 18 / 60 and over), duty
    shifts dated in the month in this village, their hours and home visits, the last held event."""

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="+", db_index=False)
    month = models.PositiveIntegerField(_("month (yyyymm)"))
    # The area's code, copied at the refresh: a drill-down groups by its prefix without joining Area.
    code = models.CharField(max_length=12)
    events = models.IntegerField(default=0, db_default=0)
    walk_ins = models.IntegerField(default=0, db_default=0)
    checkins = models.IntegerField(default=0, db_default=0)
    residents = models.IntegerField(default=0, db_default=0)
    residents_under_18 = models.IntegerField(default=0, db_default=0)
    residents_60_plus = models.IntegerField(default=0, db_default=0)
    shifts = models.IntegerField(default=0, db_default=0)
    duty_hours = models.DecimalField(max_digits=12, decimal_places=2, default=0, db_default=0)
    home_visits = models.IntegerField(default=0, db_default=0)
    last_event_at = models.DateTimeField(null=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["area", "month"], name="areamonth_area_month")]
        # A drill-down filters ``code LIKE 'prefix%'`` (pattern ops on PostgreSQL, ignored elsewhere).
        indexes = [
            models.Index(fields=["code", "month"], name="areamonth_code_month", opclasses=["varchar_pattern_ops", ""])
        ]


class AreaMonthAudience(models.Model):
    """Held events per audience group for one area and month (the youth and elderly obligations)."""

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="+", db_index=False)
    month = models.PositiveIntegerField()
    audience = models.CharField(max_length=20)
    events = models.IntegerField(default=0, db_default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["area", "month", "audience"], name="areamonthaudience_unique"),
        ]
        indexes = [models.Index(fields=["month", "area"], name="areamonthaudience_month_area")]


class RollupYear(models.Model):
    """The roll-ups of ``year`` were rebuilt at ``refreshed_at`` (what the pages show as "as of")."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    refreshed_at = models.DateTimeField()
