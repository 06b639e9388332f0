"""Legal-education events (普法活动), their series, attendee check-ins, and closed-year snapshots.

Check-ins are written only by ``outreach.services.perform_checkin``; the database refuses a
second live check-in of the same phone at the same event.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from advisors.models import Advisor
from legalsavvy.models import Gender, LegalSavvyPerson
from places.models import Area


class EventSeries(models.Model):
    class Kind(models.TextChoices):
        RADIO = "radio", _("Radio programme")
        TV = "tv", _("TV programme")
        ONLINE = "online", _("Online column")
        LECTURE_SERIES = "lecture_series", _("Lecture series")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("event series")
        verbose_name_plural = _("event series")

    def __str__(self):
        return self.name


class EventQuerySet(models.QuerySet):
    def held(self):
        return self.filter(status=Event.Status.HELD)

    def under(self, code):
        return self.filter(area__code__startswith=code)

    def with_attendee_count(self):
        """``attendee_count``: live (not annulled) check-ins plus the walk-in headcount.

        Live check-ins are unique per phone per event (database constraint), so counting rows
        counts distinct phones, and stays right after a personal-data purge blanks the phones.

        A correlated subquery rather than a JOIN + GROUP BY: a page of a list then counts the check-ins
        of its own rows only (index on event, annulled), and the paginator's COUNT(*) needs no join —
        at province scale the grouped join aggregated every check-in before taking a page.
        """
        live = (
            CheckIn.objects.filter(event=OuterRef("pk"), annulled=False)
            .order_by()
            .values("event")
            .annotate(n=models.Count("pk"))
            .values("n")
        )
        return self.annotate(
            checkin_count=Coalesce(Subquery(live, output_field=models.IntegerField()), 0),
            attendee_count=models.F("checkin_count") + models.F("walk_in_count"),
        )


class Event(models.Model):
    class Kind(models.TextChoices):
        LECTURE = "lecture", _("Lecture")
        CASE_STUDY = "case_study", _("Case explanation (以案释法)")
        PERFORMANCE = "performance", _("Performance")
        CAMPAIGN = "campaign", _("Campaign-day stall")
        TRAINING = "training", _("Training")
        BROADCAST = "broadcast", _("Broadcast")
        ONLINE = "online", _("Online")
        CONSULTATION = "consultation", _("Free consultation")
        OTHER = "other", _("Other")

    class Sector(models.TextChoices):
        # The "法律六进" destinations, plus online.
        ORGANS = "organs", _("Into government offices")
        VILLAGES = "villages", _("Into villages")
        COMMUNITIES = "communities", _("Into communities")
        SCHOOLS = "schools", _("Into schools")
        ENTERPRISES = "enterprises", _("Into enterprises")
        UNITS = "units", _("Into units")
        ONLINE = "online", _("Online")

    class Audience(models.TextChoices):
        GENERAL = "general", _("General public")
        YOUTH = "youth", _("Young people")
        ELDERLY = "elderly", _("Elderly people")
        WOMEN = "women", _("Women")
        MIGRANT_WORKERS = "migrant_workers", _("Migrant workers")
        ENTERPRISE_STAFF = "enterprise_staff", _("Enterprise staff")
        VILLAGE_CADRES = "village_cadres", _("Village cadres")
        STUDENTS = "students", _("Students")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.LECTURE)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices, default=Sector.VILLAGES)
    # List of strings; stored as JSON. Audiences are also mirrored in EventAudience for filtering.
    topics = models.JSONField(_("topics"), default=list, blank=True)
    area = models.ForeignKey(Area, verbose_name=_("area"), on_delete=models.PROTECT, related_name="events")
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLANNED)
    series = models.ForeignKey(
        EventSeries, verbose_name=_("series"), null=True, blank=True, on_delete=models.PROTECT, related_name="events"
    )
    episode = models.PositiveIntegerField(_("episode"), null=True, blank=True)
    walk_in_count = models.PositiveIntegerField(_("walk-in headcount"), default=0)
    description = models.TextField(_("description"), blank=True)
    advisors = models.ManyToManyField(
        Advisor, verbose_name=_("advisors who spoke or helped"), blank=True, related_name="events"
    )
    legal_savvy_persons = models.ManyToManyField(
        LegalSavvyPerson,
        verbose_name=_("legal-savvy persons who spoke or helped"),
        blank=True,
        related_name="events",
    )
    other_speakers = models.TextField(_("other speakers (name and affiliation)"), blank=True)
    organizer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("organizer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organized_events",
    )
    # The only thing the check-in QR carries. Rotated secrets live in RetiredCheckinSecret.
    checkin_secret = models.CharField(max_length=64, unique=True)
    # Set when close_ended_events marked it held (its end passed with check-ins or walk-ins). Kept if
    # the organizer then changes the status, so the job never overrides their decision.
    auto_held_at = models.DateTimeField(_("marked held automatically at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # The import (a jobs.Job) that created this event; undoing the import deletes it.
    import_job = models.ForeignKey(
        "jobs.Job",
        verbose_name=_("imported by job"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at", "-id"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gte=F("starts_at")), name="event_ends_after_start"),
            models.UniqueConstraint(
                fields=["series", "episode"],
                condition=Q(series__isnull=False, episode__isnull=False),
                name="event_unique_series_episode",
            ),
        ]
        indexes = [
            models.Index(fields=["starts_at"]),
            models.Index(fields=["status", "starts_at"]),
            # A village's latest held event (coverage) without scanning every held event.
            models.Index(fields=["area", "status", "starts_at"], name="event_area_status_start_idx"),
        ]

    def __str__(self):
        return self.title

    @property
    def audience_list(self):
        """The audience codes from the EventAudience rows (prefetch ``audience_rows`` for lists)."""
        return sorted(row.audience for row in self.audience_rows.all())


class EventAudience(models.Model):
    """One row per (event, audience group): lets SQLite and PostgreSQL filter and count by audience."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="audience_rows")
    audience = models.CharField(max_length=20, choices=Event.Audience.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["event", "audience"], name="event_audience_unique")]
        indexes = [models.Index(fields=["audience", "event"])]


class RetiredCheckinSecret(models.Model):
    """A rotated check-in secret: scanning it answers ``revoked``, not ``invalid``."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="retired_secrets")
    secret = models.CharField(max_length=64, unique=True)
    retired_at = models.DateTimeField(auto_now_add=True)


def event_photo_path(instance, filename):
    return f"events/{instance.event_id}/{filename}"


class EventPhoto(models.Model):
    """A photo of the event; stored re-encoded without EXIF/GPS, with a thumbnail."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("photo"), upload_to=event_photo_path)
    thumbnail = models.ImageField(_("thumbnail"), upload_to=event_photo_path, blank=True)
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("event photo")
        verbose_name_plural = _("event photos")


class CheckIn(models.Model):
    class AgeGroup(models.TextChoices):
        UNDER_18 = "under_18", _("Under 18")
        AGE_18_35 = "18_35", _("18–35")
        AGE_36_59 = "36_59", _("36–59")
        AGE_60_PLUS = "60_plus", _("60 and over")

    class Occupation(models.TextChoices):
        FARMER = "farmer", _("Farmer")
        WORKER = "worker", _("Worker")
        MIGRANT_WORKER = "migrant_worker", _("Migrant worker")
        STUDENT = "student", _("Student")
        ENTERPRISE_STAFF = "enterprise_staff", _("Enterprise staff")
        CIVIL_SERVANT = "civil_servant", _("Civil servant")
        RETIRED = "retired", _("Retired")
        OTHER = "other", _("Other")

    class Method(models.TextChoices):
        SELF = "self", _("Self check-in (QR)")
        ORGANIZER = "organizer", _("Entered by organizer")
        IMPORT = "import", _("Imported")
        DOOR = "door", _("Door mode (organizer's device)")

    Gender = Gender

    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.PROTECT, related_name="checkins")
    name = models.CharField(_("name"), max_length=50, blank=True)
    # Normalized 11-digit mainland mobile number; blanked by the personal-data purge.
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    gender = models.CharField(_("gender"), max_length=12, choices=Gender.choices, default=Gender.UNSPECIFIED)
    age_group = models.CharField(_("age group"), max_length=10, choices=AgeGroup.choices)
    occupation = models.CharField(_("occupation"), max_length=20, choices=Occupation.choices)
    home_village = models.ForeignKey(
        Area,
        verbose_name=_("home village"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="resident_checkins",
    )
    method = models.CharField(_("method"), max_length=10, choices=Method.choices, default=Method.SELF)
    created_at = models.DateTimeField(_("checked in at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    annulled = models.BooleanField(_("annulled"), default=False)
    annulled_at = models.DateTimeField(_("annulled at"), null=True, blank=True)
    annulled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    annul_reason = models.CharField(_("reason for annulling"), max_length=200, blank=True)
    # A paper-sheet row without a phone: counted once per row, but nothing proves it is not a repeat.
    phone_unverified = models.BooleanField(_("no phone (unverifiable)"), default=False)
    personal_data_purged = models.BooleanField(_("personal data purged"), default=False)
    # A keyed hash (HMAC with SECRET_KEY) of the client address of a self check-in, never the raw
    # address: lets the data-quality flags spot bursts from one device. Null for organizer entries.
    client_hash = models.CharField(_("client address (hashed)"), max_length=64, null=True, blank=True)  # noqa: DJ001
    # The nonce a door-mode device gives each entry (offline/), so a replayed entry is recognised.
    client_id = models.UUIDField(_("client id"), null=True, blank=True, unique=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        constraints = [
            # One live check-in per phone per event: double scans can never count twice. Rows without
            # a phone (paper sheets, phone_unverified) are outside the constraint.
            models.UniqueConstraint(
                fields=["event", "phone"],
                condition=Q(annulled=False, personal_data_purged=False) & ~Q(phone=""),
                name="checkin_unique_live_phone",
            ),
        ]
        indexes = [models.Index(fields=["event", "annulled"]), models.Index(fields=["home_village"])]

    def __str__(self):
        return f"{self.event_id}: {self.name}"


class CheckinFeedback(models.Model):
    """What an attendee said after checking in (optional, anonymous beyond the check-in it belongs to):
    satisfaction 1–5 and the legal topics they would like to hear about. One per check-in; only ever
    shown aggregated (``outreach.feedback``), never per person."""

    checkin = models.OneToOneField(
        CheckIn, verbose_name=_("check-in"), on_delete=models.CASCADE, related_name="feedback"
    )
    satisfaction = models.PositiveSmallIntegerField(_("satisfaction (1–5)"), null=True, blank=True)
    wishes = models.ManyToManyField(
        "topics.Topic", verbose_name=_("topics wished for"), blank=True, related_name="feedback_wishes"
    )
    created_at = models.DateTimeField(_("given at"), auto_now_add=True)

    class Meta:
        verbose_name = _("check-in feedback")
        verbose_name_plural = _("check-in feedback")
        constraints = [
            models.CheckConstraint(
                condition=Q(satisfaction__isnull=True) | Q(satisfaction__gte=1, satisfaction__lte=5),
                name="feedback_satisfaction_1_5",
            )
        ]
