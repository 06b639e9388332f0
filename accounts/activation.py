"""One-time activation links: issue (a new one revokes the old), look up, redeem (set the password).

The secret is random (``secrets.token_urlsafe``) and only its SHA-256 is stored, so a database copy
does not let anyone log in. The same link resets a forgotten password.
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from . import audit
from .errors import AccountError, AccountRefused
from .models import ActivationLink, AuditEntry, User

SHORT_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read out over a counter


def _hash(secret):
    return hashlib.sha256(secret.encode()).hexdigest()


def _short_code():
    return "".join(secrets.choice(SHORT_CODE_ALPHABET) for _ in range(8))


def activation_path(secret):
    return reverse("activate", args=[secret])


def activation_url(secret, request=None):
    """The absolute link: ``PUBLIC_BASE_URL`` when set, else the request's host."""
    path = activation_path(secret)
    if settings.PUBLIC_BASE_URL:
        return settings.PUBLIC_BASE_URL + path
    return request.build_absolute_uri(path) if request is not None else path


def issue_link(user, *, by, purpose=None):
    """A new link for ``user``; their open links stop working. Returns (link, secret).

    Callers check that ``by`` may manage ``user`` (``people.access``); commands pass ``by=None``.
    """
    now = timezone.now()
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        if not user.is_active:
            raise AccountRefused(AccountError.USER_INACTIVE)
        ActivationLink.objects.filter(user=user, used_at=None, revoked_at=None).update(revoked_at=now)
        if purpose is None:
            purpose = ActivationLink.Purpose.RESET if user.has_usable_password() else ActivationLink.Purpose.ACTIVATE
        secret = secrets.token_urlsafe(32)
        link = ActivationLink.objects.create(
            user=user,
            key_hash=_hash(secret),
            short_code=_short_code(),
            purpose=purpose,
            created_by=by if (by is not None and by.is_authenticated) else None,
            expires_at=now + timedelta(days=settings.ACTIVATION_LINK_DAYS),
        )
        audit.record(
            by,
            user,
            AuditEntry.Action.UPDATE,
            changes={"activation_link": [None, link.short_code]},
            area_code=user.scope.code if user.scope_id else "",
            summary=f"{user.username}: {link.get_purpose_display()} {link.short_code}",
        )
    return link, secret


def _check(link):
    now = timezone.now()
    if link is None:
        raise AccountRefused(AccountError.LINK_INVALID)
    if link.used_at is not None:
        raise AccountRefused(AccountError.LINK_USED)
    if link.revoked_at is not None:
        raise AccountRefused(AccountError.LINK_REVOKED)
    if link.expires_at <= now:
        raise AccountRefused(AccountError.LINK_EXPIRED)
    if not link.user.is_active:
        raise AccountRefused(AccountError.USER_INACTIVE)
    return link


def open_link(secret):
    """The usable link for ``secret`` (with its user) or an ``AccountRefused`` saying why not."""
    link = ActivationLink.objects.select_related("user", "user__scope").filter(key_hash=_hash(secret or "")).first()
    return _check(link)


def redeem_link(secret, password):
    """Set the password (Django's validators) and use up the link. Returns the user."""
    with transaction.atomic():
        link = (
            ActivationLink.objects.select_for_update(of=("self",))
            .select_related("user")
            .filter(key_hash=_hash(secret or ""))
            .first()
        )
        _check(link)
        user = User.objects.select_for_update().get(pk=link.user_id)
        validate_password(password, user)
        user.set_password(password)
        user.save(update_fields=["password"])
        link.used_at = timezone.now()
        link.save(update_fields=["used_at"])
        audit.record(
            user,
            user,
            AuditEntry.Action.UPDATE,
            changes={"password": [None, "set"]},
            area_code=user.scope.code if user.scope_id else "",
            summary=f"{user.username}: {link.get_purpose_display()} {link.short_code}",
        )
    return user


def sign_out_everywhere(user):
    """End every session of ``user`` (the session hash includes ``login_epoch``)."""
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        locked.login_epoch += 1
        locked.save(update_fields=["login_epoch"])
        audit.record(user, locked, AuditEntry.Action.UPDATE, changes={"sessions": ["open", "ended"]})
    user.login_epoch = locked.login_epoch
    return locked
