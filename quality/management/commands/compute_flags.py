"""``manage.py compute_flags [--year Y] [--area CODE]``: (re)compute the data-quality flags."""

from django.core.management.base import BaseCommand, CommandError

from common.clock import MAX_YEAR, MIN_YEAR, local_today, year_bounds
from places.models import Area
from quality.compute import compute_flags


class Command(BaseCommand):
    help = "Recompute the data-quality flags of a year (default: this year) under an area (default: all)."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, default=None)
        parser.add_argument("--area", default="", help="Area code (district, town or village); default: all areas.")

    def handle(self, *args, year=None, area="", **options):
        year = year or local_today().year
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise CommandError(f"--year must be between {MIN_YEAR} and {MAX_YEAR}")
        if area and not Area.objects.filter(code=area).exists():
            raise CommandError(f"No area with code {area}")
        first, last, _start, _end = year_bounds(year)
        result = compute_flags(area, first, last)
        self.stdout.write(
            f"{year} {area or 'all areas'}: {result.found} flagged, {result.created} new, {result.removed} removed"
        )
