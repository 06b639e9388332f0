from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.crypto import salted_hmac
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
    # Raised by "sign out everywhere": part of the session hash, so every existing session ends.
    login_epoch = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def _get_session_auth_hash(self, secret=None):
        key_salt = "accounts.User.get_session_auth_hash"
        return salted_hmac(
            key_salt, f"{self.password}:{self.login_epoch}", secret=secret, algorithm="sha256"
        ).hexdigest()

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
        LOCK = "lock", _("locked out")

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


class ActivationLink(models.Model):
    """A one-time link that lets a person set their password (a new login, or a forgotten password).

    Only a hash of the secret is stored; the link expires (``ACTIVATION_LINK_DAYS``), works once, and
    issuing a new one revokes the person's open links. Written only by ``accounts.activation``.
    """

    class Purpose(models.TextChoices):
        ACTIVATE = "activate", _("first login")
        RESET = "reset", _("password reset")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="activation_links")
    key_hash = models.CharField(max_length=64, unique=True)
    short_code = models.CharField(_("short code"), max_length=12)
    purpose = models.CharField(_("purpose"), max_length=10, choices=Purpose.choices, default=Purpose.ACTIVATE)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    expires_at = models.DateTimeField(_("expires"))
    used_at = models.DateTimeField(_("used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("activation link")
        verbose_name_plural = _("activation links")

    def __str__(self):
        return f"{self.user} {self.short_code}"


class ApiToken(models.Model):
    """A named API token for another system (several per user, unlike DRF's one ``Token``).

    Only a SHA-256 of the key is stored; ``prefix`` (its first characters) tells tokens apart on the
    page. Used with ``Authorization: Token <key>`` (``accounts.tokens.TokenAuthentication``); deleted
    when revoked or when its user is deactivated.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=80)
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(_("key starts with"), max_length=8)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"
