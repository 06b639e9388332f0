"""On PostgreSQL the database itself refuses two assignments of one village on the same day.

SQLite has no exclusion constraints; there ``advisors.services.assign_advisor`` (which also runs
on PostgreSQL, with the village row locked) is the only guard.
"""

from django.db import migrations

CONSTRAINT = "assignment_no_overlap"


def add_exclusion(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    schema_editor.execute(
        f"ALTER TABLE advisors_assignment ADD CONSTRAINT {CONSTRAINT} "
        "EXCLUDE USING gist (village_id WITH =, daterange(starts_on, ends_on, '[]') WITH &&)"
    )


def drop_exclusion(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"ALTER TABLE advisors_assignment DROP CONSTRAINT IF EXISTS {CONSTRAINT}")


class Migration(migrations.Migration):

    dependencies = [
        ("advisors", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(add_exclusion, drop_exclusion),
    ]
