import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('outreach', '0003_delete_figuressnapshot'),
        ('places', '0003_delete_villagehonor'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    # The table was created by outreach/0001 as outreach_figuressnapshot; only the state moves here.
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='FiguresSnapshot',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('year', models.PositiveSmallIntegerField(verbose_name='year')),
                        ('figures', models.JSONField(verbose_name='figures')),
                        ('closed_at', models.DateTimeField(auto_now_add=True, verbose_name='closed at')),
                        ('reason', models.TextField(blank=True, verbose_name='reason for re-closing')),
                        ('superseded', models.BooleanField(default=False)),
                        ('area', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='places.area', verbose_name='area')),
                        ('closed_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'closed-year snapshot',
                        'verbose_name_plural': 'closed-year snapshots',
                        'db_table': 'outreach_figuressnapshot',
                        'ordering': ['-closed_at', '-id'],
                        'constraints': [models.UniqueConstraint(condition=models.Q(('superseded', False)), fields=('year', 'area'), name='snapshot_one_current_per_year_area')],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
