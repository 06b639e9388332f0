from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from legalsavvy.importer import import_roster

ACTIONS = ("created", "changed", "removed", "reappointed", "unchanged")


class Command(BaseCommand):
    help = (
        "Import a roster of legal-savvy persons (.xlsx or .csv; headers 镇街/town, 村居/village, 姓名/name, "
        "性别/gender, 出生年份/birth_year, 电话/phone, 来源/source, 任命日期/appointed_on, 证书编号/certificate_no). "
        "All rows or none: any bad row is listed and nothing is imported."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="an .xlsx or .csv file")
        parser.add_argument("--dry-run", action="store_true", help="check and report what would change; write nothing")
        parser.add_argument("--area", default="", help="only accept villages under this area code")
        parser.add_argument(
            "--update-existing",
            action="store_true",
            help="a row naming a registered person updates, removes (状态/status, 撤销日期/removed_on) or "
            "re-appoints them instead of being refused",
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        result = import_roster(
            path,
            dry_run=options["dry_run"],
            scope=options["area"],
            progress=lambda rows: self.stdout.write(f"… {rows} rows read"),
            match_existing=options["update_existing"],
        )
        if result.file_error:
            raise CommandError(result.file_error)
        if result.errors:
            for error in result.errors:
                self.stderr.write(str(error))
            raise CommandError(
                f"{len(result.errors)} problem(s) in {len({e.line for e in result.errors})} "
                f"of {result.rows} row(s); nothing was imported."
            )
        for change in result.villages:
            self.stdout.write(
                f"{change.code} {change.town}{change.name}: {change.active_now} → {change.active_after} active"
                + ("" if change.meets_quota_after else " (under quota)")
            )
        if options["update_existing"]:
            counts = ", ".join(f"{result.counts.get(action, 0)} {action}" for action in ACTIONS)
            verb = "Dry run, nothing written" if result.dry_run else "Done"
            self.stdout.write(self.style.SUCCESS(f"{verb}: {counts} of {result.rows} row(s)."))
        elif result.dry_run:
            self.stdout.write(
                f"Dry run: {result.rows} row(s) checked, would create {sum(c.adding for c in result.villages)}"
                f" person(s) in {len(result.villages)} village(s). Nothing was written."
            )
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Created {result.created} person(s) in {len(result.villages)} village(s) from {result.rows} row(s)."
                )
            )
