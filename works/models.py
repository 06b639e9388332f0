"""Original outreach works (微视频, 动漫, 情景剧, 快板, 图文…) and awards (for a work, a project or a person),
as the bureau's annual report names them. Each belongs to the area that produced or received it."""

import re

from django.db import models
from django.utils.translation import gettext_lazy as _

from places.models import Area


class Work(models.Model):
    class Kind(models.TextChoices):
        MICRO_VIDEO = "micro_video", _("Micro-video")
        ANIMATION = "animation", _("Animation")
        SKETCH = "sketch", _("Sketch")
        KUAIBAN = "kuaiban", _("Clapper talk")
        GRAPHIC = "graphic", _("Illustrated text")
        SONG = "song", _("Song")
        OTHER = "other", _("Other")

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    area = models.ForeignKey(Area, verbose_name=_("area"), on_delete=models.PROTECT, related_name="+")
    producers = models.TextField(_("produced by"), blank=True, help_text=_("One per line, or separated by 、"))
    link = models.URLField(_("link"), blank=True)
    file = models.FileField(_("file"), upload_to="works/%Y/", blank=True)
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "area__code", "title", "id"]
        verbose_name = _("work")
        verbose_name_plural = _("works")
        constraints = [
            models.UniqueConstraint(fields=["area", "year", "title"], name="work_unique_title_per_area_year"),
        ]

    def __str__(self):
        return f"《{self.title}》"

    @property
    def producer_list(self):
        return [p.strip() for p in re.split(r"[\n、,，;；]", self.producers or "") if p.strip()]


class Award(models.Model):
    class Level(models.TextChoices):
        NATIONAL = "national", _("National")
        PROVINCIAL = "provincial", _("Provincial")
        CITY = "city", _("City")
        DISTRICT = "district", _("District")

    class RecipientKind(models.TextChoices):
        WORK = "work", _("A work")
        PROJECT = "project", _("A project")
        PERSON = "person", _("A person")

    title = models.CharField(_("award"), max_length=200)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    awarding_body = models.CharField(_("awarded by"), max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(_("year"))
    recipient_kind = models.CharField(_("awarded to"), max_length=10, choices=RecipientKind.choices)
    recipient = models.CharField(
        _("recipient"), max_length=200, blank=True, help_text=_("The project's or person's name; a work's title.")
    )
    work = models.ForeignKey(
        Work, verbose_name=_("work"), null=True, blank=True, on_delete=models.PROTECT, related_name="awards"
    )
    area = models.ForeignKey(Area, verbose_name=_("area"), on_delete=models.PROTECT, related_name="+")
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "area__code", "title", "id"]
        verbose_name = _("award")
        verbose_name_plural = _("awards")

    def __str__(self):
        return f"{self.recipient}：{self.title}"
