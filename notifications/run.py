"""Run every reminder rule and deliver what it finds (the command and the Celery task call this)."""

from django.conf import settings
from django.utils import translation

from common.clock import local_now

from .models import MutedKind
from .notify import notify
from .rules import RULES


def send_reminders(now=None):
    """Deliver every reminder due at ``now`` (default: the local time); returns {kind: number sent}.
    Safe to run as often as wanted: each reminder goes out once per period."""
    now = now or local_now()
    sent = {}
    with translation.override(settings.LANGUAGE_CODE):
        muted = set(MutedKind.objects.values_list("user_id", "kind"))
        for rule in RULES:
            for reminder in rule(now):
                if (reminder.user.pk, reminder.kind) in muted:
                    continue
                if notify(reminder.user, reminder.kind, reminder.message, reminder.url, reminder.period_key):
                    sent[reminder.kind] = sent.get(reminder.kind, 0) + 1
    return sent
