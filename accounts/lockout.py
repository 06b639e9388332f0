"""Login throttling (django-axes): the answer when an account or an address is locked, and the audit
entry each lock-out writes. Settings: ``LOGIN_FAILURE_LIMIT``, ``LOGIN_LOCKOUT_MINUTES``."""

from axes.signals import user_locked_out
from django.conf import settings
from django.dispatch import receiver
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from .models import AuditEntry, User


def wait_minutes():
    return settings.LOGIN_LOCKOUT_MINUTES


def lockout_response(request, original_response=None, credentials=None):
    """429 with the wait time: a page in the site layout, or JSON under /api/."""
    message = _("Too many failed logins. Wait %(minutes)s minutes, then try again.") % {"minutes": wait_minutes()}
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": message}, status=429)
    else:
        response = render(request, "accounts/locked.html", {"message": message}, status=429)
    response["Retry-After"] = str(wait_minutes() * 60)
    return response


@receiver(user_locked_out)
def audit_lockout(sender, request=None, username=None, ip_address=None, **kwargs):
    """Each lock-out is an AuditEntry (action ``lock``): the username tried and the address."""
    user = User.objects.filter(username=username).select_related("scope").first() if username else None
    AuditEntry.objects.create(
        user=None,
        action=AuditEntry.Action.LOCK,
        model="accounts.login",
        object_id=str(user.pk if user else "")[:40],
        summary=f"{username or '?'} @ {ip_address or '?'}"[:300],
        changes={"username": username or "", "ip_address": ip_address or ""},
        area_code=user.scope.code if user is not None and user.scope_id else "",
    )
