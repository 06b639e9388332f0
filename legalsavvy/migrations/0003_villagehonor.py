import django.core.validators
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('legalsavvy', '0002_person_dedup_and_open_term'),
        ('places', '0003_delete_villagehonor'),
    ]

    # The table was created by places/0001 as places_villagehonor; only the state moves here.
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='VillageHonor',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('title', models.CharField(choices=[('democracy_rule_of_law_village', 'Democracy and rule-of-law model village'), ('law_learning_household', 'Law-learning model household')], max_length=40, verbose_name='honor')),
                        ('level', models.CharField(choices=[('national', 'National'), ('provincial', 'Provincial'), ('city', 'City'), ('district', 'District')], max_length=12, verbose_name='level')),
                        ('status', models.CharField(choices=[('awarded', 'Awarded'), ('candidate', 'Candidate')], default='awarded', max_length=10, verbose_name='status')),
                        ('year', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1980), django.core.validators.MaxValueValidator(2100)], verbose_name='year')),
                        ('holder', models.CharField(blank=True, max_length=100, verbose_name='holder (household)')),
                        ('notes', models.TextField(blank=True, verbose_name='notes')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('village', models.ForeignKey(limit_choices_to={'level': 'village'}, on_delete=django.db.models.deletion.PROTECT, related_name='honors', to='places.area', verbose_name='village')),
                    ],
                    options={
                        'verbose_name': 'village honor',
                        'verbose_name_plural': 'village honors',
                        'db_table': 'places_villagehonor',
                        'ordering': ['-year', 'village__code'],
                        'indexes': [models.Index(fields=['year', 'title'], name='places_vill_year_0b3093_idx')],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
