"""Sending an activation link by email (optional: only when ``EMAIL_HOST`` is configured)."""

from django.core.mail import send_mail
from django.utils.translation import gettext as _

from accounts import audit
from accounts.models import AuditEntry


def send_link(user, link, url, *, by):
    subject = _("Your Pufa Ledger login")
    body = _(
        "Hello %(name)s,\n\nyour username is %(username)s. Open this link on your phone to set your password "
        "(it works once, until %(date)s):\n\n%(url)s\n\nSlip code: %(code)s"
    ) % {
        "name": user.display_name,
        "username": user.username,
        "date": link.expires_at.date().isoformat(),
        "url": url,
        "code": link.short_code,
    }
    send_mail(subject, body, None, [user.email])
    audit.record(
        by, user, AuditEntry.Action.UPDATE, changes={"activation_link_sent": [None, user.email]}, summary=user.username
    )
