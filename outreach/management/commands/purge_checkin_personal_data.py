"""Blank names and phones of check-ins at old events, keeping every count and breakdown."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from outreach.services import purge_personal_data


class Command(BaseCommand):
    help = (
        "Blank the names and phone numbers of check-ins at events that ended more than DAYS days ago. "
        "The rows stay (age group, gender, occupation, home village, annulled flag), so attendee counts "
        "and breakdowns do not change."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than",
            type=int,
            required=True,
            metavar="DAYS",
            help="Purge check-ins of events that ended more than DAYS days ago.",
        )

    def handle(self, *args, older_than, **options):
        try:
            purged = purge_personal_data(older_than)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(f"Purged the personal data of {purged} check-ins (events ended over {older_than} days ago).")
