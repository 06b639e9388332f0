"""The administrative area tree, keyed by National Bureau of Statistics codes.

A code's digits are its path from the root (44 → 4404 → 440403 → 440403105 → 440403105201),
so "everything under X" is one indexed prefix scan: ``code__startswith=X.code``.
"""

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

# Code length by level: province 2, city 4, district 6, town 9, village 12.
CODE_LENGTHS = {"province": 2, "city": 4, "district": 6, "town": 9, "village": 12}
code_validator = RegexValidator(r"^\d+$", _("An area code consists of digits only."))


class AreaQuerySet(models.QuerySet):
    def under(self, code):
        """Every area strictly below ``code`` (not the area itself)."""
        return self.filter(code__startswith=code).exclude(code=code)

    def within(self, code):
        """The area ``code`` and everything below it."""
        return self.filter(code__startswith=code)

    def villages(self):
        return self.filter(level=Area.Level.VILLAGE)

    def towns(self):
        return self.filter(level=Area.Level.TOWN)

    def active(self):
        return self.filter(active=True)


class Area(models.Model):
    class Level(models.TextChoices):
        PROVINCE = "province", _("Province")
        CITY = "city", _("City")
        DISTRICT = "district", _("District")
        TOWN = "town", _("Town")
        VILLAGE = "village", _("Village")

    class Kind(models.TextChoices):
        VILLAGE = "village", _("Village (村)")
        COMMUNITY = "community", _("Community (社区)")
        TOWN = "town", _("Town (镇)")
        SUBDISTRICT = "subdistrict", _("Subdistrict (街道)")

    code = models.CharField(_("statistical code"), max_length=12, unique=True, validators=[code_validator])
    name = models.CharField(_("name"), max_length=100)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices, db_index=True)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, blank=True, null=True)
    lat = models.FloatField(
        _("latitude"), null=True, blank=True, validators=[MinValueValidator(-90), MaxValueValidator(90)]
    )
    lon = models.FloatField(
        _("longitude"), null=True, blank=True, validators=[MinValueValidator(-180), MaxValueValidator(180)]
    )
    # True when lat/lon are placed by the demo or estimated, not surveyed; maps say so.
    coords_approximate = models.BooleanField(_("coordinates approximate"), default=False)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    households = models.PositiveIntegerField(_("households"), null=True, blank=True)
    boundary = models.JSONField(_("boundary (GeoJSON geometry)"), null=True, blank=True)
    active = models.BooleanField(_("active"), default=True)

    objects = AreaQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        constraints = [
            models.CheckConstraint(
                condition=Q(lat__isnull=True) | (Q(lat__gte=-90) & Q(lat__lte=90)), name="area_lat_range"
            ),
            models.CheckConstraint(
                condition=Q(lon__isnull=True) | (Q(lon__gte=-180) & Q(lon__lte=180)), name="area_lon_range"
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.code})"

    @property
    def is_village(self):
        return self.level == self.Level.VILLAGE

    def contains(self, code):
        """True when ``code`` is this area or lies below it."""
        return bool(code) and str(code).startswith(self.code)
