"""The thirteen topics of the bureau's vocabulary (labels are English msgids, translated on display)."""

from django.db import migrations

SEED = (
    ("marriage_family", "Marriage and family"),
    ("inheritance", "Inheritance"),
    ("land", "Land contracting and expropriation"),
    ("labour", "Labour disputes and unpaid wages"),
    ("neighbours", "Neighbours and adjoining rights"),
    ("contracts_debts", "Contracts and debts"),
    ("consumer", "Consumer rights"),
    ("telecom_fraud", "Telecom and online fraud"),
    ("traffic", "Traffic accidents"),
    ("minors", "Protection of minors"),
    ("elderly", "Rights of the elderly"),
    ("administrative", "Administration and petitions"),
    ("other", "Other"),
)


def seed(apps, schema_editor):
    Topic = apps.get_model("topics", "Topic")
    for position, (code, label) in enumerate(SEED, start=1):
        Topic.objects.get_or_create(code=code, defaults={"label": label, "position": position * 10})


def unseed(apps, schema_editor):
    apps.get_model("topics", "Topic").objects.filter(code__in=[code for code, _label in SEED]).delete()


class Migration(migrations.Migration):
    dependencies = [("topics", "0001_topic")]

    operations = [migrations.RunPython(seed, unseed)]
