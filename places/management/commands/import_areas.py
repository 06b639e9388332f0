from django.core.management.base import BaseCommand, CommandError

from places.importer import AreaFileError, import_areas, read_file


class Command(BaseCommand):
    help = "Import areas from CSV (code,name,level,parent,kind,lat,lon) or GeoJSON. All rows or none."

    def add_arguments(self, parser):
        parser.add_argument("file", help="a .csv, .geojson or .json file")
        parser.add_argument("--dry-run", action="store_true", help="check and report, change nothing")

    def handle(self, *args, **options):
        try:
            rows = read_file(options["file"])
        except FileNotFoundError:
            raise CommandError(f"No such file: {options['file']}") from None
        except (AreaFileError, UnicodeDecodeError) as exc:
            raise CommandError(str(exc)) from None
        result = import_areas(rows, dry_run=options["dry_run"])
        if result.errors:
            for error in result.errors:
                self.stderr.write(str(error))
            raise CommandError(f"{len(result.errors)} bad row(s); nothing was imported.")
        prefix = "Dry run: would create" if result.dry_run else "Created"
        self.stdout.write(
            f"{prefix} {len(result.created)}, "
            f"{'would update' if result.dry_run else 'updated'} {len(result.updated)}, "
            f"unchanged {result.unchanged} area(s)."
        )
