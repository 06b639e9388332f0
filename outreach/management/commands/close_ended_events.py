"""Mark held the events whose end has passed with check-ins or walk-ins (run from cron)."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from outreach.services import close_ended_events


class Command(BaseCommand):
    help = (
        "Mark as held every planned event whose end has passed and which has check-ins or walk-ins "
        "(audited; the organizer can change it back, and it is then left alone). Events with neither "
        "stay planned and are listed on their organizer's home page. Safe to run as often as you like."
    )

    def handle(self, *args, **options):
        closed = close_ended_events(timezone.now())
        self.stdout.write(f"Marked {len(closed)} ended events as held.")
