"""Village legal advisors (村(社区)法律顾问), their village assignments and duty shifts.

Writes go through ``advisors.services``; these models hold data, constraints and querysets.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from places.models import Area


class Advisor(models.Model):
    class Kind(models.TextChoices):
        LAWYER = "lawyer", _("Lawyer")
        LEGAL_WORKER = "legal_worker", _("Grassroots legal service worker")

    name = models.CharField(_("name"), max_length=50)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.LAWYER)
    firm = models.CharField(_("law firm / office"), max_length=100, blank=True)
    license_no = models.CharField(_("licence number"), max_length=40, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("login user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="advisor_profile",
        limit_choices_to={"role": "advisor"},
    )
    specialties = models.CharField(_("specialties"), max_length=200, blank=True)
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("legal advisor")
        verbose_name_plural = _("legal advisors")

    def __str__(self):
        return self.name


class AssignmentQuerySet(models.QuerySet):
    def in_force(self, start, end=None):
        """Assignments in force at some time from ``start`` to ``end`` (inclusive dates; without
        ``end``, on the day ``start``). Works inside subqueries (``filter(village=OuterRef(...))``)."""
        end = start if end is None else end
        return self.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=start), starts_on__lte=end)


class Assignment(models.Model):
    """An advisor serves a village from ``starts_on`` to ``ends_on`` (inclusive; null = open-ended).

    A village has at most one advisor on any day: checked in ``services.assign_advisor`` and, on
    PostgreSQL, by an exclusion constraint (migration). Ended assignments stay as history.
    """

    advisor = models.ForeignKey(
        Advisor, verbose_name=_("advisor"), on_delete=models.PROTECT, related_name="assignments"
    )
    village = models.ForeignKey(
        Area, verbose_name=_("village"), on_delete=models.PROTECT, related_name="advisor_assignments"
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["village__code", "-starts_on"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")), name="assignment_ends_after_start"
            ),
        ]
        indexes = [models.Index(fields=["village", "starts_on"]), models.Index(fields=["advisor", "starts_on"])]

    def __str__(self):
        return f"{self.advisor} → {self.village.name} ({self.starts_on}–{self.ends_on or '…'})"


class DutyShift(models.Model):
    """One duty session of an advisor in a village (a line of the 工作台账)."""

    class Mode(models.TextChoices):
        OFFICE = "office", _("Office hours in the village")
        HOME_VISIT = "home_visit", _("Home visit")
        REMOTE = "remote", _("Remote (phone/online)")
        APPOINTMENT = "appointment", _("By appointment")

    # Counter field names, in the order of the report's sentence.
    COUNTERS = (
        "consultation_batches",
        "consultation_people",
        "contracts_reviewed",
        "legal_opinions",
        "documents_drafted",
        "mediations",
        "negotiations",
        "legal_aid_cases",
        "elections_assisted",
        "phone_consultations",
        "outreach_sessions",
    )

    advisor = models.ForeignKey(Advisor, verbose_name=_("advisor"), on_delete=models.PROTECT, related_name="shifts")
    village = models.ForeignKey(Area, verbose_name=_("village"), on_delete=models.PROTECT, related_name="duty_shifts")
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("start time"))
    end_time = models.TimeField(_("end time"), null=True, blank=True)
    # Stored so sums are one aggregate; set by the service from start/end.
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=2, default=0)
    mode = models.CharField(_("mode"), max_length=12, choices=Mode.choices, default=Mode.OFFICE)

    consultation_batches = models.PositiveIntegerField(_("consultations (batches)"), default=0)
    consultation_people = models.PositiveIntegerField(_("consultations (persons)"), default=0)
    contracts_reviewed = models.PositiveIntegerField(_("contracts reviewed"), default=0)
    legal_opinions = models.PositiveIntegerField(_("legal opinions issued"), default=0)
    documents_drafted = models.PositiveIntegerField(_("documents drafted"), default=0)
    mediations = models.PositiveIntegerField(_("mediations"), default=0)
    negotiations = models.PositiveIntegerField(_("negotiations / signings"), default=0)
    legal_aid_cases = models.PositiveIntegerField(_("legal aid cases"), default=0)
    elections_assisted = models.PositiveIntegerField(_("elections assisted"), default=0)
    phone_consultations = models.PositiveIntegerField(_("phone consultations"), default=0)
    outreach_sessions = models.PositiveIntegerField(_("outreach talks"), default=0)

    notes = models.TextField(_("notes"), blank=True)
    verified_presence = models.BooleanField(_("presence verified by QR"), default=False)
    # Offline sync (offline/): the phone's id for the record, so a replayed record is recognised.
    client_id = models.UUIDField(_("client id"), null=True, blank=True, unique=True, editable=False)
    scanned_offline = models.BooleanField(_("poster scanned offline"), default=False)

    class State(models.TextChoices):
        SUBMITTED = "submitted", _("submitted")
        APPROVED = "approved", _("approved")
        RETURNED = "returned", _("returned")

    # Review: submitted → approved, or returned with a comment → corrected (submitted again).
    # Kept in step with approved_at by advisors.services (approved ⇔ approved_at set).
    state = models.CharField(_("review state"), max_length=10, choices=State.choices, default=State.SUBMITTED)
    review_comment = models.TextField(_("review comment"), blank=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # The import (a jobs.Job) that created this shift; undoing the import deletes it.
    import_job = models.ForeignKey(
        "jobs.Job",
        verbose_name=_("imported by job"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-date", "-start_time"]
        verbose_name = _("duty shift")
        verbose_name_plural = _("duty shifts")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__isnull=True) | Q(end_time__gt=F("start_time")), name="shift_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(consultation_people__gte=F("consultation_batches")), name="shift_people_ge_batches"
            ),
            models.CheckConstraint(condition=Q(hours__gte=0), name="shift_hours_non_negative"),
        ]
        indexes = [
            models.Index(fields=["village", "date"]),
            models.Index(fields=["advisor", "date"]),
            # The API's and the ledger's order (newest first): a page of 500 is read off this index
            # backwards and stops after 500 rows, at any scale (it also serves every date range).
            models.Index(fields=["date", "start_time", "id"], name="shift_list_order"),
            models.Index(fields=["state", "date"], name="shift_state_date"),
        ]

    def __str__(self):
        return f"{self.advisor} @ {self.village.name} {self.date} {self.start_time:%H:%M}"

    @property
    def is_approved(self):
        return self.approved_at is not None

    @property
    def is_returned(self):
        return self.state == self.State.RETURNED


class DutyShiftChange(models.Model):
    """Who changed what on a shift and when (coordinator corrections after approval included)."""

    shift = models.ForeignKey(DutyShift, verbose_name=_("duty shift"), on_delete=models.CASCADE, related_name="changes")
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("changed by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)
    # {"field": [old, new], ...}
    changes = models.JSONField(_("changes"), default=dict)
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta:
        ordering = ["-changed_at", "-id"]
        verbose_name = _("duty shift change")
        verbose_name_plural = _("duty shift changes")


class DutyPoster(models.Model):
    """The QR poster in a village's legal service room. The QR holds only ``/advisors/scan/<secret>/``."""

    village = models.OneToOneField(
        Area, verbose_name=_("village"), on_delete=models.PROTECT, related_name="duty_poster"
    )
    secret = models.CharField(_("secret"), max_length=64, unique=True)
    rotated_at = models.DateTimeField(_("issued at"), auto_now_add=True)

    class Meta:
        verbose_name = _("duty QR poster")
        verbose_name_plural = _("duty QR posters")


class RetiredDutySecret(models.Model):
    """A poster secret replaced by rotation: scanning it answers "this poster was replaced"."""

    village = models.ForeignKey(Area, verbose_name=_("village"), on_delete=models.CASCADE, related_name="+")
    secret = models.CharField(_("secret"), max_length=64, unique=True)
    retired_at = models.DateTimeField(_("replaced at"), auto_now_add=True)

    class Meta:
        verbose_name = _("replaced poster secret")
        verbose_name_plural = _("replaced poster secrets")


class DutyShiftTopic(models.Model):
    """How many of a shift's consultations and mediations were about one legal topic.

    The counts of a shift never add up to more than its ``consultation_batches + mediations``
    (``advisors.services.check_topic_counts``); the remainder is shown as unclassified (未分类).
    """

    shift = models.ForeignKey(
        DutyShift, verbose_name=_("duty shift"), on_delete=models.CASCADE, related_name="topic_counts"
    )
    topic = models.ForeignKey("topics.Topic", verbose_name=_("legal topic"), on_delete=models.PROTECT, related_name="+")
    count = models.PositiveIntegerField(_("consultations and mediations"), default=0)

    class Meta:
        verbose_name = _("duty shift topic")
        verbose_name_plural = _("duty shift topics")
        constraints = [models.UniqueConstraint(fields=["shift", "topic"], name="shift_topic_once")]
