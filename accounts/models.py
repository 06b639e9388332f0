from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person who logs in. ``role`` says what they do; ``scope`` is the area they may see."""

    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("Coordinator")
        TOWN_OFFICER = "town_officer", _("Town justice officer")
        ORGANIZER = "organizer", _("Event organizer")
        ADVISOR = "advisor", _("Village legal advisor")

    role = models.CharField(_("role"), max_length=20, choices=Role.choices, blank=True)
    scope = models.ForeignKey(
        "places.Area",
        verbose_name=_("scope"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The area this user works in; they see records at or below it."),
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    @property
    def display_name(self):
        return self.get_full_name() or self.username

    @property
    def is_coordinator(self):
        return self.is_superuser or self.role == self.Role.COORDINATOR

    @property
    def is_town_officer(self):
        return self.role == self.Role.TOWN_OFFICER

    @property
    def is_organizer(self):
        return self.role == self.Role.ORGANIZER

    @property
    def is_advisor(self):
        return self.role == self.Role.ADVISOR


class AuditEntry(models.Model):
    """One change to a ledger record: who, when, what, and which area and date it concerns.

    Services write these (``accounts.audit.record``); a closed year lists the entries made after
    it was closed whose record date falls in that year, so late edits show who made them.
    """

    class Action(models.TextChoices):
        CREATE = "create", _("created")
        UPDATE = "update", _("changed")
        DELETE = "delete", _("deleted")
        APPROVE = "approve", _("approved")
        ANNUL = "annul", _("annulled")

    user = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    model = models.CharField(_("record type"), max_length=60)
    object_id = models.CharField(max_length=40)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    changes = models.JSONField(default=dict, blank=True)
    # The area code and business date the record counts under (e.g. a shift's village and date).
    area_code = models.CharField(max_length=12, blank=True, db_index=True)
    record_date = models.DateField(null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
