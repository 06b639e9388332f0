"""API tokens: named tokens (``ApiToken``, hashed) and DRF's own ``Token`` from ``POST /api/auth/token/``.

``TokenAuthentication`` accepts either under ``Authorization: Token <key>``, refuses inactive users,
and notes when a named token was last used (at most once a minute, so reads stay cheap).
"""

import hashlib
import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from . import audit
from .models import ApiToken, AuditEntry

TOUCH_EVERY = timedelta(minutes=1)


def _hash(key):
    return hashlib.sha256(key.encode()).hexdigest()


def create_token(*, by, user, name):
    """A new named token for ``user``; returns (token, key). The key is shown once and never stored."""
    key = secrets.token_hex(20)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user, name=name.strip()[:80], key_hash=_hash(key), prefix=key[:8], created_by=by
        )
        audit.record(by, token, AuditEntry.Action.CREATE, summary=f"{user.username}: {token}")
    return token, key


def revoke_token(*, by, token):
    with transaction.atomic():
        locked = ApiToken.objects.select_for_update().filter(pk=token.pk).first()
        if locked is None:
            return
        audit.record(by, locked, AuditEntry.Action.DELETE, summary=f"{locked.user.username}: {locked}")
        locked.delete()


class TokenAuthentication(authentication.TokenAuthentication):
    def authenticate_credentials(self, key):
        token = ApiToken.objects.select_related("user").filter(key_hash=_hash(key)).first()
        if token is None:
            return super().authenticate_credentials(key)  # DRF's Token (POST /api/auth/token/)
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at > TOUCH_EVERY:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user, token
