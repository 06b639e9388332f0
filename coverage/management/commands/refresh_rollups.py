"""manage.py refresh_rollups [--year Y …] [--all] — rebuild the coverage roll-ups (coverage.rollups)."""

from django.core.management.base import BaseCommand

from coverage.rollups import refresh_rollups, years_with_data


class Command(BaseCommand):
    help = "Rebuild the coverage roll-ups: this year and the last by default, or the given years, or --all."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, action="append", dest="years", help="A year to rebuild (repeatable).")
        parser.add_argument("--all", action="store_true", help="Every year with an event or a duty shift.")

    def handle(self, *args, years=None, all=False, **options):
        if all:
            years = years_with_data()
        done = refresh_rollups(years)
        self.stdout.write(f"Coverage roll-ups rebuilt: {', '.join(map(str, done)) or 'none'}")
