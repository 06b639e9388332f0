"""``manage.py send_reminders``: deliver the reminders due now (run it from cron, e.g. hourly)."""

from django.core.management.base import BaseCommand

from notifications.run import send_reminders


class Command(BaseCommand):
    help = "Send the reminders due now (each at most once per period; muted kinds are skipped)."

    def handle(self, *args, **options):
        sent = send_reminders()
        total = sum(sent.values())
        self.stdout.write(f"{total} reminder(s) sent" + "".join(f"; {kind}: {n}" for kind, n in sorted(sent.items())))
