"""The registry of legal-savvy persons (法律明白人): terms of appointment, trainings, activities.

A person's current state (``status``, ``appointed_on``, ``removed_on``) mirrors their latest
term; ``LegalSavvyTerm`` keeps every term so "active on date D" stays answerable after a
removal and re-appointment. Writes go through ``legalsavvy.services``.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from advisors.models import Advisor
from common.clock import MAX_YEAR, MIN_YEAR
from places.models import Area


class Gender(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    UNSPECIFIED = "unspecified", _("Unspecified")


class LegalSavvyPerson(models.Model):
    class Source(models.TextChoices):
        CADRE = "cadre", _("Village cadre")
        MEDIATOR = "mediator", _("People's mediator")
        GRID_WORKER = "grid_worker", _("Grid worker")
        PARTY_MEMBER = "party_member", _("Party member")
        WOMENS_FEDERATION = "womens_federation", _("Women's federation member")
        FIVE_ELDERS = "five_elders", _('"Five elders"')
        AUXILIARY_POLICE = "auxiliary_police", _("Auxiliary police")
        GROUP_HEAD = "group_head", _("Villager-group head")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        # With a context: other features translate a bare "Active" differently (在任, 有效…).
        ACTIVE = "active", pgettext_lazy("legal-savvy status", "Active")
        REMOVED = "removed", pgettext_lazy("legal-savvy status", "Removed")

    class NominationRoute(models.TextChoices):
        VILLAGE_COMMITTEE = "village_committee", _("Nominated by the village committee")
        SELF = "self", _("Self-nominated")
        TOWN_OFFICE = "town_office", _("Recommended by the town justice office")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=50)
    gender = models.CharField(_("gender"), max_length=12, choices=Gender.choices, default=Gender.UNSPECIFIED)
    birth_year = models.PositiveSmallIntegerField(
        _("birth year"), null=True, blank=True, validators=[MinValueValidator(1900), MaxValueValidator(2100)]
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    village = models.ForeignKey(
        Area, verbose_name=_("village"), on_delete=models.PROTECT, related_name="legal_savvy_persons"
    )
    villager_group = models.CharField(_("villager group"), max_length=50, blank=True)
    source = models.CharField(_("source"), max_length=20, choices=Source.choices, default=Source.OTHER)
    nomination_route = models.CharField(
        _("nomination route"), max_length=20, choices=NominationRoute.choices, blank=True
    )
    certificate_no = models.CharField(_("certificate number"), max_length=40, blank=True)
    appointed_on = models.DateField(_("appointed on"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    removed_on = models.DateField(_("removed on"), null=True, blank=True)
    removal_reason = models.CharField(_("removal reason"), max_length=200, blank=True)
    advisor = models.ForeignKey(
        Advisor,
        verbose_name=_("paired advisor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="legal_savvy_persons",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["village__code", "name", "id"]
        verbose_name = _("legal-savvy person")
        verbose_name_plural = _("legal-savvy persons")
        constraints = [
            models.CheckConstraint(
                condition=(Q(status="active") & Q(removed_on__isnull=True))
                | (Q(status="removed") & Q(removed_on__isnull=False)),
                name="savvy_removed_has_date",
            ),
            models.CheckConstraint(
                condition=Q(removed_on__isnull=True) | Q(removed_on__gte=F("appointed_on")),
                name="savvy_removed_after_appointed",
            ),
            # The same person must not be registered twice in a village (import and services check
            # first and explain; these catch a concurrent second writer).
            models.UniqueConstraint(
                fields=["village", "name", "phone"], condition=~Q(phone=""), name="savvy_unique_name_phone_in_village"
            ),
            models.UniqueConstraint(
                fields=["village", "certificate_no"],
                condition=~Q(certificate_no=""),
                name="savvy_unique_certificate_in_village",
            ),
        ]
        indexes = [models.Index(fields=["village", "status"]), models.Index(fields=["appointed_on"])]

    def __str__(self):
        return f"{self.name} ({self.village.name})"


class LegalSavvyTerm(models.Model):
    """One appointment period. Active on D: appointed_on <= D and (removed_on is null or > D)."""

    person = models.ForeignKey(LegalSavvyPerson, on_delete=models.CASCADE, related_name="terms")
    village = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    appointed_on = models.DateField(_("appointed on"))
    removed_on = models.DateField(_("removed on"), null=True, blank=True)
    removal_reason = models.CharField(_("removal reason"), max_length=200, blank=True)

    class Meta:
        ordering = ["person_id", "appointed_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(removed_on__isnull=True) | Q(removed_on__gte=F("appointed_on")),
                name="savvy_term_removed_after_appointed",
            ),
            # At most one open (not yet ended) term per person.
            models.UniqueConstraint(
                fields=["person"], condition=Q(removed_on__isnull=True), name="savvy_one_open_term"
            ),
        ]
        indexes = [models.Index(fields=["village", "appointed_on"])]


class Training(models.Model):
    person = models.ForeignKey(
        LegalSavvyPerson, verbose_name=_("person"), on_delete=models.PROTECT, related_name="trainings"
    )
    date = models.DateField(_("date"))
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1)
    topic = models.CharField(_("topic"), max_length=200)
    passed = models.BooleanField(_("passed the examination"), null=True, blank=True)
    # Trainings recorded together for one session share a batch id.
    session = models.CharField(max_length=32, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "id"]
        verbose_name = _("training")
        verbose_name_plural = _("trainings")
        constraints = [models.CheckConstraint(condition=Q(hours__gt=0), name="training_hours_positive")]


class LegalSavvyActivity(models.Model):
    """What a legal-savvy person did as a volunteer."""

    class Kind(models.TextChoices):
        DISPUTE_RESOLVED = "dispute_resolved", _("Dispute helped resolve")
        RISK_REPORTED = "risk_reported", _("Risk screened and reported")
        REFERRAL = "referral", _("Referral to the advisor or legal aid")
        OUTREACH_HELPED = "outreach_helped", _("Outreach helped")
        OTHER = "other", _("Other")

    person = models.ForeignKey(
        LegalSavvyPerson, verbose_name=_("person"), on_delete=models.PROTECT, related_name="activities"
    )
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    count = models.PositiveIntegerField(_("count"), default=1, validators=[MinValueValidator(1)])
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1, default=0)
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "id"]
        verbose_name = _("volunteer activity")
        verbose_name_plural = _("volunteer activities")
        constraints = [
            models.CheckConstraint(condition=Q(count__gte=1), name="activity_count_positive"),
            models.CheckConstraint(condition=Q(hours__gte=0), name="activity_hours_non_negative"),
        ]
        indexes = [models.Index(fields=["date", "kind"])]


class VillageHonor(models.Model):
    """A village's honor such as 民主法治示范村, or a 学法用法示范户 counted in the village."""

    class Title(models.TextChoices):
        DEMOCRACY_RULE_OF_LAW_VILLAGE = "democracy_rule_of_law_village", _("Democracy and rule-of-law model village")
        LAW_LEARNING_HOUSEHOLD = "law_learning_household", _("Law-learning model household")

    class Level(models.TextChoices):
        NATIONAL = "national", _("National")
        PROVINCIAL = "provincial", _("Provincial")
        CITY = "city", _("City")
        DISTRICT = "district", _("District")

    class Status(models.TextChoices):
        AWARDED = "awarded", _("Awarded")
        CANDIDATE = "candidate", _("Candidate")

    village = models.ForeignKey(
        Area,
        verbose_name=_("village"),
        on_delete=models.PROTECT,
        related_name="honors",
        limit_choices_to={"level": "village"},
    )
    title = models.CharField(_("honor"), max_length=40, choices=Title.choices)
    level = models.CharField(_("level"), max_length=12, choices=Level.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.AWARDED)
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(MIN_YEAR), MaxValueValidator(MAX_YEAR)]
    )
    # For a law-learning household: whose household.
    holder = models.CharField(_("holder (household)"), max_length=100, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        # Moved from the places app; the table keeps its name.
        db_table = "places_villagehonor"
        ordering = ["-year", "village__code"]
        verbose_name = _("village honor")
        verbose_name_plural = _("village honors")
        indexes = [models.Index(fields=["year", "title"])]

    def __str__(self):
        return f"{self.village.name} {self.get_title_display()} {self.year}"
