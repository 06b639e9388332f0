from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('places', '0002_honor_label'),
    ]

    # VillageHonor moved to the legalsavvy app; its table stays (state only).
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(
                    name='VillageHonor',
                ),
            ],
            database_operations=[],
        ),
    ]
