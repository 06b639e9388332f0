from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("outreach", "0002_event_area_status_start_index"),
    ]

    # FiguresSnapshot moved to the reports app; its table stays (state only).
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(
                    name="FiguresSnapshot",
                ),
            ],
            database_operations=[],
        ),
    ]
